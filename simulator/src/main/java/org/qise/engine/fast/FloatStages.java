package org.qise.engine.fast;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Runs the steps of a single-precision plan on a float state (see {@link FloatLayout}): every
 * step is a stage whose chunks are widened into the double scratch, run there by the plan's
 * kernels and rounded back. Chunks are independent and each gets the same arithmetic whichever
 * thread takes it, so results do not depend on the thread count.
 */
final class FloatStages {
    private FloatStages() {}

    /**
     * Qubits of a single-precision stage's chunk: 2^19 amplitudes, 4 MiB of floats, the bytes of
     * a double chunk ({@link StageRunner#CHUNK_QUBITS}), so the same scratch holds it. The one
     * more local qubit lets stages of qcbm alternate between the lowest 19 qubits (in place) and
     * the rest from 24 to 28 qubits, and halves qft's stages at 28 (docs/engine.md, "Stages in
     * place"). At most the float layout's gap period: neither a chunk nor a run crosses a gap.
     */
    static final int CHUNK_QUBITS = 19;

    static {
        if (CHUNK_QUBITS > FloatLayout.PAD_SHIFT || 8L << CHUNK_QUBITS > 16L << StageRunner.CHUNK_QUBITS) {
            throw new AssertionError("a float chunk must fit the scratch and not cross a layout gap");
        }
    }

    /** A stage (as {@link StageRunner#runStaged}), with the float state gathered into double chunks. */
    static void runStaged(long localMask, Kernel[] kernels, int n, MemorySegment floats, ParallelRunner runner) {
        int local = Long.bitCount(localMask);
        int run = Long.numberOfTrailingZeros(~localMask);
        long highLocal = localMask & ~((1L << run) - 1);
        long outside = ~localMask & ((1L << n) - 1);
        long runs = 1L << (local - run), runAmps = 1L << run;
        long[] runStart = new long[(int) runs];
        for (int r = 0; r < runs; r++) runStart[r] = Long.expand(r, highLocal >>> run) << run;
        long chunks = 1L << (n - local);
        long chunkBytes = Lanes.bytesFor(AmplitudeMemory.vectorsFor(local));
        runner.forRange(chunks, (chunkBytes / Lanes.VECTOR_BYTES) * (kernels.length + 2), (from, to) -> {
            // A gate wider than a chunk (its own stage), or a float chunk of CHUNK_QUBITS with a block
            // that has no float kernel, widens to more doubles than the thread's scratch holds.
            MemorySegment scratch = local <= StageRunner.CHUNK_QUBITS ? StageRunner.SCRATCH.get()
                    : Arena.ofAuto().allocate(chunkBytes, AmplitudeMemory.ALIGNMENT);
            for (long c = from; c < to; c++) {
                long base = Long.expand(c, outside);
                for (int r = 0; r < runs; r++) FloatLayout.gather(floats, n, base | runStart[r], runAmps, scratch, (long) r << run);
                for (Kernel k : kernels) k.run(scratch, 0, k.units());
                for (int r = 0; r < runs; r++) FloatLayout.scatter(scratch, (long) r << run, runAmps, floats, n, base | runStart[r]);
            }
        });
    }

    /** Kernels built for the whole state (states too small for stages): widen it all, run them, round back. */
    static void runWhole(Kernel[] kernels, int n, MemorySegment floats) {
        if (n > StageRunner.CHUNK_QUBITS) throw new IllegalStateException("a single-precision plan of " + n + " qubits has a whole-state step");
        long amps = Math.max(1L << n, Lanes.AMPS);
        MemorySegment scratch = StageRunner.SCRATCH.get();
        FloatLayout.gather(floats, n, 0, amps, scratch, 0);
        for (Kernel k : kernels) k.run(scratch, 0, k.units());
        FloatLayout.scatter(scratch, 0, amps, floats, n, 0);
    }

    /**
     * A stage whose blocks all have float kernels: each chunk is copied into the scratch (or
     * used in place when the local qubits are the lowest ones), runs there in float and is
     * copied back. Chunks hold at most 2^19 amplitudes ({@link #CHUNK_QUBITS}), so neither a chunk nor a run crosses a
     * gap of the float layout.
     */
    static void runStagedFloat(long localMask, FloatBlocks.FloatKernel[] kernels, int n, MemorySegment floats, ParallelRunner runner) {
        int local = Long.bitCount(localMask);
        int run = Long.numberOfTrailingZeros(~localMask);
        long highLocal = localMask & ~((1L << run) - 1);
        long outside = ~localMask & ((1L << n) - 1);
        long runs = 1L << (local - run), runBytes = 8L << run;
        long[] runStart = new long[(int) runs];
        for (int r = 0; r < runs; r++) runStart[r] = Long.expand(r, highLocal >>> run) << run;
        long chunks = 1L << (n - local);
        long chunkBytes = 8L << local;
        boolean inPlace = run == local;
        runner.forRange(chunks, (chunkBytes / Lanes.VECTOR_BYTES) * (kernels.length + 2), (from, to) -> {
            MemorySegment scratch = inPlace ? null : StageRunner.SCRATCH.get().asSlice(0, chunkBytes);
            for (long c = from; c < to; c++) {
                long base = Long.expand(c, outside);
                MemorySegment work;
                if (inPlace) {
                    work = floats.asSlice(FloatLayout.amplitudeOffset(base, n), chunkBytes);
                } else {
                    for (int r = 0; r < runs; r++) {
                        MemorySegment.copy(floats, FloatLayout.amplitudeOffset(base | runStart[r], n), scratch, r * runBytes, runBytes);
                    }
                    work = scratch;
                }
                FloatBlocks.runTiled(kernels, work, local - FloatGateKernel.LOW_QUBITS);
                if (!inPlace) {
                    for (int r = 0; r < runs; r++) {
                        MemorySegment.copy(scratch, r * runBytes, floats, FloatLayout.amplitudeOffset(base | runStart[r], n), runBytes);
                    }
                }
            }
        });
    }
}
