package org.qise.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.qise.circuit.Circuit;
import org.qise.sim.PauliSum;
import org.qise.sim.Progress;
import org.qise.task.OrderedRun;
import org.qise.task.Task;
import org.qise.task.TaskOptions;
import org.qise.task.TaskResult;
import org.qise.task.TaskRunner;

/**
 * Runs a parametric circuit at every point of a {@link SweepPoints}: bind, simulate, report
 * expectation values, counts and (on request) probabilities. Point p draws its random numbers
 * from the seed {@code Rng.stream(seed, p)}, so any subset of points, in any order, on any
 * number of threads, gives the same numbers for each point; that is what makes shards merge
 * into exactly the output of one run. The circuit is compiled once and each point re-binds that
 * plan ({@link org.qise.sim.PlanReuse}, through the {@link TaskRunner}); with a noise model each
 * point runs on the noisy simulator instead, its trajectories drawing from the same stream.
 */
public final class Sweep {

    /**
     * What to compute at each point. {@code shots} 0 means no sampling. {@code noiseModel} (its
     * canonical JSON text, null for an ideal sweep) runs every point under that model with the
     * noisy simulator, by {@code noiseMethod} ({@code trajectories} or {@code density-matrix};
     * null: as the simulator chooses); its trajectories draw from the point's stream too.
     */
    public record Settings(List<PauliSum> expectations, long shots, long seed, String engine, boolean probabilities,
                           String noiseModel, String noiseMethod) {
        public Settings {
            expectations = List.copyOf(expectations);
            if (noiseModel != null && probabilities) throw new IllegalArgumentException("probabilities are not reported for noisy sweeps");
            if (noiseModel == null && noiseMethod != null) throw new IllegalArgumentException("a noise method needs a noise model");
        }

        /** An ideal sweep. */
        public Settings(List<PauliSum> expectations, long shots, long seed, String engine, boolean probabilities) {
            this(expectations, shots, seed, engine, probabilities, null, null);
        }
    }

    /** What one point gave; {@code counts} is empty without shots, {@code probabilities} null unless asked for. */
    public record PointResult(int index, double[] values, double[] expectations, Map<String, Long> counts, double[] probabilities) {}

    /** Above this many qubits (16 MiB per state) points run one by one on a multi-threaded engine. */
    static final int PARALLEL_POINTS_MAX_QUBITS = 20;

    private final Circuit circuit;
    private final SweepPoints points;
    private final Settings settings;
    private final TaskRunner runner = new TaskRunner();
    private volatile String text;

    public Sweep(Circuit circuit, SweepPoints points, Settings settings) {
        List<String> params = circuit.parameters();
        for (String n : points.names()) {
            if (!params.contains(n)) {
                throw new IllegalArgumentException("unknown parameter '" + n + "': the circuit's parameters are "
                        + (params.isEmpty() ? "none" : String.join(", ", params)));
            }
        }
        for (String n : params) {
            if (!points.names().contains(n)) throw new IllegalArgumentException("parameter '" + n + "' of the circuit is not swept; give it a value");
        }
        for (PauliSum s : settings.expectations()) {
            if (s.maxQubit() >= circuit.numQubits()) {
                throw new IllegalArgumentException("'" + s + "' acts on qubit " + s.maxQubit() + " but the circuit has " + circuit.numQubits() + " qubit(s)");
            }
        }
        this.circuit = circuit;
        this.points = points;
        this.settings = settings;
    }

    public SweepPoints points() { return points; }

    public Settings settings() { return settings; }

    /**
     * 16 hex digits of SHA-256 over everything that decides the output (the circuit's canonical
     * text, the points, the observables, shots, seed, engine): shards of one sweep share it.
     */
    public String id() {
        MessageDigest md = SweepPoints.sha256();
        md.update(canonicalText().getBytes(StandardCharsets.UTF_8));
        points.digest(md);
        StringBuilder s = new StringBuilder();
        for (PauliSum p : settings.expectations()) s.append('|').append(p);
        s.append("|shots=").append(settings.shots()).append("|seed=").append(settings.seed())
                .append("|engine=").append(settings.engine()).append("|probabilities=").append(settings.probabilities());
        // only noisy sweeps add these, so the ids of ideal sweeps stay what they were
        if (settings.noiseModel() != null) {
            s.append("|noise_model=").append(org.qise.sim.Manifest.sha256(settings.noiseModel()))
                    .append("|noise_method=").append(settings.noiseMethod());
        }
        md.update(s.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest(), 0, 8);
    }

    /**
     * Point {@code p} as a self-contained {@link Task}: the circuit's canonical text, the point's
     * values, the sweep's options and seed, and index p (so it samples with {@code Rng.stream(seed, p)}).
     */
    public Task task(int p, boolean stateHash) {
        double[] values = new double[points.names().size()];
        for (int k = 0; k < values.length; k++) values[k] = points.value(p, k);
        List<String> sums = settings.expectations().stream().map(PauliSum::toString).toList();
        return new Task(p, null, canonicalText(), points.names(), values, settings.noiseModel(),
                new TaskOptions(sums, settings.shots(), settings.engine(), settings.probabilities(), stateHash, settings.noiseMethod()),
                settings.seed());
    }

    /** Every point as a task, in index order (what a Spark job or another runner takes). */
    public List<Task> tasks(boolean stateHash) {
        List<Task> out = new ArrayList<>(points.size());
        for (int p = 0; p < points.size(); p++) out.add(task(p, stateHash));
        return out;
    }

    /** The circuit's canonical OpenQASM text, parameters left symbolic (computed once). */
    public String canonicalText() {
        String t = text;
        if (t == null) {
            // OpenQASM 2 where it can say the circuit, else OpenQASM 3 (a parametric gate under
            // modifiers, say), which tasks parse back just as well
            t = org.qise.sim.Manifest.canonicalText(circuit);
            runner.warm(t, circuit);
            text = t;
        }
        return t;
    }

    /** Binds and simulates point {@code p}, with engine threads {@code engineThreads}. */
    public PointResult run(int p, int engineThreads) {
        TaskResult r = runner.run(task(p, false), engineThreads);
        return new PointResult(p, r.paramValues(), r.expectations(), r.counts(), r.probabilities());
    }

    /**
     * Runs the points {@code indices} and hands each result to {@code sink} in the order given.
     * With {@code threads} > 1, enough points and at most 20 qubits, points run side by side
     * (each engine on one thread); otherwise one after another with the engine on
     * {@code threads} threads (0 = all).
     */
    public void run(int[] indices, int threads, Consumer<PointResult> sink, Progress progress) {
        int workers = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        // side by side, each worker holds a state: only for states small enough to hold many of
        if (workers <= 1 || indices.length < workers || circuit.numQubits() > PARALLEL_POINTS_MAX_QUBITS) {
            OrderedRun.run(indices.length, 1, i -> run(indices[i], threads), sink, progress, "points");
        } else {
            OrderedRun.run(indices.length, workers, i -> run(indices[i], 1), sink, progress, "points");
        }
    }

    /** The indices of shard {@code shard} (1-based) of {@code count}: every count-th point from shard − 1. */
    public static int[] shardIndices(int points, int shard, int count) {
        if (count < 1) throw new IllegalArgumentException("the shard count must be at least 1, got " + count);
        if (shard < 1 || shard > count) throw new IllegalArgumentException("shard " + shard + "/" + count + " is out of range: shards are numbered 1 to " + count);
        List<Integer> out = new ArrayList<>();
        for (int p = shard - 1; p < points; p += count) out.add(p);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
