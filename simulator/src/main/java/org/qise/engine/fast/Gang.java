package org.qise.engine.fast;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine's threads for parallel passes: {@code threads − 1} helper threads and the caller
 * share each pass, piece by piece. A pass on a state in cache takes a few hundred microseconds,
 * and handing it to a {@link java.util.concurrent.ForkJoinPool} (tasks, futures, a sleeping
 * worker woken for every pass while the caller only waits) cost about as much as the second
 * core saved: at 20 qubits an h gate took the same time on two threads as on one. Here the
 * caller works too, and a helper that has just finished a pass spins briefly for the next one
 * before it parks, so back-to-back passes (the stages of a circuit, repeated gates) find it awake.
 *
 * <p>One pass at a time: a caller that finds the gang busy (another state of the same engine on
 * another thread) runs its pass alone. Which thread runs which piece never changes a result,
 * since kernels compute every amplitude independently. Helpers that stay idle for
 * {@link #IDLE_EXIT_NANOS} end, and are started again by the next pass, so an engine nobody
 * closes leaves no threads behind for long.
 */
final class Gang implements AutoCloseable {
    /** How long a helper spins for the next pass before it parks: a few passes' gap, a small cost in CPU. */
    private static final long SPIN_NANOS = 50_000;
    static final long IDLE_EXIT_NANOS = 10_000_000_000L;

    /** One pass: pieces [0, pieces) of [0, count), claimed one at a time. */
    private static final class Pass {
        final ParallelRunner.RangeBody body;
        final long count;
        final int pieces;
        final AtomicInteger next = new AtomicInteger(), done = new AtomicInteger();
        volatile Throwable failure;

        Pass(ParallelRunner.RangeBody body, long count, int pieces) {
            this.body = body;
            this.count = count;
            this.pieces = pieces;
        }

        /** Runs pieces until none is left. */
        void work() {
            for (int p; (p = next.getAndIncrement()) < pieces; ) {
                try {
                    body.run(count * p / pieces, count * (p + 1) / pieces);
                } catch (Throwable t) {
                    if (failure == null) failure = t;
                } finally {
                    done.incrementAndGet();
                }
            }
        }
    }

    private final int helpers;
    private final Thread[] threads;
    private final ReentrantLock busy = new ReentrantLock();
    /** The current pass, and a counter that tells helpers a new one was published. */
    private volatile Pass pass;
    private volatile long generation;
    private volatile boolean closed;

    Gang(int threads) {
        this.helpers = threads - 1;
        this.threads = new Thread[helpers];
    }

    int threads() { return helpers + 1; }

    /**
     * Runs body over [0, count) in {@code pieces} pieces on the caller and the helpers; false
     * (nothing run) when the gang is closed or busy with another caller's pass.
     */
    boolean run(long count, int pieces, ParallelRunner.RangeBody body) {
        if (closed || busy.isHeldByCurrentThread() || !busy.tryLock()) return false;
        try {
            Pass p = new Pass(body, count, pieces);
            pass = p;
            generation++;
            for (int i = 0; i < helpers; i++) {
                Thread t = threads[i];
                if (t == null || !t.isAlive()) threads[i] = t = start(i);
                LockSupport.unpark(t);
            }
            p.work();
            // The helpers' last pieces: short, so spin, then yield the core to them.
            for (int spins = 0; p.done.get() < pieces; spins++) {
                if (spins < 1 << 12) Thread.onSpinWait();
                else Thread.yield();
            }
            pass = null;
            Throwable f = p.failure;
            if (f instanceof RuntimeException re) throw re;
            if (f instanceof Error e) throw e;
            if (f != null) throw new IllegalStateException(f);
            return true;
        } finally {
            busy.unlock();
        }
    }

    private Thread start(int index) {
        long seen = generation; // the pass being published now is picked up through the unpark
        return Thread.ofPlatform().daemon().name("qise-fast-" + (index + 1)).start(() -> helperLoop(seen - 1));
    }

    private void helperLoop(long seen) {
        long idleSince = System.nanoTime();
        while (!closed) {
            long g = generation;
            if (g != seen) {
                seen = g;
                Pass p = pass;
                if (p != null) p.work();
                idleSince = System.nanoTime();
                continue;
            }
            long idle = System.nanoTime() - idleSince;
            if (idle < SPIN_NANOS) {
                Thread.onSpinWait();
            } else if (idle > IDLE_EXIT_NANOS) {
                return; // the next pass starts a new helper
            } else {
                LockSupport.parkNanos(this, 100_000_000L);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : threads) if (t != null) LockSupport.unpark(t);
    }
}
