package org.qise.engine.fast;

import org.qise.circuit.Gate;
import org.qise.circuit.Matrix;

/**
 * What a fused block costs to run, in nanoseconds per vector of the state on one core with the
 * state in cache: the figures the kernels measured on the reference machine (Zen 4, AVX-512,
 * a 2^15-amplitude state). Only their ratios matter: they let {@link StageRunner} choose the
 * fusion width that does the least arithmetic. A dense block on k qubits costs about 2^(k+1)
 * fused multiply-adds per vector, so it pays only when it absorbs enough gates; a permutation
 * only moves data; a diagonal multiplies only the vectors it changes.
 *
 * <p>The numbers are constants, never measured at run time, so the fusion plan and therefore
 * the result bits are the same on every run.
 */
final class BlockCost {
    private BlockCost() {}

    /** Dense block on k targets, all above the low (in-vector) qubits; index k. */
    private static final double[] DENSE_HIGH = {0, 2.0, 7.5, 9.5, 14.3, 27, 55};
    /** Dense block on k targets with at least one low target (lane shuffles per pattern). */
    private static final double[] DENSE_LOW = {0, 2.6, 10, 14, 22, 40, 75};
    private static final double PERMUTATION = 1.2;
    /** Diagonal: a sweep over every vector, plus a complex multiply on the vectors it changes. */
    private static final double DIAGONAL_SWEEP = 0.5, DIAGONAL_MULTIPLY = 3.0;

    static double of(Fuser.Block block) {
        return switch (block) {
            case Fuser.Single s -> single(s.op().gate(), s.op().qubits());
            case Fuser.Dense d -> dense(d.qubits(), d.qubits().length);
            case Fuser.Diagonal d -> diagonal(d.re(), d.im(), 1.0);
            default -> throw new IllegalArgumentException("unknown block " + block);
        };
    }

    private static double single(Gate g, int[] qubits) {
        Matrix m = g.targetMatrix();
        double active = Math.scalb(1.0, -g.controls()); // controls leave the other vectors alone
        if (m.isDiagonal()) {
            double[] re = new double[m.dim()], im = new double[m.dim()];
            for (int i = 0; i < m.dim(); i++) {
                re[i] = m.re(i, i);
                im[i] = m.im(i, i);
            }
            return diagonal(re, im, active);
        }
        if (PermutationKernel.isPermutation(m)) return PERMUTATION * Math.max(active, 0.5);
        int[] targets = java.util.Arrays.copyOfRange(qubits, g.controls(), qubits.length);
        return dense(targets, targets.length) * active;
    }

    private static double dense(int[] targets, int k) {
        boolean low = false;
        for (int q : targets) low |= q < Lanes.LOW_QUBITS;
        double[] table = low ? DENSE_LOW : DENSE_HIGH;
        return k < table.length ? table[k] : table[table.length - 1] * Math.scalb(1.0, k - table.length + 1);
    }

    private static double diagonal(double[] re, double[] im, double active) {
        int changed = 0;
        for (int i = 0; i < re.length; i++) if (re[i] != 1 || im[i] != 0) changed++;
        return DIAGONAL_SWEEP + DIAGONAL_MULTIPLY * active * changed / re.length;
    }
}
