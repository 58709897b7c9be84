package org.qise.portal.circuits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.portal.Browser;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/**
 * Circuits are named in URLs and the API by random public ids; the integer ids stay internal,
 * and links given out with them before redirect permanently, to those who may see the circuit.
 */
class PublicIdsTest {
    private static final String QASM = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nh q[0];\n";
    private static final String SHAPE = "[0-9a-hjkmnp-tv-z]{12}";

    private static TestPortal portal;
    private static String alice;
    private static String bob;
    private static String shared;   // public
    private static String secret;   // alice's, private
    private static long sharedInternal;
    private static long secretInternal;

    @BeforeAll
    static void start() {
        portal = TestPortal.start();
        alice = portal.token(portal.user("alice@example.org", Role.FELLOW, null));
        bob = portal.token(portal.user("bob@example.org", Role.FELLOW, null));
        shared = create(alice, "Shared", "public");
        secret = create(alice, "Secret", "private");
        sharedInternal = portal.server.services().circuits().resolve(null, shared);
        secretInternal = portal.server.services().circuits().resolve(null, secret);
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    private static String create(String token, String title, String visibility) {
        var r = portal.json("POST", "/api/v1/circuits", token, Map.of("title", title, "qasm", QASM, "visibility", visibility));
        assertStatus(201, r);
        return parse(r).get("id").asText();
    }

    @Test
    void newCircuitsAndVersionsGetRandomPublicIds() {
        assertTrue(shared.matches(SHAPE), shared);
        assertNotEquals(shared, secret);
        var got = parse(portal.get("/api/v1/circuits/" + shared, null));
        assertEquals(shared, got.get("id").asText());
        assertTrue(got.get("versionId").asText().matches(SHAPE), got.toString());
        assertStatus(200, portal.json("PUT", "/api/v1/circuits/" + shared, alice, Map.of("title", "Shared 2", "qasm", QASM)));
        var versions = parse(portal.get("/api/v1/circuits/" + shared + "/versions", null));
        assertNotEquals(versions.get(0).get("versionId").asText(), versions.get(1).get("versionId").asText());
        var fork = parse(portal.json("POST", "/api/v1/circuits/" + shared + "/fork", bob, ""));
        assertTrue(fork.get("id").asText().matches(SHAPE), fork.toString());
        assertEquals(shared, parse(portal.get("/api/v1/circuits/" + fork.get("id").asText(), bob)).get("forkedFrom").get("id").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/api/v1/circuits/{id}", "/api/v1/circuits/{id}/versions", "/api/v1/circuits/{id}/diff?from=1&to=1",
            "/circuits/{id}", "/circuits/{id}/diagram.svg?version=1", "/circuits/{id}/runs"})
    void oldIntegerUrlsRedirectPermanentlyToThePublicIdKeepingTheRest(String template) {
        var r = portal.get(template.replace("{id}", String.valueOf(sharedInternal)), null);
        assertStatus(301, r);
        assertEquals(template.replace("{id}", shared), r.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void anOldUrlOfACircuitTheCallerCannotSeeIsNotFoundAndRevealsNoPublicId() {
        var asBob = portal.get("/api/v1/circuits/" + secretInternal, bob);
        assertStatus(404, asBob);
        assertTrue(!asBob.body().contains(secret), asBob.body());
        assertEquals(404, portal.get("/circuits/" + secretInternal, null).statusCode());
        var asAlice = portal.get("/api/v1/circuits/" + secretInternal, alice);
        assertStatus(301, asAlice);
        assertEquals("/api/v1/circuits/" + secret, asAlice.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void otherMethodsOnOldUrlsGet308SoTheMethodAndBodyAreKept() {
        var r = portal.json("POST", "/api/v1/circuits/" + sharedInternal + "/comments", bob, Map.of("body", "hello"));
        assertStatus(308, r);
        assertEquals("/api/v1/circuits/" + shared + "/comments", r.headers().firstValue("Location").orElseThrow());
        assertTrue(parse(r).get("error").asText().contains("moved permanently"), r.body());
        assertEquals(0, parse(portal.get("/api/v1/circuits/" + shared + "/comments", bob)).size(), "nothing was posted at the old URL");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"zzzzzzzzzzzz, a well-formed id of nothing", "abc, too short", "ABCDEFGHJKMN, upper case",
            "99999999, an integer id of nothing"})
    void unknownIdsAreNotFound(String ref, String why) {
        assertStatus(404, portal.get("/api/v1/circuits/" + ref, alice));
        assertEquals(404, portal.get("/circuits/" + ref, null).statusCode(), why);
    }

    @Test
    void pagesLinkByPublicIds() {
        Browser b = new Browser(portal);
        b.login("alice@example.org", TestPortal.PASSWORD);
        String list = b.get("/").body();
        assertTrue(list.contains("href=\"/circuits/" + shared + "\""), list);
        assertTrue(!list.contains("href=\"/circuits/" + sharedInternal + "\""), list);
        String page = b.get("/circuits/" + shared).body();
        assertTrue(page.contains("/circuits/" + shared + "/diagram.svg"), page);
    }

    @Test
    void runsAreNamedByPublicIdsTooAndTheirOldUrlsRedirect() {
        var started = portal.json("POST", "/api/v1/circuits/" + shared + "/runs", alice, Map.of("shots", 10, "seed", 1));
        assertStatus(202, started);
        String run = parse(started).get("id").asText();
        assertTrue(run.matches(SHAPE), run);
        assertEquals("/runs/" + run, parse(started).get("url").asText());
        assertEquals(shared, parse(portal.get("/api/v1/runs/" + run, null)).get("circuit_id").asText());
        long internal = portal.server.services().runs().resolve(null, run);
        var moved = portal.get("/api/v1/runs/" + internal + "?limit=5", null);
        assertStatus(301, moved);
        assertEquals("/api/v1/runs/" + run + "?limit=5", moved.headers().firstValue("Location").orElseThrow());
        assertEquals(301, portal.get("/runs/" + internal, null).statusCode());

        var hidden = portal.json("POST", "/api/v1/circuits/" + secret + "/runs", alice, Map.of("shots", 10, "seed", 1));
        long hiddenInternal = portal.server.services().runs().resolve(null, parse(hidden).get("id").asText());
        assertStatus(404, portal.get("/api/v1/runs/" + hiddenInternal, bob));
        assertStatus(404, portal.get("/api/v1/runs/zzzzzzzzzzzz", null));
    }
}
