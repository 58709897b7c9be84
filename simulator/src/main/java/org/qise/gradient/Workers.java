package org.qise.gradient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Runs a fixed number of independent tasks on the gradient's threads (or on the caller's). The
 * tasks are the same whatever the thread count, and each writes only its own results, so the
 * way they are shared out never changes a bit of what the callers combine from them.
 */
final class Workers {
    private Workers() {}

    /** Runs {@code body} for 0…tasks−1: on {@code pool}'s threads, or in order on this one when it is null. */
    static void forEach(ExecutorService pool, int tasks, IntConsumer body) {
        if (pool == null || tasks < 2) {
            for (int t = 0; t < tasks; t++) body.accept(t);
            return;
        }
        List<Callable<Void>> list = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            int task = t;
            list.add(() -> {
                body.accept(task);
                return null;
            });
        }
        try {
            for (Future<Void> f : pool.invokeAll(list)) f.get();
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
