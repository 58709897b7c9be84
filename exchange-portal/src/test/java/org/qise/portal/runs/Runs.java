package org.qise.portal.runs;

import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.qise.portal.PortalConfig;
import org.qise.portal.TestPortal;

/** Helpers for the run tests: circuits to run, and waiting (with generous bounds) for a run's status. */
final class Runs {
    private Runs() {}

    /** A GHZ-like circuit with rotations, so that the counts depend on the seed. */
    static final String SAMPLED = """
            OPENQASM 2.0;
            include "qelib1.inc";
            qreg q[3];
            creg c[3];
            h q[0];
            ry(0.7) q[1];
            cx q[0],q[2];
            rx(1.3) q[2];
            measure q -> c;
            """;

    /** A Bell pair without measurement: has a state vector. */
    static final String BELL = """
            OPENQASM 2.0;
            include "qelib1.inc";
            qreg q[2];
            h q[0];
            cx q[0],q[1];
            """;

    /**
     * 12 qubits measured mid-circuit, so it is simulated shot by shot, each shot copying and
     * measuring a 2^12-amplitude state (about a millisecond): {@link #SLOW_SHOTS} shots take far
     * longer than the tests' tiny time limits, while progress (every 1% of the shots) is
     * reported often enough for cancelling and time limits to act soon.
     */
    static String slow() {
        StringBuilder sb = new StringBuilder("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[12];\ncreg c[12];\n");
        for (int i = 0; i < 12; i++) sb.append("h q[").append(i).append("];\n");
        sb.append("measure q[0] -> c[0];\n");
        // Eight layers, so that the run stays slow however fast a 12-qubit shot becomes (tests wait up to 10 s for it)
        for (int layer = 0; layer < 8; layer++) {
            for (int i = 0; i < 12; i++) sb.append("rx(").append(0.3 + 0.01 * layer).append(") q[").append(i).append("];\n");
            for (int i = 0; i < 11; i++) sb.append("cx q[").append(i).append("],q[").append(i + 1).append("];\n");
        }
        sb.append("measure q -> c;\n");
        return sb.toString();
    }

    static final int SLOW_SHOTS = 100_000;

    /** A run of the slow circuit that would take a minute or more: tests cancel it or let it time out. */
    static final Map<String, Object> SLOW_RUN = Map.of("shots", SLOW_SHOTS, "seed", 1);

    /** Test configuration: the given run settings, and no request rate limit to trip over while polling. */
    static PortalConfig config(java.nio.file.Path dir, RunConfig runs) {
        PortalConfig c = TestPortal.config(dir).withRuns(runs);
        return c.withLimits(c.maxBodyBytes(), c.maxQasmBytes(), c.maxQubits(), c.maxGates(), 1_000_000);
    }

    /** A portal with {@link #runConfig()} in a data directory of its own, deleted when it closes. */
    static TestPortal portal() {
        return portal(runConfig());
    }

    /** A portal with these run settings in a data directory of its own, deleted when it closes. */
    static TestPortal portal(RunConfig runs) {
        return TestPortal.start(config(TestPortal.tempDir(), runs));
    }

    static RunConfig runConfig() {
        return RunConfig.defaults().withWorkers(1).withSmallWorkers(0).withCaps(16, 2_000_000, 10_000, 1L << 30)
                .withQueueLimits(50, 10, 1).withTimeout(Duration.ofMinutes(5));
    }

    static String circuit(TestPortal portal, String token, String title, String qasm, String visibility) {
        var r = portal.json("POST", "/api/v1/circuits", token, Map.of("title", title, "visibility", visibility, "qasm", qasm));
        assertStatus(201, r);
        return parse(r).get("id").asText();
    }

    static String start(TestPortal portal, String token, String circuitId, Map<String, Object> body) {
        var r = portal.json("POST", "/api/v1/circuits/" + circuitId + "/runs", token, body);
        assertStatus(202, r);
        return parse(r).get("id").asText();
    }

    /** A run of {@code shots} shots with this seed; its public id. */
    static String start(TestPortal portal, String token, String circuitId, long shots, long seed) {
        return start(portal, token, circuitId, Map.of("shots", shots, "seed", seed));
    }

    static JsonNode get(TestPortal portal, String token, String runId) {
        var r = portal.get("/api/v1/runs/" + runId, token);
        assertStatus(200, r);
        return parse(r);
    }

    /** Polls until the run's status is one of {@code statuses}; fails after a minute. */
    static JsonNode await(TestPortal portal, String token, String runId, String... statuses) {
        Set<String> wanted = Set.of(statuses);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode run = get(portal, token, runId);
            if (wanted.contains(run.get("status").asText())) return run;
            if (System.nanoTime() > deadline) {
                throw new AssertionError("run " + runId + " did not reach " + wanted + " within a minute: " + run);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Polls until a running run reports some progress; after a minute, returns the run as it is (callers assert on it). */
    static JsonNode awaitProgress(TestPortal portal, String token, String runId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode r = get(portal, token, runId);
            if (r.get("progress").asDouble() > 0 || System.nanoTime() > deadline) return r;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return r;
            }
        }
    }

    static JsonNode awaitDone(TestPortal portal, String token, String runId) {
        JsonNode run = await(portal, token, runId, "done", "failed", "cancelled", "timed_out");
        if (!run.get("status").asText().equals("done")) throw new AssertionError("run " + runId + " ended " + run);
        return run;
    }

    /** {@code qise run FILE --json ARGS…} in this JVM: the independent path to the same counts. */
    static JsonNode cli(java.nio.file.Path dir, String qasm, String... args) throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile(dir, "circuit", ".qasm");
        java.nio.file.Files.writeString(file, qasm);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        String[] all = new String[args.length + 3];
        all[0] = "run";
        all[1] = file.toString();
        all[2] = "--json";
        System.arraycopy(args, 0, all, 3, args.length);
        int code = new org.qise.cli.QiseMain(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.ByteArrayInputStream(new byte[0]), Map.of(), false).execute(all);
        org.junit.jupiter.api.Assertions.assertEquals(0, code, err.toString(java.nio.charset.StandardCharsets.UTF_8));
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
}
