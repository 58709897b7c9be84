package org.qise.qasm3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Circuit;
import org.qise.circuit.Operation;
import org.qise.qasm.ParseLimits;
import org.qise.qasm.QasmException;
import org.qise.qasm.QasmParser;
import org.qise.sim.Result;
import org.qise.sim.Simulator;

/**
 * The core language, one feature per row: each program ends in a state whose measurement is
 * certain, so the single bitstring it must give is the whole expected outcome.
 */
class Qasm3CoreTest {

    private static Map<String, Long> run(String body) {
        Circuit c = QasmParser.parse("OPENQASM 3.0;\ninclude \"stdgates.inc\";\n" + body, "core.qasm");
        try (Result r = Simulator.builder().shots(20).seed(5).build().run(c)) {
            return r.counts();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "qubit and bit declarations, measure arrow form | qubit[3] q; bit[3] c; x q[1]; measure q -> c;                     | 010",
        "legacy qreg and creg                           | qreg q[2]; creg c[2]; x q[0]; measure q -> c;                     | 01",
        "negative index                                 | qubit[3] q; bit[3] c; x q[-1]; c = measure q;                     | 100",
        "slice with a step                              | qubit[4] q; bit[4] c; x q[0:2:3]; c = measure q;                  | 0101",
        "index set                                      | qubit[4] q; bit[4] c; x q[{1, 3}]; c = measure q;                 | 1010",
        "concatenation and let                          | qubit[2] a; qubit[2] b; bit[4] c; let both = a[1] ++ b[0]; x both; c[0:1] = measure a; c[2:3] = measure b; | 0110",
        "physical qubits                                | bit[2] c; x $1; c[0] = measure $0; c[1] = measure $1;             | 10",
        "U and gphase                                   | qubit q; bit c; U(π, 0, π) q; gphase(0.3); c = measure q;         | 1",
        "constants and math built-ins                   | const float[64] a = tau / 2 - π + arccos(-1); qubit q; bit c; rx(a) q; c = measure q; | 1",
        "const int sizes                                | const int n = 3; qubit[n] q; bit[n] c; x q[n - 1]; c = measure q; | 100",
        "user gate with parameters                      | gate flip(t) a, b { rx(t) a; cx a, b; } qubit[2] q; bit[2] c; flip(pi) q[0], q[1]; c = measure q; | 11",
        "negctrl                                        | qubit[2] q; bit[2] c; negctrl @ x q[0], q[1]; c = measure q;      | 10",
        "ctrl(2) and inv                                | qubit[3] q; bit[3] c; x q[0]; x q[1]; ctrl(2) @ inv @ x q[0], q[1], q[2]; c = measure q; | 111",
        "pow of a user gate                             | gate quarter a { rx(pi / 4) a; } qubit q; bit c; pow(4) @ quarter q; c = measure q; | 1",
        "reset and barrier                              | qubit[2] q; bit[2] c; x q; barrier q; reset q[0]; c = measure q;  | 10",
        "static for loop and if                         | qubit[4] q; bit[4] c; for int i in [0:3] { if (i % 2 == 1) { x q[i]; } } c = measure q; | 1010",
        "for over a set, while, break and continue      | qubit[4] q; bit[4] c; int k = 0; for int i in {3, 0, 2} { if (i == 0) continue; x q[i]; } while (true) { k += 1; if (k > 2) break; } if (k == 3) x q[1]; c = measure q; | 1110",
        "integer arithmetic, bit ops and casts          | qubit[3] q; bit[3] c; uint[3] v = 5; v = (v << 1) ^ 1; bit[3] b = bit[3](v); if (b == 3) x q[0]; if (bool(v & 2)) x q[2]; c = measure q; | 011 101",
        "switch with default                            | qubit[2] q; bit[2] c; int n = 7; switch (n) { case 1, 2 { x q[0]; } default { x q[1]; } } c = measure q; | 10",
        "pragma, annotations and comments               | pragma qise anything here\\n@reversible\\nqubit q; /* block */ bit c; // line\\n x q; c = measure q; | 1",
        "delay, box and stretch are identity            | stretch s; qubit q; bit c; delay[100ns] q; box { x q; } c = measure q; | 1",
        "end stops the program                          | qubit q; bit c; x q; c = measure q; end; x q; reset q;            | 1",
        "subroutine with a return value                 | def parity(int a, int b) -> bit { return (a + b) % 2; } qubit q; bit c; if (parity(3, 4) == 1) x q; c = measure q; | 1"})
    void eachCoreFeatureDoesWhatTheSpecificationSays(String feature, String program, String expected) {
        assertEquals(Map.of(expected, 20L), run(program.replace("\\n", "\n")), feature);
    }

    @Test
    void inputsTakeTheirValuesFromTheMapGivenToTheReader() {
        String src = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] theta;\nqubit q;\nbit c;\nrx(theta) q;\nc = measure q;\n";
        Circuit c = Qasm3Reader.parse(src, "in.qasm", ParseLimits.DEFAULT, Map.of("theta", Math.PI));
        try (Result r = Simulator.builder().shots(10).seed(1).build().run(c)) {
            assertEquals(Map.of("1", 10L), r.counts());
        }
        // left out, a float input is a circuit parameter (Qasm3InputParametersTest); an int one is refused at its line
        assertEquals(java.util.List.of("theta"), Qasm3Reader.parse(src, "in.qasm").parameters());
        QasmException e = assertThrows(QasmException.class, () -> Qasm3Reader.parse(src.replace("float[64]", "int[8]"), "in.qasm"));
        assertEquals(3, e.line());
    }

    @Test
    void theHeaderDecidesTheLanguage() {
        assertTrue(Qasm3Reader.isQasm3("// comment\nOPENQASM 3;"));
        assertTrue(Qasm3Reader.isQasm3("OPENQASM 3.1;\n"));
        assertTrue(!Qasm3Reader.isQasm3("OPENQASM 2.0;\n") && !Qasm3Reader.isQasm3("qubit q;") && !Qasm3Reader.isQasm3("OPENQASM 30;"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "gates that double at every level | gate g0 a { x a; }\\n" + "GATES"
            + "qubit q; g60 q;                                                                     | 64",
        "a loop of a trillion iterations  | qubit q; for int i in [0:999999999999] { x q; }          | 3",
        "nested loops that multiply       | qubit q; for int i in [0:99999] { for int j in [0:99999] { x q; } } | 3",
        "a subroutine that calls itself   | def f(int n) -> int { return f(n + 1); } int x = f(0);    | 3"})
    void exponentialExpansionsAreRefusedBeforeTheyRun(String what, String program, int line) {
        StringBuilder gates = new StringBuilder();
        for (int k = 1; k <= 60; k++) gates.append("gate g").append(k).append(" a { g").append(k - 1).append(" a; g").append(k - 1).append(" a; }\n");
        String src = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n" + program.replace("\\n", "\n").replace("GATES", gates);
        QasmException e = assertThrows(QasmException.class, () -> Qasm3Reader.parse(src, "big.qasm"));
        assertEquals(line, e.line(), e.getMessage());
    }

    @Test
    void deeplyNestedInputIsAnErrorNotAStackOverflow() {
        String deep = "OPENQASM 3.0;\nqubit q;\nU(" + "(".repeat(5000) + "1" + ")".repeat(5000) + ", 0, 0) q;\n";
        assertThrows(QasmException.class, () -> Qasm3Reader.parse(deep, "deep.qasm"));
        String blocks = "OPENQASM 3.0;\n" + "{".repeat(5000) + "}".repeat(5000);
        assertThrows(QasmException.class, () -> Qasm3Reader.parse(blocks, "deep.qasm"));
        String chain = "OPENQASM 3.0;\nint x = " + "1 + ".repeat(100_000) + "1;\n";
        assertThrows(QasmException.class, () -> Qasm3Reader.parse(chain, "long.qasm"));
    }

    @Test
    void aStaticProgramIsAPlainCircuitAndAMeasurementDependentOneIsDynamic() {
        Circuit plain = QasmParser.parse("OPENQASM 3;\ninclude \"stdgates.inc\";\nqubit[2] q;\nbit[2] c;\nc = measure q;\nif (c == 1) x q[0];\n", "p.qasm");
        assertTrue(plain.operations().stream().noneMatch(o -> o instanceof Operation.Dynamic));
        assertTrue(plain.operations().stream().anyMatch(o -> o.condition() != null));
        Circuit dyn = QasmParser.parse("OPENQASM 3;\ninclude \"stdgates.inc\";\nqubit[2] q;\nbit[2] c;\nc = measure q;\nif (c[1]) x q[0];\n", "d.qasm");
        assertTrue(dyn.operations().getLast() instanceof Operation.Dynamic);
    }
}
