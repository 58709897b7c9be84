package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;
import org.qise.circuit.Matrix;

/**
 * Hand-unrolled kernels for the most frequent case, a dense 2×2 matrix: all coefficients stay
 * in registers and there is no scratch copy. Each amplitude gets the same fixed sequence of
 * fused multiply-adds, so the result does not depend on how groups are split over threads.
 */
final class SingleQubitKernels {
    private SingleQubitKernels() {}

    /** Target above the low qubits: pairs of whole vectors; high controls only. */
    static final class High extends Kernel {
        private final double[] m = new double[8];
        /** No imaginary part (h, ry): no re↔im swap and half the multiply-adds ({@link #realRuns}). */
        private final boolean real;

        High(GateGeometry g, Matrix u) {
            super(g);
            m[0] = u.re(0, 0); m[1] = u.im(0, 0); m[2] = u.re(0, 1); m[3] = u.im(0, 1);
            m[4] = u.re(1, 0); m[5] = u.im(1, 0); m[6] = u.re(1, 1); m[7] = u.im(1, 1);
            real = u.isReal();
        }

        @Override
        public void run(MemorySegment amps, long from, long to) {
            // Two loops in two methods: in one method, whichever loop ran first shaped the
            // compiled code, and the other then ran up to twice as slow (on AVX2, h on qubit 3
            // after h on qubit 10: 2.2 ms against 1.0 ms at 20 qubits).
            GateGeometry g = geometry;
            if (g.longRuns()) {
                if (real) realRuns(amps, from, to);
                else runs(amps, from, to);
            } else {
                groups(amps, from, to);
            }
        }

        /** {@link #runs} for a real matrix: one multiply and one multiply-add an output vector, no swap. */
        private void realRuns(MemorySegment amps, long from, long to) {
            var sp = Lanes.SPECIES;
            DoubleVector r00 = DoubleVector.broadcast(sp, m[0]), r01 = DoubleVector.broadcast(sp, m[2]);
            DoubleVector r10 = DoubleVector.broadcast(sp, m[4]), r11 = DoubleVector.broadcast(sp, m[6]);
            GateGeometry g = geometry;
            final long off = g.byteOffsets[1], step = g.stepBytes;
            for (long grp = from; grp < to; ) {
                long end = g.runEnd(grp, to);
                long b = Lanes.offset(g.base(grp));
                for (int u = 0, units = (int) (end - grp); u < units; u++, b += step) {
                    DoubleVector x0 = DoubleVector.fromMemorySegment(sp, amps, b, Lanes.ORDER);
                    DoubleVector x1 = DoubleVector.fromMemorySegment(sp, amps, b + off, Lanes.ORDER);
                    r01.fma(x1, r00.mul(x0)).intoMemorySegment(amps, b, Lanes.ORDER);
                    r11.fma(x1, r10.mul(x0)).intoMemorySegment(amps, b + off, Lanes.ORDER);
                }
                grp = end;
            }
        }

        /**
         * Run by run: a plain loop over byte offsets, which the JIT compiles without a
         * per-vector group-to-vector mapping and with fewer bounds checks. Strided runs too
         * (target on the lowest vector bit: pairs of neighbouring vectors); on AVX2, h on qubit
         * 1 took 2.3 ms group by group and 1.0 ms here at 20 qubits.
         */
        private void runs(MemorySegment amps, long from, long to) {
            var sp = Lanes.SPECIES;
            DoubleVector sign = Lanes.I_SIGN;
            DoubleVector r00 = DoubleVector.broadcast(sp, m[0]), i00 = sign.mul(m[1]);
            DoubleVector r01 = DoubleVector.broadcast(sp, m[2]), i01 = sign.mul(m[3]);
            DoubleVector r10 = DoubleVector.broadcast(sp, m[4]), i10 = sign.mul(m[5]);
            DoubleVector r11 = DoubleVector.broadcast(sp, m[6]), i11 = sign.mul(m[7]);
            VectorShuffle<Double> swap = Lanes.SWAP_RE_IM;
            GateGeometry g = geometry;
            final long off = g.byteOffsets[1], step = g.stepBytes;
            for (long grp = from; grp < to; ) {
                long end = g.runEnd(grp, to);
                long b = Lanes.offset(g.base(grp));
                for (int u = 0, units = (int) (end - grp); u < units; u++, b += step) {
                    DoubleVector x0 = DoubleVector.fromMemorySegment(sp, amps, b, Lanes.ORDER);
                    DoubleVector x1 = DoubleVector.fromMemorySegment(sp, amps, b + off, Lanes.ORDER);
                    DoubleVector s0 = x0.rearrange(swap), s1 = x1.rearrange(swap);
                    DoubleVector y0 = i01.fma(s1, r01.fma(x1, i00.fma(s0, r00.mul(x0))));
                    DoubleVector y1 = i11.fma(s1, r11.fma(x1, i10.fma(s0, r10.mul(x0))));
                    y0.intoMemorySegment(amps, b, Lanes.ORDER);
                    y1.intoMemorySegment(amps, b + off, Lanes.ORDER);
                }
                grp = end;
            }
        }

        /** Group by group, for runs too short to be worth a loop of their own. */
        private void groups(MemorySegment amps, long from, long to) {
            var sp = Lanes.SPECIES;
            DoubleVector sign = Lanes.I_SIGN;
            DoubleVector r00 = DoubleVector.broadcast(sp, m[0]), i00 = sign.mul(m[1]);
            DoubleVector r01 = DoubleVector.broadcast(sp, m[2]), i01 = sign.mul(m[3]);
            DoubleVector r10 = DoubleVector.broadcast(sp, m[4]), i10 = sign.mul(m[5]);
            DoubleVector r11 = DoubleVector.broadcast(sp, m[6]), i11 = sign.mul(m[7]);
            VectorShuffle<Double> swap = Lanes.SWAP_RE_IM;
            GateGeometry g = geometry;
            final long off = g.byteOffsets[1];
            for (long grp = from; grp < to; grp++) {
                long b = Lanes.offset(g.base(grp));
                DoubleVector x0 = DoubleVector.fromMemorySegment(sp, amps, b, Lanes.ORDER);
                DoubleVector x1 = DoubleVector.fromMemorySegment(sp, amps, b + off, Lanes.ORDER);
                DoubleVector s0 = x0.rearrange(swap), s1 = x1.rearrange(swap);
                DoubleVector y0 = i01.fma(s1, r01.fma(x1, i00.fma(s0, r00.mul(x0))));
                DoubleVector y1 = i11.fma(s1, r11.fma(x1, i10.fma(s0, r10.mul(x0))));
                y0.intoMemorySegment(amps, b, Lanes.ORDER);
                y1.intoMemorySegment(amps, b + off, Lanes.ORDER);
            }
        }
    }

    /**
     * A 2×2 with a real diagonal and an imaginary off-diagonal (rx, and any rotation about an
     * axis in the x–y plane's x direction), target above the low qubits: half the multiply-adds
     * of {@link High}, since a real coefficient multiplies both parts of an amplitude in one
     * operation and an imaginary one needs only the re↔im swap of its input. The same fixed
     * sequence for every amplitude. (A real matrix, ry or h, has its own loop in {@link High}:
     * written here without the swap it once measured no faster, but that was where memory bound
     * the pass; with the state in L3, at 18 qubits, h on qubit 17 takes 75 µs there against 129.)
     */
    static final class HighRx extends Kernel {
        private final double d0, d1, o01, o10;

        /**
         * Whether {@link KernelPlanner} gives this gate to this kernel: one target above the lanes,
         * no control in them (what {@link High} needs too), and a matrix that {@link #fits}. The
         * cost model asks the same question, so it prices exactly the gates that run here.
         */
        static boolean takes(Matrix target, int[] targets, int[] controls) {
            if (targets.length != 1 || targets[0] < Lanes.LOW_QUBITS) return false;
            for (int c : controls) if (c < Lanes.LOW_QUBITS) return false;
            return fits(target);
        }

        /** Whether {@code u} has the structure this kernel needs. */
        static boolean fits(Matrix u) {
            return u.dim() == 2 && u.im(0, 0) == 0 && u.im(1, 1) == 0 && u.re(0, 1) == 0 && u.re(1, 0) == 0
                    && (u.im(0, 1) != 0 || u.im(1, 0) != 0);
        }

        HighRx(GateGeometry g, Matrix u) {
            super(g);
            d0 = u.re(0, 0);
            d1 = u.re(1, 1);
            o01 = u.im(0, 1);
            o10 = u.im(1, 0);
        }

        @Override
        public void run(MemorySegment amps, long from, long to) {
            var sp = Lanes.SPECIES;
            DoubleVector a = DoubleVector.broadcast(sp, d0), d = DoubleVector.broadcast(sp, d1);
            // i·o·z for real o: the re↔im swapped input times o with the re lane negated.
            DoubleVector b = Lanes.I_SIGN.mul(o01), c = Lanes.I_SIGN.mul(o10);
            VectorShuffle<Double> swap = Lanes.SWAP_RE_IM;
            GateGeometry g = geometry;
            final long off = g.byteOffsets[1], step = g.stepBytes;
            boolean runs = g.longRuns() && g.runStride == 1; // otherwise group by group
            for (long grp = from; grp < to; ) {
                long end = runs ? g.runEnd(grp, to) : grp + 1;
                long bo = Lanes.offset(g.base(grp));
                for (int u = 0, units = (int) (end - grp); u < units; u++, bo += step) {
                    DoubleVector x0 = DoubleVector.fromMemorySegment(sp, amps, bo, Lanes.ORDER);
                    DoubleVector x1 = DoubleVector.fromMemorySegment(sp, amps, bo + off, Lanes.ORDER);
                    b.fma(x1.rearrange(swap), a.mul(x0)).intoMemorySegment(amps, bo, Lanes.ORDER);
                    c.fma(x0.rearrange(swap), d.mul(x1)).intoMemorySegment(amps, bo + off, Lanes.ORDER);
                }
                grp = end;
            }
        }
    }

    /**
     * Target inside the vector (qubit 0 or 1), any controls: each vector holds whole pairs, so
     * out = d ⊙ z + o ⊙ flip(z), with per-lane coefficient vectors d (the diagonal entry of each
     * lane's row) and o (the off-diagonal one), identity on lanes whose low controls are 0. The
     * flip shuffles are constants, picked per qubit outside the loop.
     */
    static final class Low extends Kernel {
        private final int qubit;
        private final double[] dRe = new double[Lanes.DOUBLES], dIm = new double[Lanes.DOUBLES];
        private final double[] oRe = new double[Lanes.DOUBLES], oIm = new double[Lanes.DOUBLES];
        /** No imaginary part (h, ry, x under a low control): {@link #realSweep}. */
        private final boolean real;

        Low(GateGeometry g, Matrix u) {
            super(g);
            qubit = g.lowQubits[0];
            real = u.isReal();
            for (int a = 0; a < Lanes.AMPS; a++) {
                int b = (a >> qubit) & 1;
                boolean active = g.laneActive(a);
                double dr = active ? u.re(b, b) : 1, di = active ? u.im(b, b) : 0;
                // The off-diagonal coefficients sit in the partner's lane: sweep multiplies before
                // the lane shuffle, so lane a holds those of amplitude a ^ (1 << qubit).
                int p = a ^ (1 << qubit), pb = 1 - b;
                boolean partnerActive = g.laneActive(p);
                double or = partnerActive ? u.re(pb, b) : 0, oi = partnerActive ? u.im(pb, b) : 0;
                dRe[2 * a] = dRe[2 * a + 1] = dr;
                oRe[2 * a] = oRe[2 * a + 1] = or;
                dIm[2 * a] = -di; // multiplies the re↔im swapped input
                dIm[2 * a + 1] = di;
                oIm[2 * a] = -oi;
                oIm[2 * a + 1] = oi;
            }
        }

        @Override
        public void run(MemorySegment amps, long from, long to) {
            if (real && geometry.longRuns()) {
                if (qubit == 0) realSweep(amps, from, to, Lanes.FLIP_Q0);
                else realSweep(amps, from, to, Lanes.FLIP_Q1);
            } else if (qubit == 0) {
                sweep(amps, from, to, Lanes.FLIP_Q0);
            } else {
                sweep(amps, from, to, Lanes.FLIP_Q1);
            }
        }

        /** {@link #sweep}'s runs for a real matrix: two multiplies and one lane shuffle a vector, no re↔im swap. */
        private void realSweep(MemorySegment amps, long from, long to, VectorShuffle<Double> flip) {
            var sp = Lanes.SPECIES;
            DoubleVector dr = DoubleVector.fromArray(sp, dRe, 0), or = DoubleVector.fromArray(sp, oRe, 0);
            GateGeometry g = geometry;
            final long step = g.stepBytes;
            for (long grp = from; grp < to; ) {
                long end = g.runEnd(grp, to);
                long b = Lanes.offset(g.base(grp));
                for (int u = 0, units = (int) (end - grp); u < units; u++, b += step) {
                    DoubleVector x = DoubleVector.fromMemorySegment(sp, amps, b, Lanes.ORDER);
                    dr.fma(x, or.mul(x).rearrange(flip)).intoMemorySegment(amps, b, Lanes.ORDER);
                }
                grp = end;
            }
        }

        private void sweep(MemorySegment amps, long from, long to, VectorShuffle<Double> flip) {
            var sp = Lanes.SPECIES;
            DoubleVector dr = DoubleVector.fromArray(sp, dRe, 0), di = DoubleVector.fromArray(sp, dIm, 0);
            DoubleVector or = DoubleVector.fromArray(sp, oRe, 0), oi = DoubleVector.fromArray(sp, oIm, 0);
            GateGeometry g = geometry;
            final long step = g.stepBytes;
            VectorShuffle<Double> swap = Lanes.SWAP_RE_IM;
            if (!g.longRuns()) {
                for (long grp = from; grp < to; grp++) {
                    long b = Lanes.offset(g.base(grp));
                    DoubleVector x = DoubleVector.fromMemorySegment(sp, amps, b, Lanes.ORDER);
                    DoubleVector xs = x.rearrange(swap);
                    DoubleVector y = di.fma(xs, dr.mul(x)).add(oi.fma(xs, or.mul(x)).rearrange(flip));
                    y.intoMemorySegment(amps, b, Lanes.ORDER);
                }
                return;
            }
            for (long grp = from; grp < to; ) {
                long end = g.runEnd(grp, to);
                long b = Lanes.offset(g.base(grp));
                for (int u = 0, units = (int) (end - grp); u < units; u++, b += step) {
                    DoubleVector x = DoubleVector.fromMemorySegment(sp, amps, b, Lanes.ORDER);
                    DoubleVector xs = x.rearrange(swap);
                    DoubleVector y = di.fma(xs, dr.mul(x)).add(oi.fma(xs, or.mul(x)).rearrange(flip));
                    y.intoMemorySegment(amps, b, Lanes.ORDER);
                }
                grp = end;
            }
        }
    }
}
