package org.qise.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.linear.FieldMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.circuit.Circuit;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;
import org.qise.gradient.AdjointGradient;
import org.qise.param.Param;
import org.qise.qasm.ParseLimits;
import org.qise.qasm.QasmExporter;
import org.qise.qasm3.Qasm3Exporter;
import org.qise.qasm3.Qasm3Reader;

/**
 * Parametric gates under modifiers over an unbound OpenQASM 3 input stay symbolic and are built
 * when bound. Each is compared, at two values of the input, with a dense Commons Math reference
 * built here from closed forms: integer powers and inverses multiplied out, fractional powers of
 * rotations as rotations by a fraction of the angle (the principal power, for angles below π).
 */
class Qasm3ParametricModifiersTest {
    private static final double[] THETAS = {0.7, -1.9};

    private static Complex c(double re, double im) { return new Complex(re, im); }

    private static FieldMatrix<Complex> rx(double t) {
        return Dense.m2(c(Math.cos(t / 2), 0), c(0, -Math.sin(t / 2)), c(0, -Math.sin(t / 2)), c(Math.cos(t / 2), 0));
    }

    private static FieldMatrix<Complex> ry(double t) {
        return Dense.m2(c(Math.cos(t / 2), 0), c(-Math.sin(t / 2), 0), c(Math.sin(t / 2), 0), c(Math.cos(t / 2), 0));
    }

    private static FieldMatrix<Complex> rz(double t) { return diag(-t / 2, t / 2); }

    private static FieldMatrix<Complex> diag(double a, double b) {
        return Dense.m2(Dense.phase(a), Complex.ZERO, Complex.ZERO, Dense.phase(b));
    }

    private static FieldMatrix<Complex> u3(double th, double ph, double la) {
        double co = Math.cos(th / 2), si = Math.sin(th / 2);
        return Dense.m2(c(co, 0), Dense.phase(la).multiply(-si), Dense.phase(ph).multiply(si), Dense.phase(ph + la).multiply(co));
    }

    /** Parametric gates, written with the input theta, and their matrices as functions of theta. */
    private static List<Arguments> gates() {
        return List.of(
                Arguments.of("rx(theta)", (DoubleFunction<FieldMatrix<Complex>>) Qasm3ParametricModifiersTest::rx),
                Arguments.of("ry(2 * theta)", (DoubleFunction<FieldMatrix<Complex>>) t -> ry(2 * t)),
                Arguments.of("rz(theta - 0.5)", (DoubleFunction<FieldMatrix<Complex>>) t -> rz(t - 0.5)),
                Arguments.of("p(theta)", (DoubleFunction<FieldMatrix<Complex>>) t -> diag(0, t)),
                Arguments.of("u3(theta, 0.5, -0.2)", (DoubleFunction<FieldMatrix<Complex>>) t -> u3(t, 0.5, -0.2)),
                Arguments.of("crx(theta)", (DoubleFunction<FieldMatrix<Complex>>) t -> Qasm3GateModifiersTest.ctrl(rx(t))));
    }

    /** Every modifier kind, alone and composed, over a parametric gate (integer powers: the reference multiplies them out). */
    private static final String[] MODIFIERS = {
        "inv @ ", "pow(2) @ ", "pow(-1) @ ", "pow(3) @ ", "ctrl @ ", "negctrl @ ", "ctrl(2) @ ", "negctrl(2) @ ",
        "ctrl @ negctrl @ ", "ctrl @ inv @ ", "inv @ ctrl @ ", "ctrl @ pow(2) @ ", "pow(2) @ ctrl @ ",
        "inv @ negctrl @ ", "pow(-2) @ ctrl @ negctrl @ ", "inv @ pow(3) @ ctrl(2) @ "};

    static Stream<Arguments> integerModifiers() {
        List<Arguments> out = new ArrayList<>();
        for (Arguments g : gates()) for (String m : MODIFIERS) out.add(Arguments.of(m, g.get()[0], g.get()[1]));
        return out.stream();
    }

    private static Circuit read(String statement, int qubits) {
        StringBuilder ops = new StringBuilder();
        for (int q = 0; q < qubits; q++) ops.append(q == 0 ? " " : ", ").append("q[").append(q).append(']');
        return Qasm3Reader.parse("OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float theta;\nqubit[" + qubits + "] q;\n"
                + statement + ops + ";\n", "t.qasm", ParseLimits.DEFAULT, Map.of());
    }

    private static void assertMatches(FieldMatrix<Complex> expected, Circuit bound, String what) {
        double d = Dense.distance(expected, Qasm3GateModifiersTest.unitary(bound));
        assertTrue(d < 1e-12, what + " differs from the reference by " + d);
    }

    @ParameterizedTest(name = "{0}{1} stays symbolic and binds to its dense reference")
    @MethodSource("integerModifiers")
    void aParametricGateUnderModifiersBindsToItsDenseReference(String modifiers, String gate, DoubleFunction<FieldMatrix<Complex>> base) {
        int n = Integer.numberOfTrailingZeros(Qasm3GateModifiersTest.reference(modifiers, base.apply(0.1)).getRowDimension());
        Circuit c = read(modifiers + gate, n);
        assertEquals(List.of("theta"), c.parameters());
        for (double t : THETAS) { // binding twice: each value gets its own matrix
            assertMatches(Qasm3GateModifiersTest.reference(modifiers, base.apply(t)), c.bind(Map.of("theta", t)), modifiers + gate + " at " + t);
        }
    }

    static Stream<Arguments> fractionalPowers() {
        DoubleFunction<FieldMatrix<Complex>> halfRx = t -> rx(t / 2), thirdRy = t -> ry(2 * t / 3), halfP = t -> diag(0, t / 2);
        return Stream.of(
                Arguments.of("pow(0.5) @ rx(theta)", 1, halfRx),
                Arguments.of("pow(1/3) @ ry(2 * theta)", 1, thirdRy),
                Arguments.of("pow(0.5) @ p(theta)", 1, halfP),
                Arguments.of("inv @ pow(0.5) @ rx(theta)", 1, (DoubleFunction<FieldMatrix<Complex>>) t -> rx(-t / 2)),
                Arguments.of("ctrl @ pow(0.25) @ rz(theta)", 2, (DoubleFunction<FieldMatrix<Complex>>) t -> Qasm3GateModifiersTest.ctrl(rz(t / 4))),
                Arguments.of("negctrl @ pow(-0.5) @ rx(theta)", 2,
                        (DoubleFunction<FieldMatrix<Complex>>) t -> Qasm3GateModifiersTest.controlled(rx(-t / 2), 0)));
    }

    @ParameterizedTest(name = "{0} is the rotation by the fraction of the angle")
    @MethodSource("fractionalPowers")
    void aFractionalPowerOfARotationIsTheRotationByThatFraction(String statement, int qubits, DoubleFunction<FieldMatrix<Complex>> expected) {
        Circuit c = read(statement, qubits);
        assertEquals(List.of("theta"), c.parameters());
        for (double t : THETAS) assertMatches(expected.apply(t), c.bind(Map.of("theta", t)), statement + " at " + t);
    }

    /** layer(a) x, y = ry(a/2) x; cx x, y; rz(a − 1) y, multiplied out here (x is the lower bit). */
    private static FieldMatrix<Complex> layer(double a) {
        FieldMatrix<Complex> cx = Qasm3GateModifiersTest.ctrl(Dense.PAULI_X);
        return Dense.onQubit(2, 1, rz(a - 1)).multiply(cx).multiply(Dense.onQubit(2, 0, ry(a / 2)));
    }

    @Test
    void aUserGateOverAnInputUnderModifiersIsBuiltFromItsBodyWhenBound() {
        String def = "gate layer(a) x, y { ry(a / 2) x; cx x, y; rz(a - 1) y; }\n";
        for (String[] row : new String[][]{{"ctrl @ ", "ctrl"}, {"inv @ ", "inv"}, {"pow(2) @ ", "pow(2)"}, {"negctrl @ inv @ ", "negctrl @ inv"}}) {
            String src = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float theta;\n" + def + "qubit[3] q;\n" + row[0]
                    + "layer(2 * theta) " + (row[0].contains("ctrl") ? "q[0], q[1], q[2]" : "q[0], q[1]") + ";\n";
            Circuit c = Qasm3Reader.parse(src, "u.qasm", ParseLimits.DEFAULT, Map.of());
            assertEquals(List.of("theta"), c.parameters(), row[1]);
            for (double t : THETAS) {
                FieldMatrix<Complex> ref = Qasm3GateModifiersTest.reference(row[0], layer(2 * t));
                if (ref.getRowDimension() == 4) ref = Dense.kron(Dense.ID, ref); // q[2] idle: the highest bit
                assertMatches(ref, c.bind(Map.of("theta", t)), row[1] + " @ layer at " + t);
            }
        }
    }

    @Test
    void theJavaApiInvertsAndControlsParametricGatesBeyondQelib1() {
        Gate g = Gates.parametric("ry", Param.of("theta").times(2)).controlled(2).inverse();
        assertTrue(g.isParametric());
        Circuit c = Circuit.builder(3).gate(g, 0, 1, 2).build();
        FieldMatrix<Complex> ref = Qasm3GateModifiersTest.ctrl(Qasm3GateModifiersTest.ctrl(ry(-1.4)));
        assertMatches(ref, c.bind(Map.of("theta", 0.7)), "inv of ctrl(2) @ ry(2*theta)");
    }

    @Test
    void aPartlyBoundGateUnderModifiersKeepsTheRestSymbolic() {
        Circuit c = Qasm3Reader.parse("OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float theta;\ninput float phi;\nqubit[2] q;\n"
                + "negctrl @ pow(2) @ u3(theta, phi, 0) q[0], q[1];\n", "t.qasm", ParseLimits.DEFAULT, Map.of());
        Circuit half = c.bind(Map.of("phi", 0.4));
        assertEquals(List.of("theta"), half.parameters());
        FieldMatrix<Complex> u = u3(0.7, 0.4, 0);
        assertMatches(Qasm3GateModifiersTest.controlled(u.multiply(u), 0), half.bind(Map.of("theta", 0.7)), "negctrl @ pow(2) @ u3");
    }

    @Test
    void exportWritesTheModifiersWithTheExpressionAndReadsBackToTheSameCircuit() {
        Circuit c = Qasm3Reader.parse("OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float theta;\n"
                + "gate layer(a) x, y { ry(a / 2) x; cx x, y; rz(a - 1) y; }\nqubit[3] q;\n"
                + "ctrl(2) @ rx(theta / 2) q[0], q[1], q[2];\npow(0.5) @ ry(theta) q[1];\nctrl @ layer(theta) q[2], q[0], q[1];\n",
                "t.qasm", ParseLimits.DEFAULT, Map.of());
        String text = Qasm3Exporter.export(c);
        assertTrue(text.contains("ctrl(2) @ rx(theta / 2.0) q[0], q[1], q[2];"), text);
        assertTrue(text.contains("pow(0.5) @ ry(theta) q[1];"), text);
        assertTrue(text.contains("gate layer(a)"), text);
        Circuit back = Qasm3Reader.parse(text, "back.qasm", ParseLimits.DEFAULT, Map.of());
        for (double t : THETAS) {
            double d = Dense.distance(Qasm3GateModifiersTest.unitary(c.bind(Map.of("theta", t))),
                    Qasm3GateModifiersTest.unitary(back.bind(Map.of("theta", t))));
            assertTrue(d < 1e-12, "round trip at " + t + ": " + d);
        }
        assertEquals(text, Qasm3Exporter.export(back));
        var e = assertThrows(IllegalArgumentException.class, () -> QasmExporter.export(c));
        assertTrue(e.getMessage().contains("ctrl(2) @ rx("), e.getMessage());
        assertTrue(e.getMessage().contains("--qasm3"), e.getMessage());
    }

    @Test
    void aGradientThroughAUserGateUnderModifiersIsAClearErrorNamingTheGate() {
        String src = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float theta;\n"
                + "gate layer(a) x, y { ry(a / 2) x; cx x, y; rz(a - 1) y; }\nqubit[2] q;\npow(0.5) @ layer(theta) q[0], q[1];\n";
        Circuit c = Qasm3Reader.parse(src, "u.qasm", ParseLimits.DEFAULT, Map.of());
        var e = assertThrows(IllegalArgumentException.class,
                () -> AdjointGradient.compute(c, Map.of("theta", 0.3), org.qise.sim.PauliSum.parse("Z0")));
        assertTrue(e.getMessage().contains("pow(0.5) @ layer(theta)"), e.getMessage());
        assertTrue(e.getMessage().contains("gradients are not available"), e.getMessage());
        assertTrue(e.getMessage().contains("user-defined gate under modifiers"), e.getMessage());
    }

    @Test
    void theRotationsThatStayLibraryGatesKeepTheirGradients() {
        Circuit c = read("ctrl @ inv @ rx(theta)", 2);
        Operation.GateOp op = (Operation.GateOp) c.operations().get(0);
        assertEquals("crx", op.gate().name());
    }
}
