package org.qise.portal.circuits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/** Lists are paged with ?limit=&cursor= (API: Link / X-Next-Cursor headers; pages: a next link), at any depth. */
class CircuitPagingTest {
    private static final String QASM = "OPENQASM 2.0;\nqreg q[1];\nU(0,0,0) q[0];\n";
    private static final int CIRCUITS = 7;
    private static TestPortal portal;
    private static String token;
    private static final List<String> created = new ArrayList<>();

    @BeforeAll
    static void start() {
        portal = TestPortal.start();
        token = portal.token(portal.user("pager@example.org", Role.FELLOW, null));
        for (int i = 0; i < CIRCUITS; i++) {
            var r = portal.json("POST", "/api/v1/circuits", token, Map.of("title", "circuit " + i, "qasm", QASM,
                    "visibility", "public", "tags", List.of("t" + i, "all")));
            assertStatus(201, r);
            created.add(parse(r).get("id").asText());
        }
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @ParameterizedTest(name = "limit {0}")
    @CsvSource({"1", "3", "7", "50"})
    void followingTheCursorVisitsEveryCircuitOnceNewestFirst(int limit) {
        List<String> seen = new ArrayList<>();
        String next = "/api/v1/circuits?tag=all&limit=" + limit;
        int pages = 0;
        while (next != null) {
            var r = portal.get(next, token);
            assertStatus(200, r);
            parse(r).forEach(c -> {
                seen.add(c.get("id").asText());
                String i = c.get("title").asText().substring("circuit ".length());
                assertEquals(List.of("all", "t" + i), toList(c.get("tags")), "tags of each row, read in one batch");
            });
            String cursor = r.headers().firstValue("X-Next-Cursor").orElse(null);
            Matcher link = Pattern.compile("<([^>]+)>; rel=\"next\"").matcher(r.headers().firstValue("Link").orElse(""));
            assertEquals(cursor != null, link.find());
            next = cursor == null ? null : link.group(1);
            pages++;
        }
        assertEquals(created.reversed(), seen);
        assertEquals((CIRCUITS + limit - 1) / limit, pages);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "a limit of zero, limit=0, limit must be between 1 and 200",
            "a limit over the maximum, limit=201, limit must be between 1 and 200",
            "a cursor this server did not hand out, cursor=bm9uc2Vuc2U, is not one this server handed out"})
    void badPagingParametersAre400(String what, String query, String message) {
        var r = portal.get("/api/v1/circuits?" + query, token);
        assertStatus(400, r);
        assertTrue(parse(r).get("error").asText().contains(message), r.body());
    }

    @Test
    void theListPageLinksToTheNextPageAndTheLastPageDoesNot() {
        var first = portal.get("/?tag=all&limit=4", null);
        assertStatus(200, first);
        Matcher next = Pattern.compile("<a rel=\"next\" href=\"([^\"]+)\"").matcher(first.body());
        assertTrue(next.find(), "a next link on a full page");
        var second = portal.get(next.group(1).replace("&amp;", "&"), null);
        assertStatus(200, second);
        assertTrue(second.body().contains("circuit 0") && !second.body().contains("circuit 6"));
        assertTrue(!second.body().contains("rel=\"next\""), "no next link on the last page");
    }

    @Test
    void anEditMovesACircuitToTheFrontWithoutRepeatingItOnLaterPages() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var r = portal.json("POST", "/api/v1/circuits", token, Map.of("title", "edit " + i, "qasm", QASM,
                    "visibility", "public", "tags", List.of("edit")));
            mine.add(parse(r).get("id").asText());
        }
        var r = portal.get("/api/v1/circuits?tag=edit&limit=2", token);
        String cursor = r.headers().firstValue("X-Next-Cursor").orElseThrow();
        assertStatus(200, portal.json("PUT", "/api/v1/circuits/" + mine.getFirst(), token, Map.of("title", "edit 0", "qasm", QASM)));
        List<String> rest = new ArrayList<>();
        String c = cursor;
        while (c != null) {
            var page = portal.get("/api/v1/circuits?tag=edit&limit=2&cursor=" + c, token);
            parse(page).forEach(n -> rest.add(n.get("id").asText()));
            c = page.headers().firstValue("X-Next-Cursor").orElse(null);
        }
        assertEquals(List.of(mine.get(2), mine.get(1)), rest, "the edited circuit is not shown again further down");
        assertNull(portal.get("/api/v1/circuits?tag=edit&limit=50", token).headers().firstValue("X-Next-Cursor").orElse(null));
    }

    private static List<String> toList(com.fasterxml.jackson.databind.JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
