package org.qise.gradient;

import java.util.List;
import java.util.concurrent.ExecutorService;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.qise.sim.PauliSum;

/**
 * |λ⟩ = H|ψ⟩ for a Pauli sum H, and ⟨ψ|H|ψ⟩ = Re⟨ψ|λ⟩, in one pass over the output in fixed
 * blocks. A term P = c·i^{#Y}·X^x·Z^z maps ψ[i] to λ[i ⊕ x] with the sign (−1)^{|i ∧ z|}; within
 * a block of 2^B outputs the sources are one block too (i ⊕ x keeps the bits above B of x apart),
 * so each term is a weighted, permuted copy of one source block: the weights (sign of the low
 * bits, phase, coefficient) are made once per term and the high bits only flip their sign.
 * Every output adds its terms in H's order and each block sums its own part of ⟨ψ|λ⟩, the
 * blocks' sums added in block order: the same bits on any number of threads.
 */
final class PauliProducts {
    private PauliProducts() {}

    /** λ = H ψ and Re⟨ψ|λ⟩. */
    record Product(Amplitudes lambda, double value) {}

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Amplitudes per vector. */
    private static final int AMPS = LANES / 2;
    /** Block size: 2^12 amplitudes, 64 KiB per state, so a block's source and output stay in cache across the terms. */
    private static final int BLOCK_QUBITS = 12;

    static Product apply(Amplitudes psi, List<PauliSum.Term> terms, ExecutorService pool) {
        int n = psi.n;
        Amplitudes lambda = psi.zeroCopy();
        int bq = Math.min(n, BLOCK_QUBITS);
        int block = 1 << bq;
        if (block < 2 * AMPS) return small(psi, lambda, terms);
        int count = terms.size();
        // per term: the weights of a block's outputs (interleaved re, im lanes), for high bits of even and odd parity
        double[][] even = new double[count][], odd = new double[count][];
        int[] xLow = new int[count], xHigh = new int[count], zHigh = new int[count];
        boolean[] swap = new boolean[count];
        for (int k = 0; k < count; k++) {
            PauliSum.Term t = terms.get(k);
            int x = (int) t.xMask(), z = (int) t.zMask();
            xLow[k] = x & (block - 1);
            xHigh[k] = x & ~(block - 1);
            zHigh[k] = z & ~(block - 1);
            // i^{#Y}·c: ±c (real) or ±i·c, and i·(re, im) = (−im, re) takes a swap of the lanes
            int y = Integer.bitCount(x & z) & 3;
            double c = (y == 0 || y == 1) ? t.coefficient() : -t.coefficient();
            swap[k] = (y & 1) == 1;
            double[] w = new double[2 * block];
            for (int j = 0; j < block; j++) {
                int i = j ^ xLow[k]; // output j takes source i
                double s = (Integer.bitCount(i & z & (block - 1)) & 1) == 0 ? c : -c;
                w[2 * j] = swap[k] ? -s : s;
                w[2 * j + 1] = s;
            }
            even[k] = w;
            double[] neg = new double[w.length];
            for (int j = 0; j < w.length; j++) neg[j] = -w[j];
            odd[k] = neg;
        }
        int blocks = 1 << (n - bq);
        double[] partial = new double[blocks];
        int tasks = Math.min(blocks, Tiles.CHUNKS);
        double[] p = psi.a, o = lambda.a;
        Workers.forEach(pool, tasks, task -> {
            int first = (int) ((long) blocks * task / tasks), end = (int) ((long) blocks * (task + 1) / tasks);
            for (int b = first; b < end; b++) {
                int jBase = b << bq;
                for (int k = 0; k < count; k++) {
                    int iBase = jBase ^ xHigh[k];
                    double[] w = (Integer.bitCount(iBase & zHigh[k]) & 1) == 0 ? even[k] : odd[k];
                    addTerm(p, o, w, jBase, iBase, xLow[k], swap[k], block);
                }
                partial[b] = dot(p, o, 2 * jBase, 2 * block);
            }
        });
        double value = 0;
        for (double s : partial) value += s;
        return new Product(lambda, value);
    }

    /** o[jBase + j] += w[j]·(ψ or i·ψ)[iBase + (j ⊕ xLow)] for the block's j. */
    private static void addTerm(double[] p, double[] o, double[] w, int jBase, int iBase, int xLow, boolean swap, int block) {
        int inLane = xLow & (AMPS - 1), acrossLanes = xLow & ~(AMPS - 1);
        VectorShuffle<Double> partner = inLane == 0 ? null : PARTNER[inLane];
        for (int j = 0; j < block; j += AMPS) {
            DoubleVector src = DoubleVector.fromArray(SPECIES, p, 2 * (iBase + (j ^ acrossLanes)));
            if (partner != null) src = src.rearrange(partner);
            if (swap) src = src.rearrange(SWAP);
            DoubleVector out = DoubleVector.fromArray(SPECIES, o, 2 * (jBase + j));
            src.fma(DoubleVector.fromArray(SPECIES, w, 2 * j), out).intoArray(o, 2 * (jBase + j));
        }
    }

    /** Σ a[k]·b[k] over [from, from + length), in lanes, the lanes added left to right. */
    private static double dot(double[] a, double[] b, int from, int length) {
        DoubleVector acc = DoubleVector.zero(SPECIES);
        for (int k = from; k < from + length; k += LANES) {
            acc = DoubleVector.fromArray(SPECIES, a, k).fma(DoubleVector.fromArray(SPECIES, b, k), acc);
        }
        double s = 0;
        for (double v : acc.toArray()) s += v; // reduceLanes leaves the order open
        return s;
    }

    /** States smaller than two vectors: plain loops, term after term. */
    private static Product small(Amplitudes psi, Amplitudes lambda, List<PauliSum.Term> terms) {
        double[] a = psi.a, o = lambda.a;
        int size = 1 << psi.n;
        for (PauliSum.Term t : terms) {
            int x = (int) t.xMask(), z = (int) t.zMask();
            int yCount = Integer.bitCount(x & z) & 3;
            double c = t.coefficient();
            double pr = yCount == 0 ? c : yCount == 2 ? -c : 0, pi = yCount == 1 ? c : yCount == 3 ? -c : 0;
            for (int i = 0; i < size; i++) {
                double s = (Integer.bitCount(i & z) & 1) == 0 ? 1 : -1;
                double re = a[2 * i], im = a[2 * i + 1];
                int j = 2 * (i ^ x);
                o[j] += s * (pr * re - pi * im);
                o[j + 1] += s * (pr * im + pi * re);
            }
        }
        double value = 0;
        for (int k = 0; k < a.length; k++) value += a[k] * o[k];
        return new Product(lambda, value);
    }

    private static final VectorShuffle<Double> SWAP = VectorShuffle.fromOp(SPECIES, k -> k ^ 1);
    /** Per mask m of amplitude bits inside a vector, the shuffle that takes each lane from amplitude (own ⊕ m). */
    private static final VectorShuffle<Double>[] PARTNER = partners();

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Double>[] partners() {
        VectorShuffle<Double>[] out = new VectorShuffle[Math.max(AMPS, 1)];
        for (int m = 1; m < AMPS; m++) {
            int mask = m;
            out[m] = VectorShuffle.fromOp(SPECIES, k -> (((k >> 1) ^ mask) << 1) | (k & 1));
        }
        return out;
    }
}
