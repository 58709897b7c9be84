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
import org.qise.param.UnboundParameterException;
import org.qise.engine.QuantumState;

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
 */
public final class Simulator {
    private final String engineName;
    private final int threads;
    private final long shots;
    private final Long seed;
    private final boolean keepState;
    private final Progress progress;

    private Simulator(Builder b) {
        this.engineName = b.engine;
        this.threads = b.threads;
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
        private int threads = 0;
        private long shots = 1024;
        private Long seed;
        private boolean keepState = true;
        private Progress progress = Progress.NONE;

        /** Engine by name: see {@link Engines#names()}. */
        public Builder engine(String name) { this.engine = name; return this; }

        /** Threads for the engine's kernels; 0 means all cores. */
        public Builder threads(int threads) {
            if (threads < 0) throw new IllegalArgumentException("threads must be >= 0");
            this.threads = threads;
            return this;
        }

        public Builder shots(long shots) {
            if (shots < 0 || shots > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("shots must be between 0 and " + (Integer.MAX_VALUE - 8));
            this.shots = shots;
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
            Engines.create(engine, threads); // fail early on an unknown engine name
            return new Simulator(this);
        }
    }

    /** Runs the circuit. The result owns the kept state: close it to free large states early. */
    public Result run(Circuit circuit) {
        if (!circuit.parameters().isEmpty()) throw new UnboundParameterException(new LinkedHashSet<>(circuit.parameters()));
        long actualSeed = seed != null ? seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
        Engine engine = Engines.create(engineName, threads);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("engine", engineName);
        Manifest manifest = Manifest.of(circuit, engine.name(), engine.threads(), actualSeed, shots, options);
        return endMeasurementsOnly(circuit)
                ? runSampled(circuit, engine, actualSeed, manifest)
                : runShotByShot(circuit, engine, actualSeed, manifest);
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

    private Result runSampled(Circuit circuit, Engine engine, long seed, Manifest manifest) {
        List<Operation.GateOp> gates = new ArrayList<>();
        List<Operation.Measure> measures = new ArrayList<>();
        for (Operation op : circuit.operations()) {
            if (op instanceof Operation.GateOp g) gates.add(g);
            else if (op instanceof Operation.Measure m) measures.add(m);
        }
        QuantumState state = engine.allocate(circuit.numQubits());
        try {
            applyWithProgress(state, gates);
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

    /**
     * Applies gates in slices so that a long run can report progress. Slices are never shorter
     * than {@link #MIN_SLICE} gates: the engine fuses gates only within one call, so slicing
     * gate by gate would give up fusion on exactly the large states that need it.
     */
    private void applyWithProgress(QuantumState state, List<Operation.GateOp> gates) {
        int slice = Math.max(MIN_SLICE, Math.min(gates.size(), 1 << Math.max(0, 30 - state.numQubits())));
        if (gates.size() <= slice) {
            state.applyAll(gates);
            progress.update(gates.size(), gates.size(), "gates");
            return;
        }
        for (int from = 0; from < gates.size(); from += slice) {
            int to = Math.min(gates.size(), from + slice);
            state.applyAll(gates.subList(from, to));
            progress.update(to, gates.size(), "gates");
        }
    }

    /** Shortest slice of gates between progress reports (about a second at 26 qubits). */
    static final int MIN_SLICE = 64;

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

    private Result runShotByShot(Circuit circuit, Engine engine, long seed, Manifest manifest) {
        List<Operation> ops = circuit.operations();
        // The unconditional gates before the first measurement, reset or condition are the same
        // for every shot: simulate them once and start each shot from a copy.
        int prefixEnd = 0;
        List<Operation.GateOp> prefix = new ArrayList<>();
        while (prefixEnd < ops.size()) {
            Operation op = ops.get(prefixEnd);
            if (op instanceof Operation.GateOp g && g.condition() == null) prefix.add(g);
            else if (!(op instanceof Operation.Barrier)) break;
            prefixEnd++;
        }
        Map<String, Long> counts = new TreeMap<>();
        try (QuantumState start = engine.allocate(circuit.numQubits())) {
            start.applyAll(prefix);
            List<Operation> rest = ops.subList(prefixEnd, ops.size());
            long reportEvery = Math.max(1, shots / 100);
            for (long shot = 0; shot < shots; shot++) {
                boolean[] bits = runOneShot(start, rest, circuit.numClbits(), Rng.stream(seed, shot));
                counts.merge(Bitstrings.format(bits, circuit.cregs()), 1L, Long::sum);
                if ((shot + 1) % reportEvery == 0 || shot + 1 == shots) progress.update(shot + 1, shots, "shots");
            }
        }
        return new Result(circuit, counts, shots, seed, manifest, null, false, Result.Mode.SHOT_BY_SHOT);
    }

    private static boolean[] runOneShot(QuantumState start, List<Operation> ops, int numClbits, Rng rng) {
        boolean[] bits = new boolean[numClbits];
        List<Operation.GateOp> pending = new ArrayList<>();
        Shot shot = null;
        try (QuantumState s = start.copy()) {
            for (Operation op : ops) {
                // Bits change only at measurements, which flush pending gates first, so a
                // condition read here sees the bits as they are when the gate runs.
                if (op.condition() != null && !op.condition().holds(bits)) continue;
                switch (op) {
                    case Operation.GateOp g -> pending.add(g);
                    case Operation.Barrier b -> { }
                    case Operation.ChannelOp c -> throw new IllegalStateException("noise channels are rejected before a run");
                    case Operation.Measure m -> {
                        flush(s, pending);
                        bits[m.clbit()] = measure(s, m.qubit(), rng) == 1;
                    }
                    case Operation.Reset r -> {
                        flush(s, pending);
                        if (measure(s, r.qubit(), rng) == 1) s.flip(r.qubit());
                    }
                    case Operation.Dynamic d -> {
                        if (shot == null) shot = new Shot(s, pending, bits, rng);
                        d.block().run(shot);
                    }
                }
            }
            flush(s, pending);
        }
        return bits;
    }

    /** One shot as a dynamic block sees it: gates batch as for the rest of the circuit. */
    private record Shot(QuantumState s, List<Operation.GateOp> pending, boolean[] bits, Rng rng,
                        Map<Object, Object> scratch) implements org.qise.circuit.DynamicBlock.ShotContext {
        Shot(QuantumState s, List<Operation.GateOp> pending, boolean[] bits, Rng rng) {
            this(s, pending, bits, rng, new HashMap<>());
        }

        @Override public void apply(Operation.GateOp gate) { pending.add(gate); }

        @Override public int measure(int qubit) {
            flush(s, pending);
            return Simulator.measure(s, qubit, rng);
        }

        @Override public void reset(int qubit) {
            flush(s, pending);
            if (Simulator.measure(s, qubit, rng) == 1) s.flip(qubit);
        }
    }

    private static void flush(QuantumState s, List<Operation.GateOp> pending) {
        if (!pending.isEmpty()) {
            s.applyAll(pending);
            pending.clear();
        }
    }

    /** Measures one qubit: outcome 1 with its Born probability, then collapses. */
    static int measure(QuantumState s, int qubit, Rng rng) {
        double p1 = s.probabilityOfOne(qubit);
        int outcome = rng.nextDouble() < p1 ? 1 : 0;
        s.collapse(qubit, outcome, outcome == 1 ? p1 : 1 - p1);
        return outcome;
    }
}
