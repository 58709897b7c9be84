package org.qise.engine.density;

import java.util.List;
import org.qise.circuit.Operation;
import org.qise.engine.Plan;
import org.qise.engine.QuantumState;
import org.qise.engine.StateTooLargeException;
import org.qise.engine.fast.FastEngine;
import org.qise.noise.NoiseException;

/**
 * An exact density matrix ρ of n ≤ {@value #MAX_QUBITS} qubits, in double precision.
 *
 * <p>ρ is held as a state vector of 2n qubits in the fast engine: element ρ_{ij} is amplitude
 * i + 2^n·j, so the ket index sits in qubits 0…n−1 and the bra index in n…2n−1. Then
 * UρU† is U on the ket qubits and U* on the bra qubits, and a channel is its superoperator
 * Σ K ⊗ K* on both halves: everything goes through the same kernels, fusion and threads as a
 * state vector of 2n qubits (see {@link Superoperators}).
 */
public final class DensityMatrix implements AutoCloseable {
    /** Largest register: 2^28 complex entries, 4 GiB. */
    public static final int MAX_QUBITS = 14;

    private final int n;
    private final QuantumState vec;
    /** This matrix's own engine (its thread pool), closed with it. */
    private final FastEngine engine;

    private DensityMatrix(int n, QuantumState vec, FastEngine engine) {
        this.n = n;
        this.vec = vec;
        this.engine = engine;
    }

    /** ρ = |0…0⟩⟨0…0| on {@code n} qubits, with the fast engine on {@code threads} threads (0 = all cores). */
    public static DensityMatrix allocate(int n, int threads) {
        if (n > MAX_QUBITS) {
            throw new NoiseException("a density matrix of " + n + " qubits needs " + StateTooLargeException.formatBytes(16L << (2 * n))
                    + " (16 bytes × 4^" + n + "); the density-matrix method handles at most " + MAX_QUBITS
                    + " qubits (4 GiB); use the trajectories method instead");
        }
        FastEngine engine = threads == 0 ? new FastEngine() : new FastEngine(threads);
        try {
            return new DensityMatrix(n, engine.allocate(2 * n), engine);
        } catch (StateTooLargeException e) {
            engine.close();
            throw new NoiseException("a density matrix of " + n + " qubits needs " + StateTooLargeException.formatBytes(16L << (2 * n))
                    + ", more than this machine can give (" + e.getMessage() + "); use the trajectories method instead");
        }
    }

    public int numQubits() { return n; }

    /**
     * Applies gates, channels, resets and barriers in order, as one fused run of the fast engine.
     * Conditions are ignored: the caller handles them (a density matrix cannot branch).
     */
    public void apply(List<Operation> ops) {
        vec.applyAll(Superoperators.lower(ops, n));
    }

    /** Hears how far {@link #apply(List, StepListener)} has got. */
    @FunctionalInterface
    public interface StepListener {
        /** {@code done} of {@code total} lowered operations (gates and superoperators) applied. */
        void stepDone(long done, long total);
    }

    /**
     * As {@link #apply(List)} (the same compiled plan, so the same bits), telling {@code listener}
     * after each of the plan's steps (one memory pass or stage); a listener that throws stops the
     * run between steps, which is how a cancelled portal run ends.
     */
    public void apply(List<Operation> ops, StepListener listener) {
        Plan plan = engine.compile(2 * n, Superoperators.lower(ops, n));
        int steps = plan.stepCount();
        long total = plan.gates().size(), done = 0;
        for (int i = 0; i < steps; i++) {
            vec.run(plan, i, i + 1);
            done += plan.stepGates(i).size();
            listener.stepDone(done, total);
        }
        if (steps == 0) listener.stepDone(0, 0);
    }

    /** Real part of ρ_{row,col}. */
    public double re(long row, long col) { return vec.re(row + (col << n)); }

    /** Imaginary part of ρ_{row,col}. */
    public double im(long row, long col) { return vec.im(row + (col << n)); }

    /** The diagonal of ρ: the probability of every basis state. */
    public double[] probabilities() {
        double[] p = new double[1 << n];
        for (long i = 0; i < p.length; i++) p[(int) i] = vec.re(i + (i << n));
        return p;
    }

    /** Tr ρ. */
    public double trace() {
        double t = 0;
        for (double p : probabilities()) t += p;
        return t;
    }

    /** Tr ρ² = Σ |ρ_ij|² (ρ is Hermitian): 1 for a pure state, 1/2^n for the fully mixed one. */
    public double purity() {
        double s = 0;
        long size = 1L << (2 * n);
        for (long i = 0; i < size; i++) {
            double r = vec.re(i), m = vec.im(i);
            s += r * r + m * m;
        }
        return s;
    }

    /** ⟨ψ|ρ|ψ⟩ for a pure state ψ given as interleaved (re, im) amplitudes. */
    public double fidelity(double[] psi) {
        long dim = 1L << n;
        if (psi.length != 2 * dim) throw new IllegalArgumentException("expected " + dim + " amplitudes, got " + psi.length / 2);
        double total = 0;
        for (long j = 0; j < dim; j++) {
            double pr = psi[(int) (2 * j)], pi = psi[(int) (2 * j + 1)];
            if (pr == 0 && pi == 0) continue;
            // (ρψ)_i summed against conj(ψ_i)
            for (long i = 0; i < dim; i++) {
                double ar = psi[(int) (2 * i)], ai = psi[(int) (2 * i + 1)];
                if (ar == 0 && ai == 0) continue;
                double rr = re(i, j), ri = im(i, j);
                double xr = rr * pr - ri * pi, xi = rr * pi + ri * pr; // ρ_ij ψ_j
                total += ar * xr + ai * xi;                             // Re(conj(ψ_i) · x)
            }
        }
        return total;
    }

    /**
     * Tr(Pρ) for P = ⊗ X^{x_q} Z^{z_q} with a factor i per qubit in both masks (Y = iXZ):
     * P|j⟩ = i^{|x∧z|}(−1)^{|j∧z|}|j⊕x⟩, so Tr(Pρ) = Σ_j i^{|x∧z|}(−1)^{|j∧z|} ρ_{j, j⊕x}.
     */
    public double expectationPauli(long xMask, long zMask) {
        long dim = 1L << n;
        double sumRe = 0, sumIm = 0;
        for (long j = 0; j < dim; j++) {
            double sign = (Long.bitCount(j & zMask) & 1) == 0 ? 1 : -1;
            sumRe += sign * re(j, j ^ xMask);
            sumIm += sign * im(j, j ^ xMask);
        }
        return switch (Long.bitCount(xMask & zMask) & 3) {
            case 0 -> sumRe;
            case 1 -> -sumIm;
            case 2 -> -sumRe;
            default -> sumIm;
        };
    }

    /**
     * Samples basis states from the diagonal: {@code sortedUniforms} ascending in [0, 1); entry k
     * of the result is the state whose cumulative-probability interval holds uniform k.
     */
    public long[] sampleSorted(double[] sortedUniforms) {
        double[] p = probabilities();
        long[] out = new long[sortedUniforms.length];
        double cumulative = 0;
        int k = 0;
        for (int i = 0; i < p.length && k < out.length; i++) {
            cumulative += Math.max(0, p[i]);
            while (k < out.length && sortedUniforms[k] < cumulative) out[k++] = i;
        }
        int last = p.length - 1;
        while (last > 0 && p[last] <= 0) last--;
        while (k < out.length) out[k++] = last;
        return out;
    }

    @Override
    public void close() {
        vec.close();
        engine.close();
    }
}
