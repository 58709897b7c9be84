package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;
import org.qise.circuit.Matrix;

/**
 * Any unitary on up to a handful of targets, low or high, with controls.
 *
 * <p>Per group it first copies the 2^H input vectors into a small scratch array, each in every
 * low-target lane permutation p and its re↔im swap; then each output vector is a sum of
 * lane-wise products coefficient ⊙ scratch vector. Coefficients carry the matrix entry each lane
 * needs, including identity for lanes whose low controls are 0; all-zero terms (zero entries,
 * real matrices' imaginary parts) are dropped when the kernel is built. Reading everything
 * before writing makes the in-place update safe; the term order is fixed, so results do not
 * depend on threads.
 */
final class DenseKernel extends Kernel {
    private final int patterns;
    private final VectorShuffle<Double>[] perm;
    private final VectorShuffle<Double>[] permSwapped;
    /** Per output h: scratch vector index and coefficient vector (flat) of every term. */
    private final int[][] termSource;
    private final double[][] termCoef;

    @SuppressWarnings("unchecked")
    DenseKernel(GateGeometry g, Matrix m) {
        super(g);
        patterns = 1 << g.lowCount();
        perm = new VectorShuffle[patterns];
        permSwapped = new VectorShuffle[patterns];
        for (int p = 0; p < patterns; p++) {
            perm[p] = Lanes.amplitudeShuffle(g.laneXor(p), false);
            permSwapped[p] = Lanes.amplitudeShuffle(g.laneXor(p), true);
        }
        int blocks = g.offsets.length;
        termSource = new int[blocks][];
        termCoef = new double[blocks][];
        for (int hOut = 0; hOut < blocks; hOut++) {
            List<Integer> sources = new ArrayList<>();
            List<double[]> coefs = new ArrayList<>();
            for (int hIn = 0; hIn < blocks; hIn++) {
                for (int p = 0; p < patterns; p++) {
                    double[] re = new double[Lanes.DOUBLES], im = new double[Lanes.DOUBLES];
                    boolean anyRe = false, anyIm = false;
                    for (int a = 0; a < Lanes.AMPS; a++) {
                        double cr, ci;
                        if (g.laneActive(a)) {
                            int l = g.laneLocal(a);
                            int row = g.matrixIndex(hOut, l), col = g.matrixIndex(hIn, l ^ p);
                            cr = m.re(row, col);
                            ci = m.im(row, col);
                        } else {
                            cr = hOut == hIn && p == 0 ? 1 : 0;
                            ci = 0;
                        }
                        re[2 * a] = cr;
                        re[2 * a + 1] = cr;
                        im[2 * a] = -ci; // with re↔im swapped input: (−ci·im, ci·re) = i·ci·z
                        im[2 * a + 1] = ci;
                        anyRe |= cr != 0;
                        anyIm |= ci != 0;
                    }
                    int src = (hIn * patterns + p) * 2;
                    if (anyRe) {
                        sources.add(src);
                        coefs.add(re);
                    }
                    if (anyIm) {
                        sources.add(src + 1);
                        coefs.add(im);
                    }
                }
            }
            termSource[hOut] = sources.stream().mapToInt(Integer::intValue).toArray();
            double[] flat = new double[coefs.size() * Lanes.DOUBLES];
            for (int t = 0; t < coefs.size(); t++) System.arraycopy(coefs.get(t), 0, flat, t * Lanes.DOUBLES, Lanes.DOUBLES);
            termCoef[hOut] = flat;
        }
    }

    @Override
    void run(MemorySegment amps, long from, long to) {
        final int D = Lanes.DOUBLES;
        long[] offsets = geometry.offsets;
        int blocks = offsets.length;
        double[] scratch = new double[blocks * patterns * 2 * D];
        for (long grp = from; grp < to; grp++) {
            long base = geometry.base(grp);
            for (int hIn = 0; hIn < blocks; hIn++) {
                DoubleVector x = Lanes.load(amps, base + offsets[hIn]);
                for (int p = 0; p < patterns; p++) {
                    int s = (hIn * patterns + p) * 2 * D;
                    (p == 0 ? x : x.rearrange(perm[p])).intoArray(scratch, s);
                    x.rearrange(permSwapped[p]).intoArray(scratch, s + D);
                }
            }
            for (int hOut = 0; hOut < blocks; hOut++) {
                int[] src = termSource[hOut];
                double[] coef = termCoef[hOut];
                DoubleVector acc = DoubleVector.zero(Lanes.SPECIES);
                for (int t = 0; t < src.length; t++) {
                    DoubleVector c = DoubleVector.fromArray(Lanes.SPECIES, coef, t * D);
                    acc = c.fma(DoubleVector.fromArray(Lanes.SPECIES, scratch, src[t] * D), acc);
                }
                Lanes.store(acc, amps, base + offsets[hOut]);
            }
        }
    }
}
