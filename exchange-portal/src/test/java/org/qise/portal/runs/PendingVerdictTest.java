package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.cli.QiseMain;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/**
 * A push whose re-run cannot start (the only worker is busy) is answered 202 "pending" with the
 * re-run's address after a bounded wait, and its verdict is stored once the re-run has run.
 */
class PendingVerdictTest {
    @Test
    void aPushBehindABusyWorkerIsAnsweredPendingAndJudgedLater() throws Exception {
        Path dir = TestPortal.tempDir();
        try (TestPortal portal = TestPortal.startKeeping(Runs.config(dir, Runs.runConfig()))) {
            String token = portal.token(portal.user("busy@example.org", Role.FELLOW, null));
            String slowCircuit = Runs.circuit(portal, token, "Slow", Runs.slow(), "private");
            String slow = Runs.start(portal, token, slowCircuit, Map.of("shots", Runs.SLOW_SHOTS, "seed", 1));
            Runs.await(portal, token, slow, "running");

            Path file = dir.resolve("bell.qasm");
            Files.writeString(file, Runs.SAMPLED);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(0, new QiseMain(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                    new ByteArrayInputStream(new byte[0]), Map.of(), false).execute("run", file.toString(), "--json", "--seed", "3"));
            // The only worker is busy with this person's slow run, so the re-run of the push has to wait.
            var pushed = portal.json("POST", "/api/v1/results", token, out.toString(StandardCharsets.UTF_8));
            assertStatus(202, pushed);
            JsonNode answer = parse(pushed);
            assertEquals("pending", answer.get("verdict").asText());
            String rerun = answer.get("rerun_id").asText();
            assertEquals("/api/v1/runs/" + rerun, answer.get("rerun_url").asText());
            assertFalse(answer.has("verified") && answer.get("verified").asBoolean());

            assertStatus(200, portal.json("POST", "/api/v1/runs/" + slow + "/cancel", token, Map.of()));
            Runs.awaitDone(portal, token, rerun);
            JsonNode run = Runs.await(portal, token, answer.get("id").asText(), "done");
            long until = System.nanoTime() + 60_000_000_000L;
            while (run.get("verifications").isEmpty() && System.nanoTime() < until) {
                Thread.sleep(50);
                run = Runs.get(portal, token, answer.get("id").asText());
            }
            assertEquals("bit-exact", run.get("verifications").get(0).get("verdict").asText(), run.toString());
        } finally {
            TestPortal.deleteTree(dir);
        }
    }
}
