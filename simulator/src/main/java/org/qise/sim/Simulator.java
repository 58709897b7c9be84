package org.qise.sim;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.qise.circuit.Circuit;
import org.qise.circuit.Operation;
import org.qise.engine.Engine;
import org.qise.engine.Engines;
import org.qise.engine.Plan;
import org.qise.engine.Precision;
import org.qise.engine.QuantumState;
import org.qise.param.UnboundParameterException;

/**
 * Runs circuits. Configure once, run many:
 *
 * <pre>{@code
 * Result r = Simulator.builder().shots(1000).seed(42).build().run(circuit);
 * r.counts();              // {"00"=503, "11"=497}
 * r.expectation("Z0 Z1");  // 1.0
 * }</pre>
 *
 * <p>A circuit whose measurements all come at the end (no gate touches a measured qubit, no
 * condition, no reset of a used qubit) is simulated once and its final state sampled. Any other
 * circuit runs shot by shot, each shot with its own random stream derived from the seed, so the
 * counts are the same whatever the number of threads.
 *
 * <p>Gates are compiled into {@link Plan plans} once per run: the whole gate list of a sampled
 * run (progress is reported between its steps), and each run of gates between mid-circuit
 * operations of a shot-by-shot run ({@link ShotProgram}), replayed for every shot.
 *
 * <p>The simulator holds one {@link Engine} (given with {@link Builder#engine(Engine)} or made
 * from a name) for all its runs, and {@link #close()} closes it, ending its threads.
 */
public final class Simulator implements AutoCloseable {
    private final Engine engine;
    private final long shots;
    private final Long seed;
    private final boolean keepState;
    private final Progress progress;

    private Simulator(Builder b, Engine engine) {
        this.engine = engine;
        this.shots = b.shots;
        this.seed = b.seed;
        this.keepState = b.keepState;
        this.progress = b.progress;
    }

    public static Builder builder() { return new Builder(); }

    /** Runs a circuit with the default settings (1024 shots, random seed, default engine). */
    public static Result simulate(Circuit circuit) {
        return builder().build().run(circuit);
    }

    /** Options for a {@link Simulator}. */
    public static final class Builder {
        private String engine = Engines.DEFAULT;
        private Engine engineValue;
        private int threads = 0;
        private Precision precision;
        private long shots = 1024;
        private Long seed;
        private boolean keepState = true;
        private Progress progress = Progress.NONE;

        /** Engine by name: see {@link Engines#names()}. */
        public Builder engine(String name) {
            this.engine = name;
            this.engineValue = null;
            return this;
        }

        /**
         * This engine, for example one from a provider outside the core; the simulator closes
         * it when it is closed. {@link #threads} is then the engine's business.
         */
        public Builder engine(Engine engine) {
            this.engineValue = java.util.Objects.requireNonNull(engine);
            return this;
        }

        /**
         * The amplitudes' number format (default {@link Precision#DOUBLE}). {@link Precision#SINGLE}
         * halves the memory and the bytes each pass moves; only the fast engine offers it. With
         * an engine given as a value, the precision must be that engine's.
         */
        public Builder precision(Precision precision) {
            this.precision = java.util.Objects.requireNonNull(precision);
            return this;
        }

        /** Threads for the engine's kernels; 0 means all cores. */
        public Builder threads(int threads) {
            this.threads = RunOptions.checkThreads(threads);
            return this;
        }

        public Builder shots(long shots) {
            this.shots = RunOptions.checkShots(shots);
            return this;
        }

        /** Fixes every random choice; without it a random seed is drawn and recorded in the result. */
        public Builder seed(long seed) { this.seed = seed; return this; }

        /**
         * Whether the result keeps the final state (for state vectors, probabilities and
         * expectation values). Default true; turn off for large circuits where only counts matter.
         */
        public Builder keepState(boolean keep) { this.keepState = keep; return this; }

        public Builder progress(Progress progress) { this.progress = progress; return this; }

        public Simulator build() {
            if (engineValue != null && precision != null && engineValue.precision() != precision) {
                throw new IllegalArgumentException("the " + engineValue.name() + " engine given computes in " + engineValue.precision()
                        + " precision, not " + precision);
            }
            return new Simulator(this, engineValue != null ? engineValue
                    : Engines.create(engine, threads, precision == null ? Precision.DOUBLE : precision));
        }
    }

    /** The engine every run uses. */
    public Engine engine() { return engine; }

    /** Closes the engine (its threads end). */
    @Override
    public void close() {
        engine.close();
    }

    /** The memory a run of {@code circuit} needs and what the engine has available, before anything is allocated. */
    public MemoryNeed memoryNeed(Circuit circuit) {
        boolean sampled = endMeasurementsOnly(circuit);
        // Shot by shot, the state holds only the qubits not known to be in a basis state (KnownQubits).
        int n = sampled ? circuit.numQubits()
                : ShotProgram.stateQubits(KnownQubits.rewrite(circuit.numQubits(), circuit.operations()), circuit, engine);
        return new MemoryNeed(n, engine.bytesFor(n), sampled ? 1 : 2, engine.availableBytes(), engine.precision().bytesPerAmplitude());
    }

    /**
     * What {@link #run} would do with the circuit, without running it: the compiled plan of a
     * sampled run, or the compiled program of a shot-by-shot run (its first runs of gates in full).
     */
    public String explain(Circuit circuit) {
        String memory = "memory   " + memoryNeed(circuit).describe() + "\n";
        if (engine.precision() == Precision.SINGLE) memory = "precision single: complex64 amplitudes, every stage widened to double in cache\n" + memory;
        if (endMeasurementsOnly(circuit)) {
            return "mode     state simulated once and sampled (" + shots + " shots)\n" + memory
                    + engine.compile(circuit.numQubits(), gatesOf(circuit)).explain();
        }
        return memory + ShotProgram.compile(circuit, engine).explain(shots, 3);
    }

    private static List<Operation.GateOp> gatesOf(Circuit circuit) {
        List<Operation.GateOp> gates = new ArrayList<>();
        for (Operation op : circuit.operations()) if (op instanceof Operation.GateOp g) gates.add(g);
        return gates;
    }

    /**
     * Runs the circuit. The result owns the kept state: close it ({@link Result#close()}, or
     * try-with-resources) when done, since a large state's memory otherwise waits for the garbage
     * collector to find the result unreachable. With the built-in engines a result stays usable
     * after this simulator is closed.
     */
    public Result run(Circuit circuit) {
        return run(circuit, progress);
    }

    /** As {@link #run(Circuit)}, reporting progress to {@code progress} instead of the builder's. */
    public Result run(Circuit circuit, Progress progress) {
        if (!circuit.parameters().isEmpty()) throw new UnboundParameterException(new LinkedHashSet<>(circuit.parameters()));
        long actualSeed = seed != null ? seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("engine", engine.name());
        options.put("precision", engine.precision().label());
        options.putAll(engine.resultOptions());
        int n = circuit.numQubits();
        long oneState = engine.bytesFor(n);
        if (oneState >= MemoryNeed.CHECK_FROM_BYTES / 2) memoryNeed(circuit).requireFits();
        Manifest manifest = Manifest.of(circuit, engine.name(), engine.threads(), actualSeed, shots, options);
        return endMeasurementsOnly(circuit)
                ? runSampled(circuit, engine, actualSeed, manifest, progress)
                : runShotByShot(circuit, engine, actualSeed, manifest, progress);
    }

    /**
     * True when every measurement can be deferred to the end: no condition anywhere, no gate or
     * reset on a qubit after it is measured, no reset of a qubit that a gate has touched.
     */
    static boolean endMeasurementsOnly(Circuit circuit) {
        boolean[] touched = new boolean[circuit.numQubits()];
        boolean[] measured = new boolean[circuit.numQubits()];
        for (Operation op : circuit.operations()) {
            if (op.condition() != null) return false;
            switch (op) {
                case Operation.Measure m -> measured[m.qubit()] = true;
                case Operation.Reset r -> {
                    if (touched[r.qubit()] || measured[r.qubit()]) return false;
                }
                case Operation.GateOp g -> {
                    for (int q : g.qubits()) {
                        if (measured[q]) return false;
                        touched[q] = true;
                    }
                }
                case Operation.Barrier b -> { }
                case Operation.ChannelOp c -> throw new IllegalArgumentException("the circuit holds noise channel "
                        + c.channel() + "; run noisy circuits with org.qise.noise.run.NoisySimulator");
                case Operation.Dynamic d -> { return false; }
            }
        }
        return true;
    }

    private Result runSampled(Circuit circuit, Engine engine, long seed, Manifest manifest, Progress progress) {
        List<Operation.GateOp> gates = new ArrayList<>();
        List<Operation.Measure> measures = new ArrayList<>();
        for (Operation op : circuit.operations()) {
            if (op instanceof Operation.GateOp g) gates.add(g);
            else if (op instanceof Operation.Measure m) measures.add(m);
        }
        Plan plan = engine.compile(circuit.numQubits(), gates);
        QuantumState state = engine.allocate(circuit.numQubits());
        try {
            runWithProgress(state, plan, progress);
            Map<String, Long> counts = sample(state, circuit, measures, seed);
            boolean keep = keepState;
            Result result = new Result(circuit, counts, shots, seed, manifest, keep ? state : null,
                    measures.isEmpty(), Result.Mode.SAMPLED);
            if (!keep) state.close();
            return result;
        } catch (RuntimeException | Error e) {
            state.close();
            throw e;
        }
    }

    /** Runs a plan step by step, reporting the gates done after each step (one memory pass or stage). */
    private static void runWithProgress(QuantumState state, Plan plan, Progress progress) {
        int steps = plan.stepCount();
        long total = plan.gates().size(), done = 0;
        for (int i = 0; i < steps; i++) {
            state.run(plan, i, i + 1);
            done += plan.stepGates(i).size();
            progress.update(done, total, "gates");
        }
        if (steps == 0) progress.update(0, 0, "gates");
    }

    private Map<String, Long> sample(QuantumState state, Circuit circuit, List<Operation.Measure> measures, long seed) {
        Rng rng = new Rng(seed);
        double[] uniforms = new double[(int) shots];
        for (int i = 0; i < uniforms.length; i++) uniforms[i] = rng.nextDouble();
        Arrays.sort(uniforms);
        long[] outcomes = state.sampleSorted(uniforms);
        Map<Long, Long> byIndex = new HashMap<>();
        for (long o : outcomes) byIndex.merge(o, 1L, Long::sum);

        Map<String, Long> counts = new TreeMap<>();
        int n = circuit.numQubits();
        for (Map.Entry<Long, Long> e : byIndex.entrySet()) {
            String key;
            if (measures.isEmpty()) {
                key = Bitstrings.ofIndex(e.getKey(), n);
            } else {
                boolean[] bits = new boolean[circuit.numClbits()];
                for (Operation.Measure m : measures) bits[m.clbit()] = (e.getKey() >> m.qubit() & 1) == 1;
                key = Bitstrings.format(bits, circuit.cregs());
            }
            counts.merge(key, e.getValue(), Long::sum);
        }
        return counts;
    }

    private Result runShotByShot(Circuit circuit, Engine engine, long seed, Manifest manifest, Progress progress) {
        ShotProgram program = ShotProgram.compile(circuit, engine);
        Map<String, Long> counts = new TreeMap<>();
        try (QuantumState start = engine.allocate(program.stateQubits)) {
            start.run(program.prefix);
            long reportEvery = Math.max(1, shots / 100);
            for (long shot = 0; shot < shots; shot++) {
                boolean[] bits;
                try (QuantumState s = start.copy()) { // copy() says when it is the copy that does not fit
                    bits = program.run(s, circuit.numClbits(), Rng.stream(seed, shot));
                }
                counts.merge(Bitstrings.format(bits, circuit.cregs()), 1L, Long::sum);
                if ((shot + 1) % reportEvery == 0 || shot + 1 == shots) progress.update(shot + 1, shots, "shots");
            }
        }
        return new Result(circuit, counts, shots, seed, manifest, null, false, Result.Mode.SHOT_BY_SHOT);
    }
}
