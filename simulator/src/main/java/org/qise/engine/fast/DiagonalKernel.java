package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;
import org.qise.circuit.Matrix;

/**
 * A diagonal unitary (p, rz, cz, cp, rzz, fused phase blocks of up to ten qubits…): each
 * amplitude is multiplied by its own diagonal entry, one lane-wise complex product per vector,
 * in place.
 *
 * <p>Unlike the mixing kernels it sweeps the vectors in memory order: every vector is
 * independent, and a sequential sweep keeps the hardware prefetcher and the TLB happy even when
 * the block spans ten far-apart qubits (grouping would jump between 1024 distant vectors). The
 * entry of a vector is found by gathering its high target bits ({@link Long#compress}, one
 * instruction on x86) once per run of vectors that share it; runs whose high controls are not
 * all set, or whose entries are all exactly 1 (the control-0 half of cp), are skipped without
 * being read. Where every entry is real (cz, z and their products: random's cz layers) a vector
 * is only multiplied lane by lane, with no re↔im swap.
 */
final class DiagonalKernel extends Kernel {
    /** Vector-index bits of the high targets and of the high controls. */
    private final long targetBits, controlBits;
    /** Per gathered high-target value c: whether it changes anything, and its coefficient vectors. */
    private final boolean[] changes;
    private final double[] coefRe, coefIm;
    /** Whether every entry is real (cz, z, products of them): a vector then needs one multiply, no re↔im swap. */
    private final boolean real;
    /** For {@link #blocks}: the coefficient index of vector i of an aligned block, from its low bits alone. */
    private final int[] blockEntry;
    /**
     * For {@link #blocks}, where at most {@link #MAX_TABLE_BITS_ABOVE} targets lie above a block:
     * the coefficients of every vector of a block (re then im vector), for each value of those
     * targets, so that a vector's coefficients are the next in the table rather than a pick
     * through {@link #blockEntry} (as {@link FloatBlocks.Diagonal} does). Made on the first run
     * that needs it ({@link #table()}), not when the kernel is built: a single-precision plan
     * builds its double kernels too and never runs them, and a table is up to 256 KiB.
     */
    private volatile MemorySegment table;
    /** Whether the kernel walks its blocks from {@link #table}: target bits above a block, at most two of them, and no control. */
    private final boolean tabled;
    /** At most 4 × 256 pairs of coefficient vectors (256 KiB with 512-bit vectors). */
    private static final int MAX_TABLE_BITS_ABOVE = 2;

    DiagonalKernel(GateGeometry g, Matrix m) {
        this(g, diagonalRe(m), diagonalIm(m));
    }

    /** @param diagRe, diagIm the diagonal entries, indexed like the matrix (bit j = j-th target) */
    DiagonalKernel(GateGeometry g, double[] diagRe, double[] diagIm) {
        super(g);
        long tb = 0;
        for (int q : g.highQubits) tb |= 1L << (q - Lanes.LOW_QUBITS);
        targetBits = tb;
        controlBits = g.controlVectorMask();
        int values = 1 << g.highCount();
        changes = new boolean[values];
        coefRe = new double[values * Lanes.DOUBLES];
        coefIm = new double[values * Lanes.DOUBLES];
        boolean allReal = true;
        // The matrix index is the OR of a part from c and a part from the lane. c has the high
        // target bits in ascending qubit order: bit j of c is the target highQubits[i] with that
        // rank, whose matrix bit is matrixIndex(1 << i, 0). Each c's part is then the part of c
        // without its lowest bit plus that bit's: one OR an entry (a 10-qubit phase block has 2^10).
        int[] bitPart = new int[Long.bitCount(tb)];
        for (int j = 0; j < bitPart.length; j++) {
            int q = Long.numberOfTrailingZeros(Long.expand(1L << j, tb)) + Lanes.LOW_QUBITS;
            for (int i = 0; i < g.highQubits.length; i++) if (g.highQubits[i] == q) bitPart[j] = g.matrixIndex(1 << i, 0);
        }
        int[] highPart = new int[values], lanePart = new int[Lanes.AMPS];
        for (int c = 1; c < values; c++) highPart[c] = highPart[c & (c - 1)] | bitPart[Integer.numberOfTrailingZeros(c)];
        for (int a = 0; a < Lanes.AMPS; a++) lanePart[a] = g.matrixIndex(0, g.laneLocal(a));
        for (int c = 0; c < values; c++) {
            boolean identity = true;
            for (int a = 0; a < Lanes.AMPS; a++) {
                double cr = 1, ci = 0;
                if (g.laneActive(a)) {
                    int idx = highPart[c] | lanePart[a];
                    cr = diagRe[idx];
                    ci = diagIm[idx];
                }
                int o = c * Lanes.DOUBLES + 2 * a;
                coefRe[o] = cr;
                coefRe[o + 1] = cr;
                coefIm[o] = -ci; // multiplies the re↔im swapped input: (−ci·im, ci·re)
                coefIm[o + 1] = ci;
                identity &= cr == 1 && ci == 0;
                allReal &= ci == 0;
            }
            changes[c] = !identity;
        }
        real = allReal;
        blockEntry = new int[(int) BLOCK_VECTORS];
        for (int i = 0; i < blockEntry.length; i++) blockEntry[i] = (int) Long.compress(i, tb & (BLOCK_VECTORS - 1));
        tabled = controlBits == 0 && (tb & (BLOCK_VECTORS - 1)) != 0 && Long.bitCount(tb & -BLOCK_VECTORS) <= MAX_TABLE_BITS_ABOVE
                && g.vectors >= BLOCK_VECTORS;
    }

    /** {@link #table}, made on first use; two threads may both make it, the same values either way. */
    private MemorySegment table() {
        MemorySegment t = table;
        if (t != null) return t;
        long tb = targetBits;
        int above = Long.bitCount(tb & -BLOCK_VECTORS), lowCount = Long.bitCount(tb & (BLOCK_VECTORS - 1)), d = Lanes.DOUBLES;
        double[] v = new double[(int) ((BLOCK_VECTORS << above) * 2 * d)];
        for (int hv = 0; hv < 1 << above; hv++)
            for (int i = 0; i < BLOCK_VECTORS; i++) {
                int c = (hv << lowCount) + blockEntry[i], at = (int) ((hv * BLOCK_VECTORS + i) * 2 * d);
                System.arraycopy(coefRe, c * d, v, at, d);
                System.arraycopy(coefIm, c * d, v, at + d, d);
            }
        return table = LoopConstants.doubles(v);
    }

    static double[] diagonalRe(Matrix m) {
        double[] d = new double[m.dim()];
        for (int i = 0; i < d.length; i++) d[i] = m.re(i, i);
        return d;
    }

    static double[] diagonalIm(Matrix m) {
        double[] d = new double[m.dim()];
        for (int i = 0; i < d.length; i++) d[i] = m.im(i, i);
        return d;
    }

    /** Every vector is its own group: the range is a range of vector indices. */
    @Override
    public long units() { return geometry.vectors; }

    @Override
    int vectorsPerGroup() { return 1; }

    /** Any tile: a diagonal multiplies each vector on its own. */
    @Override
    public long tileUnits(int tileVectorBits) { return 1L << tileVectorBits; }

    /**
     * Runs of fewer vectors than this (a target or control on the lowest two vector bits) are not
     * worth a loop each: a run cost about 22 cycles besides its vectors, so rz on qubit 1 of 18 in
     * double (AVX2, runs of one vector) took 532 µs against 87 on qubit 0; vector by vector it
     * takes 303, and 304 on qubit 2 (366 in runs of two). Runs of four (qubit 3) measured level
     * either way (298 / 306 µs), and of eight faster in runs (177 / 307 µs). With no control,
     * targets on the lowest vector bits do better still, column by column ({@link #columns}) or
     * block by block ({@link #blocks}); this is for a control on a low vector bit, which only a
     * controlled diagonal too wide for {@link KernelPlanner} to make a plain one still has.
     */
    private static final long SHORT_RUN = 2;

    /** One vector at a time, its coefficient looked up for each: for short runs. */
    private void vectorByVector(MemorySegment amps, long from, long to) {
        final int D = Lanes.DOUBLES;
        final long tb = targetBits, cb = controlBits;
        final boolean[] ch = changes;
        final double[] re = coefRe, im = coefIm;
        final var swap = Lanes.SWAP_RE_IM;
        for (long v = from; v < to; v++) {
            int c = (int) Long.compress(v, tb);
            if ((v & cb) != cb || !ch[c]) continue;
            long b = Lanes.offset(v);
            DoubleVector cr = DoubleVector.fromArray(Lanes.SPECIES, re, c * D);
            if (real) {
                scale(amps, b, cr);
            } else {
                DoubleVector ci = DoubleVector.fromArray(Lanes.SPECIES, im, c * D);
                DoubleVector x = DoubleVector.fromMemorySegment(Lanes.SPECIES, amps, b, Lanes.ORDER);
                x.rearrange(swap).fma(ci, x.mul(cr)).intoMemorySegment(amps, b, Lanes.ORDER);
            }
        }
    }

    @Override
    public void run(MemorySegment amps, long from, long to) {
        final long low = targetBits & (BLOCK_VECTORS - 1);
        if (controlBits == 0 && low != 0 && low < COLUMN_TARGETS) {
            // Targets on the three lowest vector bits, the others (if any) above a block, no control:
            // whole blocks column by column, the ragged ends of the range in runs.
            long first = Math.min(to, (from + BLOCK_VECTORS - 1) & -BLOCK_VECTORS), last = Math.max(first, to & -BLOCK_VECTORS);
            if (from < first) runs(amps, from, first);
            for (long v = first; v < last; v += BLOCK_VECTORS) columns(amps, v);
            if (last < to) runs(amps, last, to);
        } else {
            runs(amps, from, to);
        }
    }

    /** Target bits within a block (all below this) that {@link #columns} takes: runs of one, two or four vectors. */
    private static final long COLUMN_TARGETS = 8;
    /** Vectors a block of {@link #columns}: 8 KiB of 256-bit vectors, well inside a stretch between two gaps. */
    private static final long BLOCK_VECTORS = Math.min(Lanes.PAD_EVERY_VECTORS, 256);

    /**
     * One aligned block of {@link #BLOCK_VECTORS} vectors for a diagonal whose targets in the block
     * all sit on vector bits 0 to 2: the vectors of a block that agree in the bits up to the
     * highest of them share a coefficient, so each such column (vectors 2, 4 or 8 apart) is a
     * counted loop down the block with its coefficients in registers (the float kernel's way with
     * short runs, {@link FloatGateKernel}). Vector by vector or run by run, rz on qubit 3 of 18
     * (double, AVX2: runs of four) took 298–307 µs against 87 on qubit 0; a phase block on qubits
     * 0, 1 and 13–18 of 20 (random's cz) 1350–1380 µs against 650–980.
     */
    private void columns(MemorySegment amps, long v0) {
        final int D = Lanes.DOUBLES;
        // The coefficient repeats every 2, 4 or 8 vectors: as many columns, each that far apart.
        final int columns = 2 * (int) Long.highestOneBit(targetBits & (BLOCK_VECTORS - 1));
        final long vb = Lanes.VECTOR_BYTES, stride = columns * vb, rows = BLOCK_VECTORS / columns;
        final long base = Lanes.offset(v0);
        final int high = (int) Long.compress(v0, targetBits);
        final var swap = Lanes.SWAP_RE_IM;
        for (int m = 0; m < columns; m++) {
            final int c = high + blockEntry[m];
            if (!changes[c]) continue;
            DoubleVector cr = DoubleVector.fromArray(Lanes.SPECIES, coefRe, c * D);
            DoubleVector ci = DoubleVector.fromArray(Lanes.SPECIES, coefIm, c * D);
            long at = base + m * vb;
            for (long j = 0; j < rows; j++, at += stride) {
                DoubleVector x = DoubleVector.fromMemorySegment(Lanes.SPECIES, amps, at, Lanes.ORDER);
                (real ? x.mul(cr) : x.rearrange(swap).fma(ci, x.mul(cr))).intoMemorySegment(amps, at, Lanes.ORDER);
            }
        }
    }

    /** Vectors [from, to) run by run (or one by one where runs are shortest). */
    private void runs(MemorySegment amps, long from, long to) {
        final int D = Lanes.DOUBLES;
        final long tb = targetBits, cb = controlBits;
        final boolean[] ch = changes;
        final double[] re = coefRe, im = coefIm;
        // Consecutive vectors below the lowest high target or control bit share one coefficient:
        // look it up once per such run, and skip whole runs that it leaves unchanged.
        // Runs also end at the layout's gaps, so that a run is one stretch of bytes.
        final long runMask = (tb | cb) == 0 ? Lanes.PAD_EVERY_VECTORS - 1 : Math.min(Long.lowestOneBit(tb | cb), Lanes.PAD_EVERY_VECTORS) - 1;
        if (cb == 0 && runMask < BLOCK_RUN) {
            blocks(amps, from, to);
            return;
        }
        if (runMask < SHORT_RUN) {
            vectorByVector(amps, from, to);
            return;
        }
        final long step = Lanes.VECTOR_BYTES;
        final var swap = Lanes.SWAP_RE_IM;
        for (long v = from; v < to; ) {
            long end = Math.min(to, (v | runMask) + 1);
            int c = (int) Long.compress(v, tb);
            if ((v & cb) == cb && ch[c]) {
                DoubleVector cr = DoubleVector.fromArray(Lanes.SPECIES, re, c * D);
                DoubleVector ci = DoubleVector.fromArray(Lanes.SPECIES, im, c * D);
                long b = Lanes.offset(v), last = b + (end - v) * step;
                if (real) {
                    for (; b < last; b += step) scale(amps, b, cr);
                } else {
                    for (; b < last; b += step) {
                        DoubleVector x = DoubleVector.fromMemorySegment(Lanes.SPECIES, amps, b, Lanes.ORDER);
                        x.rearrange(swap).fma(ci, x.mul(cr)).intoMemorySegment(amps, b, Lanes.ORDER);
                    }
                }
            }
            v = end;
        }
    }

    /**
     * Runs shorter than this (a target on one of the lowest vector bits) are walked block by
     * block when there is no control ({@link #blocks}).
     */
    private static final long BLOCK_RUN = 8;

    /**
     * Vectors [from, to) an aligned block of {@link #BLOCK_VECTORS} at a time, every vector with
     * its own coefficient: the high bits of a block give one part of the index, a table of the
     * block's low bits the other ({@code compress} of a sum of disjoint bits is the sum of the
     * parts), so the loop has no per-run set-up and no branch. Entries equal to 1 are multiplied
     * too: for a real diagonal that is exact (the same bits as skipping them); for a complex one
     * it can only turn a −0 into +0. Runs of four vectors (a fused phase block on qubits 3 to 12
     * of 20, as random's cz layers make) cost about 22 cycles of set-up each in {@link #runs}.
     */
    private void blocks(MemorySegment amps, long from, long to) {
        final int D = Lanes.DOUBLES;
        final long tb = targetBits, step = Lanes.VECTOR_BYTES, B = BLOCK_VECTORS;
        final int[] entry = blockEntry;
        final double[] re = coefRe, im = coefIm;
        final var swap = Lanes.SWAP_RE_IM;
        final boolean fours = Long.numberOfTrailingZeros(tb) == 2;
        final int lowCount = Long.bitCount(tb & (B - 1));
        final MemorySegment tab = tabled ? table() : null;
        for (long v0 = from & -B; v0 < to; v0 += B) {
            final int high = (int) Long.compress(v0, tb);
            int i = (int) Math.max(from - v0, 0);
            final int end = (int) Math.min(to - v0, B);
            long b = Lanes.offset(v0 + i);
            if (tab != null) {
                fromTable(amps, tab, b, end - i, ((high >>> lowCount) * B + i) * 2 * step);
            } else if (real) {
                // Where runs are four vectors long (the lowest target on vector bit 2), the
                // whole runs in the middle take one coefficient load each.
                final int headEnd = fours ? Math.min(end, (i + 3) & -4) : end;
                final int bodyEnd = fours ? headEnd + ((end - headEnd) & -4) : headEnd;
                for (; i < headEnd; i++, b += step) scale(amps, b, DoubleVector.fromArray(Lanes.SPECIES, re, (high + entry[i]) * D));
                for (; i < bodyEnd; i += 4, b += 4 * step) {
                    DoubleVector cr = DoubleVector.fromArray(Lanes.SPECIES, re, (high + entry[i]) * D);
                    scale(amps, b, cr);
                    scale(amps, b + step, cr);
                    scale(amps, b + 2 * step, cr);
                    scale(amps, b + 3 * step, cr);
                }
                for (; i < end; i++, b += step) scale(amps, b, DoubleVector.fromArray(Lanes.SPECIES, re, (high + entry[i]) * D));
            } else {
                for (; i < end; i++, b += step) {
                    int c = (high + entry[i]) * D;
                    DoubleVector cr = DoubleVector.fromArray(Lanes.SPECIES, re, c);
                    DoubleVector ci = DoubleVector.fromArray(Lanes.SPECIES, im, c);
                    DoubleVector x = DoubleVector.fromMemorySegment(Lanes.SPECIES, amps, b, Lanes.ORDER);
                    x.rearrange(swap).fma(ci, x.mul(cr)).intoMemorySegment(amps, b, Lanes.ORDER);
                }
            }
        }
    }

    /**
     * {@code count} vectors from byte b, each times the next coefficients of the table {@code c}
     * ({@link #table}) from byte t: the same coefficients and arithmetic as the picks of
     * {@link #blocks}, so the same bits. random's phase block on qubits 1–10 of 20 took 1050–1150
     * µs a pass by picks, 390–470 from the table (scratch {@code DiagOnly}).
     */
    private void fromTable(MemorySegment amps, MemorySegment c, long b, int count, long t) {
        final long step = Lanes.VECTOR_BYTES;
        final var swap = Lanes.SWAP_RE_IM;
        for (int k = 0; k < count; k++, b += step, t += 2 * step) {
            DoubleVector x = DoubleVector.fromMemorySegment(Lanes.SPECIES, amps, b, Lanes.ORDER);
            DoubleVector cr = DoubleVector.fromMemorySegment(Lanes.SPECIES, c, t, Lanes.ORDER);
            (real ? x.mul(cr) : x.rearrange(swap).fma(DoubleVector.fromMemorySegment(Lanes.SPECIES, c, t + step, Lanes.ORDER), x.mul(cr)))
                    .intoMemorySegment(amps, b, Lanes.ORDER);
        }
    }

    /** One vector times real coefficients, lane by lane. */
    private static void scale(MemorySegment amps, long b, DoubleVector c) {
        DoubleVector.fromMemorySegment(Lanes.SPECIES, amps, b, Lanes.ORDER).mul(c).intoMemorySegment(amps, b, Lanes.ORDER);
    }
}
