package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs fused blocks with one memory pass for each run of consecutive blocks that touch only
 * qubits below {@link #CHUNK_QUBITS}: such blocks never mix amplitudes of different aligned
 * chunks of 2^CHUNK_QUBITS amplitudes (256 KiB, which stays in a core's L2 cache), so each chunk
 * can take the whole run while it is in cache. A kernel built for a CHUNK_QUBITS-qubit state,
 * run on a chunk, does exactly the arithmetic the full-size kernel does on those amplitudes, so
 * this changes no bit of the result. Other blocks get a pass each.
 */
final class CacheBlocking {
    /** 2^14 amplitudes × 16 bytes = 256 KiB per chunk. */
    static final int CHUNK_QUBITS = 14;

    private CacheBlocking() {}

    static void run(List<Fuser.Block> blocks, int n, MemorySegment amps, ParallelRunner runner) {
        if (n <= CHUNK_QUBITS) {
            for (Fuser.Block b : blocks) runner.runKernel(b.kernel(n), amps);
            return;
        }
        long lowMask = (1L << CHUNK_QUBITS) - 1;
        List<Fuser.Block> run = new ArrayList<>();
        for (Fuser.Block b : blocks) {
            if ((b.qubitMask() & ~lowMask) == 0) {
                run.add(b);
                continue;
            }
            flush(run, n, amps, runner);
            runner.runKernel(b.kernel(n), amps);
        }
        flush(run, n, amps, runner);
    }

    private static void flush(List<Fuser.Block> run, int n, MemorySegment amps, ParallelRunner runner) {
        if (run.isEmpty()) return;
        if (run.size() == 1) {
            runner.runKernel(run.get(0).kernel(n), amps);
        } else {
            List<Kernel> kernels = new ArrayList<>();
            for (Fuser.Block b : run) kernels.add(b.kernel(CHUNK_QUBITS));
            long chunkBytes = 16L << CHUNK_QUBITS, chunkVectors = chunkBytes / Lanes.VECTOR_BYTES;
            long chunks = 1L << (n - CHUNK_QUBITS);
            runner.forRange(chunks, chunkVectors * kernels.size(), (from, to) -> {
                for (long c = from; c < to; c++) {
                    // A chunk never spans a gap of the layout (chunks are smaller than the gap spacing).
                    MemorySegment chunk = amps.asSlice(Lanes.offset(c * chunkVectors), chunkBytes);
                    for (Kernel k : kernels) k.run(chunk, 0, k.groupCount());
                }
            });
        }
        run.clear();
    }
}
