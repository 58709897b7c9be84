package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/**
 * A running noisy run stops midway when its owner cancels it, as an ideal run does: the noisy
 * simulator reports progress after each trajectory and each step of the density matrix's plan,
 * and the portal's stop check runs there. The runs below take minutes to finish, so a cancelled
 * status with progress below 1 means the simulation was stopped, not waited for; nothing of it
 * is stored.
 */
class NoisyRunCancelTest {

    /** 11 qubits, 9,000 gates with depolarizing after each: ρ is 2^22 amplitudes, each gate and channel a pass over it. */
    static String longDensityCircuit() {
        StringBuilder sb = new StringBuilder("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[11];\ncreg c[11];\n");
        for (int layer = 0; layer < 450; layer++) {
            for (int i = 0; i < 10; i++) sb.append("rx(0.").append(1 + (layer + i) % 9).append(") q[").append(i).append("];\n");
            for (int i = layer % 2; i + 1 < 11; i += 2) sb.append("cx q[").append(i).append("],q[").append(i + 1).append("];\n");
        }
        sb.append("measure q -> c;\n");
        return sb.toString();
    }

    @ParameterizedTest(name = "a {0} run is cancelled midway and stores nothing")
    @CsvSource({"trajectories", "density-matrix"})
    void cancellingARunningNoisyRunStopsItMidway(String method) {
        try (TestPortal portal = Runs.portal()) {
            String token = portal.token(portal.user("noisy@example.org", Role.FELLOW, null));
            boolean trajectories = method.equals("trajectories");
            // the slow circuit measures mid-circuit, so it runs as trajectories; the long one ends in
            // measurements and has 2^11 ≤ shots, so auto takes the density matrix
            String circuit = Runs.circuit(portal, token, "Long noisy " + method, trajectories ? Runs.slow() : longDensityCircuit(), "private");
            String run = Runs.start(portal, token, circuit, Map.of("shots", trajectories ? Runs.SLOW_SHOTS : 4096, "seed", 3,
                    "noise_model", "example:depolarizing"));
            Runs.await(portal, token, run, "running");
            JsonNode progressed = Runs.awaitProgress(portal, token, run);
            assertEquals(method, progressed.get("method").asText());
            assertTrue(progressed.get("progress").asDouble() > 0, "a noisy run reports progress: " + progressed);

            var cancel = portal.json("POST", "/api/v1/runs/" + run + "/cancel", token, Map.of());
            assertStatus(200, cancel);
            JsonNode ended = Runs.await(portal, token, run, "cancelled", "done", "failed", "timed_out");
            assertEquals("cancelled", ended.get("status").asText(), ended.toString());
            assertTrue(ended.get("progress").asDouble() < 1, "it stopped part way: " + ended);
            assertFalse(ended.has("counts"), "nothing is stored: " + ended);

            // the worker is free again
            Runs.awaitDone(portal, token, Runs.start(portal, token, Runs.circuit(portal, token, "Q", Runs.BELL, "private"), Map.of("shots", 5)));
            assertEquals("cancelled", parse(portal.get("/api/v1/runs/" + run, token)).get("status").asText());
        }
    }
}
