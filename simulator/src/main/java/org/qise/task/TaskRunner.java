package org.qise.task;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.qise.Version;
import org.qise.circuit.Circuit;
import org.qise.noise.NoiseModel;
import org.qise.noise.NoiseModelJson;
import org.qise.noise.run.NoisyResult;
import org.qise.noise.run.NoisySimulator;
import org.qise.qasm.ParseLimits;
import org.qise.qasm.QasmParser;
import org.qise.qasm3.Qasm3Reader;
import org.qise.sim.Manifest;
import org.qise.sim.PauliSum;
import org.qise.sim.PlanReuse;
import org.qise.sim.Result;
import org.qise.sim.Simulator;

/**
 * Runs {@link Task}s. A runner is "warm": it keeps the circuits, noise models and observables
 * it has parsed, so a thread, process or Spark partition that runs many tasks of one sweep
 * parses the circuit once. Safe to share between threads.
 */
public final class TaskRunner {

    /** Above this many distinct circuits the parse cache starts again (a batch of many files). */
    private static final int CACHE_LIMIT = 64;

    private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();
    private final Map<String, NoiseModel> noiseModels = new ConcurrentHashMap<>();
    private final Map<String, PauliSum> sums = new ConcurrentHashMap<>();
    /** One plan per parametric circuit, re-bound for each of its points (see {@link PlanReuse}). */
    private final Map<String, PlanReuse> plans = new ConcurrentHashMap<>();

    /**
     * Tells the runner that {@code text} is the canonical text of {@code circuit}, so that tasks
     * with that text run {@code circuit} as it is instead of parsing the text again (the sweep
     * already holds the parsed circuit).
     */
    public TaskRunner warm(String text, Circuit circuit) {
        circuits.put(text, circuit);
        return this;
    }

    /** Runs {@code task} with its engine on one thread. */
    public TaskResult run(Task task) {
        return run(task, 1);
    }

    /**
     * Runs {@code task} with its engine on {@code engineThreads} threads (0 = all cores); the
     * result does not depend on the thread count.
     *
     * @throws IllegalArgumentException for a task that cannot run (bad circuit text, an observable
     *                                  on a missing qubit, expectation values of a circuit without a final state)
     */
    public TaskResult run(Task task, int engineThreads) {
        Circuit circuit = circuit(task);
        Circuit bound = task.paramNames().isEmpty() ? circuit : circuit.bind(task.params());
        TaskOptions o = task.options();
        List<PauliSum> observables = o.expectations().stream().map(this::sum).toList();
        for (PauliSum s : observables) {
            if (s.maxQubit() >= bound.numQubits()) {
                throw new IllegalArgumentException("'" + s + "' acts on qubit " + s.maxQubit() + " but the circuit has " + bound.numQubits() + " qubit(s)");
            }
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("circuit_sha256", Manifest.sha256(task.circuit()));
        manifest.put("simulator", "qise");
        manifest.put("simulator_version", Version.get());
        manifest.put("engine", o.engine());
        manifest.put("global_seed", task.seed());
        manifest.put("task_index", task.index());
        manifest.put("seed", task.streamSeed());
        manifest.put("shots", o.shots());
        double[] e = new double[observables.size()];
        if (task.noiseModel() != null) {
            if (o.probabilities()) throw new IllegalArgumentException("probabilities are not reported for noisy tasks");
            manifest.put("noise_model_sha256", Manifest.sha256(task.noiseModel()));
            NoisySimulator.Builder b = NoisySimulator.builder().model(noiseModel(task.noiseModel())).threads(engineThreads)
                    .shots(o.shots()).seed(task.streamSeed());
            if (o.noiseMethod() != null) b.method(org.qise.noise.run.Method.fromCliName(o.noiseMethod()));
            observables.forEach(b::observe);
            try (NoisyResult r = b.build().run(bound)) {
                // exact from ρ, or the trajectory average (r.expectation needs ρ, which trajectories do not keep)
                for (int i = 0; i < e.length; i++) e[i] = r.observables().get(observables.get(i).toString()).value();
                manifest.put("method", r.method().cliName());
                return new TaskResult(task.index(), task.name(), task.paramNames(), task.paramValues(), o.expectations(), e,
                        o.shots() > 0 ? new TreeMap<>(r.counts()) : Map.of(), null, null, manifest);
            }
        }
        boolean needsState = !observables.isEmpty() || o.probabilities() || o.stateHash();
        Simulator.Builder sb = Simulator.builder().engine(o.engine()).threads(engineThreads).shots(o.shots())
                .seed(task.streamSeed()).keepState(needsState);
        if (!task.paramNames().isEmpty()) sb.planReuse(planReuse(task.circuit(), circuit));
        // the simulator owns its engine's thread pool: close it with the task (after the result), not at GC
        try (Simulator sim = sb.build(); Result r = sim.run(bound)) {
            if ((!observables.isEmpty() || o.probabilities()) && !r.hasState()) {
                throw new IllegalArgumentException("the circuit measures, resets or branches mid-circuit, so there is no single final state"
                        + " for expectation values or probabilities; run it with --shots only");
            }
            for (int i = 0; i < e.length; i++) e[i] = r.expectation(observables.get(i));
            String hash = o.stateHash() && r.hasState() && bound.numQubits() <= 26 ? stateHash(r) : null;
            return new TaskResult(task.index(), task.name(), task.paramNames(), task.paramValues(), o.expectations(), e,
                    o.shots() > 0 ? new TreeMap<>(r.counts()) : Map.of(), o.probabilities() ? r.probabilities() : null, hash, manifest);
        }
    }

    /**
     * SHA-256 over the final state: the amplitudes (re, im) of a circuit without measurements, or
     * the probabilities before the final measurements otherwise, each as an IEEE 754 double in
     * big-endian order. Equal hashes mean bit-identical states.
     */
    static String stateHash(Result r) {
        double[] v = r.hasStatevector() ? r.statevector() : r.probabilities();
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", ex);
        }
        md.update((r.hasStatevector() ? "amplitudes\n" : "probabilities\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ByteBuffer buf = ByteBuffer.allocate(8 * 1024);
        for (double d : v) {
            if (!buf.hasRemaining()) {
                md.update(buf.flip());
                buf.clear();
            }
            buf.putDouble(d);
        }
        md.update(buf.flip());
        return HexFormat.of().formatHex(md.digest());
    }

    private Circuit circuit(Task task) {
        Circuit c = circuits.get(task.circuit());
        if (c != null) return c;
        c = parse(task.circuit(), task.paramNames(), task.name() == null ? "task " + task.index() : task.name());
        if (circuits.size() >= CACHE_LIMIT) circuits.clear();
        circuits.put(task.circuit(), c);
        return c;
    }

    /** Parses a task's canonical circuit text (OpenQASM 2 with the parameters as free names, or OpenQASM 3). */
    public static Circuit parse(String text, List<String> paramNames, String label) {
        if (text.startsWith("# qise-circuit")) {
            throw new IllegalArgumentException(label + ": the circuit cannot be written as OpenQASM, so it cannot be run as a task");
        }
        if (Qasm3Reader.isQasm3(text)) return Qasm3Reader.parse(text, label, ParseLimits.DEFAULT, Map.of());
        return QasmParser.parse(text, label, ParseLimits.DEFAULT, new java.util.LinkedHashSet<>(paramNames));
    }

    private PlanReuse planReuse(String text, Circuit parametric) {
        PlanReuse r = plans.get(text);
        if (r != null) return r;
        if (plans.size() >= CACHE_LIMIT) plans.clear();
        return plans.computeIfAbsent(text, t -> new PlanReuse(parametric));
    }

    private NoiseModel noiseModel(String json) {
        return noiseModels.computeIfAbsent(json, NoiseModelJson::read);
    }

    private PauliSum sum(String text) {
        return sums.computeIfAbsent(text, PauliSum::parse);
    }
}
