package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qise.portal.PortalConfig;
import org.qise.portal.TestPortal;
import org.qise.portal.db.Jdbc;
import org.qise.portal.people.Role;

/**
 * The portal's own workers on SQLite when the database will not take how a run ended: a
 * reproduction never stands as done without its verdict (the verdict is written in the
 * transaction that stores the result, and the start-up judges any that ended without one), and
 * a result the database refused is reported as such, not as a failed simulation. The refusals
 * are forced by SQLite triggers.
 */
class RunOutcomeStorageTest {
    private final Path dir = TestPortal.tempDir();
    private final PortalConfig config = Runs.config(dir, Runs.runConfig());

    @AfterEach
    void deleteData() {
        TestPortal.deleteTree(dir);
    }

    private static Jdbc jdbc(TestPortal portal) {
        return portal.server.services().database().jdbc();
    }

    private static long id(TestPortal portal, String publicId) {
        return jdbc(portal).queryOne("SELECT id FROM runs WHERE public_id = ?", rs -> rs.getLong(1), publicId).orElseThrow();
    }

    private static long verdicts(TestPortal portal, long rerunId, String verdict) {
        return jdbc(portal).count("SELECT COUNT(*) FROM run_verifications WHERE rerun_id = ? AND verdict = ?", rerunId, verdict);
    }

    @Test
    void whenTheDatabaseRefusesTheResultTheRunSaysItsOutcomeCouldNotBeStoredRatherThanThatTheSimulationFailed() {
        try (TestPortal portal = TestPortal.startKeeping(config)) {
            String token = portal.token(portal.user("store.ada@example.org", Role.FELLOW, null));
            jdbc(portal).update("CREATE TRIGGER refuse_result BEFORE UPDATE ON runs WHEN NEW.status = 'DONE'"
                    + " BEGIN SELECT RAISE(ABORT, 'result refused (test)'); END");
            String run = Runs.start(portal, token, Runs.circuit(portal, token, "stored", Runs.SAMPLED, "private"), 100, 1);
            JsonNode ended = Runs.await(portal, token, run, "done", "failed", "cancelled", "timed_out");
            assertEquals("failed", ended.get("status").asText(), ended.toString());
            String message = ended.get("message").asText();
            assertTrue(message.contains("could not store this run's outcome") && message.contains("result refused (test)"), message);
            assertFalse(message.contains("simulation failed"), message);
        }
    }

    @Test
    void whenTheDatabaseRefusesAReproductionsVerdictTheRerunIsNotLeftDoneWithoutOneAndTheNextStartJudgesIt() {
        String rerun;
        try (TestPortal portal = TestPortal.startKeeping(config)) {
            String token = portal.token(portal.user("store.bob@example.org", Role.FELLOW, null));
            String run = Runs.start(portal, token, Runs.circuit(portal, token, "judged", Runs.SAMPLED, "private"), 200, 2);
            Runs.awaitDone(portal, token, run);
            jdbc(portal).update("CREATE TRIGGER refuse_verdict BEFORE INSERT ON run_verifications"
                    + " BEGIN SELECT RAISE(ABORT, 'verdict refused (test)'); END");
            var r = portal.json("POST", "/api/v1/runs/" + run + "/reproduce", token, Map.of());
            rerun = parse(r).get("rerunId").asText();
            long rerunId = id(portal, rerun);
            // The worker has given up on the rerun by the time the answer comes (the wait ends with the run's slot).
            JsonNode state = Runs.get(portal, token, rerun);
            assertEquals("running", state.get("status").asText(), "neither its result nor its failure got in without a verdict: " + state);
            assertEquals(0, jdbc(portal).count("SELECT COUNT(*) FROM runs WHERE id = ? AND result_sha256 IS NOT NULL", rerunId));
            jdbc(portal).update("DROP TRIGGER refuse_verdict");
        }
        try (TestPortal portal = TestPortal.startKeeping(config)) {
            long rerunId = id(portal, rerun);
            assertEquals("FAILED", jdbc(portal).queryOne("SELECT status FROM runs WHERE id = ?", rs -> rs.getString(1), rerunId)
                    .orElseThrow());
            assertEquals(1, verdicts(portal, rerunId, "inconclusive"), "the restart ends the rerun with its verdict");
        }
    }

    @Test
    void aReproductionThatEndedWithoutAVerdictIsJudgedOnceWhenThePortalStarts() {
        String rerun;
        try (TestPortal portal = TestPortal.startKeeping(config)) {
            String token = portal.token(portal.user("store.cy@example.org", Role.FELLOW, null));
            String run = Runs.start(portal, token, Runs.circuit(portal, token, "judged", Runs.BELL, "private"), 300, 3);
            Runs.awaitDone(portal, token, run);
            var r = portal.json("POST", "/api/v1/runs/" + run + "/reproduce", token, Map.of());
            rerun = parse(r).get("rerunId").asText();
            Runs.awaitDone(portal, token, rerun);
            long rerunId = id(portal, rerun);
            assertEquals(1, verdicts(portal, rerunId, "bit-exact"));
            // As a process killed between the result and the verdict left reproductions before verdicts went into
            // the result's transaction.
            jdbc(portal).update("DELETE FROM run_verifications WHERE rerun_id = ?", rerunId);
        }
        for (int start = 1; start <= 2; start++) {
            try (TestPortal portal = TestPortal.startKeeping(config)) {
                long rerunId = id(portal, rerun);
                assertEquals(1, verdicts(portal, rerunId, "bit-exact"), "after start " + start);
                assertEquals(1, jdbc(portal).count("SELECT COUNT(*) FROM run_verifications WHERE rerun_id = ?", rerunId));
            }
        }
    }
}
