package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;

/**
 * A run of gates on two high qubits whose product is one 2×2 on each of two pairs of the four
 * vectors of a group, in one pass: a 2×2 on one of the qubits with any number of permutations
 * and diagonals before and after it (qcbm's cx followed by the next layer's rotation, a cz next
 * to a rotation). Permutations (cx, swap, x) cost nothing: they only change which vector is
 * loaded into and stored from which register; diagonals (cz, rz, cp) are multiplied into the
 * two 2×2s. So the run costs what the rotation alone costs, where the gates one by one cost a
 * pass each and a dense 4×4 block twice the multiply-adds.
 *
 * <p>A vector pair (x0, x1) becomes (a00·x0 + a01·x1, a10·x0 + a11·x1), computed exactly as
 * {@link SingleQubitKernels.High} computes it. All four vectors of a group are loaded before
 * any is stored, so the in-place update is safe; every group gets the same arithmetic whatever
 * the split over threads or tiles.
 *
 * <p>The loops address the state directly, one bounds check per access. Each group once went
 * through a slice of its own ({@code amps.asSlice(base, span)}), so that C2 hoisted the checks
 * and removed the slice by escape analysis (8 % on AVX2). On the Zen 4 that removal failed in
 * about a third of the JVMs that ran {@code qise bench} (JFR: most samples in
 * {@code NativeMemorySegmentImpl.dup}, a slice allocated per group) and qcbm at 20 qubits took
 * 195–293 ms against 77–82; addressed directly it ran 77–82 ms in every run, and thread CPU was
 * level (82–87 against 83–84 ms). See docs/engine.md (issue #19).
 *
 * <p>Written by hand, not interpreted: an op-by-op interpreter over four vectors in registers
 * (a switch per op and group) was tried and ran a rotation at 1.8–2.2 ns per vector against
 * 0.72 for the plain kernel, as its ops form one long dependent chain per group.
 */
abstract sealed class RunKernel extends Kernel permits RunKernel.Shared, RunKernel.Two {
    /** The 4×4 product of the run (bit 0 the first run qubit), and its two pairs. */
    final Matrix product;
    /** Byte offsets within a group of the input (column) and output (row) vectors of pair A then B. */
    final long inA0, inA1, inB0, inB1, outA0, outA1, outB0, outB1;
    /** The 2×2 of pair A then of pair B, re and im of each entry, row by row. */
    final double[] a = new double[8], b = new double[8];

    private RunKernel(GateGeometry g, Matrix m, int[] cols, int[] rows) {
        super(g);
        product = m;
        long[] o = g.byteOffsets;
        inA0 = o[cols[0]]; inA1 = o[cols[1]]; inB0 = o[cols[2]]; inB1 = o[cols[3]];
        outA0 = o[rows[0]]; outA1 = o[rows[1]]; outB0 = o[rows[2]]; outB1 = o[rows[3]];
        fill(a, m, rows[0], rows[1], cols[0], cols[1]);
        fill(b, m, rows[2], rows[3], cols[2], cols[3]);
    }

    private static void fill(double[] c, Matrix m, int r0, int r1, int c0, int c1) {
        c[0] = m.re(r0, c0); c[1] = m.im(r0, c0); c[2] = m.re(r0, c1); c[3] = m.im(r0, c1);
        c[4] = m.re(r1, c0); c[5] = m.im(r1, c0); c[6] = m.re(r1, c1); c[7] = m.im(r1, c1);
    }

    /** The product of gates on qubits qa (bit 0) and qb (bit 1), in order; null when a gate acts on another qubit. */
    static Matrix product(List<Operation.GateOp> gates, int qa, int qb) {
        RunProduct p = new RunProduct();
        for (Operation.GateOp op : gates) if (!p.multiply(op.gate().matrix(), op.qubits(), qa, qb)) return null;
        return p.matrix();
    }

    /**
     * The pairing of a 4×4 as two 2×2 blocks: columns {cols[0], cols[1]} map only to rows
     * {rows[0], rows[1]}, columns {cols[2], cols[3]} only to the other two rows; null when the
     * matrix mixes more than two vectors (then it is no run).
     */
    static int[][] pairing(Matrix m) {
        int[] colRows = new int[4];
        for (int c = 0; c < 4; c++) colRows[c] = rowsOf(m, c);
        return pairing(colRows);
    }

    /**
     * As {@link #pairing(Matrix)}, from the rows where each column is non-zero (bit r for row r),
     * so that the fuser can test a product it holds in scratch arrays.
     */
    static int[][] pairing(int[] colRows) {
        int[][] colPairs = {{0, 1, 2, 3}, {0, 2, 1, 3}, {0, 3, 1, 2}};
        for (int[] cp : colPairs) {
            int rowsA = colRows[cp[0]] | colRows[cp[1]], rowsB = colRows[cp[2]] | colRows[cp[3]];
            if ((rowsA & rowsB) != 0 || Integer.bitCount(rowsA) > 2 || Integer.bitCount(rowsB) > 2) continue;
            // Fewer than two rows (a block that is zero or monomial there): give each block two.
            for (int r = 0; r < 4 && Integer.bitCount(rowsA) < 2; r++) if (((rowsA | rowsB) >> r & 1) == 0) rowsA |= 1 << r;
            rowsB = 0xF & ~rowsA;
            int[] rows = new int[4];
            int i = 0;
            for (int r = 0; r < 4; r++) if ((rowsA >> r & 1) == 1) rows[i++] = r;
            for (int r = 0; r < 4; r++) if ((rowsB >> r & 1) == 1) rows[i++] = r;
            return new int[][]{cp, rows};
        }
        return null;
    }

    private static int rowsOf(Matrix m, int col) {
        int rows = 0;
        for (int r = 0; r < 4; r++) if (m.re(r, col) != 0 || m.im(r, col) != 0) rows |= 1 << r;
        return rows;
    }

    /**
     * The pairing {cols, rows} reordered so that both pairs get the same 2×2 (bit for bit), or
     * null when they do not. Pair B's vectors may come in either order: a cx before a rotation
     * gives B the rotation with its columns swapped, which is A's 2×2 once B's inputs are taken
     * the other way round. The float kernel ({@link FloatRunKernel}) asks the same.
     */
    static int[][] sharedPairing(Matrix m, int[][] pairing) {
        int[] cols = pairing[0], rows = pairing[1];
        double[] a = new double[8], b = new double[8];
        fill(a, m, rows[0], rows[1], cols[0], cols[1]);
        for (int order = 0; order < 4; order++) {
            int[] c = cols.clone(), r = rows.clone();
            if ((order & 1) != 0) { c[2] = cols[3]; c[3] = cols[2]; }
            if ((order & 2) != 0) { r[2] = rows[3]; r[3] = rows[2]; }
            fill(b, m, r[2], r[3], c[2], c[3]);
            if (Arrays.equals(a, b)) return new int[][]{c, r};
        }
        return null;
    }

    /** The kernel of a 4×4 on high qubits qa (bit 0) and qb (bit 1), or null when it has no pairing. */
    static RunKernel of(int numQubits, Matrix m, int qa, int qb) {
        int[][] p = pairing(m);
        if (p == null) return null;
        GateGeometry g = new GateGeometry(numQubits, new int[]{qa, qb}, new int[0]);
        if (g.highCount() != 2) return null;
        int[][] same = sharedPairing(m, p);
        return same != null ? new Shared(g, m, same[0], same[1]) : new Two(g, m, p[0], p[1]);
    }

    /**
     * Both pairs with the same 2×2 (a cx next to a rotation: qcbm's runs), one set of eight
     * coefficient vectors for both. Sixteen, as {@link Two} keeps, do not fit AVX2's sixteen
     * registers beside the data, and reloading the spilled ones made a run cost more than a
     * rotation alone (docs/engine.md, "One set of coefficients when both pairs share them"). The
     * same operations in the same order as {@link Two}, so the same bits. A class of its own, not
     * a branch in one {@code run}, so that C2 compiles each loop apart: both in one method ran
     * slower than either.
     */
    static final class Shared extends RunKernel {
        Shared(GateGeometry g, Matrix m, int[] cols, int[] rows) {
            super(g, m, cols, rows);
        }

        @Override
        public void run(MemorySegment amps, long from, long to) {
            var sp = Lanes.SPECIES;
            DoubleVector sign = Lanes.I_SIGN;
            DoubleVector r00 = DoubleVector.broadcast(sp, a[0]), i00 = sign.mul(a[1]), r01 = DoubleVector.broadcast(sp, a[2]), i01 = sign.mul(a[3]);
            DoubleVector r10 = DoubleVector.broadcast(sp, a[4]), i10 = sign.mul(a[5]), r11 = DoubleVector.broadcast(sp, a[6]), i11 = sign.mul(a[7]);
            VectorShuffle<Double> swap = Lanes.SWAP_RE_IM;
            GateGeometry g = geometry;
            final long ia0 = inA0, ia1 = inA1, ib0 = inB0, ib1 = inB1, oa0 = outA0, oa1 = outA1, ob0 = outB0, ob1 = outB1;
            final long step = g.longRuns() ? g.stepBytes : 0;
            for (long grp = from; grp < to; ) {
                long end = step != 0 ? g.runEnd(grp, to) : grp + 1;
                long base = Lanes.offset(g.base(grp)), last = base + (end - grp) * step;
                do {
                    // All four loaded before any store: a run's outputs may be the other pair's inputs.
                    DoubleVector x0 = DoubleVector.fromMemorySegment(sp, amps, base + ia0, Lanes.ORDER);
                    DoubleVector x1 = DoubleVector.fromMemorySegment(sp, amps, base + ia1, Lanes.ORDER);
                    DoubleVector x2 = DoubleVector.fromMemorySegment(sp, amps, base + ib0, Lanes.ORDER);
                    DoubleVector x3 = DoubleVector.fromMemorySegment(sp, amps, base + ib1, Lanes.ORDER);
                    DoubleVector s0 = x0.rearrange(swap), s1 = x1.rearrange(swap);
                    DoubleVector y0 = i01.fma(s1, r01.fma(x1, i00.fma(s0, r00.mul(x0))));
                    DoubleVector y1 = i11.fma(s1, r11.fma(x1, i10.fma(s0, r10.mul(x0))));
                    DoubleVector s2 = x2.rearrange(swap), s3 = x3.rearrange(swap);
                    DoubleVector y2 = i01.fma(s3, r01.fma(x3, i00.fma(s2, r00.mul(x2))));
                    DoubleVector y3 = i11.fma(s3, r11.fma(x3, i10.fma(s2, r10.mul(x2))));
                    y0.intoMemorySegment(amps, base + oa0, Lanes.ORDER);
                    y1.intoMemorySegment(amps, base + oa1, Lanes.ORDER);
                    y2.intoMemorySegment(amps, base + ob0, Lanes.ORDER);
                    y3.intoMemorySegment(amps, base + ob1, Lanes.ORDER);
                    base += step;
                } while (base < last);
                grp = end;
            }
        }
    }

    /** Each pair with its own 2×2 (a diagonal on one side, as a cz or rz next to a rotation). */
    static final class Two extends RunKernel {
        Two(GateGeometry g, Matrix m, int[] cols, int[] rows) {
            super(g, m, cols, rows);
        }

        @Override
        public void run(MemorySegment amps, long from, long to) {
            var sp = Lanes.SPECIES;
            DoubleVector sign = Lanes.I_SIGN;
            DoubleVector ar00 = DoubleVector.broadcast(sp, a[0]), ai00 = sign.mul(a[1]), ar01 = DoubleVector.broadcast(sp, a[2]), ai01 = sign.mul(a[3]);
            DoubleVector ar10 = DoubleVector.broadcast(sp, a[4]), ai10 = sign.mul(a[5]), ar11 = DoubleVector.broadcast(sp, a[6]), ai11 = sign.mul(a[7]);
            DoubleVector br00 = DoubleVector.broadcast(sp, b[0]), bi00 = sign.mul(b[1]), br01 = DoubleVector.broadcast(sp, b[2]), bi01 = sign.mul(b[3]);
            DoubleVector br10 = DoubleVector.broadcast(sp, b[4]), bi10 = sign.mul(b[5]), br11 = DoubleVector.broadcast(sp, b[6]), bi11 = sign.mul(b[7]);
            VectorShuffle<Double> swap = Lanes.SWAP_RE_IM;
            GateGeometry g = geometry;
            final long ia0 = inA0, ia1 = inA1, ib0 = inB0, ib1 = inB1, oa0 = outA0, oa1 = outA1, ob0 = outB0, ob1 = outB1;
            final long step = g.longRuns() ? g.stepBytes : 0;
            for (long grp = from; grp < to; ) {
                // Run by run over byte offsets where the layout allows, else one group per "run".
                long end = step != 0 ? g.runEnd(grp, to) : grp + 1;
                long base = Lanes.offset(g.base(grp)), last = base + (end - grp) * step;
                do {
                    DoubleVector x0 = DoubleVector.fromMemorySegment(sp, amps, base + ia0, Lanes.ORDER);
                    DoubleVector x1 = DoubleVector.fromMemorySegment(sp, amps, base + ia1, Lanes.ORDER);
                    DoubleVector x2 = DoubleVector.fromMemorySegment(sp, amps, base + ib0, Lanes.ORDER);
                    DoubleVector x3 = DoubleVector.fromMemorySegment(sp, amps, base + ib1, Lanes.ORDER);
                    DoubleVector s0 = x0.rearrange(swap), s1 = x1.rearrange(swap), s2 = x2.rearrange(swap), s3 = x3.rearrange(swap);
                    DoubleVector y0 = ai01.fma(s1, ar01.fma(x1, ai00.fma(s0, ar00.mul(x0))));
                    DoubleVector y1 = ai11.fma(s1, ar11.fma(x1, ai10.fma(s0, ar10.mul(x0))));
                    DoubleVector y2 = bi01.fma(s3, br01.fma(x3, bi00.fma(s2, br00.mul(x2))));
                    DoubleVector y3 = bi11.fma(s3, br11.fma(x3, bi10.fma(s2, br10.mul(x2))));
                    y0.intoMemorySegment(amps, base + oa0, Lanes.ORDER);
                    y1.intoMemorySegment(amps, base + oa1, Lanes.ORDER);
                    y2.intoMemorySegment(amps, base + ob0, Lanes.ORDER);
                    y3.intoMemorySegment(amps, base + ob1, Lanes.ORDER);
                    base += step;
                } while (base < last);
                grp = end;
            }
        }
    }
}

