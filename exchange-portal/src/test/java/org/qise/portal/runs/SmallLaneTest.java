package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/** A long run on the only general worker does not hold up someone else's quick run: the small-run lane takes it. */
class SmallLaneTest {
    @Test
    void aQuickRunFinishesWhileALongRunOccupiesTheGeneralWorker() {
        Path dir = TestPortal.tempDir();
        try (TestPortal portal = TestPortal.startKeeping(Runs.config(dir, Runs.runConfig().withSmallWorkers(1)))) {
            String slowToken = portal.token(portal.user("slow@example.org", Role.FELLOW, null));
            String quickToken = portal.token(portal.user("quick@example.org", Role.FELLOW, null));
            String slowCircuit = Runs.circuit(portal, slowToken, "Slow", Runs.slow(), "private");
            String slow = Runs.start(portal, slowToken, slowCircuit, Map.of("shots", Runs.SLOW_SHOTS, "seed", 1));
            Runs.await(portal, slowToken, slow, "running");

            String bell = Runs.circuit(portal, quickToken, "Bell", Runs.BELL, "private");
            String quick = Runs.start(portal, quickToken, bell, Map.of("shots", 100, "seed", 2));
            JsonNode done = Runs.awaitDone(portal, quickToken, quick);
            assertEquals(100, done.get("counts").properties().stream().mapToLong(e -> e.getValue().asLong()).sum());
            // The long run (minutes of work) is still going: the quick one did not wait for it.
            assertEquals("running", Runs.get(portal, slowToken, slow).get("status").asText());
            TestPortal.assertStatus(200, portal.json("POST", "/api/v1/runs/" + slow + "/cancel", slowToken, Map.of()));
        } finally {
            TestPortal.deleteTree(dir);
        }
    }
}
