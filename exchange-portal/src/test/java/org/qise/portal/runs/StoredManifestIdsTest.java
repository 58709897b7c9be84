package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qise.portal.TestPortal;
import org.qise.portal.db.Jdbc;
import org.qise.portal.people.Role;

/**
 * Manifests stored before public ids named runs and circuits by their internal integers. Such a
 * row (made here by writing the old form back into the database) is kept as stored, read with
 * the public ids and the old integers beside them, and still reproduces bit for bit.
 */
class StoredManifestIdsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path dir;
    private static TestPortal portal;
    private static String token;

    @BeforeAll
    static void start() {
        dir = TestPortal.tempDir();
        portal = TestPortal.start(Runs.config(dir, Runs.runConfig()));
        token = portal.token(portal.user("manifests@example.org", Role.FELLOW, null));
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @Test
    void anOldManifestIsReadWithPublicIdsAndStillReproducesBitExact() throws Exception {
        String circuit = Runs.circuit(portal, token, "Old manifest", Runs.SAMPLED, "private");
        String run = Runs.start(portal, token, circuit, Map.of("shots", 500, "seed", 11));
        JsonNode done = Runs.awaitDone(portal, token, run);
        Jdbc jdbc = portal.server.services().database().jdbc();
        long runId = jdbc.queryOne("SELECT id FROM runs WHERE public_id = ?", rs -> rs.getLong(1), run).orElseThrow();
        long circuitId = jdbc.queryOne("SELECT id FROM circuits WHERE public_id = ?", rs -> rs.getLong(1), circuit).orElseThrow();

        // The manifest as rows made before public ids have it: integers in run_id and circuit_id.
        Map<String, Object> old = JSON.convertValue(done.get("manifest"), JSON.getTypeFactory()
                .constructMapType(LinkedHashMap.class, String.class, Object.class));
        old.put("run_id", runId);
        old.put("circuit_id", circuitId);
        String oldText = JSON.writeValueAsString(old);
        jdbc.update("UPDATE runs SET manifest = ? WHERE id = ?", oldText, runId);

        JsonNode manifest = Runs.get(portal, token, run).get("manifest");
        assertEquals(run, manifest.get("run_id").asText());
        assertEquals(circuit, manifest.get("circuit_id").asText());
        assertEquals(runId, manifest.get("legacy_ids").get("run_id").asLong());
        assertEquals(circuitId, manifest.get("legacy_ids").get("circuit_id").asLong());
        assertEquals(oldText, jdbc.queryOne("SELECT manifest FROM runs WHERE id = ?", rs -> rs.getString(1), runId).orElseThrow(),
                "the stored text is left as it was");

        var reproduced = portal.json("POST", "/api/v1/runs/" + run + "/reproduce", token, Map.of());
        assertStatus(200, reproduced);
        JsonNode verdict = parse(reproduced);
        assertEquals("bit-exact", verdict.get("verdict").asText(), verdict.toString());
        assertTrue(verdict.get("verified").asBoolean());
        JsonNode rerun = Runs.get(portal, token, verdict.get("rerun_id").asText()).get("manifest");
        assertEquals(run, rerun.get("reproduces_run_id").asText(), "a new manifest names the run it reproduces by its public id");
        assertEquals(circuit, rerun.get("circuit_id").asText());
    }

    @Test
    void theResultDownloadNamesTheRunByItsPublicId() {
        String circuit = Runs.circuit(portal, token, "Download", Runs.SAMPLED, "public");
        String run = Runs.start(portal, token, circuit, Map.of("shots", 100, "seed", 3));
        Runs.awaitDone(portal, token, run);
        var r = portal.get("/runs/" + run + "/result.json", null);
        assertStatus(200, r);
        assertEquals(run, parse(r).get("run_id").asText());
    }
}
