package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.portal.people.Role;

/** Request bodies, OpenQASM sources and request rates are capped with clear 413 and 429 answers. */
class LimitsTest {
    @Test
    void oversizeBodiesGet413() {
        PortalConfig config = TestPortal.config(TestPortal.tempDir()).withLimits(10_000, 2_000, 64, 1000, 1000);
        try (TestPortal portal = TestPortal.start(config)) {
            String token = portal.token(portal.user("big@example.org", Role.FELLOW, null));
            String huge = "x".repeat(20_000);
            var api = portal.json("POST", "/api/v1/circuits", token, Map.of("title", "big", "visibility", "public", "qasm", huge));
            assertStatus(413, api);
            assertTrue(parse(api).get("error").asText().contains("at most 10000"), api.body());

            // Under the body limit but over the QASM limit: refused before parsing.
            String longQasm = "OPENQASM 2.0;\n" + "// padding\n".repeat(300);
            var qasm = portal.json("POST", "/api/v1/circuits", token, Map.of("title", "long", "visibility", "public", "qasm", longQasm));
            assertStatus(413, qasm);
            assertTrue(parse(qasm).get("error").asText().contains("at most 2000"), qasm.body());

            // A chunked body declares no length up front; it is cut off while being read.
            var chunked = portal.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(portal.base + "/api/v1/circuits"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream(("{\"title\":\"" + huge + "\"}").getBytes()))).build());
            assertStatus(413, chunked);
            assertTrue(parse(chunked).has("error"));

            Browser b = new Browser(portal);
            b.login("big@example.org", TestPortal.PASSWORD);
            var form = b.post("/circuits", Map.of("title", "big", "qasm", huge));
            assertEquals(413, form.statusCode());
            assertTrue(form.body().contains("Too large"), form.body());
        }
    }

    @Test
    void circuitsOverTheQubitOrGateLimitGet413() {
        PortalConfig config = TestPortal.config(TestPortal.tempDir()).withLimits(1 << 20, 1 << 16, 4, 10, 1000);
        try (TestPortal portal = TestPortal.start(config)) {
            String token = portal.token(portal.user("wide@example.org", Role.FELLOW, null));
            String header = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";
            var wide = portal.json("POST", "/api/v1/circuits", token,
                    Map.of("title", "wide", "visibility", "public", "qasm", header + "qreg q[5];\nh q[0];\n"));
            assertStatus(413, wide);
            assertEquals("the circuit has 5 qubits; at most 4 are allowed", parse(wide).get("error").asText());
            var deep = portal.json("POST", "/api/v1/circuits", token,
                    Map.of("title", "deep", "visibility", "public", "qasm", header + "qreg q[2];\n" + "h q[0];\n".repeat(11)));
            assertStatus(413, deep);
            assertEquals("the circuit has 11 gates; at most 10 are allowed", parse(deep).get("error").asText());
            // Register-wide gates count once per qubit.
            var broadcast = portal.json("POST", "/api/v1/circuits", token,
                    Map.of("title", "ok", "visibility", "public", "qasm", header + "qreg q[4];\nh q;\ncx q[0],q[1];\n"));
            assertStatus(201, broadcast);
        }
    }

    @Test
    void tooManyRequestsGet429() {
        int perMinute = 5;
        PortalConfig config = TestPortal.config(TestPortal.tempDir()).withLimits(1 << 20, 1 << 16, 64, 1000, perMinute);
        try (TestPortal portal = TestPortal.start(config)) {
            String token = portal.token(portal.user("busy@example.org", Role.FELLOW, null));
            // 2 * limit + 1 calls: even if a minute boundary falls in between, one window overflows.
            int throttled = 0;
            String retryAfter = null;
            for (int i = 0; i < 2 * perMinute + 1; i++) {
                var r = portal.get("/api/v1/circuits", token);
                if (r.statusCode() == 429) {
                    throttled++;
                    retryAfter = r.headers().firstValue("Retry-After").orElse(null);
                    assertTrue(parse(r).get("error").asText().contains("requests in a minute"));
                } else {
                    assertStatus(200, r);
                }
            }
            assertTrue(throttled >= 1);
            assertTrue(retryAfter != null && Long.parseLong(retryAfter) >= 1);
        }
    }
}
