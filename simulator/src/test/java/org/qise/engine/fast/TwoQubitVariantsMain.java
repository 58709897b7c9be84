package org.qise.engine.fast;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;

/** Scratch: variants of the double 2-qubit kernel, ns per vector. Args: n qa qb. */
public class TwoQubitVariantsMain {
    /** Pre-signed im coefficient vectors loaded from an array; no sign multiply per input. */
    static final class Signed extends Kernel {
        final double[] re = new double[16];
        final double[] im; // [row*4+col][lane]
        Signed(GateGeometry g, Matrix u) {
            super(g);
            int L = Lanes.SPECIES.length();
            im = new double[16 * L];
            for (int row = 0; row < 4; row++) for (int col = 0; col < 4; col++) {
                int r = g.matrixIndex(row, 0), c = g.matrixIndex(col, 0);
                re[row * 4 + col] = u.re(r, c);
                for (int l = 0; l < L; l++) im[(row * 4 + col) * L + l] = (l & 1) == 0 ? -u.im(r, c) : u.im(r, c);
            }
        }
        @Override public void run(MemorySegment amps, long from, long to) {
            var sp = Lanes.SPECIES; int L = sp.length();
            VectorShuffle<Double> swap = Lanes.SWAP_RE_IM;
            final double[] c = re, d = im;
            GateGeometry g = geometry;
            final long o1 = g.byteOffsets[1], o2 = g.byteOffsets[2], o3 = g.byteOffsets[3], step = g.stepBytes;
            for (long grp = from; grp < to; ) {
                long end = g.runEnd(grp, to);
                long v0 = Lanes.offset(g.base(grp)), last = v0 + (end - grp) * step;
                for (; v0 < last; v0 += step) {
                    DoubleVector x0 = DoubleVector.fromMemorySegment(sp, amps, v0, Lanes.ORDER);
                    DoubleVector x1 = DoubleVector.fromMemorySegment(sp, amps, v0 + o1, Lanes.ORDER);
                    DoubleVector x2 = DoubleVector.fromMemorySegment(sp, amps, v0 + o2, Lanes.ORDER);
                    DoubleVector x3 = DoubleVector.fromMemorySegment(sp, amps, v0 + o3, Lanes.ORDER);
                    DoubleVector s0 = x0.rearrange(swap), s1 = x1.rearrange(swap), s2 = x2.rearrange(swap), s3 = x3.rearrange(swap);
                    for (int row = 0; row < 4; row++) {
                        int at = row * 4;
                        DoubleVector a = x0.mul(DoubleVector.broadcast(sp, c[at]));
                        DoubleVector b = s0.mul(DoubleVector.fromArray(sp, d, at * L));
                        a = x1.fma(DoubleVector.broadcast(sp, c[at + 1]), a);
                        b = s1.fma(DoubleVector.fromArray(sp, d, (at + 1) * L), b);
                        a = x2.fma(DoubleVector.broadcast(sp, c[at + 2]), a);
                        b = s2.fma(DoubleVector.fromArray(sp, d, (at + 2) * L), b);
                        a = x3.fma(DoubleVector.broadcast(sp, c[at + 3]), a);
                        b = s3.fma(DoubleVector.fromArray(sp, d, (at + 3) * L), b);
                        a.add(b).intoMemorySegment(amps, v0 + (row == 0 ? 0 : row == 1 ? o1 : row == 2 ? o2 : o3), Lanes.ORDER);
                    }
                }
                grp = end;
            }
        }
    }

    /** Hoisted: 32 coefficient vectors made once per call, one chain per output (as float Q2Uniform). */
    static final class Hoisted extends Kernel {
        final double[] m = new double[32];
        Hoisted(GateGeometry g, Matrix u) {
            super(g);
            for (int row = 0; row < 4; row++) for (int col = 0; col < 4; col++) {
                int r = g.matrixIndex(row, 0), c = g.matrixIndex(col, 0);
                m[(row * 4 + col) * 2] = u.re(r, c); m[(row * 4 + col) * 2 + 1] = u.im(r, c);
            }
        }
        @Override public void run(MemorySegment amps, long from, long to) {
            var sp = Lanes.SPECIES;
            DoubleVector sign = Lanes.I_SIGN;
            VectorShuffle<Double> swap = Lanes.SWAP_RE_IM;
            final double[] c = m;
            GateGeometry g = geometry;
            final long o1 = g.byteOffsets[1], o2 = g.byteOffsets[2], o3 = g.byteOffsets[3], step = g.stepBytes;
            final DoubleVector r00 = DoubleVector.broadcast(sp, c[0]), i00 = sign.mul(c[1]), r01 = DoubleVector.broadcast(sp, c[2]), i01 = sign.mul(c[3]), r02 = DoubleVector.broadcast(sp, c[4]), i02 = sign.mul(c[5]), r03 = DoubleVector.broadcast(sp, c[6]), i03 = sign.mul(c[7]);
            final DoubleVector r10 = DoubleVector.broadcast(sp, c[8]), i10 = sign.mul(c[9]), r11 = DoubleVector.broadcast(sp, c[10]), i11 = sign.mul(c[11]), r12 = DoubleVector.broadcast(sp, c[12]), i12 = sign.mul(c[13]), r13 = DoubleVector.broadcast(sp, c[14]), i13 = sign.mul(c[15]);
            final DoubleVector r20 = DoubleVector.broadcast(sp, c[16]), i20 = sign.mul(c[17]), r21 = DoubleVector.broadcast(sp, c[18]), i21 = sign.mul(c[19]), r22 = DoubleVector.broadcast(sp, c[20]), i22 = sign.mul(c[21]), r23 = DoubleVector.broadcast(sp, c[22]), i23 = sign.mul(c[23]);
            final DoubleVector r30 = DoubleVector.broadcast(sp, c[24]), i30 = sign.mul(c[25]), r31 = DoubleVector.broadcast(sp, c[26]), i31 = sign.mul(c[27]), r32 = DoubleVector.broadcast(sp, c[28]), i32 = sign.mul(c[29]), r33 = DoubleVector.broadcast(sp, c[30]), i33 = sign.mul(c[31]);
            for (long grp = from; grp < to; ) {
                long end = g.runEnd(grp, to);
                long v0 = Lanes.offset(g.base(grp)), last = v0 + (end - grp) * step;
                for (; v0 < last; v0 += step) {
                    DoubleVector x0 = DoubleVector.fromMemorySegment(sp, amps, v0, Lanes.ORDER);
                    DoubleVector x1 = DoubleVector.fromMemorySegment(sp, amps, v0 + o1, Lanes.ORDER);
                    DoubleVector x2 = DoubleVector.fromMemorySegment(sp, amps, v0 + o2, Lanes.ORDER);
                    DoubleVector x3 = DoubleVector.fromMemorySegment(sp, amps, v0 + o3, Lanes.ORDER);
                    DoubleVector s0 = x0.rearrange(swap), s1 = x1.rearrange(swap), s2 = x2.rearrange(swap), s3 = x3.rearrange(swap);
                    s3.fma(i03, x3.fma(r03, s2.fma(i02, x2.fma(r02, s1.fma(i01, x1.fma(r01, s0.fma(i00, x0.mul(r00)))))))).intoMemorySegment(amps, v0, Lanes.ORDER);
                    s3.fma(i13, x3.fma(r13, s2.fma(i12, x2.fma(r12, s1.fma(i11, x1.fma(r11, s0.fma(i10, x0.mul(r10)))))))).intoMemorySegment(amps, v0 + o1, Lanes.ORDER);
                    s3.fma(i23, x3.fma(r23, s2.fma(i22, x2.fma(r22, s1.fma(i21, x1.fma(r21, s0.fma(i20, x0.mul(r20)))))))).intoMemorySegment(amps, v0 + o2, Lanes.ORDER);
                    s3.fma(i33, x3.fma(r33, s2.fma(i32, x2.fma(r32, s1.fma(i31, x1.fma(r31, s0.fma(i30, x0.mul(r30)))))))).intoMemorySegment(amps, v0 + o3, Lanes.ORDER);
                }
                grp = end;
            }
        }
    }

    /** Two chains per output: a = Σ re·x, b = Σ im·x, out = a + i·b (one swap per output, none per input). */
    static final class OneSwap extends Kernel {
        final double[] m = new double[32];
        OneSwap(GateGeometry g, Matrix u) {
            super(g);
            for (int row = 0; row < 4; row++) for (int col = 0; col < 4; col++) {
                int r = g.matrixIndex(row, 0), c = g.matrixIndex(col, 0);
                m[(row * 4 + col) * 2] = u.re(r, c); m[(row * 4 + col) * 2 + 1] = u.im(r, c);
            }
        }
        @Override public void run(MemorySegment amps, long from, long to) {
            var sp = Lanes.SPECIES;
            DoubleVector sign = Lanes.I_SIGN;
            VectorShuffle<Double> swap = Lanes.SWAP_RE_IM;
            final double[] c = m;
            GateGeometry g = geometry;
            final long o1 = g.byteOffsets[1], o2 = g.byteOffsets[2], o3 = g.byteOffsets[3], step = g.stepBytes;
            for (long grp = from; grp < to; ) {
                long end = g.runEnd(grp, to);
                long v0 = Lanes.offset(g.base(grp)), last = v0 + (end - grp) * step;
                for (; v0 < last; v0 += step) {
                    DoubleVector x0 = DoubleVector.fromMemorySegment(sp, amps, v0, Lanes.ORDER);
                    DoubleVector x1 = DoubleVector.fromMemorySegment(sp, amps, v0 + o1, Lanes.ORDER);
                    DoubleVector x2 = DoubleVector.fromMemorySegment(sp, amps, v0 + o2, Lanes.ORDER);
                    DoubleVector x3 = DoubleVector.fromMemorySegment(sp, amps, v0 + o3, Lanes.ORDER);
                    for (int row = 0; row < 4; row++) {
                        int at = row * 8;
                        DoubleVector a = x0.mul(DoubleVector.broadcast(sp, c[at]));
                        DoubleVector b = x0.mul(DoubleVector.broadcast(sp, c[at + 1]));
                        a = x1.fma(DoubleVector.broadcast(sp, c[at + 2]), a);
                        b = x1.fma(DoubleVector.broadcast(sp, c[at + 3]), b);
                        a = x2.fma(DoubleVector.broadcast(sp, c[at + 4]), a);
                        b = x2.fma(DoubleVector.broadcast(sp, c[at + 5]), b);
                        a = x3.fma(DoubleVector.broadcast(sp, c[at + 6]), a);
                        b = x3.fma(DoubleVector.broadcast(sp, c[at + 7]), b);
                        b.rearrange(swap).fma(sign, a).intoMemorySegment(amps, v0 + (row == 0 ? 0 : row == 1 ? o1 : row == 2 ? o2 : o3), Lanes.ORDER);
                    }
                }
                grp = end;
            }
        }
    }

    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), qa = Integer.parseInt(a[1]), qb = Integer.parseInt(a[2]);
        MemorySegment s = Arena.ofAuto().allocate(Lanes.bytesFor(1L << (n - Lanes.LOW_QUBITS)), 64);
        for (long i = 0; i < s.byteSize() / 8; i++) s.setAtIndex(ValueLayout.JAVA_DOUBLE, i, 1e-3 * (i % 7));
        Matrix m = Gates.cz().matrix().times(Gates.u3(0.3, 0.5, 0.7).matrix().embed(2, 0)).times(Gates.u3(1.1, 0.2, 0.4).matrix().embed(2, 1));
        Kernel base = KernelPlanner.plan(n, m, new int[]{qa, qb}, new int[0]);
        GateGeometry g = base.geometry;
        Kernel[] ks = {base, new Signed(g, m), new Hoisted(g, m), new OneSwap(g, m)};
        // agreement check against the planner's kernel
        for (Kernel k : ks) {
            MemorySegment t = Arena.ofAuto().allocate(s.byteSize(), 64), r = Arena.ofAuto().allocate(s.byteSize(), 64);
            for (long i = 0; i < s.byteSize() / 8; i++) { t.setAtIndex(ValueLayout.JAVA_DOUBLE, i, Math.sin(i)); r.setAtIndex(ValueLayout.JAVA_DOUBLE, i, Math.sin(i)); }
            base.run(r, 0, base.units()); k.run(t, 0, k.units());
            double d = 0; for (long i = 0; i < s.byteSize() / 8; i++) d = Math.max(d, Math.abs(t.getAtIndex(ValueLayout.JAVA_DOUBLE, i) - r.getAtIndex(ValueLayout.JAVA_DOUBLE, i)));
            System.out.printf("%s max diff %.2e%n", k.getClass().getSimpleName(), d);
        }
        double vec = 1L << (n - Lanes.LOW_QUBITS);
        if (a.length > 3) ks = new Kernel[]{ks[Integer.parseInt(a[3])]};
        for (int round = 0; round < 3; round++)
            for (Kernel k : ks)
                System.out.printf("%-16s n=%d: %.3f ns/vector%n", k.getClass().getSimpleName(), n, RunKernelTimeMain.bestNs(new Kernel[]{k}, s, 30) / vec);
    }
}
