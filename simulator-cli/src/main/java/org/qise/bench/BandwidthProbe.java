package org.qise.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.qise.engine.fast.HugePageMemory;

/**
 * Measures the machine's memory bandwidth for the access pattern of a gate pass: an in-place
 * read-modify-write sweep (x ← c·x) over an off-heap array, split over threads like the engine
 * splits a state, on the kind of pages states get ({@link HugePageMemory}). Bytes count as read +
 * written; the best of several sweeps is reported.
 */
public final class BandwidthProbe {
    private BandwidthProbe() {}

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Same width as {@link #S}, for sweeps that move bits. */
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;

    /** Best read+write bandwidth in GB/s (10^9 bytes) over {@code repeats} sweeps of {@code bytes}. */
    public static double measureGbs(long bytes, int threads, int repeats) {
        try (Sweeps sweeps = new Sweeps(bytes, threads)) {
            double best = 0;
            for (int r = 0; r < repeats; r++) best = Math.max(best, sweeps.sweepGbs());
            return best;
        }
    }

    /**
     * An off-heap array (its own, or a state's memory: {@link #overState}) and threads to sweep
     * it, one timed sweep at a time, so a caller can put sweeps between the runs it times (the
     * bench's single-gate passes) and compare periods of the same machine's speed rather than
     * minutes apart. The first sweep (page faults, compiled code) happens when it is made.
     */
    static final class Sweeps implements AutoCloseable {
        private final Arena arena = Arena.ofShared();
        private final ExecutorService pool;
        private final MemorySegment seg;
        /** Whether the memory is someone else's (a state's), to be read and written back bit for bit. */
        private final boolean unchanged;
        private final long vectors;
        private final int threads;
        private int done;

        Sweeps(long bytes, int threads) {
            this(null, bytes, threads);
        }

        /**
         * Sweeps over a state's own memory ({@code memory}, not this object's to free), each one
         * reading every byte and writing it back unchanged: where a state sits in cache, no pass
         * over it can take less time than that, and the sweeps, unlike a second array of the same
         * size, do not push the state out of the cache between the passes they are timed with.
         */
        static Sweeps overState(MemorySegment memory, int threads) {
            return new Sweeps(memory, memory.byteSize(), threads);
        }

        private Sweeps(MemorySegment memory, long bytes, int threads) {
            this.threads = threads;
            this.unchanged = memory != null;
            this.vectors = Math.max(1, bytes / (S.length() * 8L));
            this.pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "bandwidth-probe");
                t.setDaemon(true);
                return t;
            });
            try {
                // On the pages the engine gives a state of this size (huge pages where it can), so
                // that "of bw" compares passes and sweeps over the same kind of memory.
                seg = unchanged ? memory : HugePageMemory.allocate(vectors * S.length() * 8L, arena);
                // Get the sweep compiled before timing: the first calls run unoptimised vector code.
                MemorySegment small = arena.allocate(1 << 16, 64);
                for (int i = 0; i < 20_000; i++) sweep(small, 0, small.byteSize() / (S.length() * 8L), 1.0, unchanged);
                sweepGbs(); // first touch of every page
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
        }

        /**
         * One in-place sweep over the whole array on all threads; its read+write bandwidth in GB/s,
         * over the bytes swept (vectors × vector bytes), from the first thread's start to the last
         * one's end, so that handing the sweep to the threads is not counted against it.
         */
        double sweepGbs() {
            // Alternate factors so the values stay bounded and the work cannot be skipped.
            double c = (done++ & 1) == 0 ? 1.0000001 : 1 / 1.0000001;
            long[] starts = new long[threads], ends = new long[threads];
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int p = 0; p < threads; p++) {
                int part = p;
                long from = vectors * p / threads, to = vectors * (p + 1) / threads;
                tasks.add(() -> {
                    starts[part] = System.nanoTime();
                    sweep(seg, from, to, c, unchanged);
                    ends[part] = System.nanoTime();
                    return null;
                });
            }
            try {
                for (Future<Void> f : pool.invokeAll(tasks)) f.get();
            } catch (Exception e) {
                throw new IllegalStateException("bandwidth probe failed: " + e, e);
            }
            long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
            for (int p = 0; p < threads; p++) {
                first = Math.min(first, starts[p]);
                last = Math.max(last, ends[p]);
            }
            double seconds = Math.max(1, last - first) / 1e9;
            return 2.0 * vectors * S.length() * 8L / seconds / 1e9;
        }

        @Override
        public void close() {
            pool.shutdownNow();
            arena.close();
        }
    }

    /**
     * Zero bits, read from a field the compiler cannot fold, so that the unchanged sweep's
     * exclusive-or is done (and its stores are not dropped as storing what was loaded).
     */
    private static long unchangedBits = 0;

    private static void sweep(MemorySegment seg, long from, long to, double c, boolean unchanged) {
        long vb = S.length() * 8L;
        if (unchanged) {
            // Bits, not numbers: the same bytes come back whatever they hold (floats, doubles,
            // padding), and no operand can be a subnormal that slows the arithmetic down.
            LongVector zero = LongVector.broadcast(L, unchangedBits);
            for (long v = from; v < to; v++) {
                LongVector x = LongVector.fromMemorySegment(L, seg, v * vb, ByteOrder.nativeOrder());
                x.lanewise(VectorOperators.XOR, zero).intoMemorySegment(seg, v * vb, ByteOrder.nativeOrder());
            }
            return;
        }
        DoubleVector f = DoubleVector.broadcast(S, c);
        for (long v = from; v < to; v++) {
            DoubleVector x = DoubleVector.fromMemorySegment(S, seg, v * vb, ByteOrder.nativeOrder());
            x.mul(f).intoMemorySegment(seg, v * vb, ByteOrder.nativeOrder());
        }
    }
}
