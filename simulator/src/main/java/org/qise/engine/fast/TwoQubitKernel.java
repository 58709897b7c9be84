package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;
import org.qise.circuit.Matrix;

/**
 * A dense 4×4 matrix on two qubits above the low (in-vector) qubits, high controls allowed: the
 * block that fusing a pair of rotations with the cz or cx between them gives, which random
 * circuits are made of. Unrolled like {@link SingleQubitKernels.High}: the four input vectors and
 * their re↔im swaps stay in registers, and each output is two chains of a multiply and three fused
 * multiply-adds with lane-uniform coefficient vectors, one over the inputs and one over their
 * swaps, added at the end, in a fixed order (so threads never change the bits). Two chains per
 * output, not one of eight, took a pass on {10, 11} at 20 qubits from 1020–1060 to 965–990 µs on
 * one Zen 3 thread; a C loop of the same shape (gcc -O3 -march=znver3) takes 900–970 µs, so this
 * shape is near what the machine gives. Two groups a loop ({@link TwoGroups}) is faster still, but
 * its body is too big for C1, so it runs only where the JVM keeps kernels off tier 2
 * ({@link JitFlags#tier2Avoided}; docs/engine.md, "Two groups a loop, behind a JIT flag"). The
 * 32 coefficient vectors are made when the kernel is built and loaded from native memory in the loop
 * ({@link LoopConstants}): held in registers, most were spilled to the stack, and random circuits
 * at 20 qubits took 148–173 ms depending on the stack depth; loaded, they take 141–148 ms at
 * every depth (issue #19). Measured at about twice the speed of {@link DenseKernel}
 * on this shape, which has to go through a scratch array to stay general.
 */
abstract sealed class TwoQubitKernel extends Kernel permits TwoQubitKernel.OneGroup, TwoQubitKernel.TwoGroups {
    /**
     * The coefficient vectors of entry (row, col) in group order, re then im, at vector index
     * (row·4 + col)·2: re broadcast, im signed (−im on real lanes), so x·re + swap(x)·im is the
     * complex product. Loaded in the loop, not held in registers ({@link LoopConstants}).
     */
    final MemorySegment c;

    private TwoQubitKernel(GateGeometry g, Matrix u) {
        super(g);
        if (g.highCount() != 2 || g.lowCount() != 0 || g.lowControlMask != 0) {
            throw new IllegalArgumentException("TwoQubitKernel needs two high targets and no low qubits");
        }
        double[] reIm = new double[32];
        for (int row = 0; row < 4; row++) {
            for (int col = 0; col < 4; col++) {
                int r = g.matrixIndex(row, 0), cc = g.matrixIndex(col, 0);
                reIm[(row * 4 + col) * 2] = u.re(r, cc);
                reIm[(row * 4 + col) * 2 + 1] = u.im(r, cc);
            }
        }
        c = LoopConstants.complexDoubles(reIm, Lanes.DOUBLES);
    }

    /** Two groups a loop where this JVM keeps kernels off tier 2 ({@link JitFlags#tier2Avoided}), else one. */
    static TwoQubitKernel of(GateGeometry g, Matrix u) {
        return JitFlags.tier2Avoided() ? new TwoGroups(g, u) : new OneGroup(g, u);
    }

    /** One group a loop: a body that C1 compiles at every tier. */
    static final class OneGroup extends TwoQubitKernel {
        OneGroup(GateGeometry g, Matrix u) {
            super(g, u);
        }

        @Override
        public void run(MemorySegment amps, long from, long to) {
            var sp = Lanes.SPECIES;
            VectorShuffle<Double> swap = Lanes.SWAP_RE_IM;
            final MemorySegment c = this.c;
            final long w = Lanes.VECTOR_BYTES;
            GateGeometry g = geometry;
            final long o1 = g.byteOffsets[1], o2 = g.byteOffsets[2], o3 = g.byteOffsets[3], step = g.stepBytes;
            // Run by run (also for short runs: measured faster here than a flat loop over groups).
            for (long grp = from; grp < to; ) {
                long end = g.runEnd(grp, to);
                long v0 = Lanes.offset(g.base(grp)), last = v0 + (end - grp) * step;
                for (; v0 < last; v0 += step) {
                    DoubleVector x0 = DoubleVector.fromMemorySegment(sp, amps, v0, Lanes.ORDER);
                    DoubleVector x1 = DoubleVector.fromMemorySegment(sp, amps, v0 + o1, Lanes.ORDER);
                    DoubleVector x2 = DoubleVector.fromMemorySegment(sp, amps, v0 + o2, Lanes.ORDER);
                    DoubleVector x3 = DoubleVector.fromMemorySegment(sp, amps, v0 + o3, Lanes.ORDER);
                    DoubleVector s0 = x0.rearrange(swap), s1 = x1.rearrange(swap), s2 = x2.rearrange(swap), s3 = x3.rearrange(swap);
                    // Two chains per output, the inputs and their swaps, added at the end: eight short
                    // chains a group instead of four long ones. The order is fixed, so threads never
                    // change the bits. Written out row by row, not as a helper: C2 compiled a helper
                    // taking the eight vectors on its own first and then would not inline it ("already
                    // compiled into a big method"), so the vectors were boxed: random at 20 qubits took
                    // 1608 instead of 127 ms of thread CPU.
                    x3.fma(DoubleVector.fromMemorySegment(sp, c, 6 * w, Lanes.ORDER), x2.fma(DoubleVector.fromMemorySegment(sp, c, 4 * w, Lanes.ORDER), x1.fma(DoubleVector.fromMemorySegment(sp, c, 2 * w, Lanes.ORDER), x0.mul(DoubleVector.fromMemorySegment(sp, c, 0 * w, Lanes.ORDER)))))
                            .add(s3.fma(DoubleVector.fromMemorySegment(sp, c, 7 * w, Lanes.ORDER), s2.fma(DoubleVector.fromMemorySegment(sp, c, 5 * w, Lanes.ORDER), s1.fma(DoubleVector.fromMemorySegment(sp, c, 3 * w, Lanes.ORDER), s0.mul(DoubleVector.fromMemorySegment(sp, c, 1 * w, Lanes.ORDER)))))).intoMemorySegment(amps, v0, Lanes.ORDER);
                    x3.fma(DoubleVector.fromMemorySegment(sp, c, 14 * w, Lanes.ORDER), x2.fma(DoubleVector.fromMemorySegment(sp, c, 12 * w, Lanes.ORDER), x1.fma(DoubleVector.fromMemorySegment(sp, c, 10 * w, Lanes.ORDER), x0.mul(DoubleVector.fromMemorySegment(sp, c, 8 * w, Lanes.ORDER)))))
                            .add(s3.fma(DoubleVector.fromMemorySegment(sp, c, 15 * w, Lanes.ORDER), s2.fma(DoubleVector.fromMemorySegment(sp, c, 13 * w, Lanes.ORDER), s1.fma(DoubleVector.fromMemorySegment(sp, c, 11 * w, Lanes.ORDER), s0.mul(DoubleVector.fromMemorySegment(sp, c, 9 * w, Lanes.ORDER)))))).intoMemorySegment(amps, v0 + o1, Lanes.ORDER);
                    x3.fma(DoubleVector.fromMemorySegment(sp, c, 22 * w, Lanes.ORDER), x2.fma(DoubleVector.fromMemorySegment(sp, c, 20 * w, Lanes.ORDER), x1.fma(DoubleVector.fromMemorySegment(sp, c, 18 * w, Lanes.ORDER), x0.mul(DoubleVector.fromMemorySegment(sp, c, 16 * w, Lanes.ORDER)))))
                            .add(s3.fma(DoubleVector.fromMemorySegment(sp, c, 23 * w, Lanes.ORDER), s2.fma(DoubleVector.fromMemorySegment(sp, c, 21 * w, Lanes.ORDER), s1.fma(DoubleVector.fromMemorySegment(sp, c, 19 * w, Lanes.ORDER), s0.mul(DoubleVector.fromMemorySegment(sp, c, 17 * w, Lanes.ORDER)))))).intoMemorySegment(amps, v0 + o2, Lanes.ORDER);
                    x3.fma(DoubleVector.fromMemorySegment(sp, c, 30 * w, Lanes.ORDER), x2.fma(DoubleVector.fromMemorySegment(sp, c, 28 * w, Lanes.ORDER), x1.fma(DoubleVector.fromMemorySegment(sp, c, 26 * w, Lanes.ORDER), x0.mul(DoubleVector.fromMemorySegment(sp, c, 24 * w, Lanes.ORDER)))))
                            .add(s3.fma(DoubleVector.fromMemorySegment(sp, c, 31 * w, Lanes.ORDER), s2.fma(DoubleVector.fromMemorySegment(sp, c, 29 * w, Lanes.ORDER), s1.fma(DoubleVector.fromMemorySegment(sp, c, 27 * w, Lanes.ORDER), s0.mul(DoubleVector.fromMemorySegment(sp, c, 25 * w, Lanes.ORDER)))))).intoMemorySegment(amps, v0 + o3, Lanes.ORDER);
                }
                grp = end;
            }
        }
    }

    /**
     * Two groups a loop, each coefficient vector loaded once for both (40 loads for 64
     * multiply-adds, where one group a loop does 36 for 32). Each output gets the operations of
     * {@link OneGroup} in the same order, so the bits are the same. The groups are k and k + 1 of
     * the range, wherever their runs start; a range of odd length computes its last group twice,
     * from the same inputs, and stores the same outputs twice.
     */
    static final class TwoGroups extends TwoQubitKernel {
        TwoGroups(GateGeometry g, Matrix u) {
            super(g, u);
        }

        @Override
        public void run(MemorySegment amps, long from, long to) {
            var sp = Lanes.SPECIES;
            VectorShuffle<Double> swap = Lanes.SWAP_RE_IM;
            final MemorySegment c = this.c;
            final long w = Lanes.VECTOR_BYTES;
            GateGeometry geo = geometry;
            final long o1 = geo.byteOffsets[1], o2 = geo.byteOffsets[2], o3 = geo.byteOffsets[3];
            for (long k = from; k < to; k += 2) {
                final long g = Lanes.offset(geo.base(k));
                final long h = k + 1 < to ? Lanes.offset(geo.base(k + 1)) : g;
                DoubleVector x0 = DoubleVector.fromMemorySegment(sp, amps, g, Lanes.ORDER);
                DoubleVector x1 = DoubleVector.fromMemorySegment(sp, amps, g + o1, Lanes.ORDER);
                DoubleVector x2 = DoubleVector.fromMemorySegment(sp, amps, g + o2, Lanes.ORDER);
                DoubleVector x3 = DoubleVector.fromMemorySegment(sp, amps, g + o3, Lanes.ORDER);
                DoubleVector y0 = DoubleVector.fromMemorySegment(sp, amps, h, Lanes.ORDER);
                DoubleVector y1 = DoubleVector.fromMemorySegment(sp, amps, h + o1, Lanes.ORDER);
                DoubleVector y2 = DoubleVector.fromMemorySegment(sp, amps, h + o2, Lanes.ORDER);
                DoubleVector y3 = DoubleVector.fromMemorySegment(sp, amps, h + o3, Lanes.ORDER);
                DoubleVector s0 = x0.rearrange(swap), s1 = x1.rearrange(swap), s2 = x2.rearrange(swap), s3 = x3.rearrange(swap);
                DoubleVector t0 = y0.rearrange(swap), t1 = y1.rearrange(swap), t2 = y2.rearrange(swap), t3 = y3.rearrange(swap);
                {
                    DoubleVector c0 = DoubleVector.fromMemorySegment(sp, c, 0 * w, Lanes.ORDER), c1 = DoubleVector.fromMemorySegment(sp, c, 1 * w, Lanes.ORDER);
                    DoubleVector xa = x0.mul(c0), xb = s0.mul(c1), ya = y0.mul(c0), yb = t0.mul(c1);
                    c0 = DoubleVector.fromMemorySegment(sp, c, 2 * w, Lanes.ORDER); c1 = DoubleVector.fromMemorySegment(sp, c, 3 * w, Lanes.ORDER);
                    xa = x1.fma(c0, xa); xb = s1.fma(c1, xb); ya = y1.fma(c0, ya); yb = t1.fma(c1, yb);
                    c0 = DoubleVector.fromMemorySegment(sp, c, 4 * w, Lanes.ORDER); c1 = DoubleVector.fromMemorySegment(sp, c, 5 * w, Lanes.ORDER);
                    xa = x2.fma(c0, xa); xb = s2.fma(c1, xb); ya = y2.fma(c0, ya); yb = t2.fma(c1, yb);
                    c0 = DoubleVector.fromMemorySegment(sp, c, 6 * w, Lanes.ORDER); c1 = DoubleVector.fromMemorySegment(sp, c, 7 * w, Lanes.ORDER);
                    xa = x3.fma(c0, xa); xb = s3.fma(c1, xb); ya = y3.fma(c0, ya); yb = t3.fma(c1, yb);
                    xa.add(xb).intoMemorySegment(amps, g, Lanes.ORDER);
                    ya.add(yb).intoMemorySegment(amps, h, Lanes.ORDER);
                }
                {
                    DoubleVector c0 = DoubleVector.fromMemorySegment(sp, c, 8 * w, Lanes.ORDER), c1 = DoubleVector.fromMemorySegment(sp, c, 9 * w, Lanes.ORDER);
                    DoubleVector xa = x0.mul(c0), xb = s0.mul(c1), ya = y0.mul(c0), yb = t0.mul(c1);
                    c0 = DoubleVector.fromMemorySegment(sp, c, 10 * w, Lanes.ORDER); c1 = DoubleVector.fromMemorySegment(sp, c, 11 * w, Lanes.ORDER);
                    xa = x1.fma(c0, xa); xb = s1.fma(c1, xb); ya = y1.fma(c0, ya); yb = t1.fma(c1, yb);
                    c0 = DoubleVector.fromMemorySegment(sp, c, 12 * w, Lanes.ORDER); c1 = DoubleVector.fromMemorySegment(sp, c, 13 * w, Lanes.ORDER);
                    xa = x2.fma(c0, xa); xb = s2.fma(c1, xb); ya = y2.fma(c0, ya); yb = t2.fma(c1, yb);
                    c0 = DoubleVector.fromMemorySegment(sp, c, 14 * w, Lanes.ORDER); c1 = DoubleVector.fromMemorySegment(sp, c, 15 * w, Lanes.ORDER);
                    xa = x3.fma(c0, xa); xb = s3.fma(c1, xb); ya = y3.fma(c0, ya); yb = t3.fma(c1, yb);
                    xa.add(xb).intoMemorySegment(amps, g + o1, Lanes.ORDER);
                    ya.add(yb).intoMemorySegment(amps, h + o1, Lanes.ORDER);
                }
                {
                    DoubleVector c0 = DoubleVector.fromMemorySegment(sp, c, 16 * w, Lanes.ORDER), c1 = DoubleVector.fromMemorySegment(sp, c, 17 * w, Lanes.ORDER);
                    DoubleVector xa = x0.mul(c0), xb = s0.mul(c1), ya = y0.mul(c0), yb = t0.mul(c1);
                    c0 = DoubleVector.fromMemorySegment(sp, c, 18 * w, Lanes.ORDER); c1 = DoubleVector.fromMemorySegment(sp, c, 19 * w, Lanes.ORDER);
                    xa = x1.fma(c0, xa); xb = s1.fma(c1, xb); ya = y1.fma(c0, ya); yb = t1.fma(c1, yb);
                    c0 = DoubleVector.fromMemorySegment(sp, c, 20 * w, Lanes.ORDER); c1 = DoubleVector.fromMemorySegment(sp, c, 21 * w, Lanes.ORDER);
                    xa = x2.fma(c0, xa); xb = s2.fma(c1, xb); ya = y2.fma(c0, ya); yb = t2.fma(c1, yb);
                    c0 = DoubleVector.fromMemorySegment(sp, c, 22 * w, Lanes.ORDER); c1 = DoubleVector.fromMemorySegment(sp, c, 23 * w, Lanes.ORDER);
                    xa = x3.fma(c0, xa); xb = s3.fma(c1, xb); ya = y3.fma(c0, ya); yb = t3.fma(c1, yb);
                    xa.add(xb).intoMemorySegment(amps, g + o2, Lanes.ORDER);
                    ya.add(yb).intoMemorySegment(amps, h + o2, Lanes.ORDER);
                }
                {
                    DoubleVector c0 = DoubleVector.fromMemorySegment(sp, c, 24 * w, Lanes.ORDER), c1 = DoubleVector.fromMemorySegment(sp, c, 25 * w, Lanes.ORDER);
                    DoubleVector xa = x0.mul(c0), xb = s0.mul(c1), ya = y0.mul(c0), yb = t0.mul(c1);
                    c0 = DoubleVector.fromMemorySegment(sp, c, 26 * w, Lanes.ORDER); c1 = DoubleVector.fromMemorySegment(sp, c, 27 * w, Lanes.ORDER);
                    xa = x1.fma(c0, xa); xb = s1.fma(c1, xb); ya = y1.fma(c0, ya); yb = t1.fma(c1, yb);
                    c0 = DoubleVector.fromMemorySegment(sp, c, 28 * w, Lanes.ORDER); c1 = DoubleVector.fromMemorySegment(sp, c, 29 * w, Lanes.ORDER);
                    xa = x2.fma(c0, xa); xb = s2.fma(c1, xb); ya = y2.fma(c0, ya); yb = t2.fma(c1, yb);
                    c0 = DoubleVector.fromMemorySegment(sp, c, 30 * w, Lanes.ORDER); c1 = DoubleVector.fromMemorySegment(sp, c, 31 * w, Lanes.ORDER);
                    xa = x3.fma(c0, xa); xb = s3.fma(c1, xb); ya = y3.fma(c0, ya); yb = t3.fma(c1, yb);
                    xa.add(xb).intoMemorySegment(amps, g + o3, Lanes.ORDER);
                    ya.add(yb).intoMemorySegment(amps, h + o3, Lanes.ORDER);
                }
            }
        }
    }
}
