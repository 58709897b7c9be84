package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;

/**
 * The queue and workers over HTTP: caps refused before running, time limits, cancelling,
 * fairness between people, and restarts. Every portal here has one worker, so a slow run
 * occupies it; slow runs are always cancelled or timed out rather than waited for.
 */
class RunQueueTest {
    @Test
    void runsOverACapAreRefusedBeforeRunningWithTheCapNamed() {
        try (TestPortal portal = Runs.portal()) {
            String token = portal.token(portal.user("big@example.org", Role.FELLOW, null));
            StringBuilder wide = new StringBuilder("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[20];\n");
            for (int i = 0; i < 20; i++) wide.append("h q[").append(i).append("];\n");
            String circuit = Runs.circuit(portal, token, "Twenty qubits", wide.toString(), "private");
            var r = portal.json("POST", "/api/v1/circuits/" + circuit + "/runs", token, Map.of("shots", 10));
            assertStatus(422, r);
            assertEquals("qubits 20 exceeds the cap of 16", parse(r).get("error").asText());

            String small = Runs.circuit(portal, token, "Small", Runs.BELL, "private");
            var shots = portal.json("POST", "/api/v1/circuits/" + small + "/runs", token, Map.of("shots", 3_000_000));
            assertStatus(422, shots);
            assertEquals("shots 3000000 exceeds the cap of 2000000", parse(shots).get("error").asText());
            assertEquals(0, parse(portal.get("/api/v1/circuits/" + circuit + "/runs", token)).size(), "nothing was queued");
        }
        RunConfig tight = Runs.runConfig().withCaps(24, 1000, 3, 16L << 10);
        try (TestPortal portal = Runs.portal(tight)) {
            String token = portal.token(portal.user("mem@example.org", Role.FELLOW, null));
            String circuit = Runs.circuit(portal, token, "Rotated GHZ", Runs.SAMPLED, "private");
            var gates = portal.json("POST", "/api/v1/circuits/" + circuit + "/runs", token, Map.of("shots", 10));
            assertStatus(422, gates);
            assertEquals("gates 4 exceeds the cap of 3", parse(gates).get("error").asText());
            StringBuilder eleven = new StringBuilder("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[11];\nx q[10];\n");
            String wide = Runs.circuit(portal, token, "Eleven qubits", eleven.toString(), "private");
            var memory = portal.json("POST", "/api/v1/circuits/" + wide + "/runs", token, Map.of("shots", 10));
            assertStatus(422, memory);
            assertEquals("memory 32 KiB for a 11-qubit state exceeds the cap of 16 KiB", parse(memory).get("error").asText());
        }
    }

    @Test
    void aRunPastItsTimeLimitEndsTimedOutAndFreesItsWorker() {
        RunConfig config = Runs.runConfig().withTimeout(Duration.ofMillis(200));
        try (TestPortal portal = Runs.portal(config)) {
            String token = portal.token(portal.user("slow@example.org", Role.FELLOW, null));
            String slow = Runs.circuit(portal, token, "Slow", Runs.slow(), "private");
            String run = Runs.start(portal, token, slow, Runs.SLOW_RUN);
            JsonNode ended = Runs.await(portal, token, run, "timed_out", "done", "failed", "cancelled");
            assertEquals("timed_out", ended.get("status").asText(), ended.toString());
            assertTrue(ended.get("message").asText().contains("time limit of 200 ms"), ended.toString());
            assertTrue(ended.get("progress").asDouble() < 1, "it stopped part way");

            String quick = Runs.circuit(portal, token, "Quick", Runs.BELL, "private");
            Runs.awaitDone(portal, token, Runs.start(portal, token, quick, Map.of("shots", 10)));
        }
    }

    @Test
    void ownersCancelQueuedAndRunningRunsAndProgressIsVisible() {
        try (TestPortal portal = Runs.portal()) {
            User owner = portal.user("owner@example.org", Role.FELLOW, null);
            String token = portal.token(owner);
            String stranger = portal.token(portal.user("other@example.org", Role.FELLOW, null));
            String slow = Runs.circuit(portal, token, "Slow", Runs.slow(), "public");
            String running = Runs.start(portal, token, slow, Runs.SLOW_RUN);
            String waiting = Runs.start(portal, token, slow, Runs.SLOW_RUN);
            Runs.await(portal, token, running, "running");
            JsonNode progressed = Runs.awaitProgress(portal, token, running);
            assertTrue(progressed.get("progress").asDouble() > 0 && progressed.get("progress").asDouble() < 1);
            assertEquals("queued", Runs.get(portal, token, waiting).get("status").asText(), "one worker: the second waits");
            var page = portal.get("/runs/" + running, null);
            assertTrue(page.body().contains("http-equiv=\"refresh\""), "a running run's page reloads itself");
            assertTrue(page.body().contains("<progress"), "and shows its progress");

            assertStatus(403, portal.json("POST", "/api/v1/runs/" + running + "/cancel", stranger, Map.of()));
            var c1 = portal.json("POST", "/api/v1/runs/" + waiting + "/cancel", token, Map.of());
            assertStatus(200, c1);
            assertEquals("cancelled", parse(c1).get("status").asText());
            var c2 = portal.json("POST", "/api/v1/runs/" + running + "/cancel", token, Map.of());
            assertStatus(200, c2);
            assertEquals("cancelled", Runs.await(portal, token, running, "cancelled", "done", "failed").get("status").asText());
            assertStatus(409, portal.json("POST", "/api/v1/runs/" + running + "/cancel", token, Map.of()));
            Runs.awaitDone(portal, token, Runs.start(portal, token, Runs.circuit(portal, token, "Q", Runs.BELL, "private"), Map.of("shots", 5)));
        }
    }

    @Test
    void oneUsersFloodDoesNotStarveAnothersRun() {
        try (TestPortal portal = Runs.portal()) {
            String flooder = portal.token(portal.user("flood@example.org", Role.FELLOW, null));
            String patient = portal.token(portal.user("patient@example.org", Role.FELLOW, null));
            String slow = Runs.circuit(portal, flooder, "Slow", Runs.slow(), "private");
            List<String> flood = new ArrayList<>();
            for (int i = 0; i < 6; i++) flood.add(Runs.start(portal, flooder, slow, Map.of("shots", Runs.SLOW_SHOTS, "seed", i)));
            Runs.await(portal, flooder, flood.getFirst(), "running");
            String mine = Runs.start(portal, patient, Runs.circuit(portal, patient, "Mine", Runs.BELL, "private"), Map.of("shots", 20));
            // The flood's first run ends; the newcomer goes next, before the flood's second.
            assertStatus(200, portal.json("POST", "/api/v1/runs/" + flood.getFirst() + "/cancel", flooder, Map.of()));
            JsonNode done = Runs.awaitDone(portal, patient, mine);
            JsonNode second = Runs.get(portal, flooder, flood.get(1));
            if (second.has("started_at")) {
                assertTrue(Instant.parse(done.get("started_at").asText()).isBefore(Instant.parse(second.get("started_at").asText())),
                        "the patient run started before the flood's second: " + done + " " + second);
            }
            assertEquals("queued", Runs.get(portal, flooder, flood.get(2)).get("status").asText());
            for (String id : flood) portal.json("POST", "/api/v1/runs/" + id + "/cancel", flooder, Map.of());
        }
    }

    @Test
    void aRestartLeavesNoRunStuck() {
        Path dir = TestPortal.tempDir();
        try {
            String token;
            String running;
            String waiting;
            try (TestPortal first = TestPortal.startKeeping(Runs.config(dir, Runs.runConfig()))) {
                token = first.token(first.user("restart@example.org", Role.FELLOW, null));
                String slow = Runs.circuit(first, token, "Slow", Runs.slow(), "private");
                running = Runs.start(first, token, slow, Runs.SLOW_RUN);
                waiting = Runs.start(first, token, Runs.circuit(first, token, "Quick", Runs.BELL, "private"), Map.of("shots", 10, "seed", 4));
                Runs.await(first, token, running, "running");
                assertEquals("queued", Runs.get(first, token, waiting).get("status").asText());
            } // stops mid-run, as a crash would: the database still says "running"
            try (TestPortal second = TestPortal.startKeeping(Runs.config(dir, Runs.runConfig()))) {
                JsonNode interrupted = Runs.get(second, token, running);
                assertEquals("failed", interrupted.get("status").asText());
                assertTrue(interrupted.get("message").asText().contains("restarted"), interrupted.toString());
                assertNotNull(interrupted.get("finished_at"));
                JsonNode requeued = Runs.awaitDone(second, token, waiting);
                assertEquals(10, requeued.get("shots").asLong());
            }
        } finally {
            TestPortal.deleteTree(dir);
        }
    }
}
