package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qise.qasm.QasmParser;
import org.qise.sim.Manifest;

/**
 * What 'qise push' and 'qise run --push' check before and around talking to a portal. Pushing
 * to a real portal is tested in the exchange-portal module (RunPushCliTest).
 */
class PushCommandTest {
    private static final String BELL = "qreg q[2];\ncreg c[2];\nh q[0];\ncx q[0], q[1];\nmeasure q -> c;\n";

    @TempDir
    Path dir;

    @Test
    void runJsonCarriesTheCircuitItsManifestHashes() {
        String file = Cli.qasm(dir, "bell.qasm", BELL);
        JsonNode j = Cli.run("run", file, "--json", "--seed", "2", "--shots", "10").json();
        String qasm = j.get("circuit_qasm").asText();
        assertEquals(j.get("manifest").get("circuit_sha256").asText(), Manifest.sha256(qasm));
        assertEquals(Manifest.canonicalText(QasmParser.parse(qasm, "pushed.qasm")), qasm, "the text is canonical: exporting it again changes nothing");
    }

    @Test
    void aFileThatIsNotARunResultIsRefusedBeforeAnythingIsSent() throws IOException {
        Path notJson = Files.writeString(dir.resolve("result.json"), "counts: 3");
        Cli.Run r = Cli.run("push", notJson.toString(), "--portal", "http://localhost:1", "--token", "t");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("is not JSON"), r.err());

        Path partial = Files.writeString(dir.resolve("partial.json"), "{\"counts\": {\"0\": 1}, \"shots\": 1}");
        Cli.Run p = Cli.run("push", partial.toString(), "--portal", "http://localhost:1", "--token", "t");
        assertEquals(2, p.code());
        assertTrue(p.err().contains("at $.seed: is required"), p.err()); // the reader names the first missing field by its JSON path

        // A result without its circuit reads (the portal's forms keep it in the manifest), but cannot be pushed.
        Path bell = Files.writeString(dir.resolve("bell.qasm"), "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\ncreg c[1];\nh q[0];\nmeasure q -> c;\n");
        var printed = (com.fasterxml.jackson.databind.node.ObjectNode) Cli.run("run", bell.toString(), "--json", "--seed", "2", "--shots", "10").json();
        printed.remove("circuit_qasm");
        Path noCircuit = Files.writeString(dir.resolve("no-circuit.json"), printed.toString());
        Cli.Run c = Cli.run("push", noCircuit.toString(), "--portal", "http://localhost:1", "--token", "t");
        assertEquals(2, c.code());
        assertTrue(c.err().contains("at $.circuit_qasm: is required"), c.err());

        Cli.Run missing = Cli.run("push", dir.resolve("absent.json").toString(), "--portal", "http://localhost:1", "--token", "t");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such file"), missing.err());
    }

    @Test
    void portalAndTokenAreRequiredAndAnUnreachablePortalIsAPlainError() throws IOException {
        String circuit = Cli.qasm(dir, "bell.qasm", BELL);
        Path result = dir.resolve("result.json");
        Files.writeString(result, Cli.run("run", circuit, "--json", "--seed", "1", "--shots", "5").out());

        Cli.Run noPortal = Cli.run("push", result.toString(), "--token", "t");
        assertEquals(2, noPortal.code());
        assertTrue(noPortal.err().contains("--portal URL is required"), noPortal.err());
        Cli.Run noToken = Cli.runWith("", Map.of(), false, "push", result.toString(), "--portal", "http://localhost:1");
        assertEquals(2, noToken.code());
        assertTrue(noToken.err().contains("API token is required"), noToken.err());
        Cli.Run badUrl = Cli.run("push", result.toString(), "--portal", "ftp://example.org", "--token", "t");
        assertEquals(2, badUrl.code());
        assertTrue(badUrl.err().contains("is not an http:// or https:// address"), badUrl.err());

        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Cli.Run down = Cli.runWith("", Map.of("QISE_TOKEN", "t"), false, "push", result.toString(), "--portal", "http://127.0.0.1:" + closedPort);
        assertEquals(2, down.code(), down.toString());
        assertTrue(down.err().contains("cannot reach the portal at http://127.0.0.1:" + closedPort), down.err());
        assertTrue(!down.err().contains("Exception"), "no stack trace: " + down.err());
    }

    @Test
    void runChecksItsPushOptionsBeforeSimulating() {
        String circuit = Cli.qasm(dir, "bell.qasm", BELL);
        Cli.Run stray = Cli.run("run", circuit, "--portal", "http://localhost:1");
        assertEquals(2, stray.code());
        assertTrue(stray.err().contains("--portal and --token only go with --push"), stray.err());
        Cli.Run noToken = Cli.run("run", circuit, "--push", "--portal", "http://localhost:1");
        assertEquals(2, noToken.code());
        assertTrue(noToken.err().contains("--push needs an API token"), noToken.err());
        assertEquals("", noToken.out(), "nothing simulated or printed");
    }
}
