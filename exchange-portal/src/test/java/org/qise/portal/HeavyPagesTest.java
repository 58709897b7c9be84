package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.portal.people.Role;

/** Pages that could be heavy stay small, and page GETs are rate-limited per address. */
class HeavyPagesTest {
    private static final String HEADER = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";

    @Test
    void aRunWithThousandsOfOutcomesIsShownAPageAtATime() throws InterruptedException {
        try (TestPortal portal = TestPortal.start()) {
            String token = portal.token(portal.user("many@example.org", Role.FELLOW, null));
            StringBuilder qasm = new StringBuilder(HEADER + "qreg q[12];\ncreg c[12];\n");
            for (int i = 0; i < 12; i++) qasm.append("h q[").append(i).append("];\n");
            qasm.append("measure q -> c;\n");
            var created = portal.json("POST", "/api/v1/circuits", token, Map.of("title", "Uniform", "visibility", "public", "qasm", qasm.toString()));
            assertStatus(201, created);
            String circuit = parse(created).get("id").asText();
            var started = portal.json("POST", "/api/v1/circuits/" + circuit + "/runs", token, Map.of("shots", 20_000, "seed", 5));
            assertStatus(202, started);
            String run = parse(started).get("id").asText();
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!parse(portal.get("/api/v1/runs/" + run, token)).get("status").asText().equals("done") && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            var first = portal.get("/api/v1/runs/" + run, token);
            int outcomes = parse(first).get("counts_total").asInt();
            assertTrue(outcomes > 3000, "20 000 shots over 4096 outcomes: " + outcomes);
            // The API pages the counts too; following the cursors gives exactly the full result.json counts.
            assertEquals(256, parse(first).get("counts").size(), "the API's default page");
            var full = parse(portal.get("/runs/" + run + "/result.json", token)).get("counts");
            java.util.Map<String, Long> walked = new java.util.HashMap<>();
            String cursor = parse(first).get("counts_next_cursor").asText();
            assertEquals(cursor, first.headers().firstValue("X-Next-Cursor").orElseThrow());
            assertTrue(first.headers().firstValue("Link").orElseThrow().contains("cursor=" + cursor));
            parse(first).get("counts").properties().forEach(e -> walked.put(e.getKey(), e.getValue().asLong()));
            int apiPages = 1;
            while (cursor != null) {
                var next = parse(portal.get("/api/v1/runs/" + run + "?limit=1000&cursor=" + cursor, token));
                next.get("counts").properties().forEach(e -> assertEquals(null, walked.put(e.getKey(), e.getValue().asLong())));
                cursor = next.has("counts_next_cursor") ? next.get("counts_next_cursor").asText() : null;
                apiPages++;
            }
            assertEquals(1 + (outcomes - 256 + 999) / 1000, apiPages);
            assertEquals(full.size(), walked.size());
            full.properties().forEach(e -> assertEquals(e.getValue().asLong(), walked.get(e.getKey()), e.getKey()));
            assertStatus(400, portal.get("/api/v1/runs/" + run + "?limit=0", token));
            assertStatus(400, portal.get("/api/v1/runs/" + run + "?cursor=bm90LWEtYml0c3RyaW5n", token));
            var page = portal.get("/runs/" + run, null);
            assertStatus(200, page);
            int pages = (outcomes + 255) / 256;
            assertTrue(page.body().contains(outcomes + " outcomes, most frequent first; page 1 of " + pages), "paged");
            assertEquals(256, page.body().split("<tr><td><code>", -1).length - 1, "one page of rows");
            var last = portal.get("/runs/" + run + "?page=" + pages, null);
            assertEquals(outcomes - 256 * (pages - 1), last.body().split("<tr><td><code>", -1).length - 1, "the rest on the last page");
        }
    }

    @Test
    void aDiagramCarriesItsVersionHashAndIsNotSentAgainToABrowserThatHasIt() {
        try (TestPortal portal = TestPortal.start()) {
            String token = portal.token(portal.user("pic@example.org", Role.FELLOW, null));
            String qasm = HEADER + "qreg q[2];\nh q[0];\ncx q[0],q[1];\n";
            var created = portal.json("POST", "/api/v1/circuits", token, Map.of("title", "Pic", "visibility", "public", "qasm", qasm));
            String id = parse(created).get("id").asText();
            var first = portal.get("/circuits/" + id + "/diagram.svg", null);
            assertStatus(200, first);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertEquals("\"" + org.qise.sim.Manifest.sha256(qasm) + "\"", etag, "the SHA-256 of the version's text");
            var again = portal.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(portal.base + "/circuits/" + id + "/diagram.svg"))
                    .header("If-None-Match", etag).GET().build());
            assertStatus(304, again);
            assertEquals("", again.body());
        }
    }

    @Test
    void pageGetsBeyondTheirBudgetAreAnswered429WithRetryAfter() {
        PortalConfig c = TestPortal.config(TestPortal.tempDir());
        c = c.withLimits(c.maxBodyBytes(), c.maxQasmBytes(), c.maxQubits(), c.maxGates(), 5);
        try (TestPortal portal = TestPortal.start(c)) {
            int budget = PortalServer.pageGetsPerMinute(c);
            assertEquals(20, budget, "four times the API budget");
            int ok = 0;
            java.net.http.HttpResponse<String> r;
            do {
                r = portal.get("/", null);
                if (r.statusCode() == 200) ok++;
            } while (r.statusCode() == 200 && ok <= 2 * budget);
            // A minute boundary in between may reset the count once; never more than two windows' worth pass.
            assertTrue(ok >= 1 && ok <= 2 * budget, ok + " pages before the limit");
            assertStatus(429, r);
            assertTrue(r.headers().firstValue("Retry-After").isPresent());
            assertStatus(200, portal.get("/static/portal.css", null));
        }
    }
}
