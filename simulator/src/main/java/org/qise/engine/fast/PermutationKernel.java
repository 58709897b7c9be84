package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import org.qise.circuit.Matrix;

/**
 * A permutation gate (x, cx, swap, ccx, cswap…: every entry 0 or exactly 1): amplitudes are
 * only moved, never multiplied. Each output vector is assembled from lane shuffles of the input
 * vectors it draws on, blended by lane masks; outputs that equal their input are skipped.
 */
final class PermutationKernel extends Kernel {
    /** Output combinations that change, and for each the pieces (source h, shuffle, lane mask). */
    private final int[] outputs;
    private final int[][] pieceSource;
    /** Shuffle indices (lane numbers, DOUBLES per piece) and lane masks, rebuilt into vector types at use (see DenseKernel). */
    private final long[][] pieceShuffle;
    private final boolean[][] pieceMask;
    /** Input combinations any changed output reads. */
    private final int[] inputs;
    /** The two-vector exchange (x on a high target, any controls): lane masks of the exchanged lanes. */
    private final boolean exchange;
    private final boolean[] exchangeMask;

    PermutationKernel(GateGeometry g, Matrix m) {
        super(g);
        int blocks = g.offsets.length;
        List<Integer> outs = new ArrayList<>();
        List<int[]> sources = new ArrayList<>();
        List<long[]> shuffles = new ArrayList<>();
        List<boolean[]> masks = new ArrayList<>();
        boolean[] read = new boolean[blocks];
        for (int hOut = 0; hOut < blocks; hOut++) {
            // For each lane amplitude: which input vector and which lane it comes from.
            int[] fromH = new int[Lanes.AMPS], fromLane = new int[Lanes.AMPS];
            boolean identity = true;
            for (int a = 0; a < Lanes.AMPS; a++) {
                fromH[a] = hOut;
                fromLane[a] = a;
                if (g.laneActive(a)) {
                    int row = g.matrixIndex(hOut, g.laneLocal(a));
                    int col = sourceColumn(m, row);
                    for (int h = 0; h < blocks; h++) {
                        for (int l = 0; l < 1 << g.lowCount(); l++) {
                            if (g.matrixIndex(h, l) == col) {
                                fromH[a] = h;
                                fromLane[a] = (a & ~g.laneXor((1 << g.lowCount()) - 1)) | g.laneXor(l);
                            }
                        }
                    }
                }
                identity &= fromH[a] == hOut && fromLane[a] == a;
            }
            if (identity) continue;
            List<Integer> hs = new ArrayList<>();
            for (int a = 0; a < Lanes.AMPS; a++) if (!hs.contains(fromH[a])) hs.add(fromH[a]);
            int[] src = new int[hs.size()];
            long[] sh = new long[hs.size() * Lanes.DOUBLES];
            boolean[] mk = new boolean[hs.size() * Lanes.DOUBLES];
            for (int i = 0; i < hs.size(); i++) {
                int h = hs.get(i);
                src[i] = h;
                read[h] = true;
                for (int lane = 0; lane < Lanes.DOUBLES; lane++) {
                    int a = lane >> 1;
                    sh[i * Lanes.DOUBLES + lane] = 2 * (fromH[a] == h ? fromLane[a] : a) + (lane & 1);
                    mk[i * Lanes.DOUBLES + lane] = fromH[a] == h;
                }
            }
            outs.add(hOut);
            sources.add(src);
            shuffles.add(sh);
            masks.add(mk);
        }
        outputs = outs.stream().mapToInt(Integer::intValue).toArray();
        pieceSource = sources.toArray(new int[0][]);
        pieceShuffle = shuffles.toArray(new long[0][]);
        pieceMask = masks.toArray(new boolean[0][]);
        List<Integer> in = new ArrayList<>();
        for (int h = 0; h < blocks; h++) if (read[h]) in.add(h);
        inputs = in.stream().mapToInt(Integer::intValue).toArray();
        exchange = blocks == 2 && outputs.length == 2 && isExchange();
        exchangeMask = new boolean[Lanes.DOUBLES];
        if (exchange) {
            // Output 0 takes the lanes of piece "from vector 1" out of vector 1, the rest stays.
            for (int i = 0; i < pieceSource[0].length; i++) {
                if (pieceSource[0][i] == 1) System.arraycopy(pieceMask[0], i * Lanes.DOUBLES, exchangeMask, 0, Lanes.DOUBLES);
            }
        }
    }

    /** Whether both outputs only take lanes straight across from the other vector (no lane moves, same lanes). */
    private boolean isExchange() {
        for (int o = 0; o < 2; o++) {
            for (int i = 0; i < Lanes.DOUBLES * pieceSource[o].length; i++) {
                if (pieceShuffle[o][i] != (i % Lanes.DOUBLES)) return false;
            }
        }
        return true;
    }

    /** The column holding the single 1 of a permutation matrix's row. */
    private static int sourceColumn(Matrix m, int row) {
        for (int c = 0; c < m.dim(); c++) if (m.re(row, c) == 1) return c;
        throw new IllegalArgumentException("not a permutation matrix");
    }

    /** Whether every entry is 0 or exactly 1 with one 1 per row and column. */
    static boolean isPermutation(Matrix m) {
        int dim = m.dim();
        boolean[] colUsed = new boolean[dim];
        for (int r = 0; r < dim; r++) {
            int ones = 0;
            for (int c = 0; c < dim; c++) {
                double re = m.re(r, c), im = m.im(r, c);
                if (im != 0 || (re != 0 && re != 1)) return false;
                if (re == 1) {
                    if (colUsed[c]) return false;
                    colUsed[c] = true;
                    ones++;
                }
            }
            if (ones != 1) return false;
        }
        return true;
    }

    @Override
    int vectorsPerGroup() { return inputs.length; }

    @Override
    public void run(MemorySegment amps, long from, long to) {
        if (outputs.length == 0) return; // the identity
        if (exchange) {
            runExchange(amps, from, to);
            return;
        }
        if (geometry.offsets.length == 1) {
            runInVector(amps, from, to);
            return;
        }
        final int D = Lanes.DOUBLES;
        long[] offsets = geometry.offsets;
        double[] scratch = new double[offsets.length * D];
        for (long grp = from; grp < to; grp++) {
            long base = geometry.base(grp);
            for (int h : inputs) Lanes.load(amps, base + offsets[h]).intoArray(scratch, h * D);
            for (int o = 0; o < outputs.length; o++) {
                int[] src = pieceSource[o];
                long[] sh = pieceShuffle[o];
                boolean[] mk = pieceMask[o];
                DoubleVector out = DoubleVector.fromArray(Lanes.SPECIES, scratch, src[0] * D)
                        .rearrange(Lanes.shuffle(sh, 0));
                for (int i = 1; i < src.length; i++) {
                    DoubleVector piece = DoubleVector.fromArray(Lanes.SPECIES, scratch, src[i] * D)
                            .rearrange(Lanes.shuffle(sh, i * D));
                    out = out.blend(piece, VectorMask.fromArray(Lanes.SPECIES, mk, i * D));
                }
                Lanes.store(out, amps, base + offsets[outputs[o]]);
            }
        }
    }

    /** x / cx / ccx… on a high target: exchange (the controlled lanes of) two vectors. */
    private void runExchange(MemorySegment amps, long from, long to) {
        VectorMask<Double> m = VectorMask.fromArray(Lanes.SPECIES, exchangeMask, 0);
        GateGeometry g = geometry;
        final long off = g.byteOffsets[1], step = g.stepBytes;
        var sp = Lanes.SPECIES;
        if (!g.longRuns()) {
            for (long grp = from; grp < to; grp++) {
                long b = Lanes.offset(g.base(grp));
                DoubleVector x0 = DoubleVector.fromMemorySegment(sp, amps, b, Lanes.ORDER);
                DoubleVector x1 = DoubleVector.fromMemorySegment(sp, amps, b + off, Lanes.ORDER);
                x0.blend(x1, m).intoMemorySegment(amps, b, Lanes.ORDER);
                x1.blend(x0, m).intoMemorySegment(amps, b + off, Lanes.ORDER);
            }
            return;
        }
        for (long grp = from; grp < to; ) {
            long end = g.runEnd(grp, to);
            long b = Lanes.offset(g.base(grp));
            for (int u = 0, units = (int) (end - grp); u < units; u++, b += step) {
                DoubleVector x0 = DoubleVector.fromMemorySegment(sp, amps, b, Lanes.ORDER);
                DoubleVector x1 = DoubleVector.fromMemorySegment(sp, amps, b + off, Lanes.ORDER);
                x0.blend(x1, m).intoMemorySegment(amps, b, Lanes.ORDER);
                x1.blend(x0, m).intoMemorySegment(amps, b + off, Lanes.ORDER);
            }
            grp = end;
        }
    }

    /** Only low targets: one lane shuffle per vector. */
    private void runInVector(MemorySegment amps, long from, long to) {
        VectorShuffle<Double> sh = Lanes.shuffle(pieceShuffle[0], 0);
        GateGeometry g = geometry;
        final long step = g.stepBytes;
        var sp = Lanes.SPECIES;
        if (!g.longRuns()) {
            for (long grp = from; grp < to; grp++) {
                long b = Lanes.offset(g.base(grp));
                DoubleVector.fromMemorySegment(sp, amps, b, Lanes.ORDER).rearrange(sh).intoMemorySegment(amps, b, Lanes.ORDER);
            }
            return;
        }
        for (long grp = from; grp < to; ) {
            long end = g.runEnd(grp, to);
            long b = Lanes.offset(g.base(grp));
            for (int u = 0, units = (int) (end - grp); u < units; u++, b += step) {
                DoubleVector.fromMemorySegment(sp, amps, b, Lanes.ORDER).rearrange(sh).intoMemorySegment(amps, b, Lanes.ORDER);
            }
            grp = end;
        }
    }
}
