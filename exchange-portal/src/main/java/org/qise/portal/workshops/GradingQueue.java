package org.qise.portal.workshops;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.qise.circuit.Circuit;
import org.qise.portal.PortalException;
import org.qise.portal.circuits.QasmCheck;
import org.qise.portal.runs.RunConfig;

/**
 * Grading off the request thread. A submission is untrusted text, so its size is checked
 * first, then it is parsed under a small operation limit and held to the run caps (qubits,
 * gates) on a grading worker; the request waits a bounded time for the grade. When that time
 * is up, or the portal stops, the job is told to stop and does so at its next checkpoint, so no
 * grading outlives its request.
 *
 * @param workers  grading jobs at once (their own threads, apart from the run workers)
 * @param capacity jobs that may wait; beyond that submissions get 429
 * @param timeout  longest a grading job may take (it is stopped beyond, and the answer is 422)
 * @param maxGates most gates a submission may have
 * @param maxQubits most qubits a submission may have (the exercises' own limits are lower)
 */
public final class GradingQueue implements AutoCloseable {
    /** Largest submission in bytes; checked before anything is parsed. */
    public static final int MAX_SUBMISSION_BYTES = 100_000;

    private final ThreadPoolExecutor pool;
    private final Duration timeout;
    private final int maxGates;
    private final int maxQubits;

    public GradingQueue(int workers, int capacity, Duration timeout, int maxGates, int maxQubits) {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(capacity), r -> {
            Thread t = new Thread(r, "grading-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        this.timeout = timeout;
        this.maxGates = maxGates;
        this.maxQubits = maxQubits;
    }

    /** Sized like the runs: as many workers as the run queue's small lane, the run caps, 20 s per grading. */
    public static GradingQueue forRuns(RunConfig runs) {
        return new GradingQueue(Math.max(1, runs.smallWorkers()), 64, Duration.ofSeconds(20), Math.min(runs.maxGates(), 10_000),
                runs.maxQubits());
    }

    /** Thrown at a checkpoint of a job that must stop. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    /** The grade of {@code qasm} against {@code target}: 400/413/422 for bad or oversized input, 429 when busy. */
    public Grader.Grade grade(Target target, String qasm) {
        return grade(target, qasm, null);
    }

    /** As {@link #grade(Target, String)}, simulating under {@code noise} when it is not null. */
    public Grader.Grade grade(Target target, String qasm, org.qise.noise.NoiseModel noise) {
        if (qasm == null || qasm.isBlank()) throw PortalException.badRequest("the submitted circuit is empty");
        int bytes = qasm.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_SUBMISSION_BYTES) {
            throw PortalException.tooLarge("a submitted circuit may have at most " + MAX_SUBMISSION_BYTES + " bytes, got " + bytes);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable checkpoint = () -> {
            if (stop.get() || Thread.currentThread().isInterrupted() || System.nanoTime() - deadline > 0) throw new Stopped();
        };
        Future<Grader.Grade> job;
        try {
            job = pool.submit(() -> {
                checkpoint.run(); // it may have waited its whole time in the queue
                Circuit c = QasmCheck.parse(qasm, RunConfig.untrustedParseLimits(maxGates, maxQubits));
                if (c.numQubits() > maxQubits) {
                    throw new PortalException(422, "qubits " + c.numQubits() + " exceeds the cap of " + maxQubits);
                }
                if (c.gateCount() > maxGates) throw new PortalException(422, "gates " + c.gateCount() + " exceeds the cap of " + maxGates);
                return Grader.grade(target, c, checkpoint, noise);
            });
        } catch (RejectedExecutionException busy) {
            throw PortalException.tooManyRequests("grading is busy; try again in a few seconds", 5);
        }
        try {
            return job.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | CancellationException e) {
            stop.set(true);
            job.cancel(true);
            throw timedOut();
        } catch (InterruptedException e) {
            stop.set(true);
            job.cancel(true);
            Thread.currentThread().interrupt();
            throw new PortalException(503, "grading was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PortalException p) throw p;
            if (e.getCause() instanceof Stopped) throw timedOut();
            if (e.getCause() instanceof OutOfMemoryError) throw new PortalException(422, "the submission needs more memory than grading may use");
            throw PortalException.badRequest("the submission could not be graded: " + e.getCause().getMessage());
        } finally {
            stop.set(true);
        }
    }

    private PortalException timedOut() {
        String limit = timeout.toMillis() < 1000 ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s";
        return new PortalException(422, "grading stopped after the time limit of " + limit);
    }

    /** Grading jobs running now (for tests and health checks). */
    public int active() {
        return pool.getActiveCount();
    }

    /** Stops the workers; running jobs stop at their next checkpoint. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
