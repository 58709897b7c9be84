package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qise.portal.people.Cohort;
import org.qise.portal.people.Role;

/** Who may see, edit, fork and delete a circuit, over the API and the pages. */
class CircuitAccessTest {
    static final String BELL = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n";

    static TestPortal portal;
    static String alice; // cohort A
    static String bob;   // cohort A
    static String carol; // cohort B
    static String admin;

    @BeforeAll
    static void start() {
        portal = TestPortal.start();
        Cohort a = portal.cohort("Cohort A");
        Cohort b = portal.cohort("Cohort B");
        alice = portal.token(portal.user("alice@example.org", Role.FELLOW, a));
        bob = portal.token(portal.user("bob@example.org", Role.FELLOW, a));
        carol = portal.token(portal.user("carol@example.org", Role.FELLOW, b));
        admin = portal.token(portal.user("admin@example.org", Role.ADMIN, null));
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    static String create(String token, String title, String visibility, List<String> tags) {
        var r = portal.json("POST", "/api/v1/circuits", token,
                Map.of("title", title, "description", "about " + title, "qasm", BELL, "visibility", visibility, "tags", tags));
        assertStatus(201, r);
        assertEquals(1, parse(r).get("version").asInt());
        return parse(r).get("id").asText();
    }

    static List<String> listedIds(String token, String query) {
        var r = portal.get("/api/v1/circuits" + query, token);
        assertStatus(200, r);
        return StreamSupport.stream(parse(r).spliterator(), false).map(n -> n.get("id").asText()).toList();
    }

    @Test
    void anotherFellowsPrivateCircuitIsNotFoundEverywhere() {
        String id = create(alice, "Alice's secret", "private", List.of());
        assertStatus(200, portal.get("/api/v1/circuits/" + id, alice));
        assertStatus(200, portal.get("/api/v1/circuits/" + id, admin));
        for (String path : List.of("", "/versions", "/comments")) {
            assertStatus(404, portal.get("/api/v1/circuits/" + id + path, bob));
            assertStatus(404, portal.get("/api/v1/circuits/" + id + path, null));
        }
        var edit = portal.json("PUT", "/api/v1/circuits/" + id, bob, Map.of("title", "mine now", "qasm", BELL));
        assertStatus(404, edit);
        assertStatus(404, portal.json("POST", "/api/v1/circuits/" + id + "/fork", bob, ""));
        assertStatus(404, portal.json("DELETE", "/api/v1/circuits/" + id, bob, ""));
        assertStatus(404, portal.json("POST", "/api/v1/circuits/" + id + "/comments", bob, Map.of("body", "hi")));
        assertFalse(listedIds(bob, "").contains(id));
        assertTrue(listedIds(alice, "").contains(id));

        Browser b = new Browser(portal);
        b.login("bob@example.org", TestPortal.PASSWORD);
        for (String page : List.of("", "/versions", "/download.qasm", "/diagram.svg", "/edit", "/diff?from=1&to=1")) {
            assertEquals(404, b.get("/circuits/" + id + page).statusCode(), page);
        }
        assertEquals(404, b.submit("/", "/circuits/" + id + "/edit", Map.of("title", "x", "qasm", BELL)).statusCode());
        assertEquals("Alice's secret", parse(portal.get("/api/v1/circuits/" + id, alice)).get("title").asText());
    }

    @Test
    void cohortCircuitIsVisibleInsideTheCohortOnly() {
        String id = create(alice, "For cohort A", "cohort", List.of("cohort-test"));
        JsonNode seenByBob = parse(portal.get("/api/v1/circuits/" + id, bob));
        assertEquals("Cohort A", seenByBob.get("cohort").asText());
        assertEquals(BELL, seenByBob.get("qasm").asText());
        assertStatus(404, portal.get("/api/v1/circuits/" + id, carol));
        assertStatus(404, portal.get("/api/v1/circuits/" + id, null));
        assertTrue(listedIds(bob, "?tag=cohort-test").contains(id));
        assertFalse(listedIds(carol, "?tag=cohort-test").contains(id));
        assertFalse(listedIds(null, "?tag=cohort-test").contains(id));

        Browser c = new Browser(portal);
        c.login("carol@example.org", TestPortal.PASSWORD);
        assertEquals(404, c.get("/circuits/" + id).statusCode());
        assertFalse(c.get("/?tag=cohort-test").body().contains("For cohort A"));
        Browser b = new Browser(portal);
        b.login("bob@example.org", TestPortal.PASSWORD);
        assertEquals(200, b.get("/circuits/" + id).statusCode());
    }

    @Test
    void aMemberOfSeveralCohortsChoosesWhichOneSees() {
        Cohort a = portal.cohort("Cohort A");
        Cohort b = portal.cohort("Cohort B");
        var both = portal.server.services().users().createUser(new org.qise.portal.people.UserService.Registration(
                "both@example.org", TestPortal.PASSWORD, "Both", "Uni", "CH"), Role.INSTRUCTOR, a.id());
        portal.server.services().users().addToCohort(portal.server.services().users().findByEmail("admin@example.org").orElseThrow(),
                both.id(), b);
        String token = portal.token(both);
        var r = portal.json("POST", "/api/v1/circuits", token, Map.of("title", "For B", "qasm", BELL, "visibility", "cohort", "cohort", "Cohort B"));
        assertStatus(201, r);
        String id = parse(r).get("id").asText();
        assertStatus(200, portal.get("/api/v1/circuits/" + id, carol));
        assertStatus(404, portal.get("/api/v1/circuits/" + id, bob));
        assertStatus(200, portal.json("PUT", "/api/v1/circuits/" + id, token, Map.of("title", "For A now", "qasm", BELL, "cohort", "Cohort A")));
        assertStatus(404, portal.get("/api/v1/circuits/" + id, carol));
        assertStatus(200, portal.get("/api/v1/circuits/" + id, bob));
        var notMine = portal.json("POST", "/api/v1/circuits", bob, Map.of("title", "x", "qasm", BELL, "visibility", "cohort", "cohort", "Cohort B"));
        assertStatus(400, notMine);
        assertTrue(parse(notMine).get("error").asText().contains("not in a cohort named 'Cohort B'"));
    }

    @Test
    void onlyTheOwnerEditsAndEachEditIsANewVersion() {
        String id = create(alice, "Versioned", "cohort", List.of("v"));
        String v2 = BELL.replace("h q[0];", "x q[0];\nh q[0];");
        assertStatus(403, portal.json("PUT", "/api/v1/circuits/" + id, bob, Map.of("title", "hijack", "qasm", v2)));
        assertStatus(403, portal.json("PUT", "/api/v1/circuits/" + id, admin, Map.of("title", "admins moderate, not edit", "qasm", v2)));
        var edit = portal.json("PUT", "/api/v1/circuits/" + id, alice, Map.of("title", "Versioned (2)", "qasm", v2));
        assertStatus(200, edit);
        assertEquals(2, parse(edit).get("version").asInt());

        JsonNode latest = parse(portal.get("/api/v1/circuits/" + id, bob));
        assertEquals(2, latest.get("version").asInt());
        assertEquals(v2, latest.get("qasm").asText());
        assertEquals("cohort", latest.get("visibility").asText(), "an edit without visibility keeps it");
        assertEquals(BELL, parse(portal.get("/api/v1/circuits/" + id + "?version=1", bob)).get("qasm").asText());
        JsonNode versions = parse(portal.get("/api/v1/circuits/" + id + "/versions", bob));
        assertEquals(2, versions.size());
        assertEquals(2, versions.get(0).get("version").asInt());
        assertEquals("Versioned", versions.get(1).get("title").asText());

        JsonNode apiDiff = parse(portal.get("/api/v1/circuits/" + id + "/diff?from=1&to=2", bob));
        assertEquals(1, StreamSupport.stream(apiDiff.spliterator(), false)
                .filter(l -> l.get("kind").asText().equals("+") && l.get("text").asText().equals("x q[0];")).count(), apiDiff.toString());
        assertTrue(StreamSupport.stream(apiDiff.spliterator(), false).noneMatch(l -> l.get("kind").asText().equals("-")));
        var svg = portal.get("/api/v1/circuits/" + id + "/diagram.svg?version=2", bob);
        assertStatus(200, svg);
        assertTrue(svg.body().contains("<svg"));
        assertStatus(404, portal.get("/api/v1/circuits/" + id + "/diagram.svg", carol));

        Browser b = new Browser(portal);
        b.login("bob@example.org", TestPortal.PASSWORD);
        String diff = b.get("/circuits/" + id + "/diff?from=1&to=2").body();
        assertTrue(diff.contains("<span class=\"add\">+ x q[0];</span>"), diff);
        assertTrue(diff.contains("<span class=\"same\">  h q[0];</span>"), diff);
        assertEquals(403, b.get("/circuits/" + id + "/edit").statusCode());
    }

    @Test
    void forkKeepsALinkToItsOrigin() {
        String id = create(alice, "Forkable", "public", List.of("forkme"));
        var fork = portal.json("POST", "/api/v1/circuits/" + id + "/fork", carol, "");
        assertStatus(201, fork);
        String forkId = parse(fork).get("id").asText();
        JsonNode f = parse(portal.get("/api/v1/circuits/" + forkId, carol));
        assertEquals(id, f.get("forkedFrom").get("id").asText());
        assertEquals(1, f.get("forkedFrom").get("version").asInt());
        assertEquals("private", f.get("visibility").asText());
        assertEquals(List.of("forkme"), StreamSupport.stream(f.get("tags").spliterator(), false).map(JsonNode::asText).toList());
        assertStatus(404, portal.get("/api/v1/circuits/" + forkId, alice));
        assertStatus(200, portal.json("PUT", "/api/v1/circuits/" + forkId, carol, Map.of("title", "My fork", "qasm", BELL)));
    }

    @Test
    void scriptInATitleComesBackEscaped() {
        String evil = "<script>alert('x')</script>";
        var r = portal.json("POST", "/api/v1/circuits", alice, Map.of("title", evil, "qasm", BELL, "visibility", "public",
                "description", "<img src=x onerror=alert(1)> and [a link](javascript:alert(1))"));
        assertStatus(201, r);
        String id = parse(r).get("id").asText();
        String page = portal.get("/circuits/" + id, null).body();
        assertFalse(page.contains(evil), page);
        assertTrue(page.contains("&lt;script&gt;alert("), page);
        assertFalse(page.contains("<img src=x"), page);
        assertFalse(page.contains("javascript:"), page);
        String list = portal.get("/", null).body();
        assertFalse(list.contains(evil));
        assertTrue(list.contains("&lt;script&gt;"));
    }

    @Test
    void invalidQasmIsRefusedNamingTheLine() {
        String bad = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nfoo q[0];\n";
        var r = portal.json("POST", "/api/v1/circuits", alice, Map.of("title", "bad", "qasm", bad, "visibility", "private"));
        assertStatus(422, r);
        JsonNode body = parse(r);
        assertEquals(4, body.get("line").asInt());
        assertTrue(body.get("column").asInt() >= 1);
        assertTrue(body.get("error").asText().startsWith("circuit.qasm:4:"), body.toString());

        Browser b = new Browser(portal);
        b.login("alice@example.org", TestPortal.PASSWORD);
        var form = b.submit("/circuits/new", "/circuits", Map.of("title", "bad", "qasm", bad, "visibility", "private"));
        assertEquals(422, form.statusCode());
        assertTrue(form.body().contains("circuit.qasm:4:"), form.body());
        assertTrue(form.body().contains("foo q[0];"), "the form keeps what was typed");
    }

    @Test
    void commentsAndModeration() {
        String id = create(bob, "Discuss me", "cohort", List.of());
        var comment = portal.json("POST", "/api/v1/circuits/" + id + "/comments", alice, Map.of("body", "Nice *work* <b>!</b>"));
        assertStatus(201, comment);
        JsonNode comments = parse(portal.get("/api/v1/circuits/" + id + "/comments", bob));
        assertEquals("Nice *work* <b>!</b>", comments.get(0).get("body").asText());
        String page = portal.get("/circuits/" + id, null).statusCode() == 404 ? null : "";
        assertEquals(null, page, "a cohort circuit is not shown to anonymous visitors");
        Browser b = new Browser(portal);
        b.login("bob@example.org", TestPortal.PASSWORD);
        String html = b.get("/circuits/" + id).body();
        assertTrue(html.contains("Nice <em>work</em> &lt;b&gt;!&lt;/b&gt;"), html);

        assertStatus(403, portal.json("DELETE", "/api/v1/circuits/" + id, alice, ""));
        assertStatus(204, portal.json("DELETE", "/api/v1/circuits/" + id, admin, ""));
        assertStatus(404, portal.get("/api/v1/circuits/" + id, bob));
        assertTrue(portal.server.services().audit().recent(100).stream()
                .anyMatch(e -> e.action().equals("delete-circuit") && e.subject().equals("circuit " + id)));
    }

    @Test
    void searchByTagAuthorAndCohort() {
        String mine = create(carol, "Carol's public", "public", List.of("Search-Tag"));
        String other = create(alice, "Alice's public", "public", List.of("other"));
        assertEquals(List.of(mine), listedIds(null, "?tag=search-tag"));
        List<String> byCarol = listedIds(null, "?author=Name%20of%20carol%40example.org");
        assertTrue(byCarol.contains(mine));
        assertFalse(byCarol.contains(other));
        List<String> cohortB = listedIds(admin, "?cohort=Cohort%20B");
        assertFalse(cohortB.contains(mine), "a public circuit is not tied to a cohort");
        String shared = create(carol, "Carol's cohort one", "cohort", List.of());
        assertEquals(List.of(shared), listedIds(carol, "?cohort=Cohort%20B"));
    }

    @Test
    void badCircuitFieldsGet400() {
        assertStatus(400, portal.json("POST", "/api/v1/circuits", alice, Map.of("title", " ", "qasm", BELL, "visibility", "public")));
        assertStatus(400, portal.json("POST", "/api/v1/circuits", alice, Map.of("title", "t", "qasm", BELL, "visibility", "everyone")));
        assertStatus(400, portal.json("POST", "/api/v1/circuits", alice, Map.of("title", "t", "qasm", BELL, "visibility", "public",
                "tags", List.of("no spaces allowed!"))));
        assertStatus(400, portal.json("POST", "/api/v1/circuits", admin, Map.of("title", "t", "qasm", BELL, "visibility", "cohort")));
        var missing = portal.json("POST", "/api/v1/circuits", alice, Map.of("title", "t", "visibility", "public"));
        assertStatus(400, missing);
        assertEquals("\"qasm\" is required", parse(missing).get("error").asText());
        // A request that is malformed itself stays 400; only OpenQASM that cannot be read is 422.
        assertStatus(400, portal.json("POST", "/api/v1/circuits", alice, "{\"title\": \"t\", \"qasm\": "));
        var blank = portal.json("POST", "/api/v1/circuits", alice, Map.of("title", "t", "qasm", "  ", "visibility", "public"));
        assertStatus(400, blank);
        assertEquals("the OpenQASM source is empty", parse(blank).get("error").asText());
    }
}
