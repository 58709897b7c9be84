package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;
import org.qise.circuit.Matrix;

/**
 * A 4×4 on two qubits that both pick lanes inside a vector (qubits 0 and 1 where a vector holds
 * four amplitudes: double precision on 512-bit vectors), with no controls: every vector is its
 * own group. With P_p the lane permutation that flips the qubits of pattern p (an involution) and
 * C_p, D_p the coefficients of P_p(x) and of its re↔im swap (as {@link RegisterKernels#laneCoefficients}
 * makes them), y = Σ_p C_p·P_p(x) + D_p·swap(P_p(x)) = Σ_p P_p(C'_p·x + D'_p·swap(x)) with
 * C'_p = P_p(C_p), D'_p = P_p(D_p): the products are formed in place and moved after, so a vector
 * costs one swap and three permutations (P_3 = P_1∘P_2: y = z_0 + P_1(z_1) + P_2(z_2 + P_1(z_3)))
 * where permuting the inputs took seven.
 *
 * <p>The shuffles and the eight coefficient vectors live in registers for the whole range, and the
 * vectors are walked as a counted loop between the layout's gaps. The general lane kernel
 * ({@link RegisterKernels.High0}) rebuilt each shuffle and reloaded each coefficient for every
 * vector: on the Zen 4 (AVX-512) a pass at 20 qubits took 1.9 ms against 0.78 for a 4×4 on two
 * high qubits; this kernel takes 0.69, and took 0.82 when it permuted the inputs (issue #19).
 * Every vector gets the same operations, so the bits do not depend on the split of the range.
 */
final class InVectorPairKernel extends Kernel {
    /** C'_p then D'_p for p = 0..3, each a vector of lanes. */
    private final double[] coef;
    /** Lane indices of P_1 then P_2. */
    private final long[] perm;

    InVectorPairKernel(GateGeometry g, Matrix m) {
        super(g);
        if (!takes(g)) throw new IllegalArgumentException("not a block on two lane qubits");
        double[] c = RegisterKernels.laneCoefficients(g, m);
        long[] lanes = RegisterKernels.laneShuffles(g);
        int d = Lanes.DOUBLES;
        coef = new double[c.length];
        for (int p = 0; p < 4; p++) {
            for (int part = 0; part < 2; part++) {
                int at = (2 * p + part) * d;
                for (int lane = 0; lane < d; lane++) coef[at + lane] = c[at + (int) lanes[p * d + lane]];
            }
        }
        perm = new long[2 * d];
        System.arraycopy(lanes, d, perm, 0, d);     // pattern 1: the first low target flipped
        System.arraycopy(lanes, 2 * d, perm, d, d); // pattern 2: the second
    }

    /** Whether a block on these targets and controls is one for this kernel. */
    static boolean takes(GateGeometry g) {
        return g.highCount() == 0 && g.lowCount() == 2 && g.lowControlMask == 0 && g.fixedVectorBits == 0;
    }

    @Override
    public void run(MemorySegment amps, long from, long to) {
        var sp = Lanes.SPECIES;
        final int d = Lanes.DOUBLES;
        final double[] c = coef;
        final DoubleVector a0 = DoubleVector.fromArray(sp, c, 0), b0 = DoubleVector.fromArray(sp, c, d);
        final DoubleVector a1 = DoubleVector.fromArray(sp, c, 2 * d), b1 = DoubleVector.fromArray(sp, c, 3 * d);
        final DoubleVector a2 = DoubleVector.fromArray(sp, c, 4 * d), b2 = DoubleVector.fromArray(sp, c, 5 * d);
        final DoubleVector a3 = DoubleVector.fromArray(sp, c, 6 * d), b3 = DoubleVector.fromArray(sp, c, 7 * d);
        final VectorShuffle<Double> p1 = Lanes.shuffle(perm, 0), p2 = Lanes.shuffle(perm, d), swap = Lanes.SWAP_RE_IM;
        final long vb = Lanes.VECTOR_BYTES;
        final GateGeometry g = geometry;
        for (long v = from; v < to; ) {
            // A group is one vector, so a run is the stretch of vectors up to the layout's next gap.
            long end = g.runEnd(v, to);
            int count = (int) (end - v);
            long at = Lanes.offset(v);
            for (int k = 0; k < count; k++, at += vb) {
                DoubleVector x = DoubleVector.fromMemorySegment(sp, amps, at, Lanes.ORDER);
                DoubleVector s = x.rearrange(swap);
                DoubleVector z0 = s.fma(b0, x.mul(a0));
                DoubleVector z1 = s.fma(b1, x.mul(a1));
                DoubleVector z2 = s.fma(b2, x.mul(a2));
                DoubleVector z3 = s.fma(b3, x.mul(a3));
                DoubleVector y = z0.add(z1.rearrange(p1)).add(z2.add(z3.rearrange(p1)).rearrange(p2));
                y.intoMemorySegment(amps, at, Lanes.ORDER);
            }
            v = end;
        }
    }
}
