package org.qise.engine.fast;

import jdk.incubator.vector.VectorShuffle;

/**
 * The lane shuffles of the float kernels as constants. A shuffle read from an array or an
 * instance field is not a constant to the JIT, and a rearrange by a non-constant shuffle ran
 * 5–20× slower in measurement (a low-qubit block at 16 qubits: 2.6 ms against the double
 * kernel's 0.13 ms), so each pattern of the in-vector qubits has its own static final shuffle,
 * which a kernel picks with a switch written out in its own loop body.
 *
 * <p>There are deliberately no helper methods here that take or return a vector: the JIT inlines
 * such a helper only while its profile and size budgets allow, and once it did not (after other
 * workloads had compiled it on its own, or the caller's inlining budget was spent) every call
 * boxed its vectors. That made single-precision qcbm 3–5× slower than double late in one long
 * bench run (docs/engine.md). The Vector API's own methods are marked for forced inlining, so a
 * kernel that calls only those keeps its vectors in registers whatever ran before it.
 */
final class FloatShuffles {
    private FloatShuffles() {}

    /** F<i>x</i>: lane a takes amplitude a ^ x; S<i>x</i>: the same with re and im of every amplitude exchanged. */
    static final VectorShuffle<Float> S0 = shuffle(0, true);
    static final VectorShuffle<Float> F1 = shuffle(1, false), S1 = shuffle(1, true);
    static final VectorShuffle<Float> F2 = shuffle(2, false), S2 = shuffle(2, true);
    static final VectorShuffle<Float> F3 = shuffle(3, false), S3 = shuffle(3, true);
    static final VectorShuffle<Float> F4 = shuffle(4, false), S4 = shuffle(4, true);
    static final VectorShuffle<Float> F5 = shuffle(5, false), S5 = shuffle(5, true);
    static final VectorShuffle<Float> F6 = shuffle(6, false), S6 = shuffle(6, true);
    static final VectorShuffle<Float> F7 = shuffle(7, false), S7 = shuffle(7, true);

    /** Most in-vector qubits the constants cover (eight amplitudes: 512-bit vectors). */
    static final int MAX_LOW_QUBITS = 3;

    private static VectorShuffle<Float> shuffle(int xor, boolean swap) {
        int floats = FloatGateKernel.FLOATS, amps = Math.max(1, floats / 2);
        int[] idx = new int[floats];
        for (int lane = 0; lane < floats; lane++) {
            int a = lane >> 1, part = lane & 1;
            // Patterns past this machine's vector are never used; keep their shuffles valid anyway.
            idx[lane] = 2 * ((a ^ xor) & (amps - 1)) + (swap ? 1 - part : part);
        }
        return VectorShuffle.fromArray(FloatGateKernel.SPECIES, idx, 0);
    }
}
