package org.qise.portal.runs;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.qise.portal.circuits.QasmCheck;
import org.qise.portal.db.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code qise worker}: {@code slots} threads that each claim a run from the portal's
 * database, simulate it with the portal's own executor and store the result for their attempt
 * only. A heartbeat renews the leases of the runs in hand every third of the lease; a run whose
 * lease cannot be renewed (cancelled on the portal, or taken over by another worker after this
 * one stalled) is stopped and nothing of it is stored.
 */
public final class RunWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunWorker.class);

    /** How the worker is set up. */
    public record Settings(String name, int slots, Duration lease, Duration idlePoll, int maxAttempts) {
        public Settings {
            if (slots < 1) throw new IllegalArgumentException("a worker needs at least one slot, got " + slots);
            if (lease.toMillis() < 1000) throw new IllegalArgumentException("the lease must be at least 1 s, got " + lease);
            if (maxAttempts < 1) throw new IllegalArgumentException("max attempts must be at least 1, got " + maxAttempts);
        }
    }

    private record Held(RunLeases.Claim claim, LiveRun job) {}

    private final RunLeases leases;
    private final RunExecutor executor;
    private final Settings settings;
    private final int maxRunningPerUser;
    private final Clock clock;
    private final PrintStream out;
    private final Set<Held> held = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "run-worker-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopping;

    /**
     * {@code out} gets one line per run this worker stored ("run 17 done, attempt 1, by NAME").
     * {@code config.maxRunningPerUser()} holds across all workers: a claim passes over the queued
     * runs of an owner who has that many running anywhere.
     */
    public RunWorker(Jdbc jdbc, RunConfig config, Settings settings, Clock clock, PrintStream out) {
        this.leases = new RunLeases(jdbc);
        this.executor = new RunExecutor(leases.store(), config, clock);
        this.settings = settings;
        this.maxRunningPerUser = config.maxRunningPerUser();
        this.clock = clock;
        this.out = out;
    }

    public void start() {
        long every = Math.max(200, settings.lease().toMillis() / 3);
        beat(true);
        heartbeat.scheduleWithFixedDelay(() -> {
            beat(false);
            renewAll();
        }, every, every, TimeUnit.MILLISECONDS);
        for (int i = 0; i < settings.slots(); i++) {
            Thread t = new Thread(this::work, "run-worker-" + (i + 1));
            threads.add(t);
            t.start();
        }
    }

    private void work() {
        while (!stopping) {
            Optional<RunLeases.Claim> claim;
            try {
                claim = leases.claim(settings.name(), settings.lease(), settings.maxAttempts(), maxRunningPerUser);
            } catch (RuntimeException e) {
                // The database may be restarting or out of reach for a moment; try again after a pause.
                LOG.warn("claiming a run failed: {}", e.getMessage());
                pause(settings.idlePoll().multipliedBy(4));
                continue;
            }
            if (claim.isEmpty()) {
                // Jittered, so that idle workers started together do not poll in lock-step.
                pause(settings.idlePoll().plusMillis(ThreadLocalRandom.current().nextLong(1 + settings.idlePoll().toMillis() / 2)));
                continue;
            }
            try {
                run(claim.get());
            } catch (RuntimeException e) {
                // The database failed while the run was being ended (even marking it failed did not get
                // through). Nothing of this attempt is stored; its lease is no longer renewed, so it expires
                // and the run is taken again as a later attempt, here or by another worker. The slot goes on
                // rather than ending its thread, which would leave a worker that beats but never runs.
                LOG.warn("ending run {} failed: {}; it is taken again once its lease expires", claim.get().run().id(),
                        e.getMessage());
                pause(settings.idlePoll().multipliedBy(4));
            }
        }
    }

    private void run(RunLeases.Claim claim) {
        Run row = claim.run();
        LiveRun job;
        try {
            job = RunSweeps.live(leases.store(), row);
        } catch (RuntimeException e) {
            leases.store().finishWithout(row.id(), claim.attempt(), RunStatus.FAILED, "the stored circuit could not be read: "
                    + e.getMessage(), clock.instant());
            return;
        }
        Held h = new Held(claim, job);
        held.add(h);
        RunStatus status;
        try {
            status = executor.executeClaimed(job, claim.attempt(), row.startedAt() != null ? row.startedAt() : Instant.now(clock));
        } catch (RunExecutor.OutcomeNotStored e) {
            // The run's outcome (and a reproduction's verdict with it) could not be written: nothing is recorded,
            // least of all a failure of a simulation that may well have succeeded. The lease is no longer renewed,
            // so the run is taken again as a later attempt once it expires.
            LOG.warn("{}; it is taken again once its lease expires", e.getMessage());
            status = RunStatus.RUNNING;
        } catch (RuntimeException | Error e) {
            LOG.error("run {} could not be completed", row.id(), e);
            leases.store().finishWithout(row.id(), claim.attempt(), RunStatus.FAILED, "the worker could not complete this run",
                    clock.instant());
            status = RunStatus.FAILED;
        } finally {
            held.remove(h);
        }
        if (job.stopRequested() == LiveRun.StopReason.SHUTDOWN) {
            if (leases.release(claim)) out.println("run " + row.id() + " given back to the queue by " + settings.name());
            return;
        }
        if (status.finished()) { // this attempt stored how the run ended (a reproduction's verdict in the same transaction)
            out.println("run " + row.id() + " " + status.label() + ", attempt " + claim.attempt() + ", by " + settings.name());
        }
        out.flush();
    }

    /** The worker's own heartbeat (for /metrics); failing to write it must not stop the worker. */
    private void beat(boolean started) {
        try {
            leases.heartbeat(settings.name(), settings.lease(), settings.slots(), started);
        } catch (RuntimeException e) {
            LOG.warn("recording the heartbeat of worker {} failed: {}", settings.name(), e.getMessage());
        }
    }

    /** The heartbeat: renew every lease in hand; stop the runs whose lease is gone. */
    private void renewAll() {
        for (Held h : held) {
            try {
                if (!leases.renew(h.claim(), settings.lease(), h.job().progress())) {
                    h.job().requestStop(LiveRun.StopReason.LEASE_LOST, "the run was cancelled or taken over by another worker");
                }
            } catch (RuntimeException e) {
                // Could not reach the database: keep running; if this lasts past the lease, another worker takes over.
                LOG.warn("renewing the lease of run {} failed: {}", h.claim().run().id(), e.getMessage());
            }
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops claiming, stops the runs in hand and gives them back to the queue, waits for the threads. */
    @Override
    public void close() {
        stopping = true;
        for (Held h : held) h.job().requestStop(LiveRun.StopReason.SHUTDOWN, "the worker is stopping");
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        heartbeat.shutdownNow();
        try {
            leases.signOff(settings.name());
        } catch (RuntimeException e) {
            LOG.warn("removing the heartbeat of worker {} failed: {}", settings.name(), e.getMessage());
        }
    }

    /** Blocks until every worker thread has ended. */
    public void join() throws InterruptedException {
        for (Thread t : threads) t.join();
    }
}
