package org.qise.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.circuit.Gate;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;
import org.qise.param.Param;
import org.qise.sim.PauliSum;

/**
 * A cx with one-qubit chains before and after it on both of its qubits is un-applied as one 4×4
 * unit when both qubits are above a vector's width: the gradient must equal the parameter-shift
 * one, in a state that is one tile and in one of 15 qubits whose tiles are gathered (and, with a
 * qubit inside a vector, through the smaller units used there instead). The 4×4 kernel itself is
 * checked against a plain loop over the groups, for its vector form and its scalar fallback.
 */
class PairUnitTest {

    @ParameterizedTest(name = "{0} qubits, cx {1} -> {2}")
    @CsvSource({"4, 2, 3", "4, 3, 2", "5, 2, 4", "5, 4, 3", "6, 5, 2", "15, 14, 5", "15, 3, 14", "15, 13, 2", "15, 14, 13",
            "4, 0, 1", "5, 1, 3", "15, 0, 14", "15, 14, 1"})
    void theGradientThroughChainsOnBothSidesOfACxEqualsParameterShift(int n, int control, int target) {
        CircuitBuilder b = Circuit.builder(n);
        for (int k = 0; k < n; k++) b.ry(0.3 + k * 0.4, k);
        b.rx(Param.of("x"), control);
        b.rz(Param.of("x").times(0.5).plus(Param.of("phi")), control);
        b.ry(Param.of("x").times(-1), target);
        b.rz(Param.of("a"), target);
        b.cx(control, target);
        b.rx(Param.of("theta"), control);
        b.rz(Param.of("theta").times(2).plus(Param.of("x")), control);
        b.ry(Param.of("phi"), target);
        b.rx(Param.of("a").times(-0.7), target);
        b.cx(target, control); // a second cx, so the chains after the first are followed by a gate on their qubits
        Circuit c = b.build();
        Map<String, Double> point = Map.of("theta", 0.4, "x", 0.7, "phi", -1.1, "a", 0.25);
        List<Operation.GateOp> bound = new ArrayList<>();
        for (Operation op : c.bind(point).operations()) bound.add((Operation.GateOp) op);
        boolean above = !Amplitudes.insideVector(control) && !Amplitudes.insideVector(target);
        assertEquals(above, Units.of(bound).stream().anyMatch(u -> Units.isPair(u.op())),
                "a 4×4 unit exactly when both qubits are above a vector's width");

        PauliSum h = PauliSum.parse("Z" + target + " + 0.8 X" + control + " + 0.3 Y" + control + " Y" + target + " + 0.2 X0");
        Gradient adjoint = AdjointGradient.compute(c, point, h);
        Gradient shift = ParameterShift.compute(c, point, h, "exact");
        assertEquals(shift.value(), adjoint.value(), 1e-12);
        double scale = 0;
        for (String p : List.of("theta", "x", "phi", "a")) {
            assertEquals(shift.derivative(p), adjoint.derivative(p), 1e-10, "∂/∂" + p);
            scale = Math.max(scale, Math.abs(shift.derivative(p)));
        }
        assertTrue(scale > 1e-2, "the gradient should not vanish");
        assertEquals(AdjointGradient.compute(c, point, h, 3).derivatives()[1], adjoint.derivatives()[1], 0.0, "same bits on 3 threads");
    }

    @ParameterizedTest(name = "qubits ({0}, {1}) of 6")
    @CsvSource({"2, 3", "5, 2", "3, 5", "0, 1", "4, 0", "1, 5"})
    void theFourByFourKernelUnAppliesTheUnitAndSumsGAsAPlainLoopDoes(int qa, int qb) {
        int n = 6, size = 1 << n;
        Random rnd = new Random(7);
        double[] ur = new double[16], ui = new double[16];
        for (int k = 0; k < 16; k++) {
            ur[k] = rnd.nextGaussian();
            ui[k] = rnd.nextGaussian();
        }
        Operation.GateOp op = new Operation.GateOp(new Gate(Units.PAIR, new double[0], 0, Matrix.of(4, ur, ui)), new int[]{qa, qb}, null);
        Amplitudes psi = new Amplitudes(n), lambda = new Amplitudes(n);
        for (int k = 0; k < 2 * size; k++) {
            psi.a[k] = rnd.nextGaussian();
            lambda.a[k] = rnd.nextGaussian();
        }
        double[] p0 = psi.a.clone(), l0 = lambda.a.clone();
        double[] g = new double[32];
        Amplitudes.backward(op, psi, lambda, g, 0, size);

        // reference: for each index i with bits qa, qb clear, the four amplitudes i + x·2^qa + y·2^qb
        double[] pe = new double[2 * size], le = new double[2 * size], ge = new double[32];
        for (int i = 0; i < size; i++) {
            if ((i >> qa & 1) == 1 || (i >> qb & 1) == 1) continue;
            int[] at = new int[4];
            for (int k = 0; k < 4; k++) at[k] = i + (k & 1) * (1 << qa) + (k >> 1) * (1 << qb);
            for (int r = 0; r < 4; r++) {
                double sr = 0, si = 0, tr = 0, ti = 0;
                for (int col = 0; col < 4; col++) { // U†[r][col] = conj(U[col][r])
                    double cr = ur[col * 4 + r], ci = -ui[col * 4 + r];
                    int x = 2 * at[col];
                    sr += cr * p0[x] - ci * p0[x + 1];
                    si += cr * p0[x + 1] + ci * p0[x];
                    tr += cr * l0[x] - ci * l0[x + 1];
                    ti += cr * l0[x + 1] + ci * l0[x];
                }
                pe[2 * at[r]] = sr;
                pe[2 * at[r] + 1] = si;
                le[2 * at[r]] = tr;
                le[2 * at[r] + 1] = ti;
            }
            for (int x = 0; x < 4; x++) {
                for (int y = 0; y < 4; y++) { // conj(λ_old[x]) · ψ_new[y]
                    double lr = l0[2 * at[x]], li = l0[2 * at[x] + 1], nr = pe[2 * at[y]], ni = pe[2 * at[y] + 1];
                    ge[2 * (4 * x + y)] += lr * nr + li * ni;
                    ge[2 * (4 * x + y) + 1] += lr * ni - li * nr;
                }
            }
        }
        for (int k = 0; k < 2 * size; k++) {
            assertEquals(pe[k], psi.a[k], 1e-12, "ψ at " + k);
            assertEquals(le[k], lambda.a[k], 1e-12, "λ at " + k);
        }
        for (int k = 0; k < 32; k++) assertEquals(ge[k], g[k], 1e-10, "G at " + k);
    }
}
