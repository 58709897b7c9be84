package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reproducers of issue 20 through the command line: each either works or ends with exit 2
 * and a one-paragraph message, never an internal error.
 */
class HostileInputCliTest {

    @TempDir
    Path dir;

    private static void assertCleanError(Cli.Run r, String... mustMention) {
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().startsWith("qise: error: "), r.toString());
        assertFalse(r.err().contains("internal error") || r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        for (String s : mustMention) assertTrue(r.err().contains(s), "should mention '" + s + "':\n" + r.err());
    }

    @ParameterizedTest(name = "qise {0}")
    @ValueSource(strings = {"run", "draw"})
    void aHundredThousandTermSumIsRead(String command) {
        String sum = String.join("+", Collections.nCopies(100_000, "1"));
        String file = Cli.qasm(dir, "sum.qasm", "qreg q[1];\nrx(" + sum + ") q[0];\n");
        Cli.Run r = Cli.run(command, file);
        assertEquals(0, r.code(), r.toString());
        if (command.equals("run")) assertTrue(r.out().contains("1 gate"), r.out()); // rx(100000) q[0]
    }

    @ParameterizedTest(name = "qise {0}")
    @ValueSource(strings = {"run", "draw"})
    void aHundredThousandDeepNestingIsRefusedAtItsPosition(String command) {
        String deep = "(".repeat(100_000) + "1" + ")".repeat(100_000);
        String file = Cli.qasm(dir, "deep.qasm", "qreg q[1];\nrx(" + deep + ") q[0];\n");
        Cli.Run r = Cli.run(command, file);
        assertCleanError(r, "deep.qasm:4:204:", "nests more than 200 levels deep");
        // the 200,000-character line is shown as a window around the column, caret under the 201st '('
        String[] lines = r.err().split("\n");
        assertEquals(" 4 | …" + "(".repeat(120) + "…", lines[1]);
        assertEquals("   |  " + " ".repeat(60) + "^", lines[2]);
    }

    @Test
    void aFileStartingWithAByteOrderMarkRuns() throws Exception {
        Path file = dir.resolve("bom.qasm");
        byte[] text = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\ncreg c[1];\nx q[0];\nmeasure q -> c;\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] withMark = new byte[text.length + 3];
        withMark[0] = (byte) 0xEF;
        withMark[1] = (byte) 0xBB;
        withMark[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withMark, 3, text.length);
        Files.write(file, withMark);
        JsonNode j = Cli.run("run", file.toString(), "--json", "--shots", "10", "--seed", "1").json();
        assertEquals(10, j.get("counts").get("1").asLong());
    }

    @Test
    void nonFiniteAnglesArePointedAtTheExpression() {
        String file = Cli.qasm(dir, "nan.qasm", "qreg q[1];\nu3(0.5, 0/0, 1) q[0];\n");
        assertCleanError(Cli.run("run", file), "nan.qasm:4:9:", "parameter 2 of u3 evaluates to NaN");
    }

    @Test
    void aConditionValueWiderThanItsRegisterIsRefused() {
        String file = Cli.qasm(dir, "wide.qasm", "qreg q[1];\ncreg c[2];\nmeasure q[0] -> c[0];\nif (c == 5) x q[0];\n");
        assertCleanError(Cli.run("run", file), "wide.qasm:6:10:", "register c has 2 bits, so it can never equal 5");
    }

    @ParameterizedTest(name = "--expect \"{0}\"")
    @ValueSource(strings = {"1e400 Z0", "-1e400*Z0", "1e308 Z0 + 1e308 X0"})
    void nonFiniteExpectationCoefficientsAreRefused(String sum) {
        String file = Cli.qasm(dir, "one.qasm", "qreg q[1];\nh q[0];\n");
        assertCleanError(Cli.run("run", file, "--json", "--expect", sum), "--expect", "beyond the range of a double");
    }

    @Test
    void eachMarginalOptionGivesItsOwnDistribution() {
        // x on q[0] and q[2]: |q2 q1 q0⟩ = |101⟩ with certainty
        String file = Cli.qasm(dir, "x02.qasm", "qreg q[3];\nx q[0];\nx q[2];\n");
        JsonNode marginals = Cli.run("run", file, "--json", "--seed", "1", "--marginal", "0,1", "--marginal", "2").json().get("marginals");
        assertTrue(marginals.isArray(), marginals.toString());
        assertEquals(2, marginals.size());
        assertEquals("[0,1]", marginals.get(0).get("qubits").toString());
        assertEquals(1.0, marginals.get(0).get("probabilities").get("01").asDouble(), 1e-12); // q1 q0 = 0 1
        assertEquals(4, marginals.get(0).get("probabilities").size());
        assertEquals("[2]", marginals.get(1).get("qubits").toString());
        assertEquals(1.0, marginals.get(1).get("probabilities").get("1").asDouble(), 1e-12);
        assertEquals(0.0, marginals.get(1).get("probabilities").get("0").asDouble(), 1e-12);

        Cli.Run human = Cli.run("run", file, "--seed", "1", "--marginal", "0,1", "--marginal", "2");
        assertTrue(human.out().contains("marginal distribution (bitstring q1 q0)")
                && human.out().contains("marginal distribution (bitstring q2)"), human.out());
    }

    @Test
    void helpListsThePortalAndTheJarAloneSaysHowToStartIt() {
        Cli.Run help = Cli.run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().lines().anyMatch(l -> l.strip().startsWith("portal ")), help.out());
        assertCleanError(Cli.run("portal", "--demo"), "./qise portal");
    }
}
