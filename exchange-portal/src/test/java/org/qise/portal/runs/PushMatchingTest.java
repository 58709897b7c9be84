package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.cli.QiseMain;
import org.qise.portal.TestPortal;
import org.qise.portal.circuits.CircuitDraft;
import org.qise.portal.circuits.Visibility;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;

/** A pushed result finds its circuit among all versions, however many newer circuits there are, and only ones the pusher may see. */
class PushMatchingTest {
    @Test
    void aPushLinksToAnOldCircuitBehindHundredsOfNewerOnesAndNeverToAnInvisibleOne() throws Exception {
        Path dir = TestPortal.tempDir();
        try (TestPortal portal = TestPortal.startKeeping(Runs.config(dir, Runs.runConfig()))) {
            User ann = portal.user("ann@example.org", Role.FELLOW, null);
            User ben = portal.user("ben@example.org", Role.FELLOW, null);
            var circuits = portal.server.services().circuits();
            // The same circuit written differently (spacing, comments): one canonical text.
            long old = circuits.create(ann, new CircuitDraft("Old one", "", "// written long ago\n" + Runs.SAMPLED.replace(";\n", " ;\n"),
                    Visibility.PUBLIC, List.of()));
            long hidden = circuits.create(ben, new CircuitDraft("Ben's private copy", "", Runs.SAMPLED, Visibility.PRIVATE, List.of()));
            for (int i = 0; i < 210; i++) {
                circuits.create(ann, new CircuitDraft("Newer " + i, "", "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nrx(" + (i + 1)
                        + ") q[0];\n", Visibility.PUBLIC, List.of()));
            }
            Path file = dir.resolve("c.qasm");
            Files.writeString(file, Runs.SAMPLED);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(0, new QiseMain(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                    new ByteArrayInputStream(new byte[0]), Map.of(), false).execute("run", file.toString(), "--json", "--seed", "4"));
            String result = out.toString(StandardCharsets.UTF_8);

            var r = portal.json("POST", "/api/v1/results", portal.token(ann), result);
            assertStatus(201, r);
            JsonNode a = parse(r);
            assertEquals(circuits.publicId(old), a.get("circuit_id").asText(), "found behind 210 newer circuits");
            assertFalse(a.get("created_circuit").asBoolean());

            // A third person sees Ann's public circuit but never Ben's private one.
            User cat = portal.user("cat@example.org", Role.FELLOW, null);
            JsonNode c = parse(portal.json("POST", "/api/v1/results", portal.token(cat), result));
            assertEquals(circuits.publicId(old), c.get("circuit_id").asText());
            // Ben's own copy comes first for Ben.
            JsonNode b = parse(portal.json("POST", "/api/v1/results", portal.token(ben), result));
            assertEquals(circuits.publicId(hidden), b.get("circuit_id").asText());
            assertTrue(new ObjectMapper().readTree(result).has("circuit_qasm"));
        } finally {
            TestPortal.deleteTree(dir);
        }
    }
}
