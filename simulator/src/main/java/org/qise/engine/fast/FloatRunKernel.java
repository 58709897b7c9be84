package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;

/**
 * The float counterpart of {@link RunKernel}: a run of gates on two qubits above the float vector
 * whose product is one 2×2 on each of two pairs of a group's four vectors (qcbm's cx followed by
 * the next layer's rotation), in one pass on a float chunk. Permutations only choose which vector
 * is loaded into and stored from which register, diagonals are multiplied into the 2×2s, so the
 * run costs one rotation pass where the gates one by one cost a pass each.
 *
 * <p>Coefficients are the same for every lane (both qubits lie above the vector), so each is a
 * broadcast scalar, as in {@link FloatDenseKernels.Q2Uniform}; the 4×4 product is multiplied out
 * in double and rounded to float once, when the kernel is built. All four vectors of a group are
 * loaded before any is stored, and every group gets the same arithmetic whatever the split over
 * threads or tiles.
 */
abstract sealed class FloatRunKernel implements FloatBlocks.FloatKernel permits FloatRunKernel.Shared, FloatRunKernel.Two {
    private static final VectorSpecies<Float> SPECIES = FloatGateKernel.SPECIES;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    /** The 4×4 product of the run (bit 0 the lower run qubit). */
    final Matrix product;
    final FloatDenseKernels.Shape shape;
    /** Byte offsets within a group of the input (column) and output (row) vectors of pair A then B. */
    final long inA0, inA1, inB0, inB1, outA0, outA1, outB0, outB1;
    /** re and im of pair A's 2×2 (rows outA0, outA1; columns inA0, inA1), then pair B's. */
    final float[] a = new float[8], b = new float[8];

    private FloatRunKernel(int n, Matrix m, int[] qubits, int[] cols, int[] rows) {
        product = m;
        shape = new FloatDenseKernels.Shape(n, m, qubits, 1);
        long[] o = shape.byteOffsets; // index = bit 0 for qubits[0], bit 1 for qubits[1]: the product's own indexing
        inA0 = o[cols[0]]; inA1 = o[cols[1]]; inB0 = o[cols[2]]; inB1 = o[cols[3]];
        outA0 = o[rows[0]]; outA1 = o[rows[1]]; outB0 = o[rows[2]]; outB1 = o[rows[3]];
        fill(a, m, rows[0], rows[1], cols[0], cols[1]);
        fill(b, m, rows[2], rows[3], cols[2], cols[3]);
    }

    private static void fill(float[] c, Matrix m, int r0, int r1, int c0, int c1) {
        c[0] = (float) m.re(r0, c0); c[1] = (float) m.im(r0, c0); c[2] = (float) m.re(r0, c1); c[3] = (float) m.im(r0, c1);
        c[4] = (float) m.re(r1, c0); c[5] = (float) m.im(r1, c0); c[6] = (float) m.re(r1, c1); c[7] = (float) m.im(r1, c1);
    }

    /** Whether both (ascending) qubits of a run lie above the float vector, as this kernel needs. */
    static boolean takes(int[] qubits) {
        return qubits.length == 2 && qubits[0] >= FloatGateKernel.LOW_QUBITS && qubits[0] < qubits[1];
    }

    /**
     * The float kernel of a run of gates on chunk qubits {@code qubits} (ascending): this kernel
     * when the product pairs the vectors, else the dense 2-qubit float kernel of the product (a
     * re-bound plan whose new angles no longer pair); null when the gates leave those qubits.
     */
    static FloatBlocks.FloatKernel of(int n, List<Operation.GateOp> ops, int[] qubits) {
        Matrix m = RunKernel.product(ops, qubits[0], qubits[1]);
        if (m == null || !takes(qubits)) return null;
        int[][] p = RunKernel.pairing(m);
        if (p == null) return FloatDenseKernels.of(n, m, qubits);
        int[][] same = RunKernel.sharedPairing(m, p);
        if (same == null) return new Two(n, m, qubits, p[0], p[1]);
        // Pairs that share one 2×2 keep it in registers (Two) with 32 vector registers: Two's loop
        // then holds its 16 coefficients, 8 inputs and swaps and 4 outputs with no vector spilled
        // (its disassembly at 20 qubits), and qcbm single at 20 qubits took 39.7–40.2 ms of thread
        // CPU against 44.1–46.8 with the loads (issue #19, docs/engine.md). With 16 (AVX2) the
        // register form spilled and ran 25 % slower at some stack depths (LoopConstants), so Shared
        // loads them. Pair B's coefficients equal pair A's, so Two computes what Shared does, bit
        // for bit.
        return LoopConstants.WIDE_REGISTER_FILE ? new Two(n, m, qubits, same[0], same[1]) : new Shared(n, m, qubits, same[0], same[1]);
    }

    @Override
    public long units() { return shape.units; }

    @Override
    public long tileUnits(int tileVectorBits) { return FloatBlocks.tileUnits(shape.free, shape.vectorBits, tileVectorBits); }

    /**
     * Both pairs with the same 2×2 (qcbm's runs): eight coefficient vectors instead of sixteen,
     * as in {@link RunKernel.Shared}, and a class of its own so that C2 compiles its loop apart.
     */
    static final class Shared extends FloatRunKernel {
        /** Pair A's coefficient vectors ar00, ai00, ar01, ai01, ar10, ai10, ar11, ai11 ({@link LoopConstants}). */
        private final MemorySegment c;

        Shared(int n, Matrix m, int[] qubits, int[] cols, int[] rows) {
            super(n, m, qubits, cols, rows);
            c = LoopConstants.complexFloats(a, FloatGateKernel.FLOATS);
        }

        /** As {@link Two#run} with pair A's coefficients for both pairs: the same bits. */
        @Override
        public void run(MemorySegment s, long from, long to) {
            final var sp = SPECIES;
            // Loaded in the loop from native memory, not held in registers: see LoopConstants.
            final MemorySegment c = this.c;
            final long w = FloatGateKernel.FLOATS * 4L;
            final long ia0 = inA0, ia1 = inA1, ib0 = inB0, ib1 = inB1, oa0 = outA0, oa1 = outA1, ob0 = outB0, ob1 = outB1;
            final long free = shape.free, runUnits = shape.runUnits, step = shape.stepBytes;
            // Run by run: one byte offset steps through each run (see FloatDenseKernels.Shape#runUnits).
            for (long k = from; k < to; ) {
                long end = Math.min(to, (k | (runUnits - 1)) + 1);
                long g = Long.expand(k, free) * (FloatGateKernel.FLOATS * 4L);
                for (long last = g + (end - k) * step; g < last; g += step) {
                    FloatVector x0 = FloatVector.fromMemorySegment(sp, s, g + ia0, ORDER);
                    FloatVector x1 = FloatVector.fromMemorySegment(sp, s, g + ia1, ORDER);
                    FloatVector x2 = FloatVector.fromMemorySegment(sp, s, g + ib0, ORDER);
                    FloatVector x3 = FloatVector.fromMemorySegment(sp, s, g + ib1, ORDER);
                    FloatVector s0 = x0.rearrange(FloatShuffles.S0), s1 = x1.rearrange(FloatShuffles.S0);
                    FloatVector s2 = x2.rearrange(FloatShuffles.S0), s3 = x3.rearrange(FloatShuffles.S0);
                    FloatVector ar00 = FloatVector.fromMemorySegment(sp, c, 0, ORDER), ai00 = FloatVector.fromMemorySegment(sp, c, w, ORDER);
                    FloatVector ar01 = FloatVector.fromMemorySegment(sp, c, 2 * w, ORDER), ai01 = FloatVector.fromMemorySegment(sp, c, 3 * w, ORDER);
                    FloatVector ar10 = FloatVector.fromMemorySegment(sp, c, 4 * w, ORDER), ai10 = FloatVector.fromMemorySegment(sp, c, 5 * w, ORDER);
                    FloatVector ar11 = FloatVector.fromMemorySegment(sp, c, 6 * w, ORDER), ai11 = FloatVector.fromMemorySegment(sp, c, 7 * w, ORDER);
                    FloatVector y0 = s1.fma(ai01, x1.fma(ar01, s0.fma(ai00, x0.mul(ar00))));
                    FloatVector y1 = s1.fma(ai11, x1.fma(ar11, s0.fma(ai10, x0.mul(ar10))));
                    FloatVector y2 = s3.fma(ai01, x3.fma(ar01, s2.fma(ai00, x2.mul(ar00))));
                    FloatVector y3 = s3.fma(ai11, x3.fma(ar11, s2.fma(ai10, x2.mul(ar10))));
                    y0.intoMemorySegment(s, g + oa0, ORDER);
                    y1.intoMemorySegment(s, g + oa1, ORDER);
                    y2.intoMemorySegment(s, g + ob0, ORDER);
                    y3.intoMemorySegment(s, g + ob1, ORDER);
                }
                k = end;
            }
        }
    }

    /** Each pair with its own 2×2. */
    static final class Two extends FloatRunKernel {
        Two(int n, Matrix m, int[] qubits, int[] cols, int[] rows) {
            super(n, m, qubits, cols, rows);
        }

        /** Units [from, to); every vector operation written out here (see {@link FloatGateKernel#run}). */
        @Override
        public void run(MemorySegment s, long from, long to) {
            final var sp = SPECIES;
            final FloatVector sign = FloatDenseKernels.I_SIGN;
            final float[] a = this.a, b = this.b;
            FloatVector ar00 = FloatVector.broadcast(sp, a[0]), ai00 = sign.mul(a[1]), ar01 = FloatVector.broadcast(sp, a[2]), ai01 = sign.mul(a[3]);
            FloatVector ar10 = FloatVector.broadcast(sp, a[4]), ai10 = sign.mul(a[5]), ar11 = FloatVector.broadcast(sp, a[6]), ai11 = sign.mul(a[7]);
            FloatVector br00 = FloatVector.broadcast(sp, b[0]), bi00 = sign.mul(b[1]), br01 = FloatVector.broadcast(sp, b[2]), bi01 = sign.mul(b[3]);
            FloatVector br10 = FloatVector.broadcast(sp, b[4]), bi10 = sign.mul(b[5]), br11 = FloatVector.broadcast(sp, b[6]), bi11 = sign.mul(b[7]);
            final long ia0 = inA0, ia1 = inA1, ib0 = inB0, ib1 = inB1, oa0 = outA0, oa1 = outA1, ob0 = outB0, ob1 = outB1;
            final long free = shape.free, runUnits = shape.runUnits, step = shape.stepBytes;
            // Run by run: one byte offset steps through each run (see FloatDenseKernels.Shape#runUnits).
            for (long k = from; k < to; ) {
                long end = Math.min(to, (k | (runUnits - 1)) + 1);
                long g = Long.expand(k, free) * (FloatGateKernel.FLOATS * 4L);
                for (long last = g + (end - k) * step; g < last; g += step) {
                    FloatVector x0 = FloatVector.fromMemorySegment(sp, s, g + ia0, ORDER);
                    FloatVector x1 = FloatVector.fromMemorySegment(sp, s, g + ia1, ORDER);
                    FloatVector x2 = FloatVector.fromMemorySegment(sp, s, g + ib0, ORDER);
                    FloatVector x3 = FloatVector.fromMemorySegment(sp, s, g + ib1, ORDER);
                    FloatVector s0 = x0.rearrange(FloatShuffles.S0), s1 = x1.rearrange(FloatShuffles.S0);
                    FloatVector s2 = x2.rearrange(FloatShuffles.S0), s3 = x3.rearrange(FloatShuffles.S0);
                    FloatVector y0 = s1.fma(ai01, x1.fma(ar01, s0.fma(ai00, x0.mul(ar00))));
                    FloatVector y1 = s1.fma(ai11, x1.fma(ar11, s0.fma(ai10, x0.mul(ar10))));
                    FloatVector y2 = s3.fma(bi01, x3.fma(br01, s2.fma(bi00, x2.mul(br00))));
                    FloatVector y3 = s3.fma(bi11, x3.fma(br11, s2.fma(bi10, x2.mul(br10))));
                    y0.intoMemorySegment(s, g + oa0, ORDER);
                    y1.intoMemorySegment(s, g + oa1, ORDER);
                    y2.intoMemorySegment(s, g + ob0, ORDER);
                    y3.intoMemorySegment(s, g + ob1, ORDER);
                }
                k = end;
            }
        }
    }

    @Override
    public String toString() {
        return "FloatRunKernel$" + getClass().getSimpleName(); // as --explain names the double kernels: RunKernel$Shared
    }
}
