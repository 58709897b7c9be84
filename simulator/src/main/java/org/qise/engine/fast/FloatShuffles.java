package org.qise.engine.fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;

/**
 * The lane shuffles of the float kernels as constants. A shuffle read from an array or an
 * instance field is not a constant to the JIT, and a rearrange by a non-constant shuffle ran
 * 5–20× slower in measurement (a low-qubit block at 16 qubits: 2.6 ms against the double
 * kernel's 0.13 ms), so each pattern of the in-vector qubits has its own static final shuffle,
 * picked by a switch.
 */
final class FloatShuffles {
    private FloatShuffles() {}

    private static final VectorShuffle<Float> S0 = shuffle(0, true);
    private static final VectorShuffle<Float> F1 = shuffle(1, false), S1 = shuffle(1, true);
    private static final VectorShuffle<Float> F2 = shuffle(2, false), S2 = shuffle(2, true);
    private static final VectorShuffle<Float> F3 = shuffle(3, false), S3 = shuffle(3, true);
    private static final VectorShuffle<Float> F4 = shuffle(4, false), S4 = shuffle(4, true);
    private static final VectorShuffle<Float> F5 = shuffle(5, false), S5 = shuffle(5, true);
    private static final VectorShuffle<Float> F6 = shuffle(6, false), S6 = shuffle(6, true);
    private static final VectorShuffle<Float> F7 = shuffle(7, false), S7 = shuffle(7, true);

    /** Most in-vector qubits the constants cover (eight amplitudes: 512-bit vectors). */
    static final int MAX_LOW_QUBITS = 3;

    /** Lane a of the result holds amplitude a ^ x of v (x below the amplitudes per vector). */
    static FloatVector flip(FloatVector v, int x) {
        return switch (x) {
            case 0 -> v;
            case 1 -> v.rearrange(F1);
            case 2 -> v.rearrange(F2);
            case 3 -> v.rearrange(F3);
            case 4 -> v.rearrange(F4);
            case 5 -> v.rearrange(F5);
            case 6 -> v.rearrange(F6);
            default -> v.rearrange(F7);
        };
    }

    /** As {@link #flip}, with re and im of every amplitude exchanged. */
    static FloatVector flipSwap(FloatVector v, int x) {
        return switch (x) {
            case 0 -> v.rearrange(S0);
            case 1 -> v.rearrange(S1);
            case 2 -> v.rearrange(S2);
            case 3 -> v.rearrange(S3);
            case 4 -> v.rearrange(S4);
            case 5 -> v.rearrange(S5);
            case 6 -> v.rearrange(S6);
            default -> v.rearrange(S7);
        };
    }

    /** re ↔ im of every amplitude. */
    static FloatVector swap(FloatVector v) {
        return v.rearrange(S0);
    }

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
