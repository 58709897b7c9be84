package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
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
final class FloatGateKernel {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int FLOATS = SPECIES.length();
    /** Amplitudes per float vector. */
    static final int AMPS = FLOATS / 2;
    /** Qubits whose bit selects a lane rather than a vector. */
    static final int LOW_QUBITS = Integer.numberOfTrailingZeros(Math.max(1, AMPS));
    private static final long VECTOR_BYTES = FLOATS * 4L;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** Swaps re and im of every amplitude. */
    private static final VectorShuffle<Float> SWAP = shuffle(0, true);

    private final int n;
    private final int target;
    /** Vector-index bits of the high controls, all of which must be set. */
    private final long highControls;
    /** Vector-index bits enumerated: every vector bit but the target's (when high) and the high controls. */
    private final long free;
    private final boolean highTarget;
    /** Coefficients, re and signed im (see {@link #cmul}), for the target bit 0 / 1 (high target) or per lane (low target). */
    private final FloatVector d0Re, d0Im, o0Re, o0Im, d1Re, d1Im, o1Re, o1Im;
    /** Matrix kinds that save work: no off-diagonal part; D = 1 and O = 0 on the target-0 half. */
    private final boolean diagonal, zeroHalfIdentity, pureSwap;
    private final VectorShuffle<Float> flip, flipSwap;

    /** Whether this kernel can run the gate on an n-qubit float state (vectors wide enough, state at least one vector). */
    static boolean supports(Operation.GateOp op, int n) {
        return AMPS >= 2 && op.gate().targets() == 1 && n >= LOW_QUBITS;
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
        this.diagonal = m.re(0, 1) == 0 && m.im(0, 1) == 0 && m.re(1, 0) == 0 && m.im(1, 0) == 0;
        this.pureSwap = highTarget && lowControls == 0 && m.re(0, 1) == 1 && m.im(0, 1) == 0 && m.re(1, 0) == 1 && m.im(1, 0) == 0
                && m.re(0, 0) == 0 && m.im(0, 0) == 0 && m.re(1, 1) == 0 && m.im(1, 1) == 0;
        this.zeroHalfIdentity = highTarget && diagonal && m.re(0, 0) == 1 && m.im(0, 0) == 0;
        float[][] co = new float[8][FLOATS];
        for (int lane = 0; lane < FLOATS; lane++) {
            int amp = lane >> 1;
            boolean re = (lane & 1) == 0;
            boolean on = (amp & lowControls) == lowControls;
            for (int half = 0; half < 2; half++) {
                // High target: half is the target bit of the vector. Low target: the lane's own bit decides, both halves alike.
                int bit = highTarget ? half : (amp >> target) & 1;
                int other = 1 - bit;
                double dr = on ? m.re(bit, bit) : 1, di = on ? m.im(bit, bit) : 0;
                double or = on ? m.re(bit, other) : 0, oi = on ? m.im(bit, other) : 0;
                co[4 * half][lane] = (float) dr;
                co[4 * half + 1][lane] = (float) (re ? -di : di);
                co[4 * half + 2][lane] = (float) or;
                co[4 * half + 3][lane] = (float) (re ? -oi : oi);
            }
        }
        d0Re = FloatVector.fromArray(SPECIES, co[0], 0);
        d0Im = FloatVector.fromArray(SPECIES, co[1], 0);
        o0Re = FloatVector.fromArray(SPECIES, co[2], 0);
        o0Im = FloatVector.fromArray(SPECIES, co[3], 0);
        d1Re = FloatVector.fromArray(SPECIES, co[4], 0);
        d1Im = FloatVector.fromArray(SPECIES, co[5], 0);
        o1Re = FloatVector.fromArray(SPECIES, co[6], 0);
        o1Im = FloatVector.fromArray(SPECIES, co[7], 0);
        flip = highTarget ? null : shuffle(1 << target, false);
        flipSwap = highTarget ? null : shuffle(1 << target, true);
    }

    /** Vectors visited per unit of work: a pair for a high target, one for a low target. */
    private int vectorsPerUnit() { return highTarget ? 2 : 1; }

    /** Units of work (independent): pairs of vectors, or single vectors. */
    long units() { return 1L << Long.bitCount(free); }

    void run(MemorySegment floats, ParallelRunner runner) {
        runner.forRange(units(), vectorsPerUnit() * (FLOATS / Lanes.DOUBLES), (from, to) -> run(floats, from, to));
    }

    /** Units [from, to). */
    void run(MemorySegment floats, long from, long to) {
        if (highTarget) {
            long t = 1L << (target - LOW_QUBITS);
            for (long k = from; k < to; k++) {
                long v0 = Long.expand(k, free) | highControls;
                pair(floats, offset(v0), offset(v0 | t));
            }
        } else {
            for (long k = from; k < to; k++) inVector(floats, offset(Long.expand(k, free) | highControls));
        }
    }

    private void pair(MemorySegment s, long at0, long at1) {
        if (pureSwap) {
            FloatVector a = load(s, at0), b = load(s, at1);
            b.intoMemorySegment(s, at0, ORDER);
            a.intoMemorySegment(s, at1, ORDER);
        } else if (diagonal) {
            // p, cp, cz and the like leave the target-0 half alone: half the traffic.
            if (!zeroHalfIdentity) cmul(d0Re, d0Im, load(s, at0)).intoMemorySegment(s, at0, ORDER);
            cmul(d1Re, d1Im, load(s, at1)).intoMemorySegment(s, at1, ORDER);
        } else {
            FloatVector a = load(s, at0), b = load(s, at1);
            FloatVector as = a.rearrange(SWAP), bs = b.rearrange(SWAP);
            a.mul(d0Re).add(as.mul(d0Im)).add(b.mul(o0Re)).add(bs.mul(o0Im)).intoMemorySegment(s, at0, ORDER);
            b.mul(d1Re).add(bs.mul(d1Im)).add(a.mul(o1Re)).add(as.mul(o1Im)).intoMemorySegment(s, at1, ORDER);
        }
    }

    private void inVector(MemorySegment s, long at) {
        FloatVector z = load(s, at);
        FloatVector r = cmul(d0Re, d0Im, z);
        if (!diagonal) r = r.add(z.rearrange(flip).mul(o0Re)).add(z.rearrange(flipSwap).mul(o0Im));
        r.intoMemorySegment(s, at, ORDER);
    }

    /**
     * (re, im) · z lane by lane, with {@code im} signed per lane (−im on real lanes, +im on
     * imaginary ones): z·re + swap(z)·im = (a·c − b·d, b·c + a·d).
     */
    private static FloatVector cmul(FloatVector re, FloatVector im, FloatVector z) {
        return z.mul(re).add(z.rearrange(SWAP).mul(im));
    }

    private static FloatVector load(MemorySegment s, long at) {
        return FloatVector.fromMemorySegment(SPECIES, s, at, ORDER);
    }

    /** Byte offset of float vector v: vectors never straddle a gap, since a gap follows a multiple of 2^19 amplitudes. */
    private static long offset(long v) {
        return FloatLayout.amplitudeOffset(v * AMPS);
    }

    /** The shuffle whose lane for amplitude a takes amplitude a ^ xorMask, with re and im exchanged when swapReIm. */
    private static VectorShuffle<Float> shuffle(int xorMask, boolean swapReIm) {
        int[] idx = new int[FLOATS];
        for (int lane = 0; lane < FLOATS; lane++) {
            int a = lane >> 1, part = lane & 1;
            idx[lane] = 2 * ((a ^ xorMask) & (AMPS - 1)) + (swapReIm ? 1 - part : part);
        }
        return VectorShuffle.fromArray(SPECIES, idx, 0);
    }

    @Override
    public String toString() {
        return "FloatGateKernel";
    }
}
