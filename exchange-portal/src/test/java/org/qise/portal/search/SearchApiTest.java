package org.qise.portal.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/** GET /api/v1/search, /tags and the two lists over HTTP, against a real portal (SQLite). */
class SearchApiTest {
    static final String BELL = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n";
    static TestPortal portal;
    static String alice;
    static String bob;
    static String bell;

    @BeforeAll
    static void start() throws Exception {
        portal = TestPortal.start();
        alice = portal.token(portal.user("alice@example.org", Role.FELLOW, null));
        bob = portal.token(portal.user("bob@example.org", Role.FELLOW, null));
        bell = create(alice, "Bell pair for the API", "public", List.of("bell", "api-test"));
        create(bob, "Private bell sketch", "private", List.of("bell"));
        for (int i = 0; i < 5; i++) create(alice, "Sweep sample " + i, "public", List.of("sweep"));
        // A real run, reproduced bit for bit by the portal, feeds both lists.
        var run = portal.json("POST", "/api/v1/circuits/" + bell + "/runs", alice, Map.of("shots", 200, "seed", 3));
        assertStatus(202, run);
        String runId = parse(run).get("id").asText();
        for (int i = 0; i < 600 && !parse(portal.get("/api/v1/runs/" + runId, alice)).get("status").asText().equals("done"); i++) {
            Thread.sleep(50);
        }
        var reproduced = portal.json("POST", "/api/v1/runs/" + runId + "/reproduce", alice, Map.of());
        assertStatus(200, reproduced);
        assertEquals("bit-exact", parse(reproduced).get("verdict").asText());
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    static String create(String token, String title, String visibility, List<String> tags) {
        var r = portal.json("POST", "/api/v1/circuits", token, Map.of("title", title, "visibility", visibility, "qasm", BELL, "tags", tags));
        assertStatus(201, r);
        return parse(r).get("id").asText();
    }

    static List<String> titles(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("title").asText()));
        return out;
    }

    @Test
    void wordsFindOnlyWhatTheCallerMaySee() {
        assertEquals(List.of("Bell pair for the API"), titles(parse(portal.get("/api/v1/search?q=bell", null))));
        assertEquals(List.of("Bell pair for the API"), titles(parse(portal.get("/api/v1/search?q=bell", alice))));
        assertEquals(2, parse(portal.get("/api/v1/search?q=bell", bob)).size());
        JsonNode hit = parse(portal.get("/api/v1/search?q=bell&hasRuns=true&verified=true", null)).get(0);
        assertEquals(bell, hit.get("id").asText());
        assertEquals(List.of("api-test", "bell"), List.of(hit.get("tags").get(0).asText(), hit.get("tags").get(1).asText()));
        assertEquals(2, hit.get("numQubits").asInt());
        assertNotNull(hit.get("createdAt"));
    }

    @Test
    void theLinkHeaderWalksEveryPageOnce() {
        List<String> seen = new ArrayList<>();
        String next = "/api/v1/search?q=sweep&sort=created&limit=2";
        int pages = 0;
        while (next != null) {
            var r = portal.get(next, null);
            assertStatus(200, r);
            seen.addAll(titles(parse(r)));
            pages++;
            next = r.headers().firstValue("Link").map(SearchApiTest::nextTarget).orElse(null);
            assertEquals(next == null, r.headers().firstValue("X-Next-Cursor").isEmpty());
        }
        assertEquals(3, pages);
        assertEquals(List.of("Sweep sample 4", "Sweep sample 3", "Sweep sample 2", "Sweep sample 1", "Sweep sample 0"), seen);
    }

    @Test
    void tagsAndListsAnswer() {
        JsonNode tags = parse(portal.get("/api/v1/tags", null));
        assertEquals("sweep", tags.get(0).get("tag").asText());
        assertEquals(5, tags.get(0).get("circuits").asInt());
        assertTrue(tags.toString().contains("\"tag\":\"bell\",\"circuits\":1"), tags.toString());
        JsonNode most = parse(portal.get("/api/v1/search/most-reproduced", null));
        assertEquals(bell, most.get(0).get("id").asText());
        assertEquals(1, most.get(0).get("reproductions").asInt());
        JsonNode recent = parse(portal.get("/api/v1/search/recently-verified?limit=1", null));
        assertEquals(bell, recent.get(0).get("id").asText());
        assertFalse(recent.get(0).get("verifiedAt").asText().isEmpty());
    }

    @Test
    void badParametersAre400NamingTheParameter() {
        for (String[] c : new String[][] {{"minQubits=x", "minQubits"}, {"sort=stars", "sort"}, {"limit=0", "limit"},
                {"hasRuns=maybe", "hasRuns"}, {"cursor=nonsense", "cursor"}}) {
            var r = portal.get("/api/v1/search?" + c[0], null);
            assertStatus(400, r);
            assertTrue(parse(r).get("error").asText().contains(c[1]), r.body());
        }
        String q = URLEncoder.encode("a b c d e f g h i", StandardCharsets.UTF_8);
        assertStatus(400, portal.get("/api/v1/search?q=" + q, null));
    }

    private static String nextTarget(String link) {
        Matcher m = Pattern.compile("<([^>]+)>; rel=\"next\"").matcher(link);
        assertTrue(m.find(), link);
        return m.group(1);
    }
}
