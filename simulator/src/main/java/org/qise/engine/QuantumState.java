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

    /** Runs a whole plan compiled by this state's engine for this state size. */
    default void run(Plan plan) {
        run(plan, 0, plan.stepCount());
    }

    /**
     * Runs steps [from, to) of a plan, e.g. a slice between two progress reports. A plan from
     * another engine runs gate by gate.
     */
    default void run(Plan plan, int fromStep, int toStep) {
        if (plan.numQubits() != numQubits()) {
            throw new IllegalArgumentException("the plan is for " + plan.numQubits() + " qubits, the state has " + numQubits());
        }
        for (int i = fromStep; i < toStep; i++) for (Operation.GateOp op : plan.stepGates(i)) apply(op);
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

    /**
     * Measures {@code qubit}: outcome 1 when {@code uniform} (in [0, 1)) is below the
     * probability of 1, then collapses onto the outcome. A qubit whose probability of 1 is
     * exactly 0 is left as it is (the collapse would change nothing), so a measurement of a
     * qubit known to be |0⟩ costs one read of the state.
     */
    default int measure(int qubit, double uniform) {
        double p1 = probabilityOfOne(qubit);
        int outcome = uniform < p1 ? 1 : 0;
        if (p1 != 0) collapse(qubit, outcome, outcome == 1 ? p1 : 1 - p1);
        return outcome;
    }

    /** Resets {@code qubit} to |0⟩: a {@link #measure} with {@code uniform}, then a flip if it gave 1. */
    default void reset(int qubit, double uniform) {
        if (measure(qubit, uniform) == 1) flip(qubit);
    }

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

    /**
     * Copies amplitudes [from, from + count) into {@code re[0..count)} and {@code im[0..count)}:
     * the bulk read that results and sampling use instead of one call per amplitude.
     */
    default void copyAmplitudes(long from, int count, double[] re, double[] im) {
        GateChecks.range(numQubits(), from, count);
        for (int k = 0; k < count; k++) {
            re[k] = re(from + k);
            im[k] = im(from + k);
        }
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
        int block = (int) Math.min(size, 4096);
        double[] re = new double[block], im = new double[block];
        double cumulative = 0;
        int k = 0;
        long last = 0; // the last basis state seen with a non-zero amplitude
        for (long from = 0; from < size; from += block) {
            copyAmplitudes(from, block, re, im);
            for (int j = 0; j < block; j++) {
                double p = re[j] * re[j] + im[j] * im[j];
                if (re[j] != 0 || im[j] != 0) last = from + j;
                cumulative += p;
                while (k < out.length && sortedUniforms[k] < cumulative) out[k++] = from + j;
            }
        }
        // Rounding can leave the total a hair below 1: give the rest to the last non-zero state.
        while (k < out.length) out[k++] = last;
        return out;
    }

    /** An independent copy of this state. */
    QuantumState copy();

    /** Frees the memory behind the state (off-heap engines). Idempotent. */
    @Override
    void close();
}
