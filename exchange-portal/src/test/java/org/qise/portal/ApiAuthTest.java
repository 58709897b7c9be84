package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qise.portal.people.Cohort;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;

/** Tokens, invites and registration over the JSON API. */
class ApiAuthTest {
    static TestPortal portal;
    static User admin;
    static String adminToken;

    @BeforeAll
    static void start() {
        portal = TestPortal.start();
        admin = portal.user("admin@example.org", Role.ADMIN, null);
        adminToken = portal.token(admin);
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @Test
    void tokenFromPasswordThenInviteThenRegister() {
        var tokenResponse = portal.json("POST", "/api/v1/auth/token", null,
                Map.of("email", "ADMIN@example.org ", "password", TestPortal.PASSWORD, "name", "laptop"));
        assertStatus(201, tokenResponse);
        String token = parse(tokenResponse).get("token").asText();
        assertTrue(token.length() >= 43, "256 random bits take 43 base64 characters");

        var invite = portal.json("POST", "/api/v1/invites", token, Map.of("role", "fellow", "cohort", "Autumn 2026", "uses", 2));
        assertStatus(201, invite);
        String code = parse(invite).get("code").asText();

        var reg = portal.json("POST", "/api/v1/auth/register", null, Map.of("email", "new.fellow@example.org",
                "password", "a fine password", "name", "New Fellow", "institution", "Uni", "country", "KE", "invite", code));
        assertStatus(201, reg);
        assertEquals("fellow", parse(reg).get("role").asText());
        assertEquals("Autumn 2026", parse(reg).get("cohorts").get(0).asText());

        var again = portal.json("POST", "/api/v1/auth/register", null, Map.of("email", "new.fellow@example.org",
                "password", "a fine password", "name", "Again", "institution", "Uni", "country", "KE", "invite", code));
        assertStatus(409, again);
        // The failed registration ran in a transaction, so the invite still has its second use.
        var second = portal.json("POST", "/api/v1/auth/register", null, Map.of("email", "second@example.org",
                "password", "a fine password", "name", "Second", "institution", "Uni", "country", "CL", "invite", code));
        assertStatus(201, second);
        var third = portal.json("POST", "/api/v1/auth/register", null, Map.of("email", "third@example.org",
                "password", "a fine password", "name", "Third", "institution", "Uni", "country", "CL", "invite", code));
        assertStatus(400, third);
        assertTrue(parse(third).get("error").asText().contains("used up"));
    }

    @Test
    void registrationNeedsAValidInvite() {
        var r = portal.json("POST", "/api/v1/auth/register", null, Map.of("email", "x@example.org",
                "password", "a fine password", "name", "X", "institution", "Uni", "country", "CH", "invite", "inv_made_up"));
        assertStatus(400, r);
        assertTrue(portal.server.services().users().findByEmail("x@example.org").isEmpty());
    }

    @Test
    void passwordRulesAreExplained() {
        String code = portal.server.services().invites().create(admin, Role.FELLOW, null, 5, java.time.Duration.ofDays(1));
        String tooLong = "ü".repeat(37); // 37 characters but 74 bytes in UTF-8
        var r = portal.json("POST", "/api/v1/auth/register", null, Map.of("email", "long@example.org",
                "password", tooLong, "name", "L", "institution", "Uni", "country", "CH", "invite", code));
        assertStatus(400, r);
        assertTrue(parse(r).get("error").asText().contains("74 bytes"), r.body());
        var shortOne = portal.json("POST", "/api/v1/auth/register", null, Map.of("email", "short@example.org",
                "password", "1234567", "name", "S", "institution", "Uni", "country", "CH", "invite", code));
        assertStatus(400, shortOne);
        assertTrue(parse(shortOne).get("error").asText().contains("at least 8"));
    }

    @Test
    void instructorsInviteOnlyFellowsIntoTheirCohorts() {
        Cohort mine = portal.cohort("Instructor cohort");
        portal.cohort("Someone else's cohort");
        String t = portal.token(portal.user("teacher@example.org", Role.INSTRUCTOR, mine));
        assertStatus(201, portal.json("POST", "/api/v1/invites", t, Map.of("role", "fellow", "cohort", "Instructor cohort")));
        assertStatus(403, portal.json("POST", "/api/v1/invites", t, Map.of("role", "admin", "cohort", "Instructor cohort")));
        assertStatus(403, portal.json("POST", "/api/v1/invites", t, Map.of("role", "fellow", "cohort", "Someone else's cohort")));
        String fellow = portal.token(portal.user("pupil@example.org", Role.FELLOW, mine));
        assertStatus(403, portal.json("POST", "/api/v1/invites", fellow, Map.of("role", "fellow", "cohort", "Instructor cohort")));
    }

    @Test
    void badCredentialsAndMissingTokensAreRefused() {
        var wrong = portal.json("POST", "/api/v1/auth/token", null, Map.of("email", "admin@example.org", "password", "not it at all"));
        assertStatus(401, wrong);
        var unknown = portal.json("POST", "/api/v1/auth/token", null, Map.of("email", "ghost@example.org", "password", "not it at all"));
        assertStatus(401, unknown);
        assertEquals(parse(wrong).get("error").asText(), parse(unknown).get("error").asText(),
                "unknown and known emails get the same answer");
        assertStatus(401, portal.json("POST", "/api/v1/circuits", null, Map.of("title", "t", "qasm", "x", "visibility", "public")));
        assertStatus(401, portal.json("POST", "/api/v1/circuits", "qise_forged", Map.of("title", "t", "qasm", "x", "visibility", "public")));
        var malformed = portal.json("POST", "/api/v1/auth/token", null, "{not json");
        assertStatus(400, malformed);
        assertNotNull(parse(malformed).get("error"));
    }

    @Test
    void disablingAnAccountStopsItsTokenAtOnce() {
        User fellow = portal.user("soon.disabled@example.org", Role.FELLOW, null);
        String token = portal.token(fellow);
        assertStatus(200, portal.get("/api/v1/circuits", token));
        assertStatus(204, portal.json("POST", "/api/v1/users/" + fellow.id() + "/disable", adminToken, ""));
        var after = portal.get("/api/v1/circuits", token);
        assertStatus(401, after);
        // and no new token can be had with the password
        var login = portal.json("POST", "/api/v1/auth/token", null, Map.of("email", "soon.disabled@example.org", "password", TestPortal.PASSWORD));
        assertStatus(403, login);
        assertTrue(portal.server.services().audit().recent(50).stream()
                .anyMatch(e -> e.action().equals("disable") && e.subject().equals("soon.disabled@example.org")));
    }

    @Test
    void onlyAdminsDisable() {
        User a = portal.user("a.fellow@example.org", Role.FELLOW, null);
        User b = portal.user("b.fellow@example.org", Role.FELLOW, null);
        assertStatus(403, portal.json("POST", "/api/v1/users/" + b.id() + "/disable", portal.token(a), ""));
        assertNotEquals(true, portal.server.services().users().find(b.id()).orElseThrow().disabled());
    }

    @Test
    void tokensCanBeListedAndRevokedOverTheApi() {
        User u = portal.user("tokens@example.org", Role.FELLOW, null);
        String first = portal.token(u);
        String second = portal.json("POST", "/api/v1/auth/token", null,
                Map.of("email", "tokens@example.org", "password", TestPortal.PASSWORD, "name", "notebook")).body();
        String secondToken = parse(portal.json("POST", "/api/v1/auth/token", null,
                Map.of("email", "tokens@example.org", "password", TestPortal.PASSWORD, "name", "script"))).get("token").asText();
        assertTrue(second.contains("token"));
        var me = parse(portal.get("/api/v1/me", first));
        assertEquals("tokens@example.org", me.get("email").asText());
        var list = parse(portal.get("/api/v1/tokens", first));
        assertEquals(3, list.size());
        assertTrue(list.toString().indexOf(first) < 0, "secrets are never listed");
        long scriptId = -1;
        for (var t : list) if (t.get("name").asText().equals("script")) scriptId = t.get("id").asLong();
        assertStatus(404, portal.json("DELETE", "/api/v1/tokens/" + scriptId, adminToken, ""));
        assertStatus(204, portal.json("DELETE", "/api/v1/tokens/" + scriptId, first, ""));
        assertStatus(401, portal.get("/api/v1/me", secondToken));
        assertStatus(200, portal.get("/api/v1/me", first));
        assertTrue(parse(portal.get("/api/v1/tokens", first)).findValues("lastUsedAt").stream().anyMatch(v -> !v.isNull()));
    }

    @Test
    void openApiDocumentIsServed() {
        var r = portal.get("/api/v1/openapi.json", null);
        assertStatus(200, r);
        assertEquals("3", parse(r).get("openapi").asText().substring(0, 1));
    }
}
