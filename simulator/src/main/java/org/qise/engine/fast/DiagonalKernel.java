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
 * being read.
 */
final class DiagonalKernel extends Kernel {
    /** Vector-index bits of the high targets and of the high controls. */
    private final long targetBits, controlBits;
    /** Per gathered high-target value c: whether it changes anything, and its coefficient vectors. */
    private final boolean[] changes;
    private final double[] coefRe, coefIm;

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
        for (int c = 0; c < values; c++) {
            // c has the high target bits in ascending qubit order; h lists them in target order.
            long spread = Long.expand(c, tb);
            int h = 0;
            for (int i = 0; i < g.highQubits.length; i++) {
                if ((spread >> (g.highQubits[i] - Lanes.LOW_QUBITS) & 1) == 1) h |= 1 << i;
            }
            boolean identity = true;
            for (int a = 0; a < Lanes.AMPS; a++) {
                double cr = 1, ci = 0;
                if (g.laneActive(a)) {
                    int idx = g.matrixIndex(h, g.laneLocal(a));
                    cr = diagRe[idx];
                    ci = diagIm[idx];
                }
                int o = c * Lanes.DOUBLES + 2 * a;
                coefRe[o] = cr;
                coefRe[o + 1] = cr;
                coefIm[o] = -ci; // multiplies the re↔im swapped input: (−ci·im, ci·re)
                coefIm[o + 1] = ci;
                identity &= cr == 1 && ci == 0;
            }
            changes[c] = !identity;
        }
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
     * either way (298 / 306 µs), and of eight faster in runs (177 / 307 µs).
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
            DoubleVector cr = DoubleVector.fromArray(Lanes.SPECIES, re, c * D);
            DoubleVector ci = DoubleVector.fromArray(Lanes.SPECIES, im, c * D);
            long b = Lanes.offset(v);
            DoubleVector x = DoubleVector.fromMemorySegment(Lanes.SPECIES, amps, b, Lanes.ORDER);
            x.rearrange(swap).fma(ci, x.mul(cr)).intoMemorySegment(amps, b, Lanes.ORDER);
        }
    }

    @Override
    public void run(MemorySegment amps, long from, long to) {
        final int D = Lanes.DOUBLES;
        final long tb = targetBits, cb = controlBits;
        final boolean[] ch = changes;
        final double[] re = coefRe, im = coefIm;
        // Consecutive vectors below the lowest high target or control bit share one coefficient:
        // look it up once per such run, and skip whole runs that it leaves unchanged.
        // Runs also end at the layout's gaps, so that a run is one stretch of bytes.
        final long runMask = (tb | cb) == 0 ? Lanes.PAD_EVERY_VECTORS - 1 : Math.min(Long.lowestOneBit(tb | cb), Lanes.PAD_EVERY_VECTORS) - 1;
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
                for (; b < last; b += step) {
                    DoubleVector x = DoubleVector.fromMemorySegment(Lanes.SPECIES, amps, b, Lanes.ORDER);
                    x.rearrange(swap).fma(ci, x.mul(cr)).intoMemorySegment(amps, b, Lanes.ORDER);
                }
            }
            v = end;
        }
    }
}
