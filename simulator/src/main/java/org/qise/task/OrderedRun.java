package org.qise.task;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.qise.sim.Progress;

/**
 * Runs jobs 0…n−1 on {@code workers} threads and hands the results to a sink in job order, with
 * a bounded window of jobs in flight so that memory stays flat however many jobs there are.
 */
public final class OrderedRun {
    private OrderedRun() {}

    public static <R> void run(int n, int workers, IntFunction<R> job, Consumer<R> sink, Progress progress, String unit) {
        if (workers <= 1) {
            for (int i = 0; i < n; i++) {
                sink.accept(job.apply(i));
                progress.update(i + 1, n, unit);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "qise-tasks");
            t.setDaemon(true);
            return t;
        });
        try {
            int window = workers * 4;
            List<Future<R>> pending = new ArrayList<>();
            int next = 0;
            for (int i = 0; i < n; i++) {
                while (next < n && next < i + window) {
                    int k = next++;
                    pending.add(pool.submit(() -> job.apply(k)));
                }
                sink.accept(get(pending.set(i, null)));
                progress.update(i + 1, n, unit);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> R get(Future<R> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }
}
