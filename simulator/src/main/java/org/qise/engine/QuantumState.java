package org.qise.engine;

import java.util.List;
import org.qise.circuit.Operation;

/**
 * A state vector of n qubits held by an engine. Amplitude index i has qubit q in bit q of i
 * (qubit 0 least significant). Implementations must give results that do not depend on the
 * number of threads they use, bit for bit.
 */
public interface QuantumState extends AutoCloseable {

    int numQubits();

    /** Applies one gate; its classical condition, if any, is the caller's business. */
    void apply(Operation.GateOp op);

    /** Applies a run of gates in order. Engines may fuse them; the result must agree to 1e-12. */
    default void applyAll(List<Operation.GateOp> ops) {
        for (Operation.GateOp op : ops) apply(op);
    }

    /** Probability that measuring {@code qubit} gives 1. */
    double probabilityOfOne(int qubit);

    /**
     * Projects {@code qubit} onto {@code outcome} and renormalises, given that the outcome has
     * probability {@code probability} (as returned by {@link #probabilityOfOne}, or one minus it).
     */
    void collapse(int qubit, int outcome, double probability);

    /** Flips {@code qubit} (Pauli X); used by reset. */
    void flip(int qubit);

    /** Real part of amplitude {@code index}. */
    double re(long index);

    /** Imaginary part of amplitude {@code index}. */
    double im(long index);

    /**
     * Every amplitude, interleaved (re, im): amplitude i at [2i] and [2i+1] (needs 16·2^n bytes
     * of heap, so at most 29 qubits). Engines override this with a bulk copy: reading 2^n
     * amplitudes one call at a time costs more than many gates.
     */
    default double[] amplitudes() {
        int n = numQubits();
        if (n > 29) throw new IllegalStateException("amplitudes() of " + n + " qubits would not fit in a Java array (at most 29)");
        double[] v = new double[2 << n];
        for (int i = 0; i < 1 << n; i++) {
            v[2 * i] = re(i);
            v[2 * i + 1] = im(i);
        }
        return v;
    }

    /** |amplitude|² for every basis state (needs 8·2^n bytes of heap). */
    double[] probabilities();

    /**
     * ⟨ψ|P|ψ⟩ for the Pauli string P = ⊗ X^{x_q} Z^{z_q} with a factor i for every qubit where
     * both masks are set (so that qubit carries Y = iXZ). Real for a Hermitian P.
     */
    double expectationPauli(long xMask, long zMask);

    /**
     * Samples basis states: {@code sortedUniforms} are uniform numbers in [0, 1) in ascending
     * order; the result holds, in the same order, the basis state whose cumulative probability
     * interval contains each. One pass over the state, whatever the number of samples.
     */
    default long[] sampleSorted(double[] sortedUniforms) {
        long[] out = new long[sortedUniforms.length];
        long size = 1L << numQubits();
        double cumulative = 0;
        int k = 0;
        for (long i = 0; i < size && k < out.length; i++) {
            double r = re(i), m = im(i);
            cumulative += r * r + m * m;
            while (k < out.length && sortedUniforms[k] < cumulative) out[k++] = i;
        }
        // Rounding can leave the total a hair below 1: give the rest to the last non-zero state.
        long last = size - 1;
        while (last > 0 && re(last) == 0 && im(last) == 0) last--;
        while (k < out.length) out[k++] = last;
        return out;
    }

    /** An independent copy of this state. */
    QuantumState copy();

    /** Frees the memory behind the state (off-heap engines). Idempotent. */
    @Override
    void close();
}
