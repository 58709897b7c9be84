package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import java.util.function.Supplier;

/**
 * Spreads work over the engine's threads, only where it pays: below {@link #DEFAULT_MIN_PARALLEL_VECTORS}
 * vectors the whole range runs on the caller's thread. Splitting never changes results, because
 * kernels compute every amplitude independently and reductions use {@link #chunks fixed chunks}.
 */
final class ParallelRunner {
    /**
     * Below 2^17 amplitudes (2 MiB) a pass takes well under a millisecond, and handing it to the
     * pool costs more than it saves: measured on the 2-core reference machine, fused qcbm at
     * n = 16 ran several times slower on two threads than on one.
     */
    static final long DEFAULT_MIN_PARALLEL_VECTORS = (1L << 17) / Lanes.AMPS;
    /** Reductions sum fixed chunks of this many vectors, then add the chunk sums in order. */
    static final long CHUNK_VECTORS = 1L << 11;

    private final int threads;
    /** The engine's threads, started on first use (tiny states never start any); null once closed. */
    private final Supplier<Gang> gang;
    private final long minParallelVectors;

    ParallelRunner(int threads, Supplier<Gang> gang, long minParallelVectors) {
        this.threads = threads;
        this.gang = gang;
        this.minParallelVectors = minParallelVectors;
    }

    int threads() { return threads; }

    /** A body that handles the index range [from, to). */
    interface RangeBody {
        void run(long from, long to);
    }

    void runKernel(Kernel k, MemorySegment amps) {
        forRange(k.units(), (long) k.vectorsPerGroup(), (from, to) -> k.run(amps, from, to));
    }

    /** Runs body over [0, count), in parallel when count × vectorsPerItem is large enough. */
    void forRange(long count, long vectorsPerItem, RangeBody body) {
        Gang gang;
        if (threads == 1 || count < 2 || count * Math.max(1, vectorsPerItem) < minParallelVectors || (gang = this.gang.get()) == null) {
            body.run(0, count);
            return;
        }
        // A few pieces per thread so that a thread slowed by other load does not hold up the rest.
        int pieces = (int) Math.min(count, threads * 4L);
        if (!gang.run(count, pieces, body)) body.run(0, count);
    }

    /** Number of fixed reduction chunks for a state of {@code vectors} vectors. */
    static long chunks(long vectors) {
        return (vectors + CHUNK_VECTORS - 1) / CHUNK_VECTORS;
    }

    /** Computes one double per fixed chunk (in parallel) and adds them in chunk order. */
    double sumOverChunks(long vectors, ChunkFunction f) {
        double[] partial = perChunk(vectors, f);
        double sum = 0;
        for (double p : partial) sum += p;
        return sum;
    }

    /** One double per fixed chunk of vectors. */
    double[] perChunk(long vectors, ChunkFunction f) {
        int n = (int) chunks(vectors);
        double[] partial = new double[n];
        forRange(n, CHUNK_VECTORS, (from, to) -> {
            for (long c = from; c < to; c++) {
                long v0 = c * CHUNK_VECTORS;
                partial[(int) c] = f.apply(v0, Math.min(vectors, v0 + CHUNK_VECTORS));
            }
        });
        return partial;
    }

    /** A reduction over the vectors [from, to) of one chunk. */
    interface ChunkFunction {
        double apply(long fromVector, long toVector);
    }
}
