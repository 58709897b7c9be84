package org.qise.engine.fast;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Coefficient vectors that a kernel's inner loop loads from native memory on every group rather
 * than holding in registers.
 *
 * <p>Why: a kernel with more live vectors than AVX2's 16 registers makes C2 spill some of them to
 * the stack, storing and reloading them on every group. How fast a 32-byte store forwards to the
 * reload depends on where the frame lies: C2 places vector spill slots at 32-byte offsets from
 * the stack pointer but keeps that pointer only 16-byte aligned, so for some call depths a slot
 * straddles two cache lines. The same compiled loop then ran 25% slower (single-precision qcbm at
 * 20 qubits, 1 thread: 76 or 96 ms depending only on how many frames lay above the engine,
 * which changes whenever a caller is recompiled — issue #19, docs/engine.md). Loads from native
 * memory stay in the loop, because the loop also stores to native memory and C2 cannot prove the
 * two apart; they hit L1, need no store to forward from, and cost the same at any stack depth.
 *
 * <p>Used where it measured faster at every depth: {@link FloatRunKernel.Shared} (qcbm; only
 * with 16 vector registers, see {@link #WIDE_REGISTER_FILE}), {@link FloatDenseKernels.InVector2}
 * and {@link FloatDenseKernels.LaneHigh} (random; also only with 16 registers),
 * {@link FloatDenseKernels.Q2Uniform} and {@link TwoQubitKernel} (random). The extra loads are not
 * free: the double {@link RunKernel.Shared}, which spills little, ran qcbm in 175–190 ms this way
 * against 163–170 ms from registers, so it keeps them.
 *
 * <p>Each vector is written once, when the kernel is built, with the arithmetic the register
 * version did per call, so the bits are unchanged. The memory must be native: constants in a heap
 * segment made the kernels' memory accesses polymorphic (heap or native) and qcbm ran 6× slower.
 */
final class LoopConstants {
    private LoopConstants() {}

    /**
     * Whether this machine has 32 vector registers (512-bit vectors, AVX-512) rather than 16. There
     * the float kernels whose loops keep at most about 26 vectors live ({@link FloatRunKernel.Two}
     * for shared runs, {@link FloatDenseKernels.InVector2}, {@link FloatDenseKernels.LaneHigh})
     * hold their coefficients in registers, loaded once a call, instead of loading them from here
     * on every group: C2 spills none of them (their disassembly), and the loads were what bound
     * them (issue #19, docs/engine.md). {@link FloatDenseKernels.Q2Uniform}'s 32 coefficients do
     * not fit and stay loaded; so do {@link FloatDenseKernels.InVector3}'s 16, which, held beside
     * its 8 products, ran a pass in 0.7 ms in one JVM and 2.4 ms in another.
     */
    static final boolean WIDE_REGISTER_FILE = FloatGateKernel.SPECIES.vectorBitSize() >= 512;

    /**
     * Two vectors per complex coefficient (re, im) of {@code reIm}: re on every lane, then im
     * signed, −im on real lanes and +im on imaginary ones, so that z·re + swap(z)·im is the
     * product (the bits of {@code broadcast(re)} and {@code I_SIGN.mul(im)}). Vector k starts at
     * byte k · lanes · 4. Written with scalars: a kernel is built in interpreted or C1 code, where
     * every vector operation allocates.
     */
    static MemorySegment complexFloats(float[] reIm, int lanes) {
        float[] v = new float[reIm.length * lanes];
        for (int k = 0; k < v.length; k++) v[k] = negated(k, lanes) ? -reIm[k / lanes] : reIm[k / lanes];
        return nativeCopy(MemorySegment.ofArray(v));
    }

    /** The double counterpart of {@link #complexFloats}: vector k starts at byte k · lanes · 8. */
    static MemorySegment complexDoubles(double[] reIm, int lanes) {
        double[] v = new double[reIm.length * lanes];
        for (int k = 0; k < v.length; k++) v[k] = negated(k, lanes) ? -reIm[k / lanes] : reIm[k / lanes];
        return nativeCopy(MemorySegment.ofArray(v));
    }

    /** Vectors whose lanes differ (k · lanes floats each, as given): lane-dependent coefficients, as {@link FloatDenseKernels.InVector2} uses. */
    static MemorySegment floats(float[] values) {
        return nativeCopy(MemorySegment.ofArray(values));
    }

    /** The double counterpart of {@link #floats}. */
    static MemorySegment doubles(double[] values) {
        return nativeCopy(MemorySegment.ofArray(values));
    }

    /** Whether element k of the constants holds its value negated: the real lanes of an im vector. */
    private static boolean negated(int k, int lanes) {
        return (k / lanes) % 2 == 1 && (k % lanes) % 2 == 0;
    }

    /**
     * The values in 64-byte-aligned native memory, in the platform's byte order as the kernels
     * load them; freed once the kernel holding it is unreachable.
     */
    private static MemorySegment nativeCopy(MemorySegment values) {
        MemorySegment m = Arena.ofAuto().allocate(values.byteSize(), 64);
        m.copyFrom(values);
        return m;
    }
}
