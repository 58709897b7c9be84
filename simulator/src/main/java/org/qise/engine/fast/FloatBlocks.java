package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.qise.circuit.Matrix;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float kernels for the fused blocks of a stage, so that a single-precision stage runs in float
 * from start to end: its chunk is copied (not widened) into the scratch, and each block's matrix
 * is rounded to float once, when the kernel is built. Blocks with no float kernel (a gate with
 * controls and several targets, a dense block wider than {@link #MAX_DENSE} or with more than two
 * qubits above the vector, see {@link FloatDenseKernels#fits}) leave the stage on
 * the widening path ({@link FloatStages#runStaged}).
 *
 * <p>Kernels work on states with no layout gap: a stage's chunk (fewer than 2^19 amplitudes),
 * or a whole state of at most {@link FloatLayout#GAPLESS_QUBITS} qubits.
 */
final class FloatBlocks {
    private FloatBlocks() {}

    /** Widest dense block with a float kernel: 2^4 × 2^4 coefficients per lane pattern. */
    static final int MAX_DENSE = 4;

    /**
     * A block on a small float state (a chunk): it updates independent units of work (groups of
     * vectors), so any split of them, over threads or over tiles, gives the same bits.
     */
    interface FloatKernel extends TileKernel {
        default void runAll(MemorySegment floats) { run(floats, 0, units()); }
    }

    /** A float kernel that changes each vector on its own (its units are the vectors): any tile holds whole units. */
    interface VectorWise extends FloatKernel {
        @Override
        default long tileUnits(int tileVectorBits) { return 1L << tileVectorBits; }
    }

    /**
     * Float tiles (see {@link #runTiled}): amplitudes of 8 bytes filling half of a core's L2
     * ({@link CoreCache}): 2^16 on a Zen 4/5 (512 KiB), 2^15 on a Zen 3; the double engine's
     * tiles, {@link StageRunner#TILE_QUBITS}, hold the same bytes.
     */
    static final int TILE_QUBITS = CoreCache.tileQubits(8, 11, 17);

    /**
     * {@link FloatKernel#tileUnits} of a kernel whose unit k is the vector {@code Long.expand(k, free)}
     * (plus fixed bits): the fixed bits (those of {@code vectorBits} not free) must all lie below the
     * tile's bits, and then the low bits of k fill the free bits inside a tile first.
     */
    static long tileUnits(long free, long vectorBits, int tileVectorBits) {
        return TileKernel.unitsPerTile(vectorBits & ~free, tileVectorBits);
    }

    /** Runs the kernels on a float chunk of 2^vectorBits vectors, in float tiles ({@link TileKernel#runTiled}). */
    static void runTiled(FloatKernel[] kernels, MemorySegment work, int vectorBits) {
        TileKernel.runTiled(kernels, work, vectorBits, TILE_QUBITS - FloatGateKernel.LOW_QUBITS);
    }

    /** Float kernels for every block, or null when one of them has none (see {@link #cover}). */
    static FloatKernel[] forBlocks(List<Fuser.Block> blocks, int n) {
        if (!fitsState(n)) return null;
        FloatKernel[] out = new FloatKernel[blocks.size()];
        for (int i = 0; i < out.length; i++) {
            Supplier<FloatKernel> m = maker(blocks.get(i), n);
            if (m == null) return null;
            out[i] = m.get();
        }
        return out;
    }

    /**
     * Whether every block has a float kernel on a gapless n-qubit state, without building any
     * (a plan asks when it is compiled; the kernels come on its first single-precision run).
     */
    static boolean cover(List<Fuser.Block> blocks, int n) {
        if (!fitsState(n)) return false;
        for (Fuser.Block b : blocks) if (maker(b, n) == null) return false;
        return true;
    }

    /** Whether the float kernels run on an n-qubit state (or chunk) on this machine: gapless, and at least one float vector. */
    private static boolean fitsState(int n) {
        return FloatGateKernel.AMPS >= 2 && FloatGateKernel.LOW_QUBITS <= FloatShuffles.MAX_LOW_QUBITS && n >= FloatGateKernel.LOW_QUBITS
                && n <= FloatLayout.GAPLESS_QUBITS;
    }

    /** What builds the block's float kernel, or null when it has none. */
    private static Supplier<FloatKernel> maker(Fuser.Block b, int n) {
        return switch (b) {
            case Fuser.Single s when s.op().gate().targets() == 1 -> () -> FloatGateKernel.of(s.op(), n);
            case Fuser.Single s when s.op().gate().controls() == 0 && FloatDenseKernels.fits(s.op().qubits()) ->
                    () -> FloatDenseKernels.of(n, s.op().gate().targetMatrix(), s.op().qubits());
            // One qubit: the one-target kernel (one re↔im swap per input, no output buffer).
            case Fuser.Dense d when d.qubits().length == 1 -> () -> new FloatGateKernel(n, d.qubits()[0], 0, d.matrix());
            case Fuser.Dense d when FloatDenseKernels.fits(d.qubits()) -> () -> FloatDenseKernels.of(n, d.matrix(), d.qubits());
            case Fuser.Diagonal d when ascending(d.qubits()) -> () -> new Diagonal(n, d.re(), d.im(), d.qubits());
            case Fuser.Run r -> {
                // Whether a run has a float kernel shows only once its product is formed, and the kernel is cheap to build.
                FloatKernel k = FloatRunKernel.of(n, r.ops(), r.qubits());
                yield k == null ? null : () -> k;
            }
            default -> null;
        };
    }

    /** The diagonal kernel finds a vector's entry by compressing its high bits, which lists them in ascending order. */
    private static boolean ascending(int[] q) {
        for (int i = 1; i < q.length; i++) if (q[i] <= q[i - 1]) return false;
        return true;
    }

    private static final VectorSpecies<Float> SPECIES = FloatGateKernel.SPECIES;
    private static final int FLOATS = FloatGateKernel.FLOATS;
    private static final int AMPS = FloatGateKernel.AMPS;
    private static final int LOW = FloatGateKernel.LOW_QUBITS;
    private static final long VECTOR_BYTES = FLOATS * 4L;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    /**
     * Index bit j of the block's matrix for lane amplitude a and high-target combination h (matrix bit j ↔ qubits[j]).
     * Used when a plan is built (coefficient tables), here and by {@link FloatDenseKernels}; never inside a kernel loop.
     */
    static int matrixIndex(int[] qubits, int a, int h) {
        int idx = 0, hi = 0;
        for (int j = 0; j < qubits.length; j++) {
            int bit = qubits[j] < LOW ? (a >> qubits[j]) & 1 : (h >> hi++) & 1;
            idx |= bit << j;
        }
        return idx;
    }

    /** Vector-index offsets of each combination of the high qubits (bit i of h ↔ i-th high qubit in the given order). */
    static long[] highOffsets(int[] qubits) {
        int[] high = Arrays.stream(qubits).filter(q -> q >= LOW).toArray();
        long[] off = new long[1 << high.length];
        for (int h = 0; h < off.length; h++)
            for (int i = 0; i < high.length; i++) if ((h >> i & 1) == 1) off[h] |= 1L << (high[i] - LOW);
        return off;
    }

    /**
     * A diagonal block: every vector times the coefficient vector picked by its high qubits. The
     * state is walked in aligned blocks of {@link #BLOCK} vectors, the high part of the pick found
     * once a block: where no target sits on the block's bits the whole block shares one
     * coefficient; where they sit on vector bits 0 to 2 only, each column of vectors 2, 4 or 8
     * apart does; otherwise a table gives the low part for each vector. Real entries (cz and its
     * products) are one multiply, no re↔im swap. Vector by vector with a {@code compress} each,
     * random's phase block on qubits 0, 1, 13–18 of 20 took 923 µs a pass against 153 for an h.
     * The qubits come in ascending order ({@link #forBlocks} sends no other), so the pick's bits
     * are the gathered vector-index bits as they stand.
     */
    static final class Diagonal implements VectorWise {
        /** Vectors a block: 8 KiB of 256-bit vectors. */
        private static final long BLOCK = 256;
        private final long highBits, vectors;
        private final float[] coef;
        private final boolean real;
        /** The low part of the pick of vector i of a block. */
        private final int[] blockEntry = new int[(int) BLOCK];
        /** Most target bits above a block for which {@link #table} is made (4 × 256 coefficient pairs, 128 KiB). */
        private static final int MAX_TABLE_BITS_ABOVE = 2;
        /**
         * Where targets sit on a block's bits: the coefficients of every vector of a block, re then im,
         * for each value of the target bits above the block ({@link LoopConstants}), so a vector's
         * coefficients are the next ones in the table rather than a pick through {@link #blockEntry};
         * null otherwise.
         */
        private final MemorySegment table;

        Diagonal(int n, double[] re, double[] im, int[] qubits) {
            long[] offsets = highOffsets(qubits);
            highBits = offsets[offsets.length - 1];
            vectors = 1L << (n - LOW);
            coef = new float[offsets.length * 2 * FLOATS];
            boolean allReal = true;
            // matrixIndex is the OR of a lane part and a high part: each computed once, not per entry.
            int[] highPart = new int[offsets.length], lanePart = new int[AMPS];
            for (int h = 0; h < offsets.length; h++) highPart[h] = matrixIndex(qubits, 0, h);
            for (int a = 0; a < AMPS; a++) lanePart[a] = matrixIndex(qubits, a, 0);
            for (int h = 0; h < offsets.length; h++)
                for (int lane = 0; lane < FLOATS; lane++) {
                    int d = highPart[h] | lanePart[lane >> 1];
                    coef[h * 2 * FLOATS + lane] = (float) re[d];
                    coef[h * 2 * FLOATS + FLOATS + lane] = (float) ((lane & 1) == 0 ? -im[d] : im[d]);
                    allReal &= im[d] == 0;
                }
            real = allReal;
            for (int i = 0; i < BLOCK; i++) blockEntry[i] = (int) Long.compress(i, highBits & (BLOCK - 1));
            long low = highBits & (BLOCK - 1);
            int above = Long.bitCount(highBits & -BLOCK), lowCount = Long.bitCount(low);
            if (low == 0 || above > MAX_TABLE_BITS_ABOVE || vectors < BLOCK) {
                table = null;
            } else {
                float[] t = new float[(int) ((BLOCK << above) * 2 * FLOATS)];
                for (int hv = 0; hv < 1 << above; hv++)
                    for (int i = 0; i < BLOCK; i++)
                        System.arraycopy(coef, ((hv << lowCount) + blockEntry[i]) * 2 * FLOATS, t, (int) ((hv * BLOCK + i) * 2 * FLOATS), 2 * FLOATS);
                table = LoopConstants.floats(t);
            }
        }

        @Override
        public long units() { return vectors; }

        @Override
        public void run(MemorySegment s, long from, long to) {
            final long low = highBits & (BLOCK - 1);
            for (long v0 = from & -BLOCK; v0 < to; v0 += BLOCK) {
                final int high = (int) Long.compress(v0, highBits);
                final long first = Math.max(from, v0), end = Math.min(to, v0 + BLOCK);
                if (low == 0) {
                    uniform(s, first, end, high * 2 * FLOATS);
                } else if (low < 8 && first == v0 && end == v0 + BLOCK) {
                    columns(s, v0, high, 2 * (int) Long.highestOneBit(low));
                } else if (table != null) {
                    fromTable(s, first, end, ((high >>> Long.bitCount(low)) * BLOCK + (first - v0)) * 2 * VECTOR_BYTES);
                } else {
                    vectorByVector(s, first, end, v0, high);
                }
            }
        }

        /**
         * Vectors [from, to), each times the next coefficients of {@link #table} from byte t: the same
         * coefficients and arithmetic as {@link #vectorByVector}, with no pick. random's phase block on
         * qubits 1–10 of 20 took 310–330 µs a pass by picks, qft's on 3–12 390 µs.
         */
        private void fromTable(MemorySegment s, long from, long to, long t) {
            final MemorySegment c = table;
            for (long at = from * VECTOR_BYTES, last = to * VECTOR_BYTES; at < last; at += VECTOR_BYTES, t += 2 * VECTOR_BYTES) {
                FloatVector z = FloatVector.fromMemorySegment(SPECIES, s, at, ORDER);
                FloatVector cr = FloatVector.fromMemorySegment(SPECIES, c, t, ORDER);
                (real ? z.mul(cr) : z.rearrange(FloatShuffles.S0).fma(FloatVector.fromMemorySegment(SPECIES, c, t + VECTOR_BYTES, ORDER), z.mul(cr)))
                        .intoMemorySegment(s, at, ORDER);
            }
        }

        /** Vectors [from, to) times the coefficients at c. */
        private void uniform(MemorySegment s, long from, long to, int c) {
            final FloatVector cr = FloatVector.fromArray(SPECIES, coef, c), ci = FloatVector.fromArray(SPECIES, coef, c + FLOATS);
            for (long at = from * VECTOR_BYTES, last = to * VECTOR_BYTES; at < last; at += VECTOR_BYTES) {
                FloatVector z = FloatVector.fromMemorySegment(SPECIES, s, at, ORDER);
                (real ? z.mul(cr) : z.rearrange(FloatShuffles.S0).fma(ci, z.mul(cr))).intoMemorySegment(s, at, ORDER);
            }
        }

        /**
         * Vectors [from, to) of the block at v0, each with its own coefficient (runs of one or two
         * vectors: a loop a run measured 2.2× slower on random's phase block on qubits 3–12).
         */
        private void vectorByVector(MemorySegment s, long from, long to, long v0, int high) {
            final int[] entry = blockEntry;
            for (long v = from; v < to; v++) {
                final int c = (high + entry[(int) (v - v0)]) * 2 * FLOATS;
                final long at = v * VECTOR_BYTES;
                FloatVector z = FloatVector.fromMemorySegment(SPECIES, s, at, ORDER);
                FloatVector cr = FloatVector.fromArray(SPECIES, coef, c);
                (real ? z.mul(cr) : z.rearrange(FloatShuffles.S0).fma(FloatVector.fromArray(SPECIES, coef, c + FLOATS), z.mul(cr))).intoMemorySegment(s, at, ORDER);
            }
        }

        /** One whole block whose targets in it sit on vector bits 0–2 only: column by column. */
        private void columns(MemorySegment s, long v0, int high, int columns) {
            final long stride = columns * VECTOR_BYTES;
            for (int m = 0; m < columns; m++) {
                final int c = (high + blockEntry[m]) * 2 * FLOATS;
                final FloatVector cr = FloatVector.fromArray(SPECIES, coef, c), ci = FloatVector.fromArray(SPECIES, coef, c + FLOATS);
                for (long at = (v0 + m) * VECTOR_BYTES, last = (v0 + BLOCK) * VECTOR_BYTES; at < last; at += stride) {
                    FloatVector z = FloatVector.fromMemorySegment(SPECIES, s, at, ORDER);
                    (real ? z.mul(cr) : z.rearrange(FloatShuffles.S0).fma(ci, z.mul(cr))).intoMemorySegment(s, at, ORDER);
                }
            }
        }
    }
}
