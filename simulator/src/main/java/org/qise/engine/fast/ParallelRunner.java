package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
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
    /** The engine's pool, created on first use (tiny states never start one); null once closed. */
    private final Supplier<ForkJoinPool> pool;
    private final long minParallelVectors;

    ParallelRunner(int threads, Supplier<ForkJoinPool> pool, long minParallelVectors) {
        this.threads = threads;
        this.pool = pool;
        this.minParallelVectors = minParallelVectors;
    }

    int threads() { return threads; }

    /** A body that handles the index range [from, to). */
    interface RangeBody {
        void run(long from, long to);
    }

    void runKernel(Kernel k, MemorySegment amps) {
        forRange(k.groupCount(), (long) k.vectorsPerGroup(), (from, to) -> k.run(amps, from, to));
    }

    /** Runs body over [0, count), in parallel when count × vectorsPerItem is large enough. */
    void forRange(long count, long vectorsPerItem, RangeBody body) {
        ForkJoinPool pool = null;
        if (threads == 1 || count < 2 || count * Math.max(1, vectorsPerItem) < minParallelVectors || (pool = this.pool.get()) == null) {
            body.run(0, count);
            return;
        }
        // A few pieces per thread so that a thread slowed by other load does not hold up the rest.
        long pieces = Math.min(count, threads * 4L);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (long p = 0; p < pieces; p++) {
            long from = count * p / pieces, to = count * (p + 1) / pieces;
            tasks.add(() -> {
                body.run(from, to);
                return null;
            });
        }
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) f.get();
        } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying a gate", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
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
