package org.qise.noise.run;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.qise.Version;
import org.qise.circuit.Circuit;
import org.qise.circuit.Operation;
import org.qise.engine.QuantumState;
import org.qise.engine.density.DensityMatrix;
import org.qise.engine.fast.FastEngine;
import org.qise.noise.NoiseException;
import org.qise.noise.NoiseModel;
import org.qise.noise.NoiseModelJson;
import org.qise.sim.Manifest;
import org.qise.sim.PauliSum;
import org.qise.sim.Progress;
import org.qise.sim.RunOptions;
import org.qise.sim.Rng;

/**
 * Runs circuits under noise: the model's channels are inserted after the gates they follow
 * ({@link NoiseModel#apply}), channels already in the circuit stay, and the result is computed
 * with a density matrix or with trajectories.
 *
 * <pre>{@code
 * NoisyResult r = NoisySimulator.builder().model(model).shots(1000).seed(7).build().run(circuit);
 * r.counts(); r.method();
 * }</pre>
 *
 * <p>{@link Method#AUTO} picks the density matrix when the circuit allows it (no condition, no
 * measurement before the final ones, at most {@value DensityMatrix#MAX_QUBITS} qubits) and it
 * is cheaper: ρ costs about as much as 2^n trajectories, so it runs when 2^n ≤ shots.
 */
public final class NoisySimulator {
    private final NoiseModel model;
    private final Method method;
    private final int threads;
    private final long shots;
    private final Long seed;
    private final List<PauliSum> observables;
    private final boolean keepDensityMatrix;
    private final Progress progress;

    private NoisySimulator(Builder b) {
        this.progress = b.progress;
        this.model = b.model;
        this.method = b.method;
        this.threads = b.threads;
        this.shots = b.shots;
        this.seed = b.seed;
        this.observables = List.copyOf(b.observables);
        this.keepDensityMatrix = b.keepDensityMatrix;
    }

    public static Builder builder() { return new Builder(); }

    /** Options for a {@link NoisySimulator}. */
    public static final class Builder {
        private NoiseModel model = NoiseModel.builder().build();
        private Method method = Method.AUTO;
        private int threads = 0;
        private long shots = 1024;
        private Long seed;
        private final List<PauliSum> observables = new ArrayList<>();
        private boolean keepDensityMatrix = true;
        private Progress progress = Progress.NONE;

        public Builder model(NoiseModel model) { this.model = model; return this; }

        public Builder method(Method method) { this.method = method; return this; }

        /** Threads; 0 means all cores. The counts do not depend on it. */
        public Builder threads(int threads) {
            this.threads = RunOptions.checkThreads(threads);
            return this;
        }

        public Builder shots(long shots) {
            this.shots = RunOptions.checkShots(shots);
            return this;
        }

        public Builder seed(long seed) { this.seed = seed; return this; }

        /** An observable to estimate on the state before the final measurements. */
        public Builder observe(PauliSum sum) { observables.add(sum); return this; }

        /** Whether the result keeps ρ (density-matrix method); default true. */
        public Builder keepDensityMatrix(boolean keep) { this.keepDensityMatrix = keep; return this; }

        /**
         * Receives progress: trajectories done (after each one) or, for ρ, operations applied
         * (after each step of its compiled plan, one memory pass or stage). Throwing from it stops the
         * run there, which is how the portal cancels a noisy run; it may be called from several
         * threads, but never at once.
         */
        public Builder progress(Progress progress) { this.progress = java.util.Objects.requireNonNull(progress); return this; }

        public NoisySimulator build() { return new NoisySimulator(this); }
    }

    /** The method {@code requested} resolves to for {@code circuit} (as {@link #run} would choose). */
    public Method resolve(Circuit circuit) {
        Circuit noisy = model.apply(circuit);
        return choose(noisy, CircuitShape.of(noisy));
    }

    private Method choose(Circuit noisy, CircuitShape shape) {
        int n = noisy.numQubits();
        boolean fits = shape.terminal() && n <= DensityMatrix.MAX_QUBITS;
        return switch (method) {
            case DENSITY_MATRIX -> {
                if (shape.dynamic()) {
                    throw new NoiseException("the density-matrix method cannot run OpenQASM 3 control flow that depends on measurements "
                            + "(if, while, for or switch on measured bits): each shot takes its own path; use the trajectories method");
                }
                if (!shape.terminal()) {
                    throw new NoiseException("the density-matrix method needs a circuit whose measurements all come at the end and "
                            + "that has no 'if'; this one measures mid-circuit or branches, so use the trajectories method");
                }
                yield Method.DENSITY_MATRIX;
            }
            case TRAJECTORIES -> Method.TRAJECTORIES;
            case AUTO -> fits && (n < 62 && (1L << n) <= Math.max(shots, 1)) ? Method.DENSITY_MATRIX : Method.TRAJECTORIES;
        };
    }

    public NoisyResult run(Circuit circuit) {
        long actualSeed = seed != null ? seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
        for (PauliSum s : observables) {
            if (s.maxQubit() >= circuit.numQubits()) {
                throw new NoiseException("'" + s + "' acts on qubit " + s.maxQubit() + " but the circuit has " + circuit.numQubits() + " qubit(s)");
            }
        }
        Circuit noisy = model.apply(circuit);
        CircuitShape shape = CircuitShape.of(noisy);
        Method used = choose(noisy, shape);
        if (!observables.isEmpty() && !shape.terminal()) {
            throw new NoiseException("expectation values need the state before the final measurements, but this circuit measures "
                    + "mid-circuit or branches, so each shot ends in a different state");
        }
        String modelText = NoiseModelJson.canonicalText(model);
        int engineThreads = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("engine", "fast");
        options.put("method", used.cliName());
        options.put("noise_model_sha256", Manifest.sha256(modelText));
        Manifest manifest = new Manifest(Manifest.sha256(Manifest.canonicalText(circuit)), Version.get(), "fast", engineThreads,
                actualSeed, shots, options, System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"));

        List<Operation.Measure> allMeasures = new ArrayList<>();
        for (Operation op : noisy.operations()) if (op instanceof Operation.Measure m) allMeasures.add(m);
        boolean sampleQubits = shape.terminal() && shape.finalMeasures().isEmpty();
        Outcomes outcomes = sampleQubits
                ? new Outcomes(List.of(new org.qise.circuit.Register(org.qise.circuit.Register.Kind.CLASSICAL, "q", 0, noisy.numQubits())), noisy.numQubits())
                : new Outcomes(noisy.cregs(), noisy.numClbits());
        List<Operation.Measure> readoutMeasures = allMeasures;
        if (sampleQubits) {
            readoutMeasures = new ArrayList<>();
            for (int q = 0; q < noisy.numQubits(); q++) readoutMeasures.add(new Operation.Measure(q, q, null));
        }
        Readout readout = new Readout(model.readoutFor(noisy.numQubits()), noisy, readoutMeasures);

        if (used == Method.DENSITY_MATRIX) {
            return runDensity(circuit, noisy, shape, readoutMeasures, outcomes, actualSeed, manifest, modelText);
        }
        if (!shape.terminal()) readout.groups(shape.body());
        var plan = new Trajectories.ShotPlan(noisy.numQubits(), sampleQubits ? noisy.numQubits() : noisy.numClbits(),
                shape.body(), shape.finalMeasures(), shape.terminal(), readout, outcomes, observables, model);
        Trajectories.Totals totals = new Trajectories(plan, engineThreads, progress).run(shots, actualSeed);
        Map<String, Estimate> estimates = new LinkedHashMap<>();
        for (int o = 0; o < observables.size(); o++) {
            double mean = shots == 0 ? Double.NaN : totals.sums()[o] / shots;
            double variance = shots < 2 ? 0 : Math.max(0, (totals.squares()[o] - shots * mean * mean) / (shots - 1));
            estimates.put(observables.get(o).toString(), new Estimate(mean, shots == 0 ? Double.NaN : Math.sqrt(variance / shots)));
        }
        return new NoisyResult(circuit, Method.TRAJECTORIES, totals.counts(), shots, actualSeed, manifest, modelText, estimates, null, null, null, null);
    }

    private NoisyResult runDensity(Circuit circuit, Circuit noisy, CircuitShape shape, List<Operation.Measure> measures,
                                   Outcomes outcomes, long seed, Manifest manifest, String modelText) {
        int n = noisy.numQubits();
        DensityMatrix rho = DensityMatrix.allocate(n, threads);
        try {
            // one compiled plan run step by step: the same bits as one run, with progress between steps
            rho.apply(shape.body(), (done, total) -> progress.update(done, total, "operations"));
            // Distribution over the classical bits the final measurements write (bit k of a local
            // index = the k-th of those bits, at most n of them), then the readout errors.
            double[] diag = rho.probabilities();
            int[] clbits = measures.stream().mapToInt(Operation.Measure::clbit).distinct().sorted().toArray();
            List<Operation.Measure> local = new ArrayList<>();
            for (Operation.Measure m : measures) local.add(new Operation.Measure(m.qubit(), Arrays.binarySearch(clbits, m.clbit()), null));
            double[] truth = new double[1 << clbits.length];
            for (int i = 0; i < diag.length; i++) {
                int key = 0;
                for (Operation.Measure m : local) {
                    key &= ~(1 << m.clbit());
                    if ((i >> m.qubit() & 1) == 1) key |= 1 << m.clbit();
                }
                truth[key] += Math.max(0, diag[i]);
            }
            double[] reported = new Readout(model.readoutFor(n), noisy, local).applyToDistribution(truth);
            java.util.function.IntFunction<String> keyOf = k -> {
                boolean[] values = new boolean[outcomes.bits()];
                for (int b = 0; b < clbits.length; b++) values[clbits[b]] = (k >> b & 1) == 1;
                return outcomes.key(values);
            };
            Map<String, Double> probabilities = new TreeMap<>();
            for (int k = 0; k < reported.length; k++) if (reported[k] > 0) probabilities.merge(keyOf.apply(k), reported[k], Double::sum);
            Map<String, Long> counts = sample(reported, keyOf, seed);
            Map<String, Estimate> estimates = new LinkedHashMap<>();
            for (PauliSum s : observables) {
                double v = 0;
                for (PauliSum.Term t : s.terms()) v += t.coefficient() * rho.expectationPauli(t.xMask(), t.zMask());
                estimates.put(s.toString(), new Estimate(v, 0));
            }
            double purity = rho.purity();
            Double fidelity = idealFidelity(shape.body(), n, rho);
            NoisyResult r = new NoisyResult(circuit, Method.DENSITY_MATRIX, counts, shots, seed, manifest, modelText, estimates,
                    probabilities, keepDensityMatrix ? rho : null, purity, fidelity);
            if (!keepDensityMatrix) rho.close();
            return r;
        } catch (RuntimeException | Error e) {
            rho.close();
            throw e;
        }
    }

    /** Samples {@code shots} outcomes from a distribution with sorted uniforms of {@code new Rng(seed)}. */
    private Map<String, Long> sample(double[] p, java.util.function.IntFunction<String> keyOf, long seed) {
        Rng rng = new Rng(seed);
        double[] u = new double[(int) shots];
        for (int i = 0; i < u.length; i++) u[i] = rng.nextDouble();
        Arrays.sort(u);
        Map<Integer, Long> byIndex = new HashMap<>();
        double cumulative = 0;
        int k = 0, last = 0;
        for (int i = 0; i < p.length && k < u.length; i++) {
            if (p[i] > 0) last = i;
            cumulative += p[i];
            int before = k;
            while (k < u.length && u[k] < cumulative) k++;
            if (k > before) byIndex.merge(i, (long) (k - before), Long::sum);
        }
        for (int i = last + 1; i < p.length; i++) if (p[i] > 0) last = i;
        if (k < u.length) byIndex.merge(last, (long) (u.length - k), Long::sum);
        Map<String, Long> counts = new TreeMap<>();
        byIndex.forEach((i, c) -> counts.merge(keyOf.apply(i), c, Long::sum));
        return counts;
    }

    /**
     * ⟨ψ|ρ|ψ⟩ with ψ the noiseless state of the same gates, when there is one: the body holds
     * only gates, channels and barriers (a reset has no noiseless pure counterpart here).
     */
    private Double idealFidelity(List<Operation> body, int n, DensityMatrix rho) {
        List<Operation.GateOp> gates = new ArrayList<>();
        for (Operation op : body) {
            switch (op) {
                case Operation.GateOp g -> gates.add(g);
                case Operation.ChannelOp c -> { }
                case Operation.Barrier b -> { }
                default -> { return null; }
            }
        }
        try (FastEngine engine = new FastEngine(threads == 0 ? Runtime.getRuntime().availableProcessors() : threads);
             QuantumState psi = engine.allocate(n)) {
            psi.applyAll(gates);
            double[] v = new double[2 << n];
            for (long i = 0; i < (1L << n); i++) {
                v[(int) (2 * i)] = psi.re(i);
                v[(int) (2 * i + 1)] = psi.im(i);
            }
            return rho.fidelity(v);
        }
    }
}
