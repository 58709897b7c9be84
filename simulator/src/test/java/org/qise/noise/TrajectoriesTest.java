package org.qise.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.circuit.Gates;
import org.qise.noise.run.Estimate;
import org.qise.noise.run.Method;
import org.qise.noise.run.NoisyResult;
import org.qise.noise.run.NoisySimulator;
import org.qise.sim.PauliSum;

/**
 * Trajectories converge to the density matrix (20,000 shots, chi-square), give the same counts
 * on 1 and 2 threads, and keep mid-circuit measurement, reset and {@code if} working under noise.
 */
class TrajectoriesTest {
    static final int SHOTS = 20_000;

    record Case(int n, long seed) {
        @Override public String toString() { return n + " qubits, seed " + seed; }
    }

    static List<Case> cases() {
        return List.of(new Case(1, 1), new Case(2, 2), new Case(3, 3), new Case(5, 5), new Case(8, 8), new Case(8, 80));
    }

    /** Random library gates on n qubits (at most 3-qubit ones), measured into c. */
    static Circuit randomCircuit(int n, Random rnd, int length) {
        List<Gates.Definition> fitting = Gates.library().values().stream().filter(d -> d.qubits() <= Math.min(n, 3)).toList();
        CircuitBuilder b = Circuit.builder(n, n);
        for (int i = 0; i < length; i++) {
            Gates.Definition d = fitting.get(rnd.nextInt(fitting.size()));
            double[] params = new double[d.params()];
            for (int k = 0; k < params.length; k++) params[k] = (rnd.nextDouble() * 2 - 1) * Math.PI;
            List<Integer> qs = new ArrayList<>();
            for (int q = 0; q < n; q++) qs.add(q);
            java.util.Collections.shuffle(qs, rnd);
            b.gate(d.create(params), qs.subList(0, d.qubits()).stream().mapToInt(Integer::intValue).toArray());
        }
        return b.measureAll().build();
    }

    /** Depolarizing after every gate, amplitude damping after single-qubit gates, a Kraus channel on qubit 0, readout error. */
    static NoiseModel randomModel(int n, Random rnd) {
        NoiseModel.Builder m = NoiseModel.builder()
                .afterGates(Channels.depolarizing(0.02 + 0.05 * rnd.nextDouble()))
                .afterGates(Channels.thermalRelaxation(50, 40, 1 + 3 * rnd.nextDouble(), 0.05), "h", "x", "u3", "rx", "ry", "sx", "u", "u2")
                .afterGatesOn(Channels.generalizedAmplitudeDamping(0.7, 0.2 * rnd.nextDouble()), List.of(), new int[]{0})
                .readout(ReadoutError.of(0.02, 0.04));
        if (n >= 2) m.afterGates(Channels.depolarizing2(0.05), "cx", "cz", "swap").readout(ReadoutError.of(0.1, 0.05), 1);
        return m.build();
    }

    @ParameterizedTest(name = "trajectories match the density matrix on a random noisy circuit of {0}")
    @MethodSource("cases")
    void trajectoriesConvergeToTheDensityMatrix(Case tc) {
        Random rnd = new Random(tc.seed());
        Circuit c = randomCircuit(tc.n(), rnd, 6 * tc.n());
        NoiseModel model = randomModel(tc.n(), rnd);
        Map<String, Double> exact;
        try (NoisyResult dm = NoisySimulator.builder().model(model).method(Method.DENSITY_MATRIX).shots(1).seed(1).build().run(c)) {
            exact = dm.outcomeProbabilities();
            assertEquals(1, exact.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
        }
        try (NoisyResult tr = NoisySimulator.builder().model(model).method(Method.TRAJECTORIES).shots(SHOTS).seed(tc.seed()).threads(2).build().run(c)) {
            double p = ChiSquare.pValue(tr.counts(), exact);
            assertTrue(p > 1e-4, "chi-square p-value " + p);
        }
    }

    @ParameterizedTest(name = "the same seed gives identical trajectory counts on 1 and 2 threads ({0})")
    @MethodSource("cases")
    void countsDoNotDependOnThreads(Case tc) {
        Random rnd = new Random(tc.seed());
        Circuit c = randomCircuit(tc.n(), rnd, 6 * tc.n());
        NoiseModel model = randomModel(tc.n(), rnd);
        var sim = NoisySimulator.builder().model(model).method(Method.TRAJECTORIES).shots(2000).seed(99);
        try (NoisyResult one = sim.threads(1).build().run(c); NoisyResult two = sim.threads(2).build().run(c)) {
            assertEquals(one.counts(), two.counts());
        }
    }

    @Test
    void expectationValuesCarryAStandardErrorThatCoversTheExactValue() {
        Circuit c = Circuit.builder(2).ry(1.1, 0).ry(0.7, 1).cz(0, 1).build();
        NoiseModel m = NoiseModel.builder().afterGates(Channels.depolarizing(0.1)).afterGates(Channels.amplitudeDamping(0.2), "ry").build();
        PauliSum zz = PauliSum.parse("Z0 Z1"), x1 = PauliSum.parse("X1");
        Map<String, Estimate> exact, sampled;
        try (NoisyResult dm = NoisySimulator.builder().model(m).method(Method.DENSITY_MATRIX).observe(zz).observe(x1).build().run(c)) {
            exact = dm.observables();
        }
        try (NoisyResult tr = NoisySimulator.builder().model(m).method(Method.TRAJECTORIES).shots(SHOTS).seed(5).observe(zz).observe(x1).build().run(c)) {
            sampled = tr.observables();
        }
        for (String k : exact.keySet()) {
            Estimate e = sampled.get(k);
            assertTrue(e.standardError() > 0 && e.standardError() < 0.01, k + ": " + e);
            assertTrue(Math.abs(e.value() - exact.get(k).value()) < 5 * e.standardError(), k + ": " + e + " vs exact " + exact.get(k));
        }
    }

    /**
     * Teleport-like feed-forward under noise: X on q0 flipped by a bit flip of probability p,
     * measured, then {@code if (c0 == 1) x q1}, q0 reset and measured again. c1 follows c0;
     * c0 reads 1 with probability 1 − p (then misread with the readout error r), the reset
     * leaves q0 in |0⟩ so c2 reads 1 only through readout error.
     */
    @Test
    void midCircuitMeasurementResetAndIfWorkUnderNoise() {
        double p = 0.2, r = 0.1;
        Circuit c = Circuit.builder().qreg("q", 2).creg("a", 1).creg("b", 1).creg("d", 1)
                .x(0).measure(0, 0)
                .ifEquals("a", 1, x -> x.x(1))
                .reset(0).measure(1, 1).measure(0, 2).build();
        NoiseModel m = NoiseModel.builder().afterGatesOn(Channels.bitFlip(p), List.of("x"), new int[]{0}).readout(ReadoutError.symmetric(r), 0).build();
        // a: truth 1 w.p. 1−p, reported with readout r; b = (reported a) as q1 is flipped when a reads 1; d: q0 is |0⟩ after reset, misread w.p. r.
        double a1 = (1 - p) * (1 - r) + p * r;
        Map<String, Double> expected = new TreeMap<>();
        expected.put("0 1 1", (1 - r) * a1);
        expected.put("0 0 0", (1 - r) * (1 - a1));
        expected.put("1 1 1", r * a1);
        expected.put("1 0 0", r * (1 - a1));
        try (NoisyResult tr = NoisySimulator.builder().model(m).shots(SHOTS).seed(11).build().run(c)) {
            assertEquals(Method.TRAJECTORIES, tr.method(), "a circuit with if runs as trajectories");
            assertTrue(ChiSquare.pValue(tr.counts(), expected) > 1e-4, tr.counts() + " vs " + expected);
        }
    }
}
