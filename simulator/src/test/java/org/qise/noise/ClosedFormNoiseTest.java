package org.qise.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Circuit;
import org.qise.noise.run.Method;
import org.qise.noise.run.NoisyResult;
import org.qise.noise.run.NoisySimulator;
import org.qise.sim.PauliSum;

/**
 * Noise against closed forms: to 1e-12 with the density matrix, and within a chi-square bound
 * (p-value above 1e-4) with trajectories.
 */
class ClosedFormNoiseTest {
    static final int SHOTS = 20_000;

    static NoisyResult run(Circuit c, NoiseModel model, Method method, long seed) {
        return NoisySimulator.builder().model(model).method(method).shots(SHOTS).seed(seed).threads(2).build().run(c);
    }

    static void check(Circuit c, NoiseModel model, Map<String, Double> expected) {
        try (NoisyResult dm = run(c, model, Method.DENSITY_MATRIX, 1)) {
            for (var e : expected.entrySet()) {
                assertEquals(e.getValue(), dm.outcomeProbabilities().getOrDefault(e.getKey(), 0.0), 1e-12, "P(" + e.getKey() + ")");
            }
        }
        try (NoisyResult tr = run(c, model, Method.TRAJECTORIES, 2)) {
            double p = ChiSquare.pValue(tr.counts(), expected);
            assertTrue(p > 1e-4, "trajectory counts " + tr.counts() + " vs " + expected + ": p = " + p);
        }
    }

    @ParameterizedTest(name = "amplitude damping of |1⟩ for t = {0} with T1 = {1} leaves P(1) = e^(-t/T1)")
    @CsvSource({"0.5, 1.0", "2.0, 1.5", "10, 100"})
    void amplitudeDampingDecaysAsExponential(double t, double t1) {
        Circuit c = Circuit.builder(1, 1).x(0).channel(Channels.thermalRelaxation(t1, t1, t, 0), 0).measure(0, 0).build();
        double p1 = Math.exp(-t / t1);
        check(c, NoiseModel.builder().build(), Map.of("0", 1 - p1, "1", p1));
        Circuit viaGamma = Circuit.builder(1, 1).x(0).channel(Channels.amplitudeDamping(1 - p1), 0).measure(0, 0).build();
        check(viaGamma, NoiseModel.builder().build(), Map.of("0", 1 - p1, "1", p1));
    }

    @ParameterizedTest(name = "a Ramsey sequence waiting t = {0} with T1 = {1}, T2 = {2} gives P(0) = (1 + e^(-t/T2))/2")
    @CsvSource({"0.3, 1.0, 0.5", "1.0, 1.0, 2.0", "2.0, 5.0, 1.0", "0.7, 2.0, 2.0"})
    void ramseyFringeDecaysWithT2(double t, double t1, double t2) {
        Circuit c = Circuit.builder(1, 1).h(0).channel(Channels.thermalRelaxation(t1, t2, t, 0), 0).h(0).measure(0, 0).build();
        double p0 = (1 + Math.exp(-t / t2)) / 2;
        check(c, NoiseModel.builder().build(), Map.of("0", p0, "1", 1 - p0));
    }

    @ParameterizedTest(name = "depolarizing with p = {0} shrinks the Bloch vector of u3({1}, {2}, 0)|0⟩ by 1 - p")
    @CsvSource({"0.1, 1.0, 0.4", "0.5, 2.0, -1.2", "1.0, 0.3, 2.5", "0.0, 1.1, 0.9"})
    void depolarizingShrinksBlochVector(double p, double theta, double phi) {
        Circuit c = Circuit.builder(1).u3(theta, phi, 0, 0).channel(Channels.depolarizing(p), 0).build();
        double[] r = {Math.sin(theta) * Math.cos(phi), Math.sin(theta) * Math.sin(phi), Math.cos(theta)};
        String[] axes = {"X0", "Y0", "Z0"};
        var sim = NoisySimulator.builder().method(Method.DENSITY_MATRIX).shots(SHOTS).seed(3);
        for (String a : axes) sim.observe(PauliSum.parse(a));
        try (NoisyResult dm = sim.build().run(c)) {
            for (int i = 0; i < 3; i++) assertEquals((1 - p) * r[i], dm.observables().get(PauliSum.parse(axes[i]).toString()).value(), 1e-12, axes[i]);
        }
        // Trajectories: counts in the Z basis follow P(1) = (1 − (1−p)·z)/2.
        double p1 = (1 - (1 - p) * r[2]) / 2;
        Map<String, Double> expected = new TreeMap<>(Map.of("0", 1 - p1, "1", p1));
        try (NoisyResult tr = NoisySimulator.builder().method(Method.TRAJECTORIES).shots(SHOTS).seed(4).build().run(c)) {
            assertTrue(ChiSquare.pValue(tr.counts(), expected) > 1e-4, tr.counts().toString());
        }
    }

    @ParameterizedTest(name = "two-qubit depolarizing with p = {0} shrinks ⟨Z0 Z1⟩ of a Bell state by 1 - p")
    @CsvSource({"0.2", "0.75", "1.0"})
    void twoQubitDepolarizingShrinksCorrelations(double p) {
        Circuit c = Circuit.builder(2).h(0).cx(0, 1).channel(Channels.depolarizing2(p), 0, 1).build();
        var sim = NoisySimulator.builder().method(Method.DENSITY_MATRIX).observe(PauliSum.parse("Z0 Z1")).observe(PauliSum.parse("X0 X1"));
        try (NoisyResult dm = sim.build().run(c)) {
            assertEquals(1 - p, dm.observables().get(PauliSum.parse("Z0 Z1").toString()).value(), 1e-12);
            assertEquals(1 - p, dm.observables().get(PauliSum.parse("X0 X1").toString()).value(), 1e-12);
            assertEquals((1 - p) * (1 - p) * 3 / 4 + 0.25, dm.purity(), 1e-12, "purity of a Werner state");
        }
    }

    @ParameterizedTest(name = "readout error reports |0⟩ with the confusion matrix's first column ({0}, {1})")
    @CsvSource({"0.03, 0.08", "0.5, 0.1", "0.0, 0.2"})
    void readoutErrorOnZero(double p10, double p01) {
        Circuit c = Circuit.builder(1, 1).measure(0, 0).build();
        NoiseModel m = NoiseModel.builder().readout(ReadoutError.of(p10, p01)).build();
        Map<String, Double> expected = new TreeMap<>();
        expected.put("0", 1 - p10);
        if (p10 > 0) expected.put("1", p10);
        check(c, m, expected);
    }

    @ParameterizedTest(name = "a correlated two-qubit confusion matrix reports |{0}⟩ with its column {0}")
    @CsvSource({"0", "1", "2", "3"})
    void correlatedReadoutUsesTheTrueStatesColumn(int truth) {
        double[][] confusion = {
                {0.90, 0.05, 0.04, 0.01},
                {0.04, 0.85, 0.01, 0.10},
                {0.05, 0.02, 0.90, 0.09},
                {0.01, 0.08, 0.05, 0.80}};
        var b = Circuit.builder(2, 2);
        if ((truth & 1) == 1) b.x(0);
        if ((truth & 2) == 2) b.x(1);
        Circuit c = b.measure(0, 0).measure(1, 1).build();
        NoiseModel m = NoiseModel.builder().readout(new ReadoutError(confusion), 0, 1).build();
        Map<String, Double> expected = new TreeMap<>();
        for (int out = 0; out < 4; out++) expected.put("" + (out >> 1) + (out & 1), confusion[out][truth]);
        check(c, m, expected);
    }

    @org.junit.jupiter.api.Test
    void aWideClassicalRegisterKeepsTheDensityMatrixSmall() {
        Circuit c = Circuit.builder(2, 40).x(0).measure(0, 39).measure(1, 0).build();
        NoiseModel m = NoiseModel.builder().readout(ReadoutError.of(0.0, 0.25), 0).build();
        String zeros = "0".repeat(38);
        check(c, m, Map.of("1" + zeros + "0", 0.75, "0" + zeros + "0", 0.25));
    }

    /** Layers {x 0, x 1} and {x 1}: qubit 0, in |1⟩, idles in the second layer and decays with probability γ. */
    @ParameterizedTest(name = "idle amplitude damping with γ = {0} acts on the qubit a layer leaves idle")
    @CsvSource({"0.1", "0.6"})
    void idleNoiseActsOnIdleQubits(double gamma) {
        Circuit c = Circuit.builder(2, 2).x(0).x(1).x(1).measureAll().build();
        NoiseModel m = NoiseModel.builder().idle(Channels.amplitudeDamping(gamma)).build();
        check(c, m, Map.of("01", 1 - gamma, "00", gamma));
    }
}
