package org.qise.portal.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qise.portal.Browser;
import org.qise.portal.PortalException;
import org.qise.portal.TestPortal;
import org.qise.portal.auth.Passwords;
import org.qise.portal.auth.Secrets;

/**
 * Profiles (API and pages), the admin's one-time password-reset link, and the refused email
 * change, against a real portal over HTTP.
 */
class PeopleTest {
    static final String QASM = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\ncreg c[1];\nh q[0];\nmeasure q -> c;\n";
    static TestPortal portal;
    static User alice;
    static User bob;
    static User admin;
    static String aliceToken;
    static String bobToken;
    static String adminToken;

    @BeforeAll
    static void start() {
        portal = TestPortal.start();
        alice = portal.user("alice@example.org", Role.FELLOW, null);
        bob = portal.user("bob@example.org", Role.FELLOW, null);
        admin = portal.user("admin@example.org", Role.ADMIN, null);
        aliceToken = portal.token(alice);
        bobToken = portal.token(bob);
        adminToken = portal.token(admin);
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @Test
    void aPersonEditsTheirProfileAndEveryoneReadsItWithoutTheEmail() {
        var put = portal.json("PUT", "/api/v1/people/" + alice.id(), aliceToken, Map.of("name", "Alice Archer", "institution", "Institute of Optics",
                "country", "FR", "orcid", "https://orcid.org/0000-0002-1694-233x", "bio", "Works on <b>photonic</b> qubits."));
        assertStatus(200, put);
        JsonNode read = parse(portal.get("/api/v1/people/" + alice.id(), null));
        assertEquals("0000-0002-1694-233X", read.get("orcid").asText());
        assertEquals("https://orcid.org/0000-0002-1694-233X", read.get("orcidUrl").asText());
        assertEquals("Alice Archer", read.get("name").asText());
        assertEquals("Institute of Optics", read.get("institution").asText());
        assertFalse(read.toString().contains("alice@example.org"), "no email in a profile: " + read);
        String page = portal.get("/people/" + alice.id(), null).body();
        assertTrue(page.contains("href=\"https://orcid.org/0000-0002-1694-233X\""), page);
        assertTrue(page.contains("Works on &lt;b&gt;photonic&lt;/b&gt; qubits."), "the bio is plain text, escaped");
        assertFalse(page.contains("alice@example.org"));
        // Renaming reaches search at once (the index follows names).
        portal.json("POST", "/api/v1/circuits", aliceToken, Map.of("title", "Alice's coin", "visibility", "public", "qasm", QASM));
        assertStatus(200, portal.json("PUT", "/api/v1/people/" + alice.id(), aliceToken, Map.of("institution", "Photon Lab")));
        assertEquals(1, parse(portal.get("/api/v1/search?q=photon", null)).size());
        assertEquals("FR", parse(portal.get("/api/v1/people/" + alice.id(), null)).get("country").asText(), "a field left out is kept");
    }

    @Test
    void aBadOrcidOrSomeoneElsesProfileIsRefused() {
        var bad = portal.json("PUT", "/api/v1/people/" + bob.id(), bobToken, Map.of("orcid", "0000-0002-1825-0096"));
        assertStatus(400, bad);
        assertTrue(parse(bad).get("error").asText().startsWith("orcid: "), bad.body());
        assertStatus(403, portal.json("PUT", "/api/v1/people/" + alice.id(), bobToken, Map.of("bio", "hijacked")));
        assertStatus(401, portal.json("PUT", "/api/v1/people/" + alice.id(), null, Map.of("bio", "anonymous")));
        assertStatus(404, portal.get("/api/v1/people/999999", null));
        assertStatus(404, portal.get("/people/nobody", null));
        // The form shows the error and what was typed.
        Browser b = new Browser(portal);
        b.login("bob@example.org", TestPortal.PASSWORD);
        var form = b.submit("/people/" + bob.id() + "/edit", "/people/" + bob.id() + "/edit", Map.of("name", "Bob", "institution", "",
                "country", "", "orcid", "0000-0002-1825-0096", "bio", ""));
        assertStatus(400, form);
        assertTrue(form.body().contains("check character") && form.body().contains("value=\"0000-0002-1825-0096\""), form.body());
        var saved = b.submit("/people/" + bob.id() + "/edit", "/people/" + bob.id() + "/edit", Map.of("name", "Bob Brand",
                "institution", "Delft", "country", "NL", "orcid", "0000-0002-1825-0097", "bio", "Hello"));
        assertEquals(302, saved.statusCode(), "post/redirect/get");
        assertEquals("/people/" + bob.id(), saved.headers().firstValue("Location").orElseThrow());
        assertStatus(403, b.get("/people/" + alice.id() + "/edit"));
    }

    @Test
    void aResetLinkWorksOnceAndIsStoredOnlyAsItsHash() {
        User carol = portal.user("carol@example.org", Role.FELLOW, null);
        assertStatus(403, portal.json("POST", "/api/v1/users/" + carol.id() + "/password-reset", aliceToken, Map.of()));
        var made = portal.json("POST", "/api/v1/users/" + carol.id() + "/password-reset", adminToken, Map.of());
        assertStatus(201, made);
        String path = parse(made).get("path").asText();
        String secret = path.substring("/reset/".length());
        assertTrue(Instant.parse(parse(made).get("expiresAt").asText()).isAfter(Instant.now().plus(Duration.ofHours(23))));
        String stored = portal.server.services().database().jdbc().queryOne(
                "SELECT token_hash FROM password_resets WHERE user_id = ?", rs -> rs.getString(1), carol.id()).orElseThrow();
        assertEquals(Secrets.sha256(secret), stored);
        assertFalse(stored.contains(secret));

        Browser carolsOldSession = new Browser(portal);
        assertEquals(302, carolsOldSession.login("carol@example.org", TestPortal.PASSWORD).statusCode());
        Browser b = new Browser(portal);
        assertStatus(200, b.get(path));
        var differ = b.submit(path, path, Map.of("password", "a new long passphrase", "repeat", "another one"));
        assertStatus(400, differ);
        var weak = b.submit(path, path, Map.of("password", "password", "repeat", "password"));
        assertStatus(400, weak);
        var done = b.submit(path, path, Map.of("password", "a new long passphrase", "repeat", "a new long passphrase"));
        assertEquals(302, done.statusCode(), done.body());
        assertEquals("/login?reset=done", done.headers().firstValue("Location").orElseThrow());
        assertTrue(b.get("/login?reset=done").body().contains("<p class=\"notice\">Your new password is set. Sign in with it.</p>"));
        assertFalse(b.get("/login").body().contains("Your new password is set"), "only after a reset");
        assertEquals(302, new Browser(portal).login("carol@example.org", "a new long passphrase").statusCode(), "new password works");
        assertNotEquals(302, new Browser(portal).login("carol@example.org", TestPortal.PASSWORD).statusCode(), "old one does not");
        assertEquals(302, carolsOldSession.get("/account").statusCode(), "her other sessions ended");
        assertStatus(404, b.get(path));
        assertStatus(404, b.submit("/login", path, Map.of("password", "yet another passphrase", "repeat", "yet another passphrase")));
    }

    @Test
    void aResetLinkExpiresAndANewerOneCancelsTheOlder() {
        var db = portal.server.services().database().jdbc();
        var audit = new org.qise.portal.audit.AuditLog(db);
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        User dave = portal.user("dave@example.org", Role.FELLOW, null);
        var early = new PasswordResets(db, new Passwords(4), audit, Clock.fixed(t0, ZoneOffset.UTC));
        var first = early.issue(admin, dave.id());
        var second = early.issue(admin, dave.id());
        assertEquals(404, assertThrows(PortalException.class, () -> early.check(first.secret())).status(), "cancelled by the newer link");
        assertEquals(dave.id(), early.check(second.secret()));
        var late = new PasswordResets(db, new Passwords(4), audit, Clock.fixed(t0.plus(PasswordResets.LIFETIME).plusSeconds(1), ZoneOffset.UTC));
        assertEquals(404, assertThrows(PortalException.class, () -> late.redeem(second.secret(), "a fine new passphrase")).status());
        assertEquals(403, assertThrows(PortalException.class, () -> early.issue(bob, dave.id())).status());
    }

    @Test
    void anEmailChangeIsRefusedClearlyWithoutSmtp() {
        var r = portal.json("POST", "/api/v1/me/email", aliceToken, Map.of("email", "new@example.org"));
        assertStatus(409, r);
        assertTrue(parse(r).get("error").asText().contains("no SMTP server is configured"), r.body());
    }

    @Test
    void aProfileListsOnlyRunsOnCircuitsTheViewerMaySee() {
        User erin = portal.user("erin@example.org", Role.FELLOW, null);
        String token = portal.token(erin);
        String open = parse(portal.json("POST", "/api/v1/circuits", token, Map.of("title", "Open coin", "visibility", "public", "qasm", QASM)))
                .get("id").asText();
        String hidden = parse(portal.json("POST", "/api/v1/circuits", token, Map.of("title", "Hidden coin", "visibility", "private", "qasm", QASM)))
                .get("id").asText();
        assertStatus(202, portal.json("POST", "/api/v1/circuits/" + open + "/runs", token, Map.of("shots", 10, "seed", 1)));
        assertStatus(202, portal.json("POST", "/api/v1/circuits/" + hidden + "/runs", token, Map.of("shots", 10, "seed", 1)));
        JsonNode anonymous = parse(portal.get("/api/v1/people/" + erin.id() + "/runs", null));
        assertEquals(1, anonymous.size());
        assertEquals("Open coin", anonymous.get(0).get("circuitTitle").asText());
        assertEquals(2, parse(portal.get("/api/v1/people/" + erin.id() + "/runs", token)).size());
        String page = portal.get("/people/" + erin.id(), null).body();
        assertTrue(page.contains("Open coin") && !page.contains("Hidden coin"), page);
    }
}
