package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qise.portal.circuits.CircuitService;
import org.qise.portal.people.Cohort;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;

/** The web pages work with plain forms (no JavaScript): create, upload, edit, fork, comment, invite, manage people. */
class WebPagesTest {
    static final String GHZ = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\nh q[0];\ncx q[0],q[1];\ncx q[1],q[2];\n";

    static TestPortal portal;
    static Cohort cohort;
    static User admin;
    static User instructor;
    static User fellow;

    @BeforeAll
    static void start() {
        portal = TestPortal.start();
        cohort = portal.cohort("Page cohort");
        admin = portal.user("admin@example.org", Role.ADMIN, null);
        instructor = portal.user("teacher@example.org", Role.INSTRUCTOR, cohort);
        fellow = portal.user("fellow@example.org", Role.FELLOW, cohort);
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    /** The public id a redirect names, e.g. after creating a circuit. */
    static String refFromLocation(java.net.http.HttpResponse<String> r) {
        assertEquals(302, r.statusCode(), r.body());
        Matcher m = Pattern.compile("/circuits/([0-9a-z]{12})$").matcher(r.headers().firstValue("Location").orElseThrow());
        assertTrue(m.find(), r.headers().firstValue("Location").orElseThrow());
        return m.group(1);
    }

    /** The internal id the services use for a circuit's public id. */
    static long internal(String ref) {
        return portal.server.services().circuits().resolve(null, ref);
    }

    @Test
    void createEditForkAndCommentThroughForms() {
        Browser b = new Browser(portal);
        assertEquals(302, b.login("fellow@example.org", TestPortal.PASSWORD).statusCode());
        String ref = refFromLocation(b.submitMultipart("/circuits/new", "/circuits", Map.of("title", "Uploaded GHZ",
                "description", "Three qubits", "tags", "ghz, upload", "visibility", "cohort", "qasm", ""), "qasmFile", "ghz.qasm", GHZ));
        long id = internal(ref);
        var details = portal.server.services().circuits().get(fellow, id, null);
        assertEquals(GHZ, details.version().qasm());
        assertEquals(3, details.version().numQubits());
        assertEquals(3, details.version().numGates());
        String page = b.get("/circuits/" + ref).body();
        assertTrue(page.contains("3 qubits · 3 gates"), page);
        assertTrue(page.contains("<img src=\"/circuits/" + ref + "/diagram.svg?version=1\""), page);

        var svg = b.get("/circuits/" + ref + "/diagram.svg?version=1");
        assertEquals(200, svg.statusCode(), svg.body());
        assertTrue(svg.headers().firstValue("Content-Type").orElseThrow().startsWith("image/svg+xml"));
        assertTrue(svg.body().contains("<svg"), svg.body());
        assertTrue(svg.body().contains("</svg>"));
        assertTrue(svg.body().toLowerCase(java.util.Locale.ROOT).indexOf("<script") < 0);
        assertTrue(svg.headers().firstValue("Content-Security-Policy").orElseThrow().contains("default-src 'none'"));
        var svgDownload = b.get("/circuits/" + ref + "/diagram.svg?version=1&download=1");
        assertTrue(svgDownload.headers().firstValue("Content-Disposition").orElseThrow().contains(".svg"));
        assertEquals(svg.body(), svgDownload.body());

        var download = b.get("/circuits/" + ref + "/download.qasm");
        assertEquals(200, download.statusCode());
        assertEquals(GHZ, download.body());
        assertTrue(download.headers().firstValue("Content-Disposition").orElseThrow().contains("attachment"));

        String edited = GHZ + "measure q[0] -> c[0];\n";
        // An edit with an undeclared register is refused with the line, and nothing is saved.
        var bad = b.submitMultipart("/circuits/" + ref + "/edit", "/circuits/" + ref + "/edit", Map.of("title", "Uploaded GHZ",
                "description", "", "tags", "ghz", "visibility", "cohort", "qasm", edited), "qasmFile", "", "");
        assertEquals(422, bad.statusCode());
        assertTrue(bad.body().contains("circuit.qasm:7:"), bad.body());
        String fixed = GHZ.replace("qreg q[3];\n", "qreg q[3];\ncreg c[3];\n") + "measure q -> c;\n";
        var good = b.submitMultipart("/circuits/" + ref + "/edit", "/circuits/" + ref + "/edit", Map.of("title", "GHZ measured",
                "description", "now measured", "tags", "ghz", "visibility", "cohort", "qasm", fixed), "qasmFile", "", "");
        assertEquals(ref, refFromLocation(good));
        assertEquals(2, portal.server.services().circuits().get(fellow, id, null).version().version());
        assertTrue(b.get("/circuits/" + ref + "/versions").body().contains("GHZ measured"));

        Browser t = new Browser(portal);
        t.login("teacher@example.org", TestPortal.PASSWORD);
        long fork = internal(refFromLocation(t.submit("/circuits/" + ref, "/circuits/" + ref + "/fork", Map.of("version", "1"))));
        var forked = portal.server.services().circuits().get(instructor, fork, null);
        assertEquals(id, forked.forkedFromId());
        assertEquals(1, forked.forkedFromVersion());
        assertEquals(GHZ, forked.version().qasm());

        assertEquals(302, t.submit("/circuits/" + ref, "/circuits/" + ref + "/comments", Map.of("body", "Try **four** qubits")).statusCode());
        assertTrue(b.get("/circuits/" + ref).body().contains("Try <strong>four</strong> qubits"));
    }

    @Test
    void instructorsCreateInvitesThatRegisterIntoTheirCohort() {
        Browser t = new Browser(portal);
        t.login("teacher@example.org", TestPortal.PASSWORD);
        var posted = t.submit("/invites", "/invites", Map.of("role", "fellow", "cohort", "Page cohort", "uses", "3", "days", "7"));
        assertEquals(303, posted.statusCode(), "post/redirect/get: a reload creates no second invite");
        var r = t.get(posted.headers().firstValue("Location").orElseThrow());
        assertEquals(200, r.statusCode(), r.body());
        Matcher m = Pattern.compile("<pre class=\"token\">([^<]+)</pre>").matcher(r.body());
        assertTrue(m.find(), r.body());
        User registered = portal.server.services().users().register(new org.qise.portal.people.UserService.Registration(
                "invited@example.org", "an uncommon passphrase", "Invited", "Uni", "BR"), m.group(1));
        assertEquals(Role.FELLOW, registered.role());
        assertEquals("Page cohort", registered.cohorts().getFirst().name());

        Browser f = new Browser(portal);
        f.login("fellow@example.org", TestPortal.PASSWORD);
        assertEquals(403, f.get("/invites").statusCode());
        assertEquals(403, f.get("/admin/users").statusCode());
    }

    @Test
    void adminsChangeRolesAndTheAuditLogRecordsIt() {
        User target = portal.user("promote.me@example.org", Role.FELLOW, null);
        Browser a = new Browser(portal);
        a.login("admin@example.org", TestPortal.PASSWORD);
        assertEquals(302, a.submit("/admin/users", "/admin/users/" + target.id() + "/role", Map.of("role", "instructor")).statusCode());
        assertEquals(Role.INSTRUCTOR, portal.server.services().users().find(target.id()).orElseThrow().role());
        assertEquals(302, a.submit("/admin/users", "/admin/users/" + target.id() + "/cohort", Map.of("cohort", "Page cohort")).statusCode());
        assertTrue(portal.server.services().users().find(target.id()).orElseThrow().inCohort(cohort.id()));
        String people = a.get("/admin/users").body();
        assertTrue(people.contains("role-change"), people);
        assertTrue(people.contains("promote.me@example.org: fellow -&gt; instructor"), people);
        assertTrue(people.contains(">login<"), "logins are audited");
    }

    @Test
    void signedOutVisitorsAreSentToTheLoginPage() {
        Browser b = new Browser(portal);
        var r = b.get("/circuits/new");
        assertEquals(302, r.statusCode());
        assertEquals("/login?next=%2Fcircuits%2Fnew", r.headers().firstValue("Location").orElseThrow());
        assertEquals(200, b.get("/static/portal.css").statusCode());
        assertTrue(portal.server.services().circuits().list(null, new CircuitService.Filter(null, null, null)).stream()
                .allMatch(c -> c.visibility() == org.qise.portal.circuits.Visibility.PUBLIC));
    }
}
