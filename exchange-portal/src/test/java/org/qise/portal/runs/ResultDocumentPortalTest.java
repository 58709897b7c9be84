package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;
import org.qise.sim.ResultDocument;

/** The CLI and the portal write, and read, one result document for the same run. */
class ResultDocumentPortalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theCommandAndThePortalGiveTheSameDocumentForTheSameRun() throws Exception {
        Path dir = TestPortal.tempDir();
        try (TestPortal portal = TestPortal.startKeeping(Runs.config(dir, Runs.runConfig()))) {
            String token = portal.token(portal.user("doc@example.org", Role.FELLOW, null));
            String circuit = Runs.circuit(portal, token, "Rotated GHZ", Runs.SAMPLED, "public");
            String run = Runs.start(portal, token, circuit, Map.of("shots", 500, "seed", 11));
            Runs.awaitDone(portal, token, run);

            String cliText = JSON.writeValueAsString(Runs.cli(dir, Runs.SAMPLED, "--seed", "11", "--shots", "500"));
            ResultDocument cli = ResultDocument.read(cliText);

            var download = portal.get("/runs/" + run + "/result.json", null); // a public circuit: the download needs no session
            assertStatus(200, download);
            JsonNode served = JSON.readTree(download.body());
            assertEquals(JSON.writeValueAsString(cli.counts()), served.get("counts").toString(), "the same counts, in the same bitstring order");
            assertEquals(cli.shots(), served.get("shots").asLong());
            assertEquals(cli.seed(), served.get("seed").asLong());
            assertEquals(cli.engine(), served.get("engine").asText());
            assertEquals(cli.resultSha256(), served.get("result_sha256").asText(), "one canonical text, one hash");
            assertEquals(cli.manifest().get("circuit_sha256"), served.get("manifest").get("circuit_sha256"));

            // One writer: the download has the command's layout ("key": value, two-space indent, a final newline),
            // so writing its own fields again changes no byte.
            assertTrue(download.body().contains("\n  \"shots\": 500,\n"), download.body());
            assertEquals(download.body(), ResultDocument.write(JSON.convertValue(served, LinkedHashMap.class)));
        } finally {
            TestPortal.deleteTree(dir);
        }
    }

    @Test
    void aPushedDocumentIsReadByTheSameReaderAsQisePushUses() throws Exception {
        Path dir = TestPortal.tempDir();
        try {
            JsonNode printed = Runs.cli(dir, Runs.BELL, "--seed", "3", "--shots", "64");
            ResultDocument doc = ResultDocument.read(JSON.writeValueAsString(printed));
            PushedClaim claim = PushedClaim.read(printed);
            assertEquals(doc.counts(), claim.counts());
            assertEquals(doc.shots(), claim.shots());
            assertEquals(doc.seed(), claim.seed());
            assertEquals(doc.engine(), claim.engine());
            assertEquals(64, claim.counts().values().stream().mapToLong(Long::longValue).sum());

            // A flaw the shared reader finds is reported by the portal under the same JSON path.
            var flawed = (com.fasterxml.jackson.databind.node.ObjectNode) printed.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) flawed.get("counts")).put("0x", 1);
            var e = org.junit.jupiter.api.Assertions.assertThrows(org.qise.portal.PortalException.class, () -> PushedClaim.read(flawed));
            assertTrue(e.getMessage().startsWith("$.counts['0x'] is not a bitstring"), e.getMessage());
        } finally {
            TestPortal.deleteTree(dir);
        }
    }
}
