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
    private static final double[] DENSE_HIGH = {0, 1.25, 3.7, 7.7, 11.7, 23, 46};
    /** Dense block on k targets with at least one low target (lane shuffles per pattern). */
    private static final double[] DENSE_LOW = {0, 1.4, 9.5, 13, 22, 40, 75};
    /**
     * A dense block on two qubits that both pick lanes ({@link InVectorPairKernel}: qubits 0 and 1
     * in double on 512-bit vectors): a 4×4 on each vector, measured at the cost of a 4×4 on two
     * high qubits or a little less (0.69 against 0.76–0.80 ms a pass at 20 qubits on the Zen 4).
     */
    private static final double IN_VECTOR_PAIR = DENSE_HIGH[2];
    /**
     * Dense blocks on two or three qubits that all pick lanes of a float vector (index k), for
     * the float kernels ({@link FloatDenseKernels.InVector2}, {@link FloatDenseKernels.InVector3}):
     * a pass at 20 qubits took 375 and 715 µs against 465 for a float 4×4 on two high qubits
     * (scaled from {@link #DENSE_HIGH}[2]), where the general lane kernels took 0.9–1.3 and 2.3 ms.
     */
    private static final double[] IN_VECTOR_FLOAT = {0, 0, 3.0, 5.7};
    private static final double PERMUTATION = 1.3;
    /**
     * A run on two high qubits ({@link RunKernel}): a 2×2 on each pair of vectors, the
     * permutations and diagonals of the run folded in, so a little more than one rotation.
     */
    static final double RUN = 1.4;
    /**
     * A one-qubit gate with a real diagonal and an imaginary off-diagonal on a high qubit (rx,
     * {@link SingleQubitKernels.HighRx}): half the multiply-adds of a general rotation, measured
     * 0.57 against 0.97 ns per vector in the same run.
     */
    private static final double HALF_ROTATION = 0.75;
    /** Diagonal: a sweep over every vector, plus a complex multiply on the vectors it changes. */
    private static final double DIAGONAL_SWEEP = 0.2, DIAGONAL_MULTIPLY = 1.4;

    static double of(Fuser.Block block) {
        return of(block, false);
    }

    /**
     * As {@link #of}, for grouping the gates of a single-precision plan: the float kernels have
     * no half-cost rotation, so an rx costs what any rotation does, and their blocks inside the
     * vector have prices of their own ({@link #IN_VECTOR_FLOAT}).
     */
    static double ofFloat(Fuser.Block block) {
        return of(block, true);
    }

    private static double of(Fuser.Block block, boolean single) {
        return switch (block) {
            case Fuser.Single s -> single(s.op().gate(), s.op().qubits(), single);
            case Fuser.Dense d -> dense(d.qubits(), single);
            case Fuser.Diagonal d -> diagonal(d.re(), d.im(), 1.0);
            case Fuser.Run r -> RUN;
            default -> throw new IllegalArgumentException("unknown block " + block);
        };
    }

    /**
     * The cost of a fused block of several gates that is still being grown, from its qubits and
     * whether all its gates are diagonal (a single gate costs what {@link #of} says); for the float
     * kernels when {@code single}.
     */
    static double estimate(long qubitMask, boolean allDiagonal, boolean single) {
        if (allDiagonal) return DIAGONAL_SWEEP + DIAGONAL_MULTIPLY;
        return dense(qubitMask, single);
    }

    private static double single(Gate g, int[] qubits, boolean single) {
        Matrix m = g.targetMatrix();
        double active = Math.scalb(1.0, -g.controls()); // controls leave the other vectors alone
        if (m.isDiagonal()) return diagonal(DiagonalKernel.diagonalRe(m), DiagonalKernel.diagonalIm(m), active);
        if (PermutationKernel.isPermutation(m)) return PERMUTATION * Math.max(active, 0.5);
        int[] targets = java.util.Arrays.copyOfRange(qubits, g.controls(), qubits.length);
        int[] controls = java.util.Arrays.copyOf(qubits, g.controls());
        if (!single && SingleQubitKernels.HighRx.takes(m, targets, controls)) return HALF_ROTATION * active;
        return dense(targets, single) * active;
    }

    private static double dense(int[] targets, boolean single) {
        long mask = 0;
        for (int q : targets) mask |= 1L << q;
        return dense(mask, single);
    }

    /** A dense block on the qubits of {@code mask}, by how many there are and whether any picks lanes. */
    private static double dense(long mask, boolean single) {
        long lanes = (1L << Lanes.LOW_QUBITS) - 1;
        if (!single && Long.bitCount(mask) == 2 && (mask & ~lanes) == 0) return IN_VECTOR_PAIR;
        if (single && FloatDenseKernels.InVector2.takes(mask)) return IN_VECTOR_FLOAT[Long.bitCount(mask)];
        return dense(Long.bitCount(mask), (mask & lanes) != 0);
    }

    private static double dense(int k, boolean lowTarget) {
        double[] table = lowTarget ? DENSE_LOW : DENSE_HIGH;
        return k < table.length ? table[k] : table[table.length - 1] * Math.scalb(1.0, k - table.length + 1);
    }

    private static double diagonal(double[] re, double[] im, double active) {
        int changed = 0;
        for (int i = 0; i < re.length; i++) if (re[i] != 1 || im[i] != 0) changed++;
        return DIAGONAL_SWEEP + DIAGONAL_MULTIPLY * active * changed / re.length;
    }
}
