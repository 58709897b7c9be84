package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A gate with one target qubit and any number of controls (h, rz, x, cx, cz, cp, …), applied
 * directly to a single-precision state ({@link FloatLayout}) in one pass, with float vectors:
 * no widening into the double scratch, and twice the amplitudes per vector of the double
 * kernels. A lone gate is bound by memory, so what counts is that each amplitude is read and
 * written once, in float.
 *
 * <p>Every amplitude's new value is {@code D·z + O·partner} with per-lane coefficients: D is the
 * matrix's diagonal entry and O its off-diagonal entry for the lane's target bit, and D = 1,
 * O = 0 where a control that lives inside the vector (a low qubit) is 0. Controls on higher
 * qubits pick which vectors are visited at all. The partner of a lane is in another vector for
 * a high target, and in the same vector (a lane shuffle) for a low one. Arithmetic is plain
 * float multiplies and adds, lane by lane, the same whichever thread runs a vector, so results
 * do not depend on the thread count.
 */
final class FloatGateKernel implements FloatBlocks.FloatKernel {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int FLOATS = SPECIES.length();
    /** Amplitudes per float vector. */
    static final int AMPS = FLOATS / 2;
    /** Qubits whose bit selects a lane rather than a vector. */
    static final int LOW_QUBITS = Integer.numberOfTrailingZeros(Math.max(1, AMPS));
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    // The re↔im swap of every amplitude is a rotation of each 64-bit lane by 32 bits
    // (z.reinterpretAsLongs().lanewise(ROL, 32)), not a rearrange: on AVX2 a float rearrange is a
    // lane-crossing vpermps, which on Zen 3 competes with the multiply-adds for their pipes (a C
    // probe: 8 FMAs and 4 vpermps took 10 cycles, 8 FMAs alone 4), while the rotation's two
    // shifts and an or run beside them (4 cycles). u3 at 20 qubits, one thread: 347 → 319 µs on
    // qubit 0, 267 → 253 µs on qubit 19. The bits are the same: it moves data only.

    private final int n;
    private final int target;
    /** Vector-index bits of the high controls, all of which must be set. */
    private final long highControls;
    /** Vector-index bits enumerated: every vector bit but the target's (when high) and the high controls. */
    private final long free;
    /**
     * Units per run (a power of two): the units of an aligned run visit evenly spaced vectors
     * ({@link #stepBytes} apart: consecutive ones, or every second or fourth one when the target or
     * a control is the lowest vector bit, as for cx on qubits 2 and 3), so the loops step one byte
     * offset through a run instead of spreading each unit's bits and working out its layout offset
     * (what made the double kernels' loops slow, docs/engine.md).
     */
    private final long runUnits;
    /** Bytes between the first vectors of consecutive units of a run. */
    private final long stepBytes;
    /**
     * Units per span: a run and the runs that follow it {@link #jumpBytes} apart (the next group
     * of free bits up, short of a gap of the layout), so one offset and one layout lookup serve a span.
     */
    private final long spanUnits;
    private final long jumpBytes;
    /**
     * Runs per block when runs are short: a block's runs are walked column by column (the
     * i-th unit of each run, then the (i+1)-th), so the innermost loop is long and steps one offset
     * by {@link #jumpBytes}, while the block (a few KiB) stays in L1 for its next column. Zero when
     * runs are long enough to walk one by one.
     */
    private final long blockRuns;
    private static final long VECTOR_BYTES = FLOATS * 4L;
    /**
     * Runs shorter than this many units are walked in blocks ({@link #blockRuns}) of this many
     * bytes. Tuned on u3 at 20 qubits, one thread (AVX2): qubit 3 took 484 µs walked run by run
     * and 276–289 in blocks, against 232–236 on qubit 2 or 19, whose runs are long.
     */
    static final long SHORT_RUN = 8, BLOCK_BYTES = 8192;
    private final boolean highTarget;
    /** Coefficients, re and signed im (−im on real lanes, +im on imaginary: z·re + swap(z)·im is the complex product), for the target bit 0 / 1 (high target) or per lane (low target). */
    private final float[] coef;
    /** Offsets in {@link #coef} (in vectors): a vector field's concrete class is unknown to the JIT, an array load's is not. Vectors never straddle a gap of the layout, since a gap follows a multiple of 2^19 amplitudes. */
    private static final int D0RE = 0, D0IM = 1, O0RE = 2, O0IM = 3, D1RE = 4, D1IM = 5, O1RE = 6, O1IM = 7;
    /**
     * Matrix kinds that save work: no off-diagonal part; D = 1 and O = 0 on the target-0 half; a
     * real matrix (h, ry, x under a low control, …), whose products need no re↔im swap and half
     * the multiply-adds.
     */
    private final boolean diagonal, zeroHalfIdentity, pureSwap, real;
    /** The target's bit within a vector's amplitudes (low target), for {@link FloatShuffles}. */
    private final int flipMask;

    /** Whether this kernel can run the gate on an n-qubit float state (vectors wide enough, state at least one vector). */
    static boolean supports(Operation.GateOp op, int n) {
        return AMPS >= 2 && LOW_QUBITS <= FloatShuffles.MAX_LOW_QUBITS && op.gate().targets() == 1 && n >= LOW_QUBITS;
    }

    static FloatGateKernel of(Operation.GateOp op, int n) {
        if (!supports(op, n)) throw new IllegalArgumentException("not a one-target gate on a large enough state: " + op.gate().name());
        int[] q = op.qubits();
        int c = op.gate().controls();
        long controls = 0;
        for (int i = 0; i < c; i++) controls |= 1L << q[i];
        return new FloatGateKernel(n, q[c], controls, op.gate().targetMatrix());
    }

    FloatGateKernel(int n, int target, long controls, Matrix m) {
        this.n = n;
        this.target = target;
        long lowMask = AMPS - 1;
        long lowControls = controls & lowMask;
        long vectorBits = (1L << (n - LOW_QUBITS)) - 1;
        this.highControls = controls >>> LOW_QUBITS;
        this.highTarget = target >= LOW_QUBITS;
        long targetVectorBit = highTarget ? 1L << (target - LOW_QUBITS) : 0;
        this.free = vectorBits & ~highControls & ~targetVectorBit;
        // A run: the lowest free vector bit p and the free bits right above it; it never reaches a gap of the layout.
        int p = free == 0 ? 0 : Long.numberOfTrailingZeros(free);
        int len = free == 0 ? 0 : Math.max(0, Math.min(Long.numberOfTrailingZeros(~(free >>> p)), FloatLayout.padShift(n) - LOW_QUBITS - p));
        this.runUnits = 1L << len;
        this.stepBytes = VECTOR_BYTES << p;
        long above = free == 0 ? 0 : free & (-1L << (p + len));
        int p2 = above == 0 ? 0 : Long.numberOfTrailingZeros(above);
        int len2 = above == 0 ? 0 : Math.max(0, Math.min(Long.numberOfTrailingZeros(~(above >>> p2)), FloatLayout.padShift(n) - LOW_QUBITS - p2));
        this.spanUnits = runUnits << len2;
        this.jumpBytes = VECTOR_BYTES << p2;
        this.blockRuns = runUnits >= SHORT_RUN || len2 == 0 ? 0 : Math.min(1L << len2, Math.max(2, BLOCK_BYTES / jumpBytes));
        this.diagonal = m.re(0, 1) == 0 && m.im(0, 1) == 0 && m.re(1, 0) == 0 && m.im(1, 0) == 0;
        this.pureSwap = highTarget && lowControls == 0 && m.re(0, 1) == 1 && m.im(0, 1) == 0 && m.re(1, 0) == 1 && m.im(1, 0) == 0
                && m.re(0, 0) == 0 && m.im(0, 0) == 0 && m.re(1, 1) == 0 && m.im(1, 1) == 0;
        this.zeroHalfIdentity = highTarget && diagonal && m.re(0, 0) == 1 && m.im(0, 0) == 0;
        this.real = m.isReal();
        flipMask = highTarget ? 0 : 1 << target;
        float[][] co = new float[8][FLOATS];
        for (int lane = 0; lane < FLOATS; lane++) {
            int amp = lane >> 1;
            boolean re = (lane & 1) == 0;
            boolean on = (amp & lowControls) == lowControls;
            // A low target's off-diagonal coefficients sit in their partner's lane ({@link #runLow}
            // multiplies before the lane shuffle): the lane of amplitude a holds a ^ flipMask's.
            int partner = amp ^ flipMask;
            boolean partnerOn = (partner & lowControls) == lowControls;
            for (int half = 0; half < 2; half++) {
                // High target: half is the target bit of the vector. Low target: the lane's own bit decides, both halves alike.
                int bit = highTarget ? half : (amp >> target) & 1;
                int pBit = highTarget ? half : (partner >> target) & 1;
                double dr = on ? m.re(bit, bit) : 1, di = on ? m.im(bit, bit) : 0;
                double or = partnerOn ? m.re(pBit, 1 - pBit) : 0, oi = partnerOn ? m.im(pBit, 1 - pBit) : 0;
                co[4 * half][lane] = (float) dr;
                co[4 * half + 1][lane] = (float) (re ? -di : di);
                co[4 * half + 2][lane] = (float) or;
                co[4 * half + 3][lane] = (float) (re ? -oi : oi);
            }
        }
        coef = new float[8 * FLOATS];
        for (int i = 0; i < 8; i++) System.arraycopy(co[i], 0, coef, i * FLOATS, FLOATS);
    }

    /** Vectors visited per unit of work: a pair for a high target, one for a low target. */
    private int vectorsPerUnit() { return highTarget ? 2 : 1; }

    /** Units of work (independent): pairs of vectors, or single vectors. */
    @Override
    public long units() { return 1L << Long.bitCount(free); }

    @Override
    public long tileUnits(int tileVectorBits) {
        return FloatBlocks.tileUnits(free, (1L << (n - LOW_QUBITS)) - 1, tileVectorBits);
    }

    void run(MemorySegment floats, ParallelRunner runner) {
        runner.forRange(units(), vectorsPerUnit() * (FLOATS / Lanes.DOUBLES), (from, to) -> run(floats, from, to));
    }

    /**
     * Units [from, to). Every vector operation is written out in the loop methods, calling only
     * Vector API methods: a vector passed to or returned from one of our own methods is boxed
     * whenever the JIT does not inline that method, which depends on what ran before (see
     * {@link FloatShuffles}). Each kind of loop has a method of its own, which takes no vectors:
     * when they shared one method, the loop that ran first shaped the compiled code, and u3 on
     * qubit 0 after h on other qubits then boxed a vector per iteration (AVX2, 16 qubits: 530 KB
     * allocated and 0.34 ms a pass against 0.06 ms).
     */
    @Override
    public void run(MemorySegment s, long from, long to) {
        if (highTarget) runHigh(s, from, to);
        else if (real && !diagonal) runLowReal(s, from, to);
        else runLow(s, from, to);
    }

    /** A target inside the vector: lane shuffles. */
    private void runLow(MemorySegment s, long from, long to) {
        final float[] co = coef;
        FloatVector d0Re = FloatVector.fromArray(SPECIES, co, D0RE * FLOATS);
        FloatVector d0Im = FloatVector.fromArray(SPECIES, co, D0IM * FLOATS);
        FloatVector o0Re = FloatVector.fromArray(SPECIES, co, O0RE * FLOATS);
        FloatVector o0Im = FloatVector.fromArray(SPECIES, co, O0IM * FLOATS);
        final long step = stepBytes;
        final int x = flipMask;
        for (long k = from; k < to; ) {
            long end = Math.min(to, (k | (runUnits - 1)) + 1);
            long at = FloatLayout.amplitudeOffset((Long.expand(k, free) | highControls) * AMPS, n);
            for (; k < end; k++, at += step) {
                FloatVector z = FloatVector.fromMemorySegment(SPECIES, s, at, ORDER);
                FloatVector zs = z.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats();
                FloatVector r = zs.fma(d0Im, z.mul(d0Re));
                if (!diagonal) {
                    // The partner's terms F(z)·o + F(zs)·oIm, taken as F(z·F(o) + zs·F(oIm)) with
                    // the coefficients stored shuffled: one lane shuffle of the sum instead of one
                    // for each term. Shuffles bound this loop (three a vector ran 1.8× slower than
                    // a high target's one).
                    FloatVector t = zs.fma(o0Im, z.mul(o0Re));
                    // The target is a lane bit: 1, 2 or 4 (at most three qubits inside a vector).
                    r = r.add(switch (x) {
                        case 1 -> t.rearrange(FloatShuffles.F1);
                        case 2 -> t.rearrange(FloatShuffles.F2);
                        default -> t.rearrange(FloatShuffles.F4);
                    });
                }
                r.intoMemorySegment(s, at, ORDER);
            }
        }
    }

    /** {@link #runLow} for a real matrix: z·D + F(z·O), two multiplies and one lane shuffle a vector. */
    private void runLowReal(MemorySegment s, long from, long to) {
        final float[] co = coef;
        FloatVector d0Re = FloatVector.fromArray(SPECIES, co, D0RE * FLOATS);
        FloatVector o0Re = FloatVector.fromArray(SPECIES, co, O0RE * FLOATS);
        final long step = stepBytes;
        final int x = flipMask;
        for (long k = from; k < to; ) {
            long end = Math.min(to, (k | (runUnits - 1)) + 1);
            long at = FloatLayout.amplitudeOffset((Long.expand(k, free) | highControls) * AMPS, n);
            for (; k < end; k++, at += step) {
                FloatVector z = FloatVector.fromMemorySegment(SPECIES, s, at, ORDER);
                FloatVector t = z.mul(o0Re);
                z.fma(d0Re, switch (x) {
                    case 1 -> t.rearrange(FloatShuffles.F1);
                    case 2 -> t.rearrange(FloatShuffles.F2);
                    default -> t.rearrange(FloatShuffles.F4);
                }).intoMemorySegment(s, at, ORDER);
            }
        }
    }

    // A high target: the walk below cuts [from, to) into grids of units (rows of evenly spaced
    // pairs), and one method per kind of matrix runs a grid (one byte offset stepping through a
    // row, the partner a fixed distance above), so no test of the kind runs per vector and each
    // kind's loop is its own compilation. The inner loops count units (i < count, at += stride):
    // C2 unrolls that form, and it did not unroll `at < last` (one pair an iteration, with its
    // bounds checks): u3 on qubit 19 of 20, one thread, 253 → 242 µs.

    private void runHigh(MemorySegment s, long from, long to) {
        long t = 1L << (target - LOW_QUBITS);
        final long step = stepBytes, jump = jumpBytes, span = spanUnits, runs = runUnits, block = blockRuns;
        final int shift = Long.numberOfTrailingZeros(runs);
        for (long k = from; k < to; ) {
            long end = Math.min(to, (k | (span - 1)) + 1);
            long v0 = Long.expand(k & -span, free) | highControls;
            long base = FloatLayout.amplitudeOffset(v0 * AMPS, n), off = FloatLayout.amplitudeOffset((v0 | t) * AMPS, n) - base;
            // Whole runs [first, last); a part of a run at either end (a thread's share need not start or end on a run).
            long first = (k + runs - 1) & -runs, last = end & -runs;
            if (first > last) first = last = end;
            if (k < first) {
                long u = k & (span - 1);
                grid(s, base + (u & (runs - 1)) * step + (u >>> shift) * jump, off, step, first - k, 0, 1);
            }
            long r0 = (first & (span - 1)) >>> shift, wholeRuns = (last - first) >>> shift;
            if (block == 0) {
                if (wholeRuns > 0) grid(s, base + r0 * jump, off, step, runs, jump, wholeRuns);
            } else {
                for (long r = r0; r < r0 + wholeRuns; r += block) grid(s, base + r * jump, off, jump, Math.min(block, r0 + wholeRuns - r), step, runs);
            }
            if (last < end) grid(s, base + ((last & (span - 1)) >>> shift) * jump, off, step, end - last, 0, 1);
            k = end;
        }
    }

    /**
     * {@code rows} rows {@code rowStride} bytes apart, each of {@code count} pairs of vectors: the first
     * at the row's start and each next one {@code stride} bytes on, the partner {@code off} bytes above.
     */
    private void grid(MemorySegment s, long at, long off, long stride, long count, long rowStride, long rows) {
        if (pureSwap) swapPairs(s, at, off, stride, count, rowStride, rows);
        else if (zeroHalfIdentity) oneHalfPairs(s, at + off, stride, count, rowStride, rows);
        else if (diagonal) diagonalPairs(s, at, off, stride, count, rowStride, rows);
        else if (real) realPairs(s, at, off, stride, count, rowStride, rows);
        else densePairs(s, at, off, stride, count, rowStride, rows);
    }

    private static void swapPairs(MemorySegment s, long at0, long off, long stride, long count, long rowStride, long rows) {
        for (long r = 0, row = at0; r < rows; r++, row += rowStride) {
            for (long i = 0, at = row; i < count; i++, at += stride) {
                FloatVector a = FloatVector.fromMemorySegment(SPECIES, s, at, ORDER), b = FloatVector.fromMemorySegment(SPECIES, s, at + off, ORDER);
                b.intoMemorySegment(s, at, ORDER);
                a.intoMemorySegment(s, at + off, ORDER);
            }
        }
    }

    /** p, cp, cz and the like leave the target-0 half alone: half the traffic. */
    private void oneHalfPairs(MemorySegment s, long at0, long stride, long count, long rowStride, long rows) {
        final float[] co = coef;
        FloatVector d1Re = FloatVector.fromArray(SPECIES, co, D1RE * FLOATS);
        FloatVector d1Im = FloatVector.fromArray(SPECIES, co, D1IM * FLOATS);
        for (long r = 0, row = at0; r < rows; r++, row += rowStride) {
            for (long i = 0, at = row; i < count; i++, at += stride) {
                FloatVector b = FloatVector.fromMemorySegment(SPECIES, s, at, ORDER);
                b.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats().fma(d1Im, b.mul(d1Re)).intoMemorySegment(s, at, ORDER);
            }
        }
    }

    private void diagonalPairs(MemorySegment s, long at0, long off, long stride, long count, long rowStride, long rows) {
        final float[] co = coef;
        FloatVector d0Re = FloatVector.fromArray(SPECIES, co, D0RE * FLOATS);
        FloatVector d0Im = FloatVector.fromArray(SPECIES, co, D0IM * FLOATS);
        FloatVector d1Re = FloatVector.fromArray(SPECIES, co, D1RE * FLOATS);
        FloatVector d1Im = FloatVector.fromArray(SPECIES, co, D1IM * FLOATS);
        for (long r = 0, row = at0; r < rows; r++, row += rowStride) {
            for (long i = 0, at = row; i < count; i++, at += stride) {
                FloatVector a = FloatVector.fromMemorySegment(SPECIES, s, at, ORDER);
                a.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats().fma(d0Im, a.mul(d0Re)).intoMemorySegment(s, at, ORDER);
                FloatVector b = FloatVector.fromMemorySegment(SPECIES, s, at + off, ORDER);
                b.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats().fma(d1Im, b.mul(d1Re)).intoMemorySegment(s, at + off, ORDER);
            }
        }
    }

    private void realPairs(MemorySegment s, long at0, long off, long stride, long count, long rowStride, long rows) {
        final float[] co = coef;
        FloatVector d0Re = FloatVector.fromArray(SPECIES, co, D0RE * FLOATS);
        FloatVector o0Re = FloatVector.fromArray(SPECIES, co, O0RE * FLOATS);
        FloatVector d1Re = FloatVector.fromArray(SPECIES, co, D1RE * FLOATS);
        FloatVector o1Re = FloatVector.fromArray(SPECIES, co, O1RE * FLOATS);
        for (long r = 0, row = at0; r < rows; r++, row += rowStride) {
            for (long i = 0, at = row; i < count; i++, at += stride) {
                FloatVector a = FloatVector.fromMemorySegment(SPECIES, s, at, ORDER), b = FloatVector.fromMemorySegment(SPECIES, s, at + off, ORDER);
                b.fma(o0Re, a.mul(d0Re)).intoMemorySegment(s, at, ORDER);
                b.fma(d1Re, a.mul(o1Re)).intoMemorySegment(s, at + off, ORDER);
            }
        }
    }

    private void densePairs(MemorySegment s, long at0, long off, long stride, long count, long rowStride, long rows) {
        final float[] co = coef;
        FloatVector d0Re = FloatVector.fromArray(SPECIES, co, D0RE * FLOATS);
        FloatVector d0Im = FloatVector.fromArray(SPECIES, co, D0IM * FLOATS);
        FloatVector o0Re = FloatVector.fromArray(SPECIES, co, O0RE * FLOATS);
        FloatVector o0Im = FloatVector.fromArray(SPECIES, co, O0IM * FLOATS);
        FloatVector d1Re = FloatVector.fromArray(SPECIES, co, D1RE * FLOATS);
        FloatVector d1Im = FloatVector.fromArray(SPECIES, co, D1IM * FLOATS);
        FloatVector o1Re = FloatVector.fromArray(SPECIES, co, O1RE * FLOATS);
        FloatVector o1Im = FloatVector.fromArray(SPECIES, co, O1IM * FLOATS);
        for (long r = 0, row = at0; r < rows; r++, row += rowStride) {
            for (long i = 0, at = row; i < count; i++, at += stride) {
                FloatVector a = FloatVector.fromMemorySegment(SPECIES, s, at, ORDER), b = FloatVector.fromMemorySegment(SPECIES, s, at + off, ORDER);
                FloatVector as = a.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats(), bs = b.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats();
                // One multiply and three fused multiply-adds per output (half the rounding steps of mul/add, fewer operations).
                bs.fma(o0Im, b.fma(o0Re, as.fma(d0Im, a.mul(d0Re)))).intoMemorySegment(s, at, ORDER);
                as.fma(o1Im, a.fma(o1Re, bs.fma(d1Im, b.mul(d1Re)))).intoMemorySegment(s, at + off, ORDER);
            }
        }
    }

    @Override
    public String toString() {
        return "FloatGateKernel";
    }
}
