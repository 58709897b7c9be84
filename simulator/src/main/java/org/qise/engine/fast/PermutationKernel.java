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
    private final VectorShuffle<Double>[][] pieceShuffle;
    private final VectorMask<Double>[][] pieceMask;
    /** Input combinations any changed output reads. */
    private final int[] inputs;

    @SuppressWarnings("unchecked")
    PermutationKernel(GateGeometry g, Matrix m) {
        super(g);
        int blocks = g.offsets.length;
        List<Integer> outs = new ArrayList<>();
        List<int[]> sources = new ArrayList<>();
        List<VectorShuffle<Double>[]> shuffles = new ArrayList<>();
        List<VectorMask<Double>[]> masks = new ArrayList<>();
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
            VectorShuffle<Double>[] sh = new VectorShuffle[hs.size()];
            VectorMask<Double>[] mk = new VectorMask[hs.size()];
            for (int i = 0; i < hs.size(); i++) {
                int h = hs.get(i);
                src[i] = h;
                read[h] = true;
                int[] idx = new int[Lanes.DOUBLES];
                boolean[] lanes = new boolean[Lanes.DOUBLES];
                for (int lane = 0; lane < Lanes.DOUBLES; lane++) {
                    int a = lane >> 1;
                    idx[lane] = 2 * (fromH[a] == h ? fromLane[a] : a) + (lane & 1);
                    lanes[lane] = fromH[a] == h;
                }
                sh[i] = VectorShuffle.fromArray(Lanes.SPECIES, idx, 0);
                mk[i] = VectorMask.fromArray(Lanes.SPECIES, lanes, 0);
            }
            outs.add(hOut);
            sources.add(src);
            shuffles.add(sh);
            masks.add(mk);
        }
        outputs = outs.stream().mapToInt(Integer::intValue).toArray();
        pieceSource = sources.toArray(new int[0][]);
        pieceShuffle = shuffles.toArray(new VectorShuffle[0][]);
        pieceMask = masks.toArray(new VectorMask[0][]);
        List<Integer> in = new ArrayList<>();
        for (int h = 0; h < blocks; h++) if (read[h]) in.add(h);
        inputs = in.stream().mapToInt(Integer::intValue).toArray();
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
    void run(MemorySegment amps, long from, long to) {
        final int D = Lanes.DOUBLES;
        long[] offsets = geometry.offsets;
        double[] scratch = new double[offsets.length * D];
        for (long grp = from; grp < to; grp++) {
            long base = geometry.base(grp);
            for (int h : inputs) Lanes.load(amps, base + offsets[h]).intoArray(scratch, h * D);
            for (int o = 0; o < outputs.length; o++) {
                int[] src = pieceSource[o];
                VectorShuffle<Double>[] sh = pieceShuffle[o];
                VectorMask<Double>[] mk = pieceMask[o];
                DoubleVector out = DoubleVector.fromArray(Lanes.SPECIES, scratch, src[0] * D).rearrange(sh[0]);
                for (int i = 1; i < src.length; i++) {
                    out = out.blend(DoubleVector.fromArray(Lanes.SPECIES, scratch, src[i] * D).rearrange(sh[i]), mk[i]);
                }
                Lanes.store(out, amps, base + offsets[outputs[o]]);
            }
        }
    }
}
