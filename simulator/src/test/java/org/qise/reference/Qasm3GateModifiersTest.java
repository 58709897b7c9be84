package org.qise.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.linear.Array2DRowFieldMatrix;
import org.apache.commons.math3.linear.FieldMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.circuit.Circuit;
import org.qise.circuit.Gate;
import org.qise.circuit.Operation;
import org.qise.qasm3.Qasm3Reader;

/**
 * Every gate of OpenQASM 3's stdgates.inc, under every modifier combination with up to two
 * controls, against closed-form matrices built here with Commons Math. The comparison is of the
 * whole unitary, so the global phase of a gate shows wherever a control makes it observable.
 */
class Qasm3GateModifiersTest {
    private static final double T = 0.37, PH = 1.1, L = -0.6, G = 0.25;

    private static Complex c(double re, double im) { return new Complex(re, im); }

    private static FieldMatrix<Complex> u(double th, double ph, double la) {
        double co = Math.cos(th / 2), si = Math.sin(th / 2);
        return Dense.m2(c(co, 0), Dense.phase(la).multiply(-si), Dense.phase(ph).multiply(si), Dense.phase(ph + la).multiply(co));
    }

    private static FieldMatrix<Complex> diag(double a, double b) {
        return Dense.m2(Dense.phase(a), Complex.ZERO, Complex.ZERO, Dense.phase(b));
    }

    private static final FieldMatrix<Complex> H = Dense.m2(c(Math.sqrt(0.5), 0), c(Math.sqrt(0.5), 0), c(Math.sqrt(0.5), 0), c(-Math.sqrt(0.5), 0));
    private static final FieldMatrix<Complex> SX = Dense.m2(c(0.5, 0.5), c(0.5, -0.5), c(0.5, -0.5), c(0.5, 0.5));
    private static final FieldMatrix<Complex> SWAP = swap();

    private static FieldMatrix<Complex> swap() {
        FieldMatrix<Complex> m = Dense.identity(4).scalarMultiply(Complex.ZERO);
        m.setEntry(0, 0, Complex.ONE);
        m.setEntry(1, 2, Complex.ONE);
        m.setEntry(2, 1, Complex.ONE);
        m.setEntry(3, 3, Complex.ONE);
        return m;
    }

    private static FieldMatrix<Complex> rx(double t) {
        return Dense.m2(c(Math.cos(t / 2), 0), c(0, -Math.sin(t / 2)), c(0, -Math.sin(t / 2)), c(Math.cos(t / 2), 0));
    }

    private static FieldMatrix<Complex> ry(double t) {
        return Dense.m2(c(Math.cos(t / 2), 0), c(-Math.sin(t / 2), 0), c(Math.sin(t / 2), 0), c(Math.cos(t / 2), 0));
    }

    /** A controlled on its lowest qubit being {@code on} (1 for ctrl, 0 for negctrl); A acts on the qubits above. */
    static FieldMatrix<Complex> controlled(FieldMatrix<Complex> a, int on) {
        int d = a.getRowDimension();
        FieldMatrix<Complex> m = Dense.identity(2 * d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) m.setEntry(2 * i + on, 2 * j + on, a.getEntry(i, j));
        }
        return m;
    }

    static FieldMatrix<Complex> ctrl(FieldMatrix<Complex> a) { return controlled(a, 1); }

    /** The gates of stdgates.inc with the parameters used here, as matrices (qubit 0 = first operand = lowest bit). */
    static Stream<Arguments> gates() {
        return Stream.of(
                Arguments.of("p(" + L + ")", diag(0, L)),
                Arguments.of("x", Dense.PAULI_X), Arguments.of("y", Dense.PAULI_Y), Arguments.of("z", Dense.PAULI_Z),
                Arguments.of("h", H), Arguments.of("s", diag(0, Math.PI / 2)), Arguments.of("sdg", diag(0, -Math.PI / 2)),
                Arguments.of("t", diag(0, Math.PI / 4)), Arguments.of("tdg", diag(0, -Math.PI / 4)), Arguments.of("sx", SX),
                Arguments.of("rx(" + T + ")", rx(T)), Arguments.of("ry(" + T + ")", ry(T)), Arguments.of("rz(" + T + ")", diag(-T / 2, T / 2)),
                Arguments.of("cx", ctrl(Dense.PAULI_X)), Arguments.of("cy", ctrl(Dense.PAULI_Y)), Arguments.of("cz", ctrl(Dense.PAULI_Z)),
                Arguments.of("cp(" + L + ")", ctrl(diag(0, L))), Arguments.of("crx(" + T + ")", ctrl(rx(T))),
                Arguments.of("cry(" + T + ")", ctrl(ry(T))), Arguments.of("crz(" + T + ")", ctrl(diag(-T / 2, T / 2))),
                Arguments.of("ch", ctrl(H)), Arguments.of("swap", SWAP), Arguments.of("ccx", ctrl(ctrl(Dense.PAULI_X))),
                Arguments.of("cswap", ctrl(SWAP)),
                Arguments.of("cu(" + T + ", " + PH + ", " + L + ", " + G + ")", ctrl(u(T, PH, L).scalarMultiply(Dense.phase(G)))),
                Arguments.of("CX", ctrl(Dense.PAULI_X)), Arguments.of("phase(" + L + ")", diag(0, L)),
                Arguments.of("cphase(" + L + ")", ctrl(diag(0, L))), Arguments.of("id", Dense.ID),
                Arguments.of("u1(" + L + ")", diag(0, L)), Arguments.of("u2(" + PH + ", " + L + ")", u(Math.PI / 2, PH, L)),
                Arguments.of("u3(" + T + ", " + PH + ", " + L + ")", u(T, PH, L)), Arguments.of("U(" + T + ", " + PH + ", " + L + ")", u(T, PH, L)));
    }

    /** Modifier prefixes: every kind, composed in different orders, with up to two controls. */
    private static final String[] MODIFIERS = {
        "", "inv @ ", "pow(2) @ ", "pow(-1) @ ", "pow(3) @ ", "ctrl @ ", "negctrl @ ", "ctrl(2) @ ", "negctrl(2) @ ",
        "ctrl @ negctrl @ ", "negctrl @ ctrl @ ", "ctrl @ inv @ ", "inv @ ctrl @ ", "ctrl @ pow(2) @ ", "pow(2) @ ctrl @ ",
        "inv @ negctrl @ ", "pow(-2) @ ctrl @ negctrl @ ", "ctrl @ inv @ ctrl @ ", "inv @ pow(3) @ ctrl(2) @ "};

    static Stream<Arguments> combinations() {
        List<Arguments> out = new ArrayList<>();
        gates().forEach(g -> {
            for (String m : MODIFIERS) out.add(Arguments.of(m, g.get()[0], g.get()[1]));
        });
        return out.stream();
    }

    /** The reference matrix of a modifier prefix applied to {@code base}, innermost modifier first. */
    static FieldMatrix<Complex> reference(String modifiers, FieldMatrix<Complex> base) {
        String[] parts = modifiers.isBlank() ? new String[0] : modifiers.trim().split("\\s*@\\s*");
        FieldMatrix<Complex> m = base;
        for (int k = parts.length - 1; k >= 0; k--) {
            String p = parts[k].replace("@", "").trim();
            if (p.equals("inv")) {
                m = Dense.dagger(m);
            } else if (p.startsWith("pow(")) {
                int e = Integer.parseInt(p.substring(4, p.length() - 1));
                FieldMatrix<Complex> b = e < 0 ? Dense.dagger(m) : m;
                FieldMatrix<Complex> r = Dense.identity(m.getRowDimension());
                for (int i = 0; i < Math.abs(e); i++) r = r.multiply(b);
                m = r;
            } else {
                int n = p.contains("(") ? Integer.parseInt(p.substring(p.indexOf('(') + 1, p.length() - 1)) : 1;
                for (int i = 0; i < n; i++) m = controlled(m, p.startsWith("neg") ? 0 : 1);
            }
        }
        return m;
    }

    /** The unitary of a circuit, multiplied out here from its gates' matrices. */
    static FieldMatrix<Complex> unitary(Circuit c) {
        int n = c.numQubits();
        FieldMatrix<Complex> u = Dense.identity(1 << n);
        for (Operation op : c.operations()) {
            Operation.GateOp g = (Operation.GateOp) op;
            u = embed(g.gate(), g.qubits(), n).multiply(u);
        }
        return u;
    }

    static FieldMatrix<Complex> embed(Gate gate, int[] qubits, int n) {
        org.qise.circuit.Matrix m = gate.matrix();
        int dim = 1 << n;
        Complex[][] out = new Complex[dim][dim];
        for (Complex[] row : out) java.util.Arrays.fill(row, Complex.ZERO);
        for (int col = 0; col < dim; col++) {
            int local = 0, rest = col;
            for (int j = 0; j < qubits.length; j++) {
                local |= (col >> qubits[j] & 1) << j;
                rest &= ~(1 << qubits[j]);
            }
            for (int o = 0; o < m.dim(); o++) {
                int row = rest;
                for (int j = 0; j < qubits.length; j++) row |= (o >> j & 1) << qubits[j];
                out[row][col] = out[row][col].add(c(m.re(o, local), m.im(o, local)));
            }
        }
        return new Array2DRowFieldMatrix<>(out, false);
    }

    static Circuit program(String statement, int qubits) {
        StringBuilder ops = new StringBuilder();
        for (int q = 0; q < qubits; q++) ops.append(q == 0 ? " " : ", ").append("q[").append(q).append(']');
        return Qasm3Reader.parse("OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[" + qubits + "] q;\n" + statement + ops + ";\n", "t.qasm");
    }

    @ParameterizedTest(name = "{0}{1} matches its dense reference")
    @MethodSource("combinations")
    void everyStandardGateUnderEveryModifierMatchesTheDenseReference(String modifiers, String gate, FieldMatrix<Complex> base) {
        FieldMatrix<Complex> expected = reference(modifiers, base);
        int n = Integer.numberOfTrailingZeros(expected.getRowDimension());
        FieldMatrix<Complex> actual = unitary(program(modifiers + gate, n));
        assertTrue(Dense.distance(expected, actual) < 1e-12, modifiers + gate + " differs from the reference by " + Dense.distance(expected, actual));
    }

    @ParameterizedTest(name = "{0} equals {1}")
    @CsvSource(delimiter = '|', value = {
        "pow(1/2) @ x | sx", "inv @ s | sdg", "pow(2) @ t | s", "pow(0.5) @ z | s", "pow(0.5) @ s | t",
        "inv @ pow(0.5) @ z | sdg", "inv @ pow(0.5) @ s | tdg", "ctrl @ pow(1/2) @ x | ctrl @ sx", "pow(0.25) @ z | t",
        "pow(-0.5) @ x | inv @ sx", "ctrl @ pow(0.5) @ rz(0.8) | crz(0.4)"})
    void fractionalPowersAndInversesAreTheLibraryGates(String left, String right) {
        int n = left.contains("ctrl") ? 2 : 1;
        FieldMatrix<Complex> a = unitary(program(left, n)), b = unitary(program(right, n));
        assertTrue(Dense.distance(a, b) < 1e-12, left + " vs " + right + ": " + Dense.distance(a, b));
    }

    @ParameterizedTest(name = "pow(1/3) of {0}, cubed, is {0}")
    @MethodSource("gates")
    void aFractionalPowerCubedIsTheGate(String gate, FieldMatrix<Complex> base) {
        int n = Integer.numberOfTrailingZeros(base.getRowDimension());
        FieldMatrix<Complex> root = unitary(program("pow(1/3) @ " + gate, n));
        assertTrue(Dense.distance(root.multiply(root).multiply(root), base) < 1e-12, gate);
        assertTrue(Dense.unitarityError(root) < 1e-12);
    }

    @Test
    void gphaseUnderControlIsAPhaseOnTheControl() {
        FieldMatrix<Complex> actual = unitary(program("ctrl @ gphase(0.7)", 1));
        assertTrue(Dense.distance(actual, diag(0, 0.7)) < 1e-12);
        FieldMatrix<Complex> two = unitary(program("ctrl @ ctrl @ gphase(0.7)", 2));
        assertTrue(Dense.distance(two, ctrl(diag(0, 0.7))) < 1e-12);
    }

    @Test
    void aUserGateKeepsItsGlobalPhaseUnderControl() {
        Circuit c = Qasm3Reader.parse("""
                OPENQASM 3.0;
                include "stdgates.inc";
                gate phased a { gphase(0.3); x a; }
                qubit[2] q;
                ctrl @ phased q[0], q[1];
                """, "t.qasm");
        assertEquals(1, c.operations().size());
        assertTrue(Dense.distance(unitary(c), ctrl(Dense.PAULI_X.scalarMultiply(Dense.phase(0.3)))) < 1e-12);
    }
}
