package org.qise.portal.runs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.qise.engine.StateTooLargeException;
import org.qise.noise.NoiseException;
import org.qise.noise.run.Method;
import org.qise.noise.run.NoisyResult;
import org.qise.noise.run.NoisySimulator;
import org.qise.sim.PauliSum;
import org.qise.sim.Progress;
import org.qise.sim.Result;
import org.qise.sim.Simulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulates one run on a worker thread and stores how it ended: the result with its manifest,
 * or failed, cancelled or timed_out with the reason. Progress goes to the run in memory at every
 * report and to the database at most once a second.
 */
final class RunExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(RunExecutor.class);
    private static final long PERSIST_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final RunStore store;
    private final RunConfig config;
    private final Clock clock;

    RunExecutor(RunStore store, RunConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    /** Runs the simulation; returns the status the run ended in (RUNNING when stopped by a shutdown). */
    RunStatus execute(LiveRun job) {
        Instant started = clock.instant();
        if (job.stopRequested() != null) {
            store.finishWithout(job.id(), RunStatus.CANCELLED, "cancelled before it started", started);
            return RunStatus.CANCELLED;
        }
        int attempt = store.markRunning(job.id(), started);
        // Not queued any more: (on PostgreSQL) a `qise worker` took it and owns it now, including
        // the verdict if it is a reproduction; nothing is written here, and RUNNING says "not ended by us".
        if (attempt == 0) return RunStatus.RUNNING;
        return executeClaimed(job, attempt, started);
    }

    /**
     * Runs a simulation that this process holds as {@code attempt} (marked running by
     * {@link #execute} or claimed by a {@code qise worker}); the result is stored only while that
     * attempt still holds the run. Returns the status this attempt stored, or RUNNING when it
     * stored nothing (stopped by a shutdown, or the run was cancelled or taken over meanwhile).
     */
    RunStatus executeClaimed(LiveRun job, int attempt, Instant started) {
        long deadline = System.nanoTime() + config.timeout().toNanos();
        String timeoutMessage = "stopped after the time limit of " + describe(config.timeout()) + " per run";
        Progress progress = progress(job, deadline, timeoutMessage);
        Run row = job.row;
        var sweep = new RunSweeps(store.jdbc()).spec(row.id());
        if (sweep.isPresent()) return executeSweep(job, sweep.get(), attempt, started); // noisy or not
        if (row.noisy()) return executeNoisy(job, attempt, started, progress, deadline, timeoutMessage);
        int n = job.circuit.numQubits();
        Simulator simulator = Simulator.builder().engine(row.engine()).threads(config.threadsPerRun()).shots(row.shots())
                .seed(row.seed()).keepState(n <= RunConfig.MAX_STORED_STATE_QUBITS || !row.expect().isEmpty())
                .progress(progress).build();
        Ending write;
        try (simulator; Result result = simulator.run(job.circuit)) { // closing the simulator ends its engine's threads
            Instant finished = clock.instant();
            var counts = new TreeMap<>(result.counts());
            var expectations = expectations(row.expect(), result);
            String state = stateJson(result);
            var manifest = manifest(row, result, started, finished);
            String sha = result.sha256();
            String note = note(row, result);
            write = () -> store.finishDone(job.id(), attempt, counts, expectations, state, manifest, sha, note, finished);
        } catch (RuntimeException | OutOfMemoryError e) {
            return ended(job, attempt, e, "run", "simulation");
        }
        // Outside the simulation's try: a database error here is not a failed simulation.
        return store(job, write) ? RunStatus.DONE : RunStatus.RUNNING;
    }

    /** The write that ends a run; true when this attempt still held the run and ended it. */
    private interface Ending {
        boolean write();
    }

    /**
     * Thrown when the database refused or could not take the write that ends a run, after a few
     * tries: nothing of the ending is stored and the run is still running under this attempt. It
     * is no failure of the simulation, so whoever runs it must not record one: a {@code qise
     * worker} lets its lease expire so that a later attempt runs it again.
     */
    static final class OutcomeNotStored extends RuntimeException {
        OutcomeNotStored(long runId, RuntimeException cause) {
            super("the outcome of run " + runId + " could not be stored: " + cause.getMessage(), cause);
        }
    }

    private static final int STORE_TRIES = 3;

    /**
     * Writes the ending of a run, trying again after a short pause when the database fails (it
     * may be restarting); each try is one transaction, and one that finds the run no longer held
     * by this attempt writes nothing, so trying again never stores twice.
     */
    private boolean store(LiveRun job, Ending write) {
        RuntimeException last = null;
        for (int i = 0; i < STORE_TRIES; i++) {
            if (i > 0) pause(100L << i);
            try {
                return write.write();
            } catch (RuntimeException e) {
                last = e;
                LOG.warn("storing the outcome of run {} failed (try {} of {}): {}", job.id(), i + 1, STORE_TRIES, e.getMessage());
            }
        }
        throw new OutcomeNotStored(job.id(), last);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What the simulation reports to: it stops the run (by throwing {@link LiveRun.Stopped}) when
     * a stop was asked for or the time limit passed, and keeps the run's progress, stored every
     * {@link #PERSIST_EVERY_NANOS}. Ideal runs call it between steps and shots, noisy ones after
     * each trajectory or each step of the density matrix's plan.
     */
    private Progress progress(LiveRun job, long deadline, String timeoutMessage) {
        long[] lastPersisted = {System.nanoTime()};
        return (done, total, what) -> {
            job.checkStop(deadline, timeoutMessage);
            job.progress(total == 0 ? 1 : (double) done / total);
            long now = System.nanoTime();
            if (now - lastPersisted[0] > PERSIST_EVERY_NANOS) {
                lastPersisted[0] = now;
                store.progress(job.id(), job.progress());
            }
        };
    }

    /**
     * A run under its noise model, by the method fixed when it was queued. It stops midway like
     * an ideal run: the noisy simulator reports progress after each trajectory and after each
     * step of the density matrix's plan.
     */
    private RunStatus executeNoisy(LiveRun job, int attempt, Instant started, Progress progress, long deadline, String timeoutMessage) {
        Run row = job.row;
        NoisySimulator.Builder b = NoisySimulator.builder().model(RunNoise.stored(row.noiseModel()))
                .method(Method.fromCliName(row.noiseMethod())).threads(config.threadsPerRun()).shots(row.shots()).seed(row.seed())
                .keepDensityMatrix(false).progress(progress);
        List<PauliSum> sums = row.expect().stream().map(PauliSum::parse).toList();
        sums.forEach(b::observe);
        Ending write;
        try (NoisyResult result = b.build().run(job.circuit)) {
            // a stop asked for after the last progress report still wins over storing the result, as for ideal runs
            job.checkStop(deadline, timeoutMessage);
            Instant finished = clock.instant();
            Map<String, Long> counts = new TreeMap<>(result.counts());
            String resultSha = ResultHash.sha256(row.shots(), counts);
            Map<String, Double> expectations = null;
            if (!sums.isEmpty()) {
                expectations = new LinkedHashMap<>();
                for (var e : result.observables().entrySet()) expectations.put(e.getKey(), e.getValue().value());
            }
            Map<String, Object> manifest = new LinkedHashMap<>(result.manifest().toMap());
            manifest.put("noise_model", row.noiseModel());
            manifest.put("noise_model_sha256", row.noiseModelSha256());
            manifest.put("method", result.method().cliName());
            Map<String, Object> m = portalFields(manifest, row, started, finished, resultSha);
            String note = !sums.isEmpty() && result.method() == Method.TRAJECTORIES
                    ? "expectation values are averages over " + row.shots() + " trajectories" : null;
            Map<String, Double> exp = expectations;
            write = () -> store.finishDone(job.id(), attempt, counts, exp, null, m, resultSha, note, finished);
        } catch (RuntimeException | OutOfMemoryError e) {
            return ended(job, attempt, e, "run", "simulation");
        }
        return store(job, write) ? RunStatus.DONE : RunStatus.RUNNING;
    }

    /**
     * A sweep: every point through the simulator's {@link org.qise.sweep.Sweep} (points side by
     * side on the run's threads; the output does not depend on how many), each point's rows
     * stored, and as the run's result hash the SHA-256 of the CSV output, so a rerun with the
     * same seed is judged bit-exact. The manifest lists the swept parameters and every point.
     */
    private RunStatus executeSweep(LiveRun job, RunSweeps.Spec spec, int attempt, Instant started) {
        Run row = job.row;
        long deadline = System.nanoTime() + config.timeout().toNanos();
        String timeoutMessage = "stopped after the time limit of " + describe(config.timeout()) + " per run";
        Ending write;
        try {
            org.qise.sweep.Sweep sweep = RunSweeps.sweep(job.circuit, spec, row);
            int n = sweep.points().size();
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            List<String> expect = RunSweeps.expectNames(row);
            List<RunSweeps.Point> points = new java.util.ArrayList<>();
            long[] lastPersisted = {System.nanoTime()};
            sweep.run(all, config.threadsPerRun(), r -> points.add(RunSweeps.point(r, spec, expect, row.shots() > 0)), (done, total, what) -> {
                job.checkStop(deadline, timeoutMessage);
                job.progress(total == 0 ? 1 : (double) done / total);
                long now = System.nanoTime();
                if (now - lastPersisted[0] > PERSIST_EVERY_NANOS) {
                    lastPersisted[0] = now;
                    store.progress(job.id(), job.progress());
                }
            });
            job.checkStop(deadline, timeoutMessage);
            String csv = RunSweeps.output(org.qise.sweep.SweepFormat.CSV, row, spec, sweep.id(), points);
            String resultSha = RunSweeps.sha256(csv);
            Instant finished = clock.instant();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", "sweep");
            m.put("simulator_version", org.qise.Version.get());
            m.put("engine", row.engine());
            m.put("seed", row.seed());
            m.put("shots_per_point", row.shots());
            m.put("expect", expect);
            Map<String, Object> sw = new LinkedHashMap<>();
            sw.put("id", sweep.id());
            sw.put("parameters", spec.names());
            sw.put("points", points.stream().map(RunSweeps.Point::parameters).toList());
            sw.put("random_streams", row.noisy() ? "point p samples and draws its trajectories with the stream of (seed, p), as qise sweep --noise"
                    : "point p samples with the stream of (seed, p), as qise sweep");
            m.put("sweep", sw);
            if (row.noisy()) {
                m.put("noise_model", row.noiseModel());
                m.put("noise_model_sha256", row.noiseModelSha256());
                m.put("method", row.noiseMethod());
            }
            Map<String, Object> manifest = portalFields(m, row, started, finished, resultSha);
            // The points go in with the result (and its verdict), only while this attempt holds the run.
            write = () -> store.jdbc().transaction(tx -> {
                if (!new RunStore(tx).finishDone(job.id(), attempt, new TreeMap<>(), null, null, manifest, resultSha, null, finished)) {
                    return false;
                }
                new RunSweeps(tx).storePoints(job.id(), points);
                return true;
            });
        } catch (RuntimeException | OutOfMemoryError e) {
            return ended(job, attempt, e, "sweep", "sweep");
        }
        return store(job, write) ? RunStatus.DONE : RunStatus.RUNNING;
    }

    /**
     * How a simulation that threw ends its run, the same for ideal, noisy and sweep runs: a stop
     * by shutdown or a lost lease leaves the run to whoever holds it (RUNNING); a cancel or time
     * limit ends it so; a state too large, a bad noise model or running out of memory fail it with
     * a message for its owner; anything else fails it and is logged as {@code kind} {@code id}.
     */
    private RunStatus ended(LiveRun job, int attempt, Throwable e, String kind, String what) {
        if (e instanceof LiveRun.Stopped s) {
            if (s.reason == LiveRun.StopReason.SHUTDOWN || s.reason == LiveRun.StopReason.LEASE_LOST) return RunStatus.RUNNING;
            RunStatus status = s.reason == LiveRun.StopReason.CANCELLED ? RunStatus.CANCELLED : RunStatus.TIMED_OUT;
            return end(job, attempt, status, s.getMessage());
        }
        if (e instanceof StateTooLargeException || e instanceof NoiseException) return end(job, attempt, RunStatus.FAILED, e.getMessage());
        if (e instanceof OutOfMemoryError) return end(job, attempt, RunStatus.FAILED, "the server ran out of memory for this run");
        LOG.warn("{} {} failed", kind, job.id(), e);
        return end(job, attempt, RunStatus.FAILED, "the " + what + " failed: " + e.getMessage());
    }

    /** Ends the run as {@code status} if this attempt still holds it; otherwise leaves it to whoever does (RUNNING). */
    private RunStatus end(LiveRun job, int attempt, RunStatus status, String message) {
        return store(job, () -> store.finishWithout(job.id(), attempt, status, message, clock.instant())) ? status : RunStatus.RUNNING;
    }

    private static Map<String, Double> expectations(List<String> expect, Result result) {
        if (expect.isEmpty() || !result.hasState()) return null;
        Map<String, Double> out = new LinkedHashMap<>();
        for (String pauli : expect) out.put(pauli, result.expectation(pauli));
        return out;
    }

    private static String note(Run row, Result result) {
        if (!row.expect().isEmpty() && !result.hasState()) {
            return "no expectation values: the circuit measures, resets or branches mid-circuit, so each shot ends in"
                    + " a different state";
        }
        return null;
    }

    /** Probabilities (and the state vector when nothing is measured) for circuits of at most 12 qubits. */
    private static String stateJson(Result result) {
        if (!result.hasState() || result.numQubits() > RunConfig.MAX_STORED_STATE_QUBITS) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("probabilities", result.probabilities());
        if (result.hasStatevector()) m.put("statevector", org.qise.sim.ResultDocument.amplitudePairs(result.statevector()));
        return RunJson.write(m);
    }

    /** The simulator's manifest plus what the portal knows: circuit, who, when, and the result's hash. */
    static Map<String, Object> manifest(Run row, Result result, Instant started, Instant finished) {
        return portalFields(new LinkedHashMap<>(result.manifest().toMap()), row, started, finished, result.sha256());
    }

    private static Map<String, Object> portalFields(Map<String, Object> m, Run row, Instant started, Instant finished,
                                                    String resultSha256) {
        // Public ids, as in URLs and citations (manifests stored before recorded the integers: ManifestIds).
        m.put("circuit_id", row.circuitPublicId());
        m.put("circuit_version", row.circuitVersion());
        m.put("circuit_qasm", row.circuitQasm());
        // The values the circuit's free parameters (still symbolic in circuit_qasm) were bound to.
        m.put("parameters", row.parameters());
        m.put("run_id", row.publicId());
        m.put("run_by", Map.of("id", row.ownerId(), "name", row.ownerName()));
        m.put("origin", row.origin().label());
        if (row.reproducesId() != null) m.put("reproduces_run_id", row.reproducesPublicId());
        m.put("queued_at", row.queuedAt().toString());
        m.put("started_at", started.toString());
        m.put("finished_at", finished.toString());
        m.put("result_sha256", resultSha256);
        return m;
    }

    static String describe(Duration d) {
        if (d.toMillis() < 1000) return d.toMillis() + " ms";
        if (d.toSeconds() < 120) return d.toSeconds() + " s";
        return d.toMinutes() + " min";
    }
}
