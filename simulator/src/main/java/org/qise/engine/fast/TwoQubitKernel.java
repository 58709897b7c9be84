package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;
import org.qise.circuit.Matrix;

/**
 * A dense 4×4 matrix on two qubits above the low (in-vector) qubits, high controls allowed: the
 * block that fusing a pair of rotations with the cz or cx between them gives, which random
 * circuits are made of. Unrolled like {@link SingleQubitKernels.High}: the four input vectors and
 * their re↔im swaps stay in registers, and each output is one chain of a multiply and seven fused
 * multiply-adds with lane-uniform coefficient vectors made once per call, in a fixed order (so
 * threads never change the bits). Measured at
 * about twice the speed of {@link DenseKernel} on this shape, which has to go through a scratch
 * array to stay general.
 */
final class TwoQubitKernel extends Kernel {
    /** re and im of entry (row, col) of the matrix in group order: [row][col][re, im]. */
    private final double[] m = new double[32];

    TwoQubitKernel(GateGeometry g, Matrix u) {
        super(g);
        if (g.highCount() != 2 || g.lowCount() != 0 || g.lowControlMask != 0) {
            throw new IllegalArgumentException("TwoQubitKernel needs two high targets and no low qubits");
        }
        for (int row = 0; row < 4; row++) {
            for (int col = 0; col < 4; col++) {
                int r = g.matrixIndex(row, 0), c = g.matrixIndex(col, 0);
                m[(row * 4 + col) * 2] = u.re(r, c);
                m[(row * 4 + col) * 2 + 1] = u.im(r, c);
            }
        }
    }

    @Override
    public void run(MemorySegment amps, long from, long to) {
        var sp = Lanes.SPECIES;
        DoubleVector sign = Lanes.I_SIGN;
        VectorShuffle<Double> swap = Lanes.SWAP_RE_IM;
        final double[] c = m;
        GateGeometry g = geometry;
        final long o1 = g.byteOffsets[1], o2 = g.byteOffsets[2], o3 = g.byteOffsets[3], step = g.stepBytes;
        // Coefficient vectors made once per call: re broadcast, im signed (−im on real lanes), so
        // x·re + swap(x)·im is the complex product. With AVX2's 16 registers most are reloaded from
        // the stack, which costs what a broadcast from the array did, but no sign multiply per input
        // and one FMA chain per output remain: 2.2–2.6 against 3.2–5.9 ns per vector before
        // (docs/engine.md, "Double 2-qubit blocks").
        final DoubleVector r00 = DoubleVector.broadcast(sp, c[0]), i00 = sign.mul(c[1]), r01 = DoubleVector.broadcast(sp, c[2]), i01 = sign.mul(c[3]), r02 = DoubleVector.broadcast(sp, c[4]), i02 = sign.mul(c[5]), r03 = DoubleVector.broadcast(sp, c[6]), i03 = sign.mul(c[7]);
        final DoubleVector r10 = DoubleVector.broadcast(sp, c[8]), i10 = sign.mul(c[9]), r11 = DoubleVector.broadcast(sp, c[10]), i11 = sign.mul(c[11]), r12 = DoubleVector.broadcast(sp, c[12]), i12 = sign.mul(c[13]), r13 = DoubleVector.broadcast(sp, c[14]), i13 = sign.mul(c[15]);
        final DoubleVector r20 = DoubleVector.broadcast(sp, c[16]), i20 = sign.mul(c[17]), r21 = DoubleVector.broadcast(sp, c[18]), i21 = sign.mul(c[19]), r22 = DoubleVector.broadcast(sp, c[20]), i22 = sign.mul(c[21]), r23 = DoubleVector.broadcast(sp, c[22]), i23 = sign.mul(c[23]);
        final DoubleVector r30 = DoubleVector.broadcast(sp, c[24]), i30 = sign.mul(c[25]), r31 = DoubleVector.broadcast(sp, c[26]), i31 = sign.mul(c[27]), r32 = DoubleVector.broadcast(sp, c[28]), i32 = sign.mul(c[29]), r33 = DoubleVector.broadcast(sp, c[30]), i33 = sign.mul(c[31]);
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
                // One chain per output in a fixed order, so threads never change the bits.
                s3.fma(i03, x3.fma(r03, s2.fma(i02, x2.fma(r02, s1.fma(i01, x1.fma(r01, s0.fma(i00, x0.mul(r00)))))))).intoMemorySegment(amps, v0, Lanes.ORDER);
                s3.fma(i13, x3.fma(r13, s2.fma(i12, x2.fma(r12, s1.fma(i11, x1.fma(r11, s0.fma(i10, x0.mul(r10)))))))).intoMemorySegment(amps, v0 + o1, Lanes.ORDER);
                s3.fma(i23, x3.fma(r23, s2.fma(i22, x2.fma(r22, s1.fma(i21, x1.fma(r21, s0.fma(i20, x0.mul(r20)))))))).intoMemorySegment(amps, v0 + o2, Lanes.ORDER);
                s3.fma(i33, x3.fma(r33, s2.fma(i32, x2.fma(r32, s1.fma(i31, x1.fma(r31, s0.fma(i30, x0.mul(r30)))))))).intoMemorySegment(amps, v0 + o3, Lanes.ORDER);
            }
            grp = end;
        }
    }
}
