package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;
import org.qise.circuit.Matrix;

/**
 * A dense 4×4 matrix on two qubits above the low (in-vector) qubits, high controls allowed: the
 * block that fusing a pair of rotations with the cz or cx between them gives, which random
 * circuits are made of. Unrolled like {@link SingleQubitKernels.High}: the four input vectors and
 * their re↔im swaps stay in registers, and each output is eight fused multiply-adds with
 * lane-uniform coefficients, in a fixed order (so threads never change the bits). Measured at
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
        // Run by run (also for short runs: measured faster here than a flat loop over groups).
        for (long grp = from; grp < to; ) {
            long end = g.runEnd(grp, to);
            long v0 = Lanes.offset(g.base(grp)), last = v0 + (end - grp) * step;
            for (; v0 < last; v0 += step) {
                DoubleVector x0 = DoubleVector.fromMemorySegment(sp, amps, v0, Lanes.ORDER);
                DoubleVector x1 = DoubleVector.fromMemorySegment(sp, amps, v0 + o1, Lanes.ORDER);
                DoubleVector x2 = DoubleVector.fromMemorySegment(sp, amps, v0 + o2, Lanes.ORDER);
                DoubleVector x3 = DoubleVector.fromMemorySegment(sp, amps, v0 + o3, Lanes.ORDER);
                DoubleVector s0 = x0.rearrange(swap).mul(sign), s1 = x1.rearrange(swap).mul(sign);
                DoubleVector s2 = x2.rearrange(swap).mul(sign), s3 = x3.rearrange(swap).mul(sign);
                for (int row = 0; row < 4; row++) {
                    // Σ_col re·x_col + im·(i·x_col), as two independent FMA chains added at the end.
                    int at = row * 8;
                    DoubleVector a = x0.mul(DoubleVector.broadcast(sp, c[at]));
                    DoubleVector b = s0.mul(DoubleVector.broadcast(sp, c[at + 1]));
                    a = x1.fma(DoubleVector.broadcast(sp, c[at + 2]), a);
                    b = s1.fma(DoubleVector.broadcast(sp, c[at + 3]), b);
                    a = x2.fma(DoubleVector.broadcast(sp, c[at + 4]), a);
                    b = s2.fma(DoubleVector.broadcast(sp, c[at + 5]), b);
                    a = x3.fma(DoubleVector.broadcast(sp, c[at + 6]), a);
                    b = s3.fma(DoubleVector.broadcast(sp, c[at + 7]), b);
                    a.add(b).intoMemorySegment(amps, v0 + (row == 0 ? 0 : row == 1 ? o1 : row == 2 ? o2 : o3), Lanes.ORDER);
                }
            }
            grp = end;
        }
    }
}
