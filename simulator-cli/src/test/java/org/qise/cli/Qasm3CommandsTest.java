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

    private static final String ANSATZ = """
            input float a;
            input angle[32] b;
            qubit q;
            rx(b) q;
            ry(2 * a) q;
            """;

    @Test
    void sweepRunsAnOpenQasm3FileOverItsInputs() throws IOException {
        String f = file("sweep.qasm", ANSATZ);
        Cli.Run r = Cli.run("sweep", f, "--param", "a=0:pi/2:3", "--param", "b=0", "--expect", "Z0", "--seed", "1");
        assertEquals(0, r.code(), r.toString());
        var lines = r.out().lines().toList();
        assertEquals("index,a,b,<Z0>", lines.get(1));
        for (int p = 0; p < 3; p++) { // <Z0> = cos(2a) cos(b), closed form
            double a = p * Math.PI / 4;
            assertEquals(Math.cos(2 * a), Double.parseDouble(lines.get(2 + p).split(",")[3]), 1e-12, lines.get(2 + p));
        }
    }

    @Test
    void gradDifferentiatesWithRespectToOpenQasm3Inputs() throws IOException {
        String f = file("grad.qasm", ANSATZ);
        Cli.Run r = Cli.run("grad", f, "--param", "a=0.4", "--param", "b=pi/5", "--expect", "Z0", "--json");
        assertEquals(0, r.code(), r.toString());
        double a = 0.4, b = Math.PI / 5;
        assertEquals(Math.cos(2 * a) * Math.cos(b), r.json().get("value").asDouble(), 1e-14);
        assertEquals(-2 * Math.sin(2 * a) * Math.cos(b), r.json().get("gradient").get("a").asDouble(), 1e-14);
        assertEquals(-Math.cos(2 * a) * Math.sin(b), r.json().get("gradient").get("b").asDouble(), 1e-14);
    }

    @Test
    void aSweepBindsGatesUnderModifiersAtEveryPointAndGradDifferentiatesThemExactly() throws IOException {
        // pow(0.5) @ rx(theta) is rx(theta/2) for |theta| < 2pi: q[0] = cos(theta/4)|0> - i sin(theta/4)|1>,
        // so <Z0> = cos(theta/2); ry(theta) turns q[1] only where q[0] is 0: <Z1> = cos^2(theta/4) cos(theta) + sin^2(theta/4)
        String f = file("mod.qasm", "input float theta;\nqubit[2] q;\npow(0.5) @ rx(theta) q[0];\nnegctrl @ ry(theta) q[0], q[1];\n");
        Cli.Run r = Cli.run("sweep", f, "--param", "theta=-3:3:5", "--expect", "Z0", "--expect", "Z1", "--seed", "1");
        assertEquals(0, r.code(), r.toString());
        java.util.List<String> lines = r.out().lines().toList();
        for (int p = 0; p < 5; p++) {
            double theta = -3 + 1.5 * p, c = Math.cos(theta / 4), s = Math.sin(theta / 4);
            String[] cells = lines.get(2 + p).split(",");
            assertEquals(Math.cos(theta / 2), Double.parseDouble(cells[2]), 1e-12, lines.get(2 + p));
            assertEquals(c * c * Math.cos(theta) + s * s, Double.parseDouble(cells[3]), 1e-12, lines.get(2 + p));
        }
        // d<Z1>/dtheta of the closed form above, through both gates under modifiers
        double t = 0.3, c2 = Math.cos(t / 4) * Math.cos(t / 4);
        Cli.Run g = Cli.run("grad", f, "--param", "theta=0.3", "--expect", "Z1", "--json");
        assertEquals(0, g.code(), g.toString());
        assertEquals(c2 * Math.cos(t) + (1 - c2), g.json().get("value").asDouble(), 1e-14);
        assertEquals(-Math.sin(t / 2) / 4 * Math.cos(t) - c2 * Math.sin(t) + Math.sin(t / 2) / 4,
                g.json().get("gradient").get("theta").asDouble(), 1e-14);
        Cli.Run shift = Cli.run("grad", f, "--param", "theta=0.3", "--expect", "Z1", "--method", "shift");
        assertEquals(2, shift.code(), shift.toString());
        assertTrue(shift.err().contains("parameter-shift rules are not available for gate pow(0.5) @ rx(theta)"), shift.err());
    }

    @Test
    void anInputNeededByClassicalControlIsRefusedAtItsUseBySweep() throws IOException {
        String f = file("loop.qasm", "input float n;\nqubit q;\nfor int i in [1:n] { x q; }\n");
        Cli.Run r = Cli.run("sweep", f, "--param", "n=1:3:3", "--expect", "Z0", "--seed", "1");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("loop.qasm:5:17: input 'n' has no value"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void exportAndDrawBindParamFirst() throws IOException {
        String f = file("ansatz.qasm", ANSATZ);
        Cli.Run bound = Cli.run("export", f, "--param", "a=0.25", "--param", "b=0.5");
        assertEquals(0, bound.code(), bound.toString());
        assertTrue(bound.out().contains("rx(0.5) q[0];") && bound.out().contains("ry(0.5) q[0];"), bound.out());
        Cli.Run half = Cli.run("export", f, "--qasm3", "--param", "b=0.5");
        assertEquals(0, half.code(), half.toString());
        assertTrue(half.out().contains("input float[64] a;\n") && !half.out().contains("input float[64] b;")
                && half.out().contains("ry(2.0 * a) q[0];"), half.out());
        Cli.Run draw = Cli.run("draw", f, "--param", "a=0.25", "--param", "b=0.5");
        assertEquals(0, draw.code(), draw.toString());
        assertTrue(draw.out().contains("0.5"), draw.out());
        Cli.Run wrong = Cli.run("draw", f, "--param", "c=1");
        assertEquals(2, wrong.code(), wrong.toString());
        assertTrue(wrong.err().contains("--param c names no input"), wrong.err());
    }
}
