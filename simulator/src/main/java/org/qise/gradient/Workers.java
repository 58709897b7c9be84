package org.qise.gradient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs a fixed number of independent tasks on the gradient's threads and the caller's. The
 * tasks are the same whatever the thread count, and each writes only its own results, so the
 * way they are shared out never changes a bit of what the callers combine from them.
 *
 * <p>The caller works too (the pool holds threads − 1 helpers) and every thread claims the next
 * task from a counter, as the engine's gang does: one future per helper and pass instead of one
 * per task, and no thread that only waits.
 */
final class Workers {
    private Workers() {}

    /** A pool of {@code threads − 1} daemon helpers for {@link #forEach}; null for one thread. */
    static ExecutorService pool(int threads) {
        if (threads < 2) return null;
        return java.util.concurrent.Executors.newFixedThreadPool(threads - 1, r -> {
            Thread th = new Thread(r, "qise-adjoint");
            th.setDaemon(true);
            return th;
        });
    }

    /** Runs {@code body} for 0…tasks−1: on this thread and {@code pool}'s, or in order on this one when it is null. */
    static void forEach(ExecutorService pool, int tasks, IntConsumer body) {
        if (pool == null || tasks < 2) {
            for (int t = 0; t < tasks; t++) body.accept(t);
            return;
        }
        int helpers = Math.min(tasks - 1, ((ThreadPoolExecutor) pool).getMaximumPoolSize());
        AtomicInteger next = new AtomicInteger();
        Runnable claim = () -> {
            for (int t; (t = next.getAndIncrement()) < tasks; ) body.accept(t);
        };
        List<Future<?>> futures = new ArrayList<>(helpers);
        for (int h = 0; h < helpers; h++) futures.add(pool.submit(claim));
        RuntimeException mine = null;
        try {
            claim.run();
        } catch (RuntimeException e) {
            mine = e;
            next.set(tasks); // the helpers stop after their current task
        }
        try {
            for (Future<?> f : futures) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (mine != null) throw mine;
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
        if (mine != null) throw mine;
    }
}
