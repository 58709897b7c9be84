package org.qise.engine.fast;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

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
 * <p>Used where it measured faster at every depth: {@link FloatRunKernel.Shared} (qcbm),
 * {@link FloatDenseKernels.Q2Uniform} and {@link TwoQubitKernel} (random). The extra loads are not
 * free: the double {@link RunKernel.Shared}, which spills little, ran qcbm in 175–190 ms this way
 * against 163–170 ms from registers, so it keeps them.
 *
 * <p>Each vector is written once, when the kernel is built, with the arithmetic the register
 * version did per call, so the bits are unchanged. The memory must be native: constants in a heap
 * segment made the kernels' memory accesses polymorphic (heap or native) and qcbm ran 6× slower.
 */
final class LoopConstants {
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private LoopConstants() {}

    /**
     * Two vectors per complex coefficient (re, im) of {@code reIm}: re on every lane, then im
     * signed, −im on real lanes and +im on imaginary ones, so that z·re + swap(z)·im is the
     * product (the bits of {@code broadcast(re)} and {@code I_SIGN.mul(im)}). Vector k starts at
     * byte k · lanes · 4. Written with scalars: a kernel is built in interpreted or C1 code, where
     * every vector operation allocates.
     */
    static MemorySegment complexFloats(float[] reIm, int lanes) {
        float[] v = new float[reIm.length * lanes];
        for (int j = 0; j < reIm.length; j++) {
            for (int lane = 0; lane < lanes; lane++) v[j * lanes + lane] = j % 2 == 0 || lane % 2 == 1 ? reIm[j] : -reIm[j];
        }
        MemorySegment m = allocate(4L * v.length);
        MemorySegment.copy(v, 0, m, ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ORDER), 0, v.length);
        return m;
    }

    /** The double counterpart of {@link #complexFloats}: vector k starts at byte k · lanes · 8. */
    static MemorySegment complexDoubles(double[] reIm, int lanes) {
        double[] v = new double[reIm.length * lanes];
        for (int j = 0; j < reIm.length; j++) {
            for (int lane = 0; lane < lanes; lane++) v[j * lanes + lane] = j % 2 == 0 || lane % 2 == 1 ? reIm[j] : -reIm[j];
        }
        MemorySegment m = allocate(8L * v.length);
        MemorySegment.copy(v, 0, m, ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ORDER), 0, v.length);
        return m;
    }

    /** 64-byte-aligned native memory, freed once the kernel holding it is unreachable. */
    private static MemorySegment allocate(long bytes) {
        return Arena.ofAuto().allocate(bytes, 64);
    }
}
