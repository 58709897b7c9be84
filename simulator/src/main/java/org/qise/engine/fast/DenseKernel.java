package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.qise.circuit.Matrix;

/**
 * Any unitary on several targets (at least two high ones, so a group has at least 4 vectors),
 * with low targets and low controls allowed: the kernel for fused blocks.
 *
 * <p>Per group it first copies the 2^H input vectors into a small scratch array, each as z and
 * i·z, and when low targets exist also with the lanes permuted by every low-target pattern p.
 * Then outputs are computed four at a time: each scratch vector is loaded once and multiply-added
 * into four outputs with its coefficients. Coefficients are lane-uniform scalars when the gate
 * has neither low targets nor low controls, else vectors that carry, per lane, the matrix entry
 * it needs (the identity on lanes whose low controls are 0). Reading everything before writing
 * makes the in-place update safe; the order of terms is fixed, so results do not depend on
 * threads.
 *
 * <p>Accumulators are plain local variables carried around a loop: the JIT keeps such vectors in
 * registers, whereas a loop nest carrying dozens of them makes it box them on the heap. Shuffles
 * are rebuilt at their use from long index vectors ({@link Lanes#shuffle}), because shuffles read
 * from arrays, or made by {@code VectorShuffle.fromArray}, do not compile to SIMD code.
 */
final class DenseKernel extends Kernel {
    private static final VectorSpecies<Double> S = Lanes.SPECIES;
    /** Outputs computed together, sharing each scratch load. */
    static final int OUTPUTS_TOGETHER = 4;

    private final int patterns;
    private final boolean uniform;
    /** Terms per output: input vectors × patterns × {z, i·z}. */
    private final int terms;
    private final long[] permIndex;
    /** Uniform: coef[j·terms + t]; lanes: coefficient vector at (j·terms + t)·DOUBLES. */
    private final double[] coef;

    DenseKernel(GateGeometry g, Matrix m) {
        super(g);
        if (g.offsets.length < OUTPUTS_TOGETHER) throw new IllegalArgumentException("DenseKernel needs at least two high targets");
        patterns = 1 << g.lowCount();
        uniform = g.lowCount() == 0 && g.lowControlMask == 0;
        permIndex = RegisterKernels.laneShuffles(g);
        int blocks = g.offsets.length;
        terms = blocks * patterns * 2;
        int width = uniform ? 1 : Lanes.DOUBLES;
        coef = new double[blocks * terms * width];
        for (int j = 0; j < blocks; j++) {
            for (int hIn = 0; hIn < blocks; hIn++) {
                for (int p = 0; p < patterns; p++) {
                    int t = (hIn * patterns + p) * 2;
                    int re = (j * terms + t) * width, im = re + width;
                    for (int a = 0; a < Lanes.AMPS; a++) {
                        double cr, ci;
                        if (g.laneActive(a)) {
                            int l = g.laneLocal(a);
                            int row = g.matrixIndex(j, l), col = g.matrixIndex(hIn, l ^ p);
                            cr = m.re(row, col);
                            ci = m.im(row, col);
                        } else {
                            cr = j == hIn && p == 0 ? 1 : 0;
                            ci = 0;
                        }
                        if (uniform) {
                            coef[re] = cr;
                            coef[im] = ci;
                        } else {
                            coef[re + 2 * a] = coef[re + 2 * a + 1] = cr;
                            coef[im + 2 * a] = coef[im + 2 * a + 1] = ci;
                        }
                    }
                }
            }
        }
    }

    @Override
    public void run(MemorySegment amps, long from, long to) {
        if (uniform) runUniform(amps, from, to);
        else runLanes(amps, from, to);
    }

    /**
     * Two groups at a time: each coefficient broadcast then feeds two FMAs (a 4-output × 2-group
     * register tile), which measured about 17% faster than one group with 8 outputs. An odd last
     * group takes the one-group path; both compute each amplitude with the same FMA sequence.
     */
    private void runUniform(MemorySegment amps, long from, long to) {
        final int D = Lanes.DOUBLES, T = terms;
        final long[] off = geometry.offsets;
        final int blocks = off.length;
        final double[] c = coef;
        final double[] sa = new double[T * D], sb = new double[T * D];
        long grp = from;
        for (; grp + 1 < to; grp += 2) {
            long ba = geometry.base(grp), bb = geometry.base(grp + 1);
            copyInputs(amps, ba, sa);
            copyInputs(amps, bb, sb);
            for (int j = 0; j < blocks; j += OUTPUTS_TOGETHER) {
                DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
                int c0 = j * T;
                for (int t = 0; t < T; t++) {
                    DoubleVector s = DoubleVector.fromArray(S, sa, t * D);
                    DoubleVector u = DoubleVector.fromArray(S, sb, t * D);
                    DoubleVector k0 = DoubleVector.broadcast(S, c[c0 + t]);
                    DoubleVector k1 = DoubleVector.broadcast(S, c[c0 + T + t]);
                    DoubleVector k2 = DoubleVector.broadcast(S, c[c0 + 2 * T + t]);
                    DoubleVector k3 = DoubleVector.broadcast(S, c[c0 + 3 * T + t]);
                    a0 = s.fma(k0, a0);
                    b0 = u.fma(k0, b0);
                    a1 = s.fma(k1, a1);
                    b1 = u.fma(k1, b1);
                    a2 = s.fma(k2, a2);
                    b2 = u.fma(k2, b2);
                    a3 = s.fma(k3, a3);
                    b3 = u.fma(k3, b3);
                }
                Lanes.store(a0, amps, ba + off[j]);
                Lanes.store(a1, amps, ba + off[j + 1]);
                Lanes.store(a2, amps, ba + off[j + 2]);
                Lanes.store(a3, amps, ba + off[j + 3]);
                Lanes.store(b0, amps, bb + off[j]);
                Lanes.store(b1, amps, bb + off[j + 1]);
                Lanes.store(b2, amps, bb + off[j + 2]);
                Lanes.store(b3, amps, bb + off[j + 3]);
            }
        }
        for (; grp < to; grp++) {
            long b = geometry.base(grp);
            copyInputs(amps, b, sa);
            for (int j = 0; j < blocks; j += OUTPUTS_TOGETHER) {
                DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
                int c0 = j * T;
                for (int t = 0; t < T; t++) {
                    DoubleVector s = DoubleVector.fromArray(S, sa, t * D);
                    a0 = s.fma(DoubleVector.broadcast(S, c[c0 + t]), a0);
                    a1 = s.fma(DoubleVector.broadcast(S, c[c0 + T + t]), a1);
                    a2 = s.fma(DoubleVector.broadcast(S, c[c0 + 2 * T + t]), a2);
                    a3 = s.fma(DoubleVector.broadcast(S, c[c0 + 3 * T + t]), a3);
                }
                Lanes.store(a0, amps, b + off[j]);
                Lanes.store(a1, amps, b + off[j + 1]);
                Lanes.store(a2, amps, b + off[j + 2]);
                Lanes.store(a3, amps, b + off[j + 3]);
            }
        }
    }

    /** Copies a group's input vectors z and i·z into scratch, in term order. */
    private void copyInputs(MemorySegment amps, long base, double[] scratch) {
        final int D = Lanes.DOUBLES;
        final long[] off = geometry.offsets;
        for (int h = 0; h < off.length; h++) {
            DoubleVector x = Lanes.load(amps, base + off[h]);
            x.intoArray(scratch, 2 * h * D);
            x.rearrange(Lanes.SWAP_RE_IM).mul(Lanes.I_SIGN).intoArray(scratch, (2 * h + 1) * D);
        }
    }

    private void runLanes(MemorySegment amps, long from, long to) {
        final int D = Lanes.DOUBLES, T = terms, P = patterns;
        final long[] off = geometry.offsets;
        final int blocks = off.length;
        final double[] c = coef;
        final double[] scratch = new double[T * D];
        for (long grp = from; grp < to; grp++) {
            long b = geometry.base(grp);
            for (int h = 0; h < blocks; h++) {
                DoubleVector x = Lanes.load(amps, b + off[h]);
                for (int p = 0; p < P; p++) {
                    DoubleVector xp = x.rearrange(Lanes.shuffle(permIndex, p * D));
                    int s = (h * P + p) * 2 * D;
                    xp.intoArray(scratch, s);
                    xp.rearrange(Lanes.SWAP_RE_IM).mul(Lanes.I_SIGN).intoArray(scratch, s + D);
                }
            }
            for (int j = 0; j < blocks; j += OUTPUTS_TOGETHER) {
                DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
                int c0 = j * T * D, c1 = c0 + T * D, c2 = c1 + T * D, c3 = c2 + T * D;
                for (int t = 0; t < T * D; t += D) {
                    DoubleVector s = DoubleVector.fromArray(S, scratch, t);
                    a0 = s.fma(DoubleVector.fromArray(S, c, c0 + t), a0);
                    a1 = s.fma(DoubleVector.fromArray(S, c, c1 + t), a1);
                    a2 = s.fma(DoubleVector.fromArray(S, c, c2 + t), a2);
                    a3 = s.fma(DoubleVector.fromArray(S, c, c3 + t), a3);
                }
                Lanes.store(a0, amps, b + off[j]);
                Lanes.store(a1, amps, b + off[j + 1]);
                Lanes.store(a2, amps, b + off[j + 2]);
                Lanes.store(a3, amps, b + off[j + 3]);
            }
        }
    }
}
