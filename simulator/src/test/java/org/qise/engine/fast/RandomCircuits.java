package org.qise.engine.fast;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;

/** Random gate sequences drawing on the whole gate library, extra controls and random unitaries. */
final class RandomCircuits {
    private RandomCircuits() {}

    private static final List<Gates.Definition> LIBRARY = new ArrayList<>(Gates.library().values());

    /** A random circuit of {@code length} gates on n qubits. */
    static List<Operation.GateOp> circuit(Random rnd, int n, int length) {
        List<Operation.GateOp> ops = new ArrayList<>();
        while (ops.size() < length) {
            Gate g = randomGate(rnd, n);
            if (g == null || g.qubits() > n) continue;
            ops.add(new Operation.GateOp(g, distinctQubits(rnd, n, g.qubits()), null));
        }
        return ops;
    }

    /** A library gate (random parameters), sometimes with extra controls, or a random unitary. */
    static Gate randomGate(Random rnd, int n) {
        int kind = rnd.nextInt(10);
        if (kind == 0) {
            int k = 1 + rnd.nextInt(Math.min(3, n));
            return Gates.unitary(randomUnitary(rnd, 1 << k));
        }
        Gates.Definition d = LIBRARY.get(rnd.nextInt(LIBRARY.size()));
        double[] params = new double[d.params()];
        for (int i = 0; i < params.length; i++) params[i] = (rnd.nextDouble() * 2 - 1) * Math.PI * 2;
        Gate g = d.create(params);
        if (kind == 1 && g.qubits() < n) {
            g = g.controlled(1 + rnd.nextInt(Math.min(2, n - g.qubits())));
        }
        return g;
    }

    static int[] distinctQubits(Random rnd, int n, int count) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        for (int i = 0; i < count; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, count);
    }

    /** Gram–Schmidt on a random complex Gaussian matrix: a random unitary (not Haar-exact, which no test needs). */
    static Matrix randomUnitary(Random rnd, int dim) {
        double[][] re = new double[dim][dim], im = new double[dim][dim];
        for (int c = 0; c < dim; c++) {
            for (int r = 0; r < dim; r++) {
                re[c][r] = rnd.nextGaussian();
                im[c][r] = rnd.nextGaussian();
            }
            for (int p = 0; p < c; p++) {
                // subtract <col p, col c> col p
                double dr = 0, di = 0;
                for (int r = 0; r < dim; r++) {
                    dr += re[p][r] * re[c][r] + im[p][r] * im[c][r];
                    di += re[p][r] * im[c][r] - im[p][r] * re[c][r];
                }
                for (int r = 0; r < dim; r++) {
                    re[c][r] -= dr * re[p][r] - di * im[p][r];
                    im[c][r] -= dr * im[p][r] + di * re[p][r];
                }
            }
            double norm = 0;
            for (int r = 0; r < dim; r++) norm += re[c][r] * re[c][r] + im[c][r] * im[c][r];
            norm = Math.sqrt(norm);
            for (int r = 0; r < dim; r++) {
                re[c][r] /= norm;
                im[c][r] /= norm;
            }
        }
        double[] mr = new double[dim * dim], mi = new double[dim * dim];
        for (int r = 0; r < dim; r++) {
            for (int c = 0; c < dim; c++) {
                mr[r * dim + c] = re[c][r];
                mi[r * dim + c] = im[c][r];
            }
        }
        return Matrix.of(dim, mr, mi);
    }
}
