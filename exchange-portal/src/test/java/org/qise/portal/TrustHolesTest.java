package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.qise.portal.auth.TokenScope;
import org.qise.portal.people.Cohort;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;
import org.qise.portal.people.UserService;

/** The smaller holes of the trust issue, each closed: over HTTP where the behaviour is HTTP, else through the services. */
class TrustHolesTest {
    private static final String BELL = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nh q[0];\ncx q[0],q[1];\n";
    private static TestPortal portal;
    private static User admin;
    private static User alice; // cohort A
    private static User bob;   // cohort A
    private static User carol; // no cohort
    private static Cohort cohortA;

    @BeforeAll
    static void start() {
        portal = TestPortal.start();
        cohortA = portal.cohort("Holes A");
        admin = portal.user("admin@example.org", Role.ADMIN, null);
        alice = portal.user("alice@example.org", Role.INSTRUCTOR, cohortA);
        bob = portal.user("bob@example.org", Role.FELLOW, cohortA);
        carol = portal.user("carol@example.org", Role.FELLOW, null);
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    private static String circuit(String token, String title, String visibility, String description) {
        var r = portal.json("POST", "/api/v1/circuits", token, Map.of("title", title, "visibility", visibility, "qasm", BELL,
                "description", description));
        assertStatus(201, r);
        return parse(r).get("id").asText();
    }

    // ---- bodies over 1 MiB ----

    @ParameterizedTest(name = "{0} MiB sent whole before reading gets 413")
    @ValueSource(ints = {2, 8, 30})
    void aBodyOverTheLimitSentWholeGets413NotABrokenPipe(int mebibytes) {
        String token = portal.token(carol);
        byte[] body = new byte[mebibytes << 20];
        java.util.Arrays.fill(body, (byte) 'x');
        var fixed = portal.send(HttpRequest.newBuilder(URI.create(portal.base + "/api/v1/circuits")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertStatus(413, fixed);
        assertTrue(parse(fixed).get("error").asText().contains("at most 1048576"), fixed.body());
        var chunked = portal.send(HttpRequest.newBuilder(URI.create(portal.base + "/api/v1/circuits")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());
        assertStatus(413, chunked);
    }

    // ---- token scopes ----

    @ParameterizedTest(name = "a token with {0} → {1} {2}: {3}")
    @CsvSource({
            "read,      GET,    /api/v1/circuits,                200",
            "read,      POST,   /api/v1/circuits,                403",
            "read,      POST,   /api/v1/circuits/CIRCUIT/runs,   403",
            "write,     GET,    /api/v1/circuits,                403",
            "write,     POST,   /api/v1/circuits,                201",
            "write,     POST,   /api/v1/circuits/CIRCUIT/runs,   403",
            "run,       POST,   /api/v1/circuits/CIRCUIT/runs,   202",
            "run,       POST,   /api/v1/circuits,                403",
            "run,       PUT,    /api/v1/circuits/CIRCUIT,        403",
            "write run, PUT,    /api/v1/circuits/CIRCUIT,        200",
            "read,      DELETE, /api/v1/tokens/1,                403"})
    void tokenScopesAreEnforcedOnEveryRoute(String scopes, String method, String path, int status) {
        String circuit = circuit(portal.token(bob), "Scoped", "private", "d");
        String token = portal.server.services().tokens().create(bob.id(), "scoped", TokenScope.parse(scopes));
        Map<String, Object> body = method.equals("GET") || method.equals("DELETE") ? null
                : path.endsWith("/runs") ? Map.of("shots", 10) : Map.of("title", "t", "visibility", "private", "qasm", BELL);
        var r = method.equals("GET") ? portal.get(path.replace("CIRCUIT", "" + circuit), token)
                : portal.json(method, path.replace("CIRCUIT", "" + circuit), token, body == null ? "" : body);
        assertStatus(status, r);
        if (status == 403) assertTrue(parse(r).get("error").asText().contains("lacks the"), r.body());
    }

    @Test
    void tokensAreMadeWithScopesFromTheApiAndTheAccountPageShowsThem() {
        var made = portal.json("POST", "/api/v1/auth/token", null, Map.of("email", "carol@example.org", "password",
                TestPortal.PASSWORD, "name", "reader", "scopes", List.of("read")));
        assertStatus(201, made);
        String reader = parse(made).get("token").asText();
        assertStatus(403, portal.json("POST", "/api/v1/circuits", reader, Map.of("title", "t", "visibility", "private", "qasm", BELL)));
        JsonNode listed = parse(portal.get("/api/v1/tokens", reader));
        JsonNode entry = null;
        for (JsonNode t : listed) if (t.get("name").asText().equals("reader")) entry = t;
        assertEquals(List.of("read"), List.of(entry.get("scopes").get(0).asText()));
        assertStatus(400, portal.json("POST", "/api/v1/auth/token", null, Map.of("email", "carol@example.org", "password",
                TestPortal.PASSWORD, "scopes", List.of("admin"))));

        Browser b = new Browser(portal);
        assertStatus(302, b.login("carol@example.org", TestPortal.PASSWORD));
        var posted = b.submit("/account", "/account/tokens", Map.of("name", "page token", "scope_read", "on", "scope_run", "on"));
        assertStatus(303, posted);
        var page = b.get(posted.headers().firstValue("Location").orElseThrow());
        assertStatus(200, page);
        assertTrue(page.body().contains("<td>page token</td><td>read, run</td>"), page.body());
        assertTrue(page.body().contains("<td>reader</td><td>read</td>"), "scopes of every token are shown");
        Matcher m = Pattern.compile("<pre class=\"token\">([^<]+)</pre>").matcher(page.body());
        assertTrue(m.find());
        var runs = portal.server.services().tokens().authenticateScoped(m.group(1)).orElseThrow();
        assertEquals(EnumSet.of(TokenScope.READ, TokenScope.RUN), runs.scopes());
    }

    // ---- invites ----

    @Test
    void anInviteCanBeRevokedByHandAndNoLongerRegisters() {
        String code = portal.server.services().invites().create(alice, Role.FELLOW, cohortA, 5, Duration.ofDays(7));
        var invites = portal.server.services().invites().createdBy(alice);
        long id = invites.getFirst().id();
        assertStatus(404, portal.json("DELETE", "/api/v1/invites/" + id, portal.token(carol), ""));
        assertStatus(204, portal.json("DELETE", "/api/v1/invites/" + id, portal.token(alice), ""));
        PortalException e = assertThrows(PortalException.class, () -> register("late@example.org", code));
        assertTrue(e.getMessage().contains("unknown, used up or expired"), e.getMessage());

        String second = portal.server.services().invites().create(alice, Role.FELLOW, cohortA, 5, Duration.ofDays(7));
        Browser b = new Browser(portal);
        assertStatus(302, b.login("alice@example.org", TestPortal.PASSWORD));
        long secondId = portal.server.services().invites().createdBy(alice).getFirst().id();
        assertStatus(302, b.submit("/invites", "/invites/" + secondId + "/revoke", Map.of()));
        assertThrows(PortalException.class, () -> register("later@example.org", second));
        assertTrue(b.get("/invites").body().contains("revoked or used up"));
    }

    @Test
    void invitesDieWithTheirCreatorsAccount() {
        User instructor = portal.user("leaving@example.org", Role.INSTRUCTOR, cohortA);
        String code = portal.server.services().invites().create(instructor, Role.FELLOW, cohortA, 5, Duration.ofDays(7));
        portal.server.services().users().disable(admin, instructor.id());
        assertThrows(PortalException.class, () -> register("orphan@example.org", code));
        portal.server.services().users().enable(admin, instructor.id());
        assertThrows(PortalException.class, () -> register("orphan@example.org", code), "re-enabling does not revive them");
    }

    private static User register(String email, String code) {
        return portal.server.services().users().register(new UserService.Registration(email, "an uncommon passphrase", "New",
                "Uni", "CH"), code);
    }

    // ---- forks ----

    @Test
    void aForkOfACohortCircuitCannotBeMadePublicOrSharedElsewhere() {
        String shared = circuit(portal.token(alice), "Cohort only", "cohort", "for cohort A");
        String bobToken = portal.token(bob);
        String fork = parse(portal.json("POST", "/api/v1/circuits/" + shared + "/fork", bobToken, "")).get("id").asText();
        var toPublic = portal.json("PUT", "/api/v1/circuits/" + fork, bobToken, Map.of("title", "Mine now", "qasm", BELL,
                "visibility", "public"));
        assertStatus(403, toPublic);
        assertTrue(parse(toPublic).get("error").asText().contains("shared with its cohort only"), toPublic.body());
        String forkOfFork = parse(portal.json("POST", "/api/v1/circuits/" + fork + "/fork", bobToken, "")).get("id").asText();
        assertStatus(403, portal.json("PUT", "/api/v1/circuits/" + forkOfFork, bobToken, Map.of("title", "t", "qasm", BELL,
                "visibility", "public")));
        assertStatus(200, portal.json("PUT", "/api/v1/circuits/" + fork, bobToken, Map.of("title", "Back to the cohort",
                "qasm", BELL, "visibility", "cohort", "cohort", "Holes A")));
        assertStatus(404, portal.get("/api/v1/circuits/" + fork, null)); // still not public

        String open = circuit(portal.token(alice), "Public one", "public", "");
        String publicFork = parse(portal.json("POST", "/api/v1/circuits/" + open + "/fork", bobToken, "")).get("id").asText();
        // A fork of a public circuit may be public.
        assertStatus(200, portal.json("PUT", "/api/v1/circuits/" + publicFork, bobToken, Map.of("title", "t", "qasm", BELL,
                "visibility", "public")));
    }

    @Test
    void aForkCreditsTheOriginalAuthor() {
        String original = circuit(portal.token(alice), "Alice's work", "public", "");
        String carolToken = portal.token(carol);
        String fork = parse(portal.json("POST", "/api/v1/circuits/" + original + "/fork", carolToken, "")).get("id").asText();
        JsonNode versions = parse(portal.get("/api/v1/circuits/" + fork + "/versions", carolToken));
        assertEquals(alice.name(), versions.get(0).get("author").asText(), "version 1 is Alice's work");
        JsonNode f = parse(portal.get("/api/v1/circuits/" + fork, carolToken));
        assertEquals(original, f.get("forkedFrom").get("id").asText());
        assertStatus(200, portal.json("PUT", "/api/v1/circuits/" + fork, carolToken, Map.of("title", "Carol's edit", "qasm", BELL)));
        versions = parse(portal.get("/api/v1/circuits/" + fork + "/versions", carolToken));
        assertEquals(Set.of(alice.name(), carol.name()), Set.of(versions.get(0).get("author").asText(), versions.get(1).get("author").asText()));
    }

    // ---- edits, search ----

    @Test
    void aPutWithoutDescriptionKeepsItAndAnEmptyOneClearsIt() {
        String token = portal.token(carol);
        String id = circuit(token, "Described", "private", "A *careful* description");
        assertStatus(200, portal.json("PUT", "/api/v1/circuits/" + id, token, Map.of("title", "Renamed", "qasm", BELL)));
        assertEquals("A *careful* description", parse(portal.get("/api/v1/circuits/" + id, token)).get("description").asText());
        assertStatus(200, portal.json("PUT", "/api/v1/circuits/" + id, token, Map.of("title", "Renamed", "qasm", BELL, "description", "")));
        assertEquals("", parse(portal.get("/api/v1/circuits/" + id, token)).get("description").asText());
    }

    @Test
    void searchingByAnEmailAddressRevealsNothing() {
        String mine = circuit(portal.token(carol), "Carol's public", "public", "");
        assertEquals(0, parse(portal.get("/api/v1/circuits?author=carol@example.org", null)).size(), "no owner of an address is revealed");
        assertEquals(0, parse(portal.get("/api/v1/circuits?author=CAROL@example.org", portal.token(bob))).size());
        assertFalse(portal.get("/?author=carol%40example.org", null).body().contains("Carol&#39;s public"));
        JsonNode byId = parse(portal.get("/api/v1/circuits?author=" + carol.id(), null));
        assertTrue(byId.findValues("id").stream().anyMatch(n -> n.asText().equals(mine)), "by id it is found");
    }
}
