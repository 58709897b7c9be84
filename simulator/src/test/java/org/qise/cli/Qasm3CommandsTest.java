package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** qise run, draw and export on OpenQASM 3 files, and --param for inputs. */
class Qasm3CommandsTest {
    @TempDir
    Path dir;

    private String file(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n" + body);
        return p.toString();
    }

    private static final String ROTATION = """
            input float[64] theta;
            qubit q;
            bit c;
            rx(theta) q;
            c = measure q;
            """;

    @Test
    void anInputTakesItsValueFromParam() throws IOException {
        String f = file("rot.qasm", ROTATION);
        Cli.Run r = Cli.run("run", f, "--param", "theta=3.141592653589793", "--shots", "50", "--seed", "1", "--json");
        assertEquals(0, r.code(), r.toString());
        assertEquals(50, r.json().get("counts").get("1").asInt());
    }

    @Test
    void aMissingInputIsAClearErrorAtItsLine() throws IOException {
        String f = file("rot.qasm", ROTATION);
        Cli.Run r = Cli.run("run", f);
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("rot.qasm:3:1: input 'theta' has no value"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void aDynamicCircuitRunsShotByShotAndExportsOnlyAsOpenQasm3() throws IOException {
        String f = file("reset.qasm", """
                qubit q;
                bit a;
                bit b;
                h q;
                a = measure q;
                if (a) { x q; }
                b = measure q;
                """);
        Cli.Run run = Cli.run("run", f, "--shots", "100", "--seed", "4", "--json");
        assertEquals(0, run.code(), run.toString());
        assertEquals("shot-by-shot", run.json().get("mode").asText());
        assertFalse(run.json().get("counts").has("1 1"));
        Cli.Run two = Cli.run("export", f);
        assertEquals(2, two.code(), two.toString());
        assertTrue(two.err().contains("classical control flow"), two.err());
        Cli.Run three = Cli.run("export", f, "--qasm3");
        assertEquals(0, three.code(), three.toString());
        assertTrue(three.out().startsWith("OPENQASM 3.0;") && three.out().contains("if (a)"), three.out());
        assertEquals(0, Cli.run("draw", f).code());
    }

    @Test
    void aProgramWithOnlyOpenQasm2FeaturesExportsAsOpenQasm2() throws IOException {
        String f = file("bell.qasm", "qubit[2] q;\nbit[2] c;\nh q[0];\nctrl @ x q[0], q[1];\nc = measure q;\n");
        Cli.Run r = Cli.run("export", f);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("OPENQASM 2.0;") && r.out().contains("cx q[0],q[1];"), r.out());
    }

    @Test
    void timingInstructionsRunAsIdentityWithANote() throws IOException {
        String f = file("delay.qasm", "stretch s;\nqubit q;\nbit c;\nx q;\ndelay[50ns] q;\nbox { delay[s] q; }\nc = measure q;\n");
        Cli.Run r = Cli.run("run", f, "--shots", "10", "--seed", "1", "--json");
        assertEquals(0, r.code(), r.toString());
        assertEquals(10, r.json().get("counts").get("1").asInt());
        assertTrue(r.err().contains("qise: note: 'delay' (first at line 7) is treated as the identity"), r.err());
        assertTrue(r.err().contains("'stretch' (first at line 3)") && r.err().contains("'box'"), r.err());
    }

    @Test
    void paramOnAnOpenQasm2FileIsRefused() {
        String f = Cli.qasm(dir, "two.qasm", "qreg q[1];\n");
        Cli.Run r = Cli.run("run", f, "--param", "x=1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not OpenQASM 3"), r.err());
    }

    @Test
    void aDeferredFeatureIsNotSupportedAtItsLine() throws IOException {
        String f = file("cal.qasm", "qubit q;\ndefcal x $0 { }\n");
        Cli.Run r = Cli.runWith("", Map.of(), false, "run", f);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("cal.qasm:4:1: not supported: pulse-level calibration"), r.err());
    }
}
