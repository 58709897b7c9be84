package org.qise.qasm3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Circuit;
import org.qise.param.UnboundParameterException;
import org.qise.qasm.ParseLimits;
import org.qise.qasm.QasmException;
import org.qise.qasm.QasmParser;
import org.qise.sim.Simulator;

/** OpenQASM 3 inputs left without a value become circuit parameters (org.qise.param), bound later. */
class Qasm3InputParametersTest {
    private static final String HEAD = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n";

    private static Circuit read(String body) {
        return Qasm3Reader.parse(HEAD + body, "in.qasm", ParseLimits.DEFAULT, Map.of());
    }

    private static QasmException refused(String body) {
        return assertThrows(QasmException.class, () -> read(body));
    }

    @Test
    void unboundFloatAndAngleInputsAreTheCircuitsParametersInOrderOfUse() {
        Circuit c = read("input angle[32] phi;\ninput float[64] theta;\nqubit[2] q;\nrx(theta) q[0];\nrz(phi) q[1];\n");
        assertEquals(List.of("theta", "phi"), c.parameters());
        assertEquals(Circuit.builder(2).rx(0.25, 0).rz(-2.0, 1).build(), c.bind(Map.of("theta", 0.25, "phi", -2.0)));
    }

    @ParameterizedTest(name = "{0} at theta=0.7, phi=-1.3 is {1}")
    @CsvSource(delimiter = ';', value = {
            // gate angle; its value in closed form at theta = 0.7, phi = -1.3
            "2*theta + phi; 0.1",
            "-theta / 2; -0.35",
            "theta ** 2 - pi; -2.6515926535897933",
            "sin(theta) * cos(phi); 0.1723274767153231",
            "log(theta) + sqrt(theta) + exp(phi); 0.7525168756293557",
            "arctan(theta) + arcsin(theta / 2) + arccos(0.5); 2.015494619231317",
            "float(theta) / tau; 0.11140846016432673"})
    void angleExpressionsOverInputsBecomeParameterExpressions(String angle, double value) {
        Circuit c = read("input float theta;\ninput float phi;\nqubit q;\nrz(" + angle + ") q;\n");
        Map<String, Double> point = new java.util.HashMap<>(Map.of("theta", 0.7, "phi", -1.3));
        point.keySet().retainAll(c.parameters());
        Circuit bound = c.bind(point);
        assertEquals(value, bound.operations().get(0) instanceof org.qise.circuit.Operation.GateOp g ? g.gate().param(0) : Double.NaN, 1e-12);
    }

    @Test
    void parametersFlowThroughUserGatesAndTheAllowedModifiers() {
        Circuit c = read("""
                input float theta;
                gate layer(a) x, y { ry(a / 2) x; cx x, y; rz(a - 1) y; }
                qubit[2] q;
                layer(2 * theta) q[0], q[1];
                ctrl @ rx(theta) q[0], q[1];
                inv @ u3(theta, 0.5, 0.25) q[1];
                inv @ rz(theta) q[0];
                """);
        assertEquals(List.of("theta"), c.parameters());
        Circuit expected = Circuit.builder(2).ry(0.7, 0).cx(0, 1).rz(2 * 0.7 - 1, 1).crx(0.7, 0, 1).u3(-0.7, -0.25, -0.5, 1).rz(-0.7, 0).build();
        assertEquals(expected.operations(), c.bind(Map.of("theta", 0.7)).operations());
    }

    @Test
    void aGivenInputIsBoundWhileReadingAndAnUnboundOneFailsOnlyWhenRun() {
        String src = "input float theta;\nqubit q;\nbit b;\nrx(theta) q;\nb = measure q;\n";
        Circuit given = Qasm3Reader.parse(HEAD + src, "in.qasm", ParseLimits.DEFAULT, Map.of("theta", 0.3));
        assertEquals(List.of(), given.parameters());
        assertEquals(given, read(src).bind(Map.of("theta", 0.3)));
        var e = assertThrows(UnboundParameterException.class, () -> Simulator.builder().build().run(read(src)));
        assertEquals(Set.of("theta"), e.names());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // program after "input float theta; qubit q;" | line:column of the complaint | words in it
            "for int i in [0:theta] { x q[0]; } | 5:17 | input 'theta' has no value",
            "if (theta > 1) { x q[0]; } | 5:5 | classical value",
            "float y = theta * 2; | 5:11 | --param theta=VALUE",
            "rz(theta % 2) q[0]; | 5:10 | cannot be kept symbolic",
            "pow(theta) @ x q[0]; | 5:5 | classical value"})
    void anInputNeededAsAClassicalValueMustBeGivenWhenReading(String body, String where, String words) {
        QasmException e = refused("input float theta;\nqubit[2] q;\n" + body + "\n");
        assertTrue(e.getMessage().startsWith("in.qasm:" + where + ":"), e.getMessage());
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }

    @Test
    void anIntegerInputWithoutValueIsRefusedAtItsDeclaration() {
        QasmException e = refused("qubit q;\ninput int[8] n;\n");
        assertTrue(e.getMessage().startsWith("in.qasm:4:1: input 'n' has no value"), e.getMessage());
    }

    @Test
    void anInputUsedWhereTheProgramRunsShotByShotMustBeGiven() {
        QasmException e = refused("input float theta;\nqubit q;\nbit b;\nb = measure q;\nif (b) { rx(theta) q; }\n");
        assertTrue(e.getMessage().startsWith("in.qasm:7:13: input 'theta' has no value, but it is used after line 7"), e.getMessage());
    }

    @Test
    void theParametricReaderEntryReadsOpenQasm3InputsAsParameters() {
        Circuit c = QasmParser.parse(HEAD + "input float theta;\nqubit q;\nry(theta) q;\n", "p.qasm", ParseLimits.DEFAULT, Set.of("theta"));
        assertEquals(List.of("theta"), c.parameters());
    }

    @Test
    void exportKeepsUnboundParametersAsInputsAndReadsBackToTheSameCircuit() {
        Circuit c = read("input float theta;\ninput float phi;\nqubit[2] q;\nrz(2 * theta - phi ** 2) q[0];\nctrl @ ry(-theta / 3) q[0], q[1];\nu3(theta, sin(phi), 1) q[1];\n");
        String text = Qasm3Exporter.export(c);
        assertTrue(text.contains("input float[64] theta;\ninput float[64] phi;\n"), text);
        Circuit back = Qasm3Reader.parse(text, "back.qasm", ParseLimits.DEFAULT, Map.of());
        assertEquals(c.parameters(), back.parameters());
        Map<String, Double> point = Map.of("theta", 0.7, "phi", -1.3);
        assertEquals(c.bind(point), back.bind(point));
        assertEquals(text, Qasm3Exporter.export(back));
    }

    @Test
    void aUserGateThatIsALibraryGateStaysThatParametricGate() {
        // as Qiskit writes gates stdgates.inc lacks; the export writes rzz the same way and reads back
        Circuit c = read("input float theta;\ngate rzz(t) a, b { cx a, b; rz(t) b; cx a, b; }\nqubit[2] q;\nrzz(theta / 2) q[0], q[1];\n");
        assertEquals(Circuit.builder(2).rzz(0.35, 0, 1).build(), c.bind(Map.of("theta", 0.7)));
        Circuit back = Qasm3Reader.parse(Qasm3Exporter.export(c), "back.qasm", ParseLimits.DEFAULT, Map.of());
        assertEquals(c.bind(Map.of("theta", 0.7)), back.bind(Map.of("theta", 0.7)));
    }
}
