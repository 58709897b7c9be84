package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: exit 2, one "qise: error:" message naming the problem, never a stack trace. */
class RunErrorsTest {

    @TempDir
    Path dir;

    private static Cli.Run assertBadInput(Cli.Run r, String... mustMention) {
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().startsWith("qise: error: "), r.toString());
        assertFalse(r.err().contains("at org.") || r.err().contains("at java.") || r.err().contains("Exception"),
                "no stack trace or exception names: " + r.err());
        assertEquals("", r.out(), "nothing on stdout");
        for (String s : mustMention) assertTrue(r.err().contains(s), "message should mention '" + s + "':\n" + r.err());
        return r;
    }

    @Test
    void missingFile() {
        assertBadInput(Cli.run("run", dir.resolve("nope.qasm").toString()), "nope.qasm", "no such file");
    }

    @Test
    void directoriesAndBinaryFilesAreNotCircuits() throws Exception {
        assertBadInput(Cli.run("run", dir.toString()), "directory");
        Path binary = dir.resolve("blob.qasm");
        java.nio.file.Files.write(binary, new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        assertBadInput(Cli.run("run", binary.toString()), "blob.qasm", "UTF-8");
    }

    @Test
    void malformedQasmShowsFileLineColumnAndACaretUnderTheOffendingToken() {
        String file = Cli.qasm(dir, "bad.qasm", "qreg q[2];\nh q[0]\ncx q[0], q[1];\n");
        Cli.Run r = assertBadInput(Cli.run("run", file), "bad.qasm:");
        String[] lines = r.err().split("\n");
        assertTrue(lines.length >= 3, r.err());
        // first line "…bad.qasm:L:C: message"; then " L | source"; then caret line
        var m = java.util.regex.Pattern.compile("bad\\.qasm:(\\d+):(\\d+): ").matcher(lines[0]);
        assertTrue(m.find(), lines[0]);
        int line = Integer.parseInt(m.group(1)), column = Integer.parseInt(m.group(2));
        String sourceLine = java.util.List.of("OPENQASM 2.0;", "include \"qelib1.inc\";", "qreg q[2];", "h q[0]", "cx q[0], q[1];").get(line - 1);
        assertTrue(lines[1].endsWith("| " + sourceLine), "the offending line is shown: " + lines[1]);
        int bar = lines[1].indexOf("| ") + 2;
        assertEquals(bar + column - 1, lines[2].indexOf('^'), "caret under column " + column + ":\n" + r.err());
    }

    @Test
    void undeclaredRegister() {
        assertBadInput(Cli.run("run", Cli.qasm(dir, "r.qasm", "qreg q[1];\nh r[0];\n")), "r.qasm:4:", "'r'");
    }

    @Test
    void indexOutOfRange() {
        assertBadInput(Cli.run("run", Cli.qasm(dir, "i.qasm", "qreg q[2];\nx q[2];\n")), "i.qasm:4:", "2");
    }

    @Test
    void wrongArgumentCount() {
        assertBadInput(Cli.run("run", Cli.qasm(dir, "a.qasm", "qreg q[2];\ncx q[0];\n")), "a.qasm:4:", "cx");
    }

    @Test
    void recursiveGateDefinition() {
        assertBadInput(Cli.run("run", Cli.qasm(dir, "rec.qasm", "gate g a { g a; }\nqreg q[1];\ng q[0];\n")), "rec.qasm:3:");
    }

    @Test
    void exponentiallyExpandingGateDefinitions() {
        StringBuilder body = new StringBuilder("gate g0 a { x a; }\n");
        for (int level = 1; level <= 12; level++) {
            body.append("gate g").append(level).append(" a {");
            for (int k = 0; k < 8; k++) body.append(" g").append(level - 1).append(" a;");
            body.append(" }\n");
        }
        body.append("qreg q[1];\ng12 q[0];\n"); // 8^12 ≈ 7e10 gates
        assertBadInput(Cli.run("run", Cli.qasm(dir, "bomb.qasm", body.toString())), "bomb.qasm:");
    }

    @Test
    void circuitTooLargeForMemorySaysHowMuchItNeeds() {
        assertBadInput(Cli.run("run", Cli.qasm(dir, "big.qasm", "qreg q[45];\nh q[0];\n")), "45-qubit", "512 TiB");
    }

    @Test
    void badExpectSyntax() {
        String file = Cli.qasm(dir, "ok.qasm", "qreg q[2];\nh q[0];\n");
        assertBadInput(Cli.run("run", file, "--expect", "Z0 +"), "--expect", "Z0 +");
        assertBadInput(Cli.run("run", file, "--expect", "W3"), "W3");
        assertBadInput(Cli.run("run", file, "--expect", "Z7"), "qubit 7", "2 qubit");
    }

    @Test
    void statevectorOfACircuitWithMeasurements() {
        String file = Cli.qasm(dir, "m.qasm", "qreg q[1];\ncreg c[1];\nh q[0];\nmeasure q -> c;\n");
        assertBadInput(Cli.run("run", file, "--statevector", "--json"), "--statevector", "measure");
    }

    @Test
    void stateOptionsOnACircuitThatBranchesMidCircuit() {
        String file = Cli.qasm(dir, "branch.qasm", "qreg q[2];\ncreg c[1];\nh q[0];\nmeasure q[0] -> c[0];\nif (c == 1) x q[1];\n");
        assertBadInput(Cli.run("run", file, "--expect", "Z1"), "--expect", "only counts");
    }

    @Test
    void usageErrorsFromTheCommandLineParser() {
        String file = Cli.qasm(dir, "ok.qasm", "qreg q[1];\n");
        assertBadInput(Cli.run("run", file, "--no-such-option"), "--no-such-option");
        assertBadInput(Cli.run("run", file, "--shots", "many"), "many");
        assertBadInput(Cli.run("run", file, "--marginal", "0,x"), "x");
        assertBadInput(Cli.run("run", file, "--marginal", "0,3"), "qubit 3");
        assertBadInput(Cli.run("run", file, "--engine", "warp"), "warp", "exact");
        assertBadInput(Cli.run("frobnicate"), "unknown command 'frobnicate'");
        assertBadInput(Cli.run("run", "--example", "nope"), "nope", "bell");
    }

    @Test
    void internalErrorsExitOneWithAHintAndShowTheTraceOnlyWhenDebugging() {
        Cli.Run quiet = failWith(Map.of());
        assertEquals(1, quiet.code());
        assertTrue(quiet.err().contains("qise: internal error: IllegalStateException: boom"), quiet.err());
        assertTrue(quiet.err().contains("QISE_DEBUG=1"), quiet.err());
        assertFalse(quiet.err().contains("at org."), quiet.err());

        Cli.Run debug = failWith(Map.of("QISE_DEBUG", "1"));
        assertEquals(1, debug.code());
        assertTrue(debug.err().contains("at org.qise.cli."), "stack trace when debugging:\n" + debug.err());
    }

    private static Cli.Run failWith(Map<String, String> env) {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        var main = new QiseMain(new java.io.PrintStream(out, true), new java.io.PrintStream(err, true),
                java.io.InputStream.nullInputStream(), env, false);
        int code = main.failure(new IllegalStateException("boom"));
        return new Cli.Run(code, out.toString(), err.toString());
    }
}
