package org.qise.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;
import org.qise.param.Param;
import org.qise.sim.PauliSum;

/**
 * A tail of cx gates after the last parametric gate is folded into the observable, H' = V†HV:
 * the rule for one cx is checked on all 16 two-qubit Pauli products (both directions) against
 * dense matrices multiplied out, and gradients of circuits ending in cx tails against
 * parameter shift, which runs the whole circuit.
 */
class CliffordTailTest {

    private static final double[][][] PAULI = { // I, X, Y, Z as {re, im} rows
            {{1, 0, 0, 1}, {0, 0, 0, 0}}, {{0, 1, 1, 0}, {0, 0, 0, 0}}, {{0, 0, 0, 0}, {0, -1, 1, 0}}, {{1, 0, 0, -1}, {0, 0, 0, 0}}};

    /** The 4×4 matrix of P1 ⊗ P0 (qubit 0 the low bit) as {re, im}, entries row by row. */
    private static double[][] dense(int p0, int p1) {
        double[][] m = new double[2][16];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                int a = 2 * (r & 1) + (c & 1), b = 2 * (r >> 1) + (c >> 1);
                double ar = PAULI[p0][0][a], ai = PAULI[p0][1][a], br = PAULI[p1][0][b], bi = PAULI[p1][1][b];
                m[0][4 * r + c] = ar * br - ai * bi;
                m[1][4 * r + c] = ar * bi + ai * br;
            }
        }
        return m;
    }

    @ParameterizedTest(name = "cx {0} -> {1}")
    @CsvSource({"0, 1", "1, 0"})
    void aCxMapsEveryPauliProductToTheProductWithTheSignOfTheDenseConjugation(int control, int target) {
        for (int p0 = 0; p0 < 4; p0++) {
            for (int p1 = 0; p1 < 4; p1++) {
                long x = (p0 == 1 || p0 == 2 ? 1 : 0) | (p1 == 1 || p1 == 2 ? 2 : 0);
                long z = (p0 == 3 || p0 == 2 ? 1 : 0) | (p1 == 3 || p1 == 2 ? 2 : 0);
                PauliSum.Term out = CliffordTail.conjugate(List.of(new PauliSum.Term(1, x, z)),
                        List.of(new Operation.GateOp(Gates.cx(), new int[]{control, target}, null))).getFirst();
                // cx·P·cx: a permutation of rows and columns, |i⟩ → |i ⊕ (bit c of i) at t⟩
                double[][] m = dense(p0, p1), expected = new double[2][16];
                for (int r = 0; r < 4; r++) {
                    for (int c = 0; c < 4; c++) {
                        int pr = r ^ ((r >> control & 1) << target), pc = c ^ ((c >> control & 1) << target);
                        expected[0][4 * r + c] = m[0][4 * pr + pc];
                        expected[1][4 * r + c] = m[1][4 * pr + pc];
                    }
                }
                int q0 = (int) ((out.xMask() & 1) + 2 * (out.zMask() & 1)), q1 = (int) ((out.xMask() >> 1 & 1) + 2 * (out.zMask() >> 1 & 1));
                int[] pauliOf = {0, 1, 3, 2}; // (x + 2z) → I, X, Z, Y
                double[][] got = dense(pauliOf[q0], pauliOf[q1]);
                for (int e = 0; e < 16; e++) {
                    assertEquals(expected[0][e], out.coefficient() * got[0][e], 0, "P = " + p1 + "⊗" + p0 + ", entry " + e);
                    assertEquals(expected[1][e], out.coefficient() * got[1][e], 0, "P = " + p1 + "⊗" + p0 + ", entry " + e);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} qubits")
    @CsvSource({"3", "6", "16"})
    void theGradientOfACircuitEndingInCxGatesEqualsParameterShift(int n) {
        CircuitBuilder b = Circuit.builder(n);
        for (int q = 0; q < n; q++) b.h(q);
        for (int q = 0; q < n; q++) b.ry(Param.of("a").times(q + 1).plus(0.1), q);
        for (int q = 0; q + 1 < n; q++) b.cx(q, q + 1);
        for (int q = 0; q < n; q++) b.rz(Param.of("b").minus(0.2 * q), q);
        b.rx(Param.of("a").times(Param.of("b")), n / 2);
        // the tail: a staircase down and one cx up, over every qubit H touches
        for (int q = n - 1; q > 0; q--) b.cx(q, q - 1);
        b.cx(0, n - 1);
        Circuit c = b.build();
        PauliSum h = PauliSum.parse("Z0 Z1 + 0.5 X" + (n - 1) + " - 0.7 Y0 Y" + (n / 2) + " + 0.3 X1 Z" + (n - 1));
        Map<String, Double> point = Map.of("a", 0.37, "b", -0.81);
        Gradient adjoint = AdjointGradient.compute(c, point, h), shift = ParameterShift.compute(c, point, h, "exact");
        assertEquals(shift.value(), adjoint.value(), 1e-12);
        for (String p : List.of("a", "b")) assertEquals(shift.derivative(p), adjoint.derivative(p), 1e-10, "∂/∂" + p);
        assertTrue(Math.abs(shift.derivative("a")) + Math.abs(shift.derivative("b")) > 1e-3, "the gradient should not vanish");
    }

    @Test
    void onlyTheCxGatesAfterTheLastOtherGateFormTheTail() {
        List<Operation.GateOp> gates = List.of(
                new Operation.GateOp(Gates.cx(), new int[]{0, 1}, null), new Operation.GateOp(Gates.h(), new int[]{0}, null),
                new Operation.GateOp(Gates.cx(), new int[]{1, 2}, null), new Operation.GateOp(Gates.cx(), new int[]{2, 0}, null));
        assertEquals(2, CliffordTail.start(gates));
        assertEquals(0, CliffordTail.start(gates.subList(0, 1)), "gates that are all cx are all tail");
        assertEquals(2, CliffordTail.start(gates.subList(0, 2)), "no tail after an h");
    }
}
