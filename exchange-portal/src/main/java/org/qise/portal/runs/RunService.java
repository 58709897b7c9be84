package org.qise.portal.runs;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.qise.circuit.Circuit;
import org.qise.engine.Engines;
import org.qise.engine.StateTooLargeException;
import org.qise.portal.PortalException;
import org.qise.portal.access.AccessPolicy;
import org.qise.portal.circuits.CircuitService;
import org.qise.portal.circuits.QasmCheck;
import org.qise.portal.db.Jdbc;
import org.qise.portal.people.User;
import org.qise.sim.Manifest;
import org.qise.sim.PauliSum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs of circuits on the server: submitting (with caps checked before anything runs),
 * reading, cancelling, reproducing, and the queue and workers behind them. A run is visible to
 * whoever may see its circuit; only its owner (or an admin) may cancel it.
 */
public final class RunService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunService.class);
    static final long DEFAULT_SHOTS = 1024;

    /** What to run; null fields take their defaults (latest version, 1024 shots, random seed, default engine). */
    public record RunRequest(Integer version, Long shots, Long seed, String engine, List<String> expect, String noiseModel,
                             Map<String, Double> parameters) {
        /** An ideal run without parameters. */
        public RunRequest(Integer version, Long shots, Long seed, String engine, List<String> expect) {
            this(version, shots, seed, engine, expect, null, null);
        }
    }

    private final RunStore store;
    private final CircuitService circuits;
    private final RunConfig config;
    private final Clock clock;
    private final FairQueue<LiveRun> queue;
    private final RunExecutor executor;
    private final Map<Long, LiveRun> live = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private final PushedResults pushedResults;

    private RunService(Jdbc jdbc, CircuitService circuits, RunConfig config, Clock clock) {
        this.store = new RunStore(jdbc);
        this.circuits = circuits;
        this.config = config;
        this.clock = clock;
        this.queue = new FairQueue<>(config.queueCapacity(), config.maxQueuedPerUser(), config.maxRunningPerUser(),
                config.memoryBytes());
        this.executor = new RunExecutor(store, config, clock);
        this.pushedResults = new PushedResults(store, circuits, this, clock);
    }

    /**
     * Opens the run service: runs left running by the previous process are marked failed (their
     * simulation is gone), runs left queued are queued again, and the workers start.
     */
    public static RunService open(Jdbc jdbc, CircuitService circuits, RunConfig config, Clock clock) {
        RunService s = new RunService(jdbc, circuits, config, clock);
        s.recover();
        for (int i = 0; i < config.workers() + config.smallWorkers(); i++) {
            boolean smallOnly = i >= config.workers();
            Thread t = new Thread(() -> s.work(smallOnly), smallOnly ? "run-worker-small-" + (i - config.workers() + 1)
                    : "run-worker-" + (i + 1));
            t.setDaemon(true);
            s.workers.add(t);
            t.start();
        }
        return s;
    }

    public RunConfig config() { return config; }

    private void recover() {
        int failed = store.failInterrupted("the portal restarted while this run was running; start it again", clock.instant());
        if (failed > 0) LOG.info("marked {} run(s) interrupted by a restart as failed", failed);
        // Reproductions that ended without a verdict (before verdicts were stored with the ending) are judged now.
        int judged = store.judgeUnjudged(clock.instant());
        if (judged > 0) LOG.info("stored the missing verdicts of {} reproduction(s)", judged);
        if (config.externalWorkers()) return; // queued runs wait in the database for `qise worker` processes
        for (Run r : store.queued()) {
            try {
                enqueue(RunSweeps.live(store, r), false);
            } catch (RuntimeException e) {
                store.finishWithout(r.id(), RunStatus.FAILED, "could not be queued again after a restart", clock.instant());
            }
        }
    }

    // ---- submitting ----

    /** Queues a run of a circuit the user may see; returns its id. 422 beyond a cap, 429 when the queue is full. */
    public long submit(User user, long circuitId, RunRequest request) {
        requireSignedIn(user);
        var details = circuits.get(user, circuitId, request.version());
        Circuit parsed = QasmCheck.parse(details.version().qasm());
        long shots = request.shots() == null ? DEFAULT_SHOTS : request.shots();
        if (shots < 1) throw PortalException.badRequest("shots must be at least 1, got " + shots);
        Map<String, Double> parameters = RunParameters.check(parsed, request.parameters());
        RunNoise.Model noise = RunNoise.read("noise_model", request.noiseModel(), parsed);
        String engine = noise == null ? engine(request.engine()) : noisyEngine(request.engine());
        checkCaps(parsed, shots);
        List<String> expect = expectations(request.expect(), parsed.numQubits());
        if (noise != null && !expect.isEmpty() && !RunNoise.endsInMeasurements(parsed)) {
            throw unprocessable("expectation values under noise need the state before the final measurements, but this circuit"
                    + " measures mid-circuit or branches, so each trajectory ends in a different state");
        }
        String canonical = Manifest.canonicalText(parsed); // parameters stay symbolic here; their values are stored beside
        long seed = request.seed() != null ? request.seed() : randomSeed();
        Circuit bound = parameters.isEmpty() ? parsed : parsed.bind(parameters);
        String method = noise == null ? null : RunNoise.method(noise.model(), bound, shots, config.memoryBytes()).cliName();
        var row = new RunStore.NewRun(circuitId, details.version().version(), user.id(), Origin.SERVER, null, false, shots,
                seed, engine, expect, canonical, Manifest.sha256(canonical), parsed.numQubits(),
                noise == null ? null : noise.canonicalText(), method, parameters);
        return queueNew(row);
    }

    /**
     * Queues a sweep of a parametric circuit over the points of {@code body} ("grid" or
     * "points", see {@link RunSweeps#read}); shots are per point, and points × shots must stay
     * within the shots cap. Returns the run id; the run's page and downloads show the points.
     */
    public long submitSweep(User user, long circuitId, RunRequest request, com.fasterxml.jackson.databind.JsonNode body) {
        requireSignedIn(user);
        var details = circuits.get(user, circuitId, request.version());
        Circuit parsed = QasmCheck.parse(details.version().qasm());
        if (request.parameters() != null && !request.parameters().isEmpty()) {
            throw unprocessable("parameters: a sweep takes its values from \"grid\" or \"points\"");
        }
        long shots = request.shots() == null ? 0 : request.shots();
        if (shots < 0) throw unprocessable("shots: must be 0 (expectation values only) or more, got " + shots);
        List<String> expect = expectations(request.expect(), parsed.numQubits());
        if (expect.isEmpty() && shots == 0) throw unprocessable("expect: nothing to report at each point: give \"expect\" or \"shots\"");
        RunSweeps.Spec spec = RunSweeps.read(body, parsed);
        int points = spec.points().size();
        if (shots * points > config.maxShots()) {
            throw unprocessable("shots: " + points + " points x " + shots + " shots exceeds the cap of " + config.maxShots() + " shots per run");
        }
        checkCaps(parsed, 1);
        RunNoise.Model noise = RunNoise.read("noise_model", request.noiseModel(), parsed);
        String engine = noise == null ? engine(request.engine()) : noisyEngine(request.engine());
        String method = noise == null ? null : SweepNoise.method(noise, parsed.bind(spec.points().point(0)), shots, expect, config.memoryBytes());
        if (method != null) checkMemory(parsed.numQubits(), RunNoise.memoryNeed(parsed.numQubits(), method));
        String canonical = Manifest.canonicalText(parsed);
        long seed = request.seed() != null ? request.seed() : randomSeed();
        var row = new RunStore.NewRun(circuitId, details.version().version(), user.id(), Origin.SERVER, null, false, shots,
                seed, engine, expect, canonical, Manifest.sha256(canonical), parsed.numQubits(),
                noise == null ? null : noise.canonicalText(), method, Map.of());
        return queueNew(row, spec);
    }

    /** A sweep's stored points and spec, or empty when the run is not a sweep. */
    public Optional<SweepView> sweep(User viewer, long runId) {
        Run run = get(viewer, runId);
        RunSweeps s = new RunSweeps(store.jdbc());
        return s.spec(runId).map(spec -> new SweepView(run, spec, s.points(runId)));
    }

    /** What a sweep's page and downloads are made of. */
    public record SweepView(Run run, RunSweeps.Spec spec, List<RunSweeps.Point> points) {
        /** The id {@code qise sweep} writes in its header for the same circuit, points and settings. */
        public String sweepId() {
            return RunSweeps.sweep(QasmCheck.parse(run.circuitQasm(), org.qise.qasm.ParseLimits.DEFAULT,
                    new java.util.LinkedHashSet<>(spec.names())), spec, run).id();
        }
    }

    /** Noisy runs simulate on the fast engine (trajectories and the density matrix are built on it). */
    static String noisyEngine(String requested) {
        if (requested != null && !requested.isBlank() && !requested.strip().equals(Engines.DEFAULT)) {
            throw unprocessable("engine '" + requested.strip() + "': runs with a noise model use the " + Engines.DEFAULT + " engine");
        }
        return Engines.DEFAULT;
    }

    private long queueNew(RunStore.NewRun row) {
        return queueNew(row, null);
    }

    /** Queues a run; with {@code sweep}, a sweep over those points, its spec stored in the same transaction as the run. */
    private long queueNew(RunStore.NewRun row, RunSweeps.Spec sweep) {
        Circuit circuit = sweep == null ? RunParameters.bound(row.circuitQasm(), row.parameters())
                : QasmCheck.parse(row.circuitQasm(), org.qise.qasm.ParseLimits.DEFAULT, new java.util.LinkedHashSet<>(sweep.names()));
        if (config.externalWorkers()) {
            // Checked before the row exists: once inserted, a worker may take it at once.
            refusedByDatabaseQueue(row.ownerId()).ifPresent(why -> {
                throw PortalException.tooManyRequests(why, 30);
            });
            return insert(row, sweep, circuit);
        }
        long id = insert(row, sweep, circuit);
        Run stored = store.find(id).orElseThrow();
        Optional<String> refused = enqueue(new LiveRun(stored, circuit, sweep == null ? 1 : sweep.points().size()), true);
        if (refused.isPresent()) {
            if (sweep != null) new RunSweeps(store.jdbc()).delete(id);
            store.delete(id);
            throw PortalException.tooManyRequests(refused.get(), 30);
        }
        return id;
    }

    private long insert(RunStore.NewRun row, RunSweeps.Spec sweep, Circuit circuit) {
        if (sweep == null) return store.insertQueued(row, clock.instant());
        // The spec goes in with the run, so no worker can take the run before it is there.
        return store.jdbc().transaction(tx -> {
            long id = new RunStore(tx).insertQueued(row, clock.instant());
            Run stored = new RunStore(tx).find(id).orElseThrow();
            var s = RunSweeps.sweep(circuit, sweep, stored);
            new RunSweeps(tx).insert(id, sweep, s.id(), s.points().size());
            return id;
        });
    }

    private Optional<String> enqueue(LiveRun job, boolean enforceLimits) {
        live.put(job.id(), job);
        Optional<String> refused = queue.offer(job, enforceLimits);
        if (refused.isPresent()) live.remove(job.id());
        return refused;
    }

    /**
     * With {@code qise worker} processes the queue is the database: the same bounds as the
     * in-memory queue, counted there. (Two submissions at the same moment may both pass; the
     * bound is a guard against floods, not an exact count.)
     */
    private Optional<String> refusedByDatabaseQueue(long ownerId) {
        long all = store.countQueued(null);
        if (all >= config.queueCapacity()) {
            return Optional.of("the run queue is full (" + config.queueCapacity() + " runs waiting); try again later");
        }
        long own = store.countQueued(ownerId);
        if (own >= config.maxQueuedPerUser()) {
            return Optional.of("you have " + own + " runs waiting, the most one person may have; "
                    + "wait for some to finish or cancel some");
        }
        return Optional.empty();
    }

    /** The shots cap alone, which needs no parsing: checked first for untrusted input. */
    void checkShots(long shots) {
        if (shots > config.maxShots()) throw unprocessable("shots " + shots + " exceeds the cap of " + config.maxShots());
    }

    /**
     * Parses OpenQASM that nobody has checked yet (a pushed result, a submission): its size
     * first, then the parser under an operation limit a little above the gate cap, so a file of
     * nested definitions is stopped by the parser before it expands into millions of operations.
     */
    Circuit parseUntrusted(String qasm) {
        int bytes = qasm.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > RunConfig.MAX_UNTRUSTED_QASM_BYTES) {
            throw PortalException.tooLarge("the OpenQASM text is " + bytes + " bytes; at most " + RunConfig.MAX_UNTRUSTED_QASM_BYTES
                    + " are accepted");
        }
        return QasmCheck.parse(qasm, RunConfig.untrustedParseLimits(config.maxGates(), config.maxQubits()));
    }

    /** Refuses, before anything runs, a run over a configured cap; the message names the cap. */
    void checkCaps(Circuit circuit, long shots) {
        int n = circuit.numQubits();
        if (n > config.maxQubits()) throw unprocessable("qubits " + n + " exceeds the cap of " + config.maxQubits());
        if (circuit.gateCount() > config.maxGates()) {
            throw unprocessable("gates " + circuit.gateCount() + " exceeds the cap of " + config.maxGates());
        }
        if (shots > config.maxShots()) throw unprocessable("shots " + shots + " exceeds the cap of " + config.maxShots());
        long need = LiveRun.memoryNeed(n);
        checkMemory(n, need);
    }

    /** The memory cap for a run that needs {@code need} bytes (a density matrix needs far more than a state). */
    void checkMemory(int n, long need) {
        if (need > config.memoryBytes()) {
            throw unprocessable("memory " + StateTooLargeException.formatBytes(need) + " for a " + n + "-qubit state exceeds the cap of "
                    + StateTooLargeException.formatBytes(config.memoryBytes()));
        }
    }

    static PortalException unprocessable(String message) {
        return new PortalException(422, message);
    }

    static String engine(String requested) {
        String engine = requested == null || requested.isBlank() ? Engines.DEFAULT : requested.strip();
        if (!Engines.names().contains(engine)) {
            throw unprocessable("engine '" + engine + "' is not available here; choose one of " + String.join(", ", Engines.names()));
        }
        return engine;
    }

    private static List<String> expectations(List<String> requested, int qubits) {
        if (requested == null) return List.of();
        List<String> out = new ArrayList<>();
        for (String text : requested) {
            if (text == null || text.isBlank()) continue;
            PauliSum sum;
            try {
                sum = PauliSum.parse(text);
            } catch (IllegalArgumentException e) {
                throw PortalException.badRequest("expectation \"" + text + "\": " + e.getMessage());
            }
            if (sum.maxQubit() >= qubits) {
                throw PortalException.badRequest("expectation \"" + text + "\" acts on qubit " + sum.maxQubit()
                        + ", but the circuit has qubits 0 to " + (qubits - 1));
            }
            out.add(text.strip());
        }
        if (out.size() > 20) throw PortalException.badRequest("at most 20 expectation values may be asked for, got " + out.size());
        return out;
    }

    private long randomSeed() {
        return random.nextLong() & Long.MAX_VALUE;
    }

    // ---- reading ----

    /**
     * The internal id of the run a URL names by its public id; 404 if none. An old integer id is
     * answered with {@link org.qise.portal.Moved} to the public id, for a viewer who may see the
     * run only (as for circuits).
     */
    public long resolve(User viewer, String ref) {
        if (org.qise.portal.db.PublicIds.isPublicId(ref)) {
            return store.idOf(ref).orElseThrow(() -> PortalException.notFound("run " + ref));
        }
        if (org.qise.portal.db.PublicIds.isLegacyId(ref)) throw new org.qise.portal.Moved(ref, get(viewer, Long.parseLong(ref)).publicId());
        throw PortalException.notFound("run '" + ref + "'");
    }

    /** The public id of a run by its internal id (for answers that name a run just made). */
    public String publicId(long runId) {
        return store.find(runId).orElseThrow(() -> PortalException.notFound("run")).publicId();
    }

    /** The public id of a circuit by its internal id. */
    public String circuitPublicId(long circuitId) {
        return circuits.publicId(circuitId);
    }

    /** A run the viewer may see (404 otherwise, as for circuits). */
    public Run get(User viewer, long runId) {
        return visible(viewer, store.find(runId).orElseThrow(() -> PortalException.notFound("run " + runId)), String.valueOf(runId));
    }

    /**
     * The run a URL names, matched by its public id in the query that reads it (no look-up
     * before it); an old integer id is answered as {@link #resolve} answers it.
     */
    public Run get(User viewer, String ref) {
        if (!org.qise.portal.db.PublicIds.isPublicId(ref)) return get(viewer, resolve(viewer, ref));
        return visible(viewer, store.findByPublicId(ref).orElseThrow(() -> PortalException.notFound("run " + ref)), ref);
    }

    private Run visible(User viewer, Run run, String runId) {
        try {
            circuits.get(viewer, run.circuitId(), run.circuitVersion());
        } catch (PortalException e) {
            if (e.status() == 404) throw PortalException.notFound("run " + runId);
            throw e;
        }
        return run;
    }

    /** Runs of a circuit the viewer may see, newest first. */
    public List<Run> forCircuit(User viewer, long circuitId) {
        circuits.get(viewer, circuitId, null);
        return store.forCircuit(circuitId);
    }

    /**
     * One of a person's runs as their "my runs" page shows it: where it stands in the queue
     * (1: next to start; null when it is not waiting, or when {@code qise worker} processes
     * take runs from the database, whose order the portal does not decide) and its progress.
     */
    public record MyRun(Run run, String circuitTitle, Integer queuePosition, double progress) {
        /** How long it has run or ran; null before it starts (or if it ended without starting). */
        public Duration ran(java.time.Instant now) {
            if (run.startedAt() == null) return null;
            return Duration.between(run.startedAt(), run.finishedAt() != null ? run.finishedAt() : now);
        }

        /** How long it waited, or has waited so far, for a worker. */
        public Duration waited(java.time.Instant now) {
            java.time.Instant end = run.startedAt() != null ? run.startedAt() : run.finishedAt() != null ? run.finishedAt() : now;
            return Duration.between(run.queuedAt(), end);
        }
    }

    /** The signed-in person's own runs, newest first (the 200 newest). */
    public List<MyRun> mine(User user) {
        Map<Long, Integer> position = new java.util.HashMap<>();
        queue.positions().forEach((job, p) -> position.put(job.id(), p));
        return store.ownedBy(user.id(), 200).stream()
                .map(t -> new MyRun(t.run(), t.circuitTitle(),
                        t.run().status() == RunStatus.QUEUED ? position.get(t.run().id()) : null, progress(t.run())))
                .toList();
    }

    /** How many runs wait in the portal's queue, everyone's together. */
    public int queued() {
        return config.externalWorkers() ? (int) store.countQueued(null) : queue.size();
    }

    /** Runs of the circuit a URL names (its public id matched in the circuit's visibility read), newest first. */
    public List<Run> forCircuit(User viewer, String circuitRef) {
        return store.forCircuit(circuits.get(viewer, circuitRef, null).summary().id());
    }

    public List<Verification> verifications(User viewer, long runId) {
        get(viewer, runId);
        return store.verifications(runId);
    }

    public List<Run> reproductions(User viewer, long runId) {
        get(viewer, runId);
        return store.reproductionsOf(runId);
    }

    /** The freshest progress of a run: the live one while it runs, else the stored one. */
    public double progress(Run run) {
        LiveRun l = live.get(run.id());
        return l != null && run.status() == RunStatus.RUNNING ? l.progress() : run.progress();
    }

    /** Whether the circuit of a run is public, so the run may be cited. */
    public boolean isPublic(Run run) {
        try {
            circuits.get(null, run.circuitId(), run.circuitVersion());
            return true;
        } catch (PortalException e) {
            return false;
        }
    }

    /** Waits until the run has ended or the time is up; true when it has ended. */
    public boolean awaitEnd(long runId, Duration wait) {
        LiveRun l = live.get(runId);
        if (l == null) return pollEnd(runId, wait, false);
        try {
            l.ended.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /**
     * Waits for a run that this process does not run itself (a {@code qise worker} runs it, or it
     * has ended) by reading its row every 100 ms; with {@code verdict}, also until a
     * reproduction's verdict is stored (it is written in the transaction that ends the rerun, so
     * this only matters for reproductions that ended before that).
     */
    private boolean pollEnd(long runId, Duration wait, boolean verdict) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<Run> run = store.find(runId);
            boolean ended = run.map(r -> r.status().finished()).orElse(true);
            if (ended && (!verdict || run.isEmpty() || storedVerdict(runId).isPresent())) return true;
            if (System.nanoTime() - deadline >= 0) return ended;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ended;
            }
        }
    }

    // ---- cancelling ----

    /** Cancels a queued or running run (owner or admin); returns its status afterwards. 409 when it had ended. */
    public RunStatus cancel(User actor, long runId) {
        requireSignedIn(actor);
        return cancel(actor, get(actor, runId));
    }

    /** As {@link #cancel(User, long)} for the run a URL names, matched by its public id in the query that reads it. */
    public RunStatus cancel(User actor, String ref) {
        requireSignedIn(actor);
        return cancel(actor, get(actor, ref));
    }

    private RunStatus cancel(User actor, Run run) {
        long runId = run.id();
        if (!AccessPolicy.canRemove(actor, run.ownerId())) throw PortalException.forbidden("only the owner may cancel this run");
        if (run.status().finished()) throw PortalException.conflict("run " + runId + " has already ended (" + run.status().label() + ")");
        String message = "cancelled by " + actor.name();
        LiveRun l = live.get(runId);
        if (l == null) {
            store.finishWithout(runId, RunStatus.CANCELLED, message, clock.instant());
        } else if (queue.remove(l)) {
            store.finishWithout(runId, RunStatus.CANCELLED, message + " before it started", clock.instant());
            ended(l, RunStatus.CANCELLED);
        } else {
            l.requestStop(LiveRun.StopReason.CANCELLED, message);
            awaitEnd(runId, Duration.ofSeconds(10));
        }
        return store.find(runId).orElseThrow().status();
    }

    // ---- reproducing ----

    /** A reproduction that was queued; {@code verification} is present once it has been judged. */
    public record Reproduction(long rerunId, Optional<Verification> verification) {}

    /**
     * Runs a done run again from its manifest (same circuit text, seed, shots and engine, or a
     * fresh seed on request) and, once the rerun ends, stores the verdict. Waits up to
     * {@code wait} for it.
     */
    public Reproduction reproduce(User actor, long runId, boolean freshSeed, Duration wait) {
        requireSignedIn(actor);
        long rerun = startReproduction(actor, get(actor, runId), freshSeed);
        return new Reproduction(rerun, awaitVerdict(rerun, wait));
    }

    /** As {@link #reproduce(User, long, boolean, Duration)} for the run a URL names, matched by its public id in the read. */
    public Reproduction reproduce(User actor, String ref, boolean freshSeed, Duration wait) {
        requireSignedIn(actor);
        long rerun = startReproduction(actor, get(actor, ref), freshSeed);
        return new Reproduction(rerun, awaitVerdict(rerun, wait));
    }

    /**
     * As {@link #reproduce}, but without holding the caller's thread: the rerun is queued at
     * once (refusals are thrown here) and the future completes when its verdict is stored or
     * {@code wait} has passed, whichever comes first.
     */
    public CompletableFuture<Reproduction> reproduceLater(User actor, long runId, boolean freshSeed, Duration wait) {
        requireSignedIn(actor);
        return reproduceLater(actor, get(actor, runId), freshSeed, wait);
    }

    /** As {@link #reproduceLater(User, long, boolean, Duration)} for the run a URL names, matched by its public id in the read. */
    public CompletableFuture<Reproduction> reproduceLater(User actor, String ref, boolean freshSeed, Duration wait) {
        requireSignedIn(actor);
        return reproduceLater(actor, get(actor, ref), freshSeed, wait);
    }

    private CompletableFuture<Reproduction> reproduceLater(User actor, Run run, boolean freshSeed, Duration wait) {
        long rerun = startReproduction(actor, run, freshSeed);
        return verdictLater(rerun, wait).thenApply(v -> new Reproduction(rerun, v));
    }

    /** {@code run} was read as {@code actor}, through the visibility rule. */
    private long startReproduction(User actor, Run run, boolean freshSeed) {
        if (run.status() != RunStatus.DONE) {
            throw PortalException.conflict("run " + run.publicId() + " has no result to reproduce (it is " + run.status().label() + ")");
        }
        return queueReproduction(actor, run, freshSeed);
    }

    /** The verdict of a rerun once it has ended, or empty when {@code wait} passes first; no thread waits meanwhile. */
    private CompletableFuture<Optional<Verification>> verdictLater(long rerunId, Duration wait) {
        LiveRun l = live.get(rerunId);
        if (l == null && config.externalWorkers()) {
            // A worker process runs it: wait by reading the database, on the common pool, not the caller's thread.
            return CompletableFuture.supplyAsync(() -> {
                pollEnd(rerunId, wait, true);
                return storedVerdict(rerunId);
            });
        }
        CompletableFuture<Object> ended = l == null ? CompletableFuture.completedFuture(null)
                : l.ended.<Object>thenApply(status -> status).completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS);
        // The verdict is read on the common pool, not on the worker that completed the run.
        return ended.handle((x, e) -> null).thenApplyAsync(x -> storedVerdict(rerunId));
    }

    private long queueReproduction(User actor, Run run, boolean freshSeed) {
        Optional<RunSweeps.Spec> sweep = new RunSweeps(store.jdbc()).spec(run.id());
        Circuit circuit = RunSweeps.circuitOf(store, run);
        checkCaps(circuit, run.shots());
        String engine = engine(run.engine());
        if (run.noisy()) checkMemory(circuit.numQubits(), RunNoise.memoryNeed(circuit.numQubits(), run.noiseMethod()));
        // Same circuit text, parameter values, noise model and method: with the same seed the counts must come out the same.
        var row = new RunStore.NewRun(run.circuitId(), run.circuitVersion(), actor.id(), Origin.REPRODUCTION, run.id(),
                freshSeed, run.shots(), freshSeed ? randomSeed() : run.seed(), engine, List.of(), run.circuitQasm(),
                run.circuitSha256(), circuit.numQubits(), run.noiseModel(), run.noiseMethod(), run.parameters());
        if (sweep.isPresent()) { // a sweep reruns every point with the same expectations
            row = new RunStore.NewRun(row.circuitId(), row.circuitVersion(), row.ownerId(), row.origin(), row.reproducesId(),
                    row.freshSeed(), row.shots(), row.seed(), row.engine(), run.expect(), row.circuitQasm(), row.circuitSha256(),
                    row.numQubits(), run.noiseModel(), run.noiseMethod(), Map.of()); // a noisy sweep keeps its model and method
        }
        return queueNew(row, sweep.orElse(null));
    }

    private Optional<Verification> awaitVerdict(long rerunId, Duration wait) {
        if (live.get(rerunId) == null && config.externalWorkers()) {
            pollEnd(rerunId, wait, true);
            return storedVerdict(rerunId);
        }
        awaitEnd(rerunId, wait);
        return storedVerdict(rerunId);
    }

    private Optional<Verification> storedVerdict(long rerunId) {
        Run rerun = store.find(rerunId).orElseThrow();
        if (!rerun.status().finished()) return Optional.empty();
        return store.verifications(rerun.reproducesId()).stream()
                .filter(v -> v.rerunId() != null && v.rerunId() == rerunId).findFirst();
    }

    // ---- pushed results ----

    /** A stored pushed result with the reproduction that checks it. */
    public record Pushed(long runId, long circuitId, int circuitVersion, boolean createdCircuit, Reproduction reproduction) {}

    /**
     * Stores a pushed result, linked to a circuit of the same canonical text that the user may
     * see (or to a new private one), and reproduces it here with the same seed, shots and
     * engine. Until that reproduction confirms it, the result is not verified; when the counts do
     * not reproduce, the verdict says "different".
     */
    Pushed push(User user, PushedClaim p, Duration wait) {
        return pushLater(user, p, wait).join();
    }

    /** As {@link #push}, without holding the caller's thread while the rerun runs (see {@link #reproduceLater}). */
    CompletableFuture<Pushed> pushLater(User user, PushedClaim p, Duration wait) {
        requireSignedIn(user);
        PushedResults.Stored stored = pushedResults.store(user, p);
        long rerun;
        try {
            rerun = queueReproduction(user, stored.run(), false);
        } catch (PortalException e) {
            store.insertVerification(stored.run().id(), Verdicts.notReproduced(e.getMessage()), clock.instant());
            throw e;
        }
        return verdictLater(rerun, wait).thenApply(v -> new Pushed(stored.run().id(), stored.run().circuitId(),
                stored.run().circuitVersion(), stored.createdCircuit(), new Reproduction(rerun, v)));
    }

    // ---- workers ----

    private void work(boolean smallOnly) {
        while (true) {
            LiveRun job;
            try {
                job = queue.take(smallOnly);
            } catch (InterruptedException e) {
                return;
            }
            if (job == null) return;
            RunStatus status = RunStatus.FAILED;
            try {
                status = executor.execute(job); // a reproduction's verdict is stored with how it ended
            } catch (RunExecutor.OutcomeNotStored e) {
                // The database did not take the outcome after a few tries. Say so, not that the simulation failed; if
                // even this does not get through, the run stays running until the next start marks it interrupted.
                LOG.error("run {}: {}", job.id(), e.getMessage());
                try {
                    store.finishWithout(job.id(), RunStatus.FAILED, "the server could not store this run's outcome ("
                            + e.getCause().getMessage() + "); start it again", clock.instant());
                } catch (RuntimeException ignored) {
                    // the start-up recovery will mark it failed
                }
            } catch (RuntimeException | Error e) {
                // Whatever went wrong (the database, say), the worker lives on and the run does not stay "running".
                LOG.error("run {} could not be completed", job.id(), e);
                try {
                    store.finishWithout(job.id(), RunStatus.FAILED, "the server could not complete this run", clock.instant());
                } catch (RuntimeException ignored) {
                    // the start-up recovery will mark it failed
                }
            } finally {
                queue.finished(job);
                ended(job, status);
            }
        }
    }

    private void ended(LiveRun job, RunStatus status) {
        live.remove(job.id());
        job.ended.complete(status);
    }

    /** Stops the workers: running simulations stop at their next progress report and stay "running" in the database. */
    @Override
    public void close() {
        queue.close();
        for (LiveRun l : live.values()) l.requestStop(LiveRun.StopReason.SHUTDOWN, "the portal is stopping");
        for (Thread t : workers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static void requireSignedIn(User user) {
        if (user == null) throw PortalException.unauthorized("sign in first");
    }

}
