package org.qise.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.reference.RandomCircuits.Step;
import org.qise.sim.Result;
import org.qise.sim.Simulator;

/**
 * Sampled counts against exact outcome probabilities, with Pearson's chi-square goodness-of-fit
 * test from Commons Math. The seeds are fixed, so each test is deterministic; a correct sampler
 * passes at p &gt; 0.001, and the test is shown to have the power to reject a wrong distribution.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("org.qise.engine.Engines#names")
class SamplingStatisticsTest {
    /** The engine under test: each engine in Engines.names() runs the whole class. */
    @Parameter
    String engine;

    private static final int SHOTS = 20_000;
    private static final double ALPHA = 0.001;

    /**
     * The p-value of the observed counts under the expected distribution. Outcomes with an
     * expected count below 5 are pooled (smallest first) so the chi-square approximation holds;
     * outcomes of zero probability must not occur at all.
     */
    static double pValue(Map<String, Double> expected, Map<String, Long> observed, long shots) {
        for (String k : observed.keySet()) {
            assertTrue(expected.getOrDefault(k, 0.0) > 1e-15, "outcome " + k + " has probability 0 but occurred " + observed.get(k) + " times");
        }
        List<String> keys = new ArrayList<>(expected.keySet());
        keys.removeIf(k -> expected.get(k) <= 1e-15);
        keys.sort(Comparator.comparingDouble(expected::get));
        List<double[]> bins = new ArrayList<>(); // {expected count, observed count}
        double[] pool = {0, 0};
        for (String k : keys) {
            pool[0] += expected.get(k) * shots;
            pool[1] += observed.getOrDefault(k, 0L);
            if (pool[0] >= 5) {
                bins.add(pool);
                pool = new double[]{0, 0};
            }
        }
        if (pool[0] > 0) {
            double[] last = bins.getLast();
            last[0] += pool[0];
            last[1] += pool[1];
        }
        assertTrue(bins.size() >= 2, "too few bins for a chi-square test");
        double[] e = new double[bins.size()];
        long[] o = new long[bins.size()];
        for (int i = 0; i < e.length; i++) {
            e[i] = bins.get(i)[0];
            o[i] = (long) bins.get(i)[1];
        }
        return new ChiSquareTest().chiSquareTest(e, o);
    }

    /** Probabilities of the reference state (the dense-matrix product applied to |0…0⟩). */
    private static double[] referenceProbabilities(int n, List<Step> steps) {
        Complex[] psi = RandomCircuits.referenceState(n, steps);
        double[] p = new double[psi.length];
        for (int i = 0; i < p.length; i++) p[i] = psi[i].abs() * psi[i].abs();
        return p;
    }

    @Test
    void countsOfRandomCircuitsFitTheReferenceProbabilities() {
        Random rnd = new Random(21);
        for (int trial = 0; trial < 6; trial++) {
            int n = 3 + trial % 2;
            List<Step> steps = RandomCircuits.randomSteps(rnd, n, 4 * n);
            double[] p = referenceProbabilities(n, steps);
            // measure qubit q into a shuffled classical bit, to check the bit mapping as well
            int[] clbitOf = RandomCircuits.randomQubits(rnd, n, n);
            CircuitBuilder b = RandomCircuits.circuitOf(n, steps).toBuilder().creg("c", n);
            for (int q = 0; q < n; q++) b.measure(q, clbitOf[q]);

            Map<String, Double> expected = new HashMap<>();
            for (int i = 0; i < p.length; i++) {
                char[] bits = new char[n]; // c[n-1] … c[0]
                for (int q = 0; q < n; q++) bits[n - 1 - clbitOf[q]] = (i >> q & 1) == 1 ? '1' : '0';
                expected.merge(new String(bits), p[i], Double::sum);
            }
            Result r = Simulator.builder().engine(engine).shots(SHOTS).seed(1000 + trial).build().run(b.build());
            assertEquals(Result.Mode.SAMPLED, r.mode());
            assertEquals(SHOTS, r.counts().values().stream().mapToLong(Long::longValue).sum());
            double pv = pValue(expected, r.counts(), SHOTS);
            assertTrue(pv > ALPHA, "trial " + trial + ": p = " + pv + " for " + steps + "\ncounts " + r.counts() + "\nexpected " + expected);
        }
    }

    @Test
    void partialMeasurementIntoTwoRegistersFitsTheMarginal() {
        // 4 qubits; a[0] = q3, a[1] = q0, b[0] = q1, q2 unmeasured. Bitstring "b0 a1a0".
        Random rnd = new Random(22);
        int n = 4;
        List<Step> steps = RandomCircuits.randomSteps(rnd, n, 16);
        double[] p = referenceProbabilities(n, steps);
        CircuitBuilder b = RandomCircuits.circuitOf(n, steps).toBuilder().creg("a", 2).creg("b", 1);
        b.measure(3, 0).measure(0, 1).measure(1, 2);
        Map<String, Double> expected = new HashMap<>();
        for (int i = 0; i < p.length; i++) {
            String key = (i >> 1 & 1) + " " + (i & 1) + (i >> 3 & 1);
            expected.merge(key, p[i], Double::sum);
        }
        Result r = Simulator.builder().engine(engine).shots(SHOTS).seed(77).build().run(b.build());
        double pv = pValue(expected, r.counts(), SHOTS);
        assertTrue(pv > ALPHA, "p = " + pv + "\ncounts " + r.counts() + "\nexpected " + expected);
    }

    @Test
    void theTestRejectsAWrongDistribution() {
        // ry(1.0) on q0 and ry(2.0) on q1: reading the counts with the qubits swapped must fail.
        Circuit c = Circuit.builder(2, 2).ry(1.0, 0).ry(2.0, 1).measure(0, 0).measure(1, 1).build();
        double p0 = Math.pow(Math.sin(0.5), 2), p1 = Math.pow(Math.sin(1.0), 2);
        Map<String, Double> right = new HashMap<>(), swapped = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            int b0 = i & 1, b1 = i >> 1;
            String key = "" + b1 + b0;
            right.put(key, (b0 == 1 ? p0 : 1 - p0) * (b1 == 1 ? p1 : 1 - p1));
            swapped.put(key, (b0 == 1 ? p1 : 1 - p1) * (b1 == 1 ? p0 : 1 - p0));
        }
        Result r = Simulator.builder().engine(engine).shots(SHOTS).seed(5).build().run(c);
        assertTrue(pValue(right, r.counts(), SHOTS) > ALPHA, "the right distribution fits: " + r.counts());
        assertTrue(pValue(swapped, r.counts(), SHOTS) < 1e-9, "the swapped distribution is rejected: " + r.counts());
    }

    @Test
    void midCircuitMeasurementWithConditionalGateFitsHandComputedProbabilities() {
        // ry(a) q0; ry(b) q1; cx q0,q1; measure q0 -> m; if (m == 1) ry(c) q1; measure q1 -> out.
        // By hand: P(m=1) = sin²(a/2). If m = 0, q1 is ry(b)|0⟩: P(out=1) = sin²(b/2).
        // If m = 1, q1 is ry(c)·X·ry(b)|0⟩ = ry(c)(sin(b/2), cos(b/2)): its |1⟩ amplitude is
        // sin(c/2)·sin(b/2) + cos(c/2)·cos(b/2) = cos((b−c)/2), so P(out=1) = cos²((b−c)/2).
        double a = 1.1, bAngle = 0.7, c = 2.3;
        Circuit circuit = Circuit.builder().qreg("q", 2).creg("m", 1).creg("out", 1)
                .ry(a, 0).ry(bAngle, 1).cx(0, 1)
                .measure(0, 0)
                .ifEquals("m", 1, x -> x.ry(c, 1))
                .measure(1, 1)
                .build();
        double pm1 = Math.pow(Math.sin(a / 2), 2);
        double pOut1GivenM0 = Math.pow(Math.sin(bAngle / 2), 2);
        double pOut1GivenM1 = Math.pow(Math.cos((bAngle - c) / 2), 2);
        Map<String, Double> expected = new HashMap<>(); // "out m"
        expected.put("0 0", (1 - pm1) * (1 - pOut1GivenM0));
        expected.put("1 0", (1 - pm1) * pOut1GivenM0);
        expected.put("0 1", pm1 * (1 - pOut1GivenM1));
        expected.put("1 1", pm1 * pOut1GivenM1);

        Result r = Simulator.builder().engine(engine).shots(SHOTS).seed(31).build().run(circuit);
        assertEquals(Result.Mode.SHOT_BY_SHOT, r.mode());
        double pv = pValue(expected, r.counts(), SHOTS);
        assertTrue(pv > ALPHA, "p = " + pv + "\ncounts " + r.counts() + "\nexpected " + expected);
    }

    @Test
    void resetAndRemeasureGivesIndependentOutcomes() {
        // ry(a) q0; measure q0 -> c[0]; reset q0; ry(b) q0; measure q0 -> c[1]:
        // two independent outcomes with P(1) = sin²(a/2) and sin²(b/2).
        double a = 2.0, bAngle = 0.9;
        Circuit circuit = Circuit.builder(1, 2).ry(a, 0).measure(0, 0).reset(0).ry(bAngle, 0).measure(0, 1).build();
        double pa = Math.pow(Math.sin(a / 2), 2), pb = Math.pow(Math.sin(bAngle / 2), 2);
        Map<String, Double> expected = new HashMap<>(); // "c1 c0"
        expected.put("00", (1 - pb) * (1 - pa));
        expected.put("01", (1 - pb) * pa);
        expected.put("10", pb * (1 - pa));
        expected.put("11", pb * pa);
        Result r = Simulator.builder().engine(engine).shots(SHOTS).seed(32).build().run(circuit);
        assertEquals(Result.Mode.SHOT_BY_SHOT, r.mode());
        double pv = pValue(expected, r.counts(), SHOTS);
        assertTrue(pv > ALPHA, "p = " + pv + "\ncounts " + r.counts() + "\nexpected " + expected);
    }

    @Test
    void aCircuitWithoutMeasurementsIsSampledOverAllQubits() {
        Random rnd = new Random(23);
        int n = 3;
        List<Step> steps = RandomCircuits.randomSteps(rnd, n, 10);
        double[] p = referenceProbabilities(n, steps);
        Map<String, Double> expected = new HashMap<>();
        for (int i = 0; i < p.length; i++) {
            StringBuilder s = new StringBuilder();
            for (int q = n - 1; q >= 0; q--) s.append(i >> q & 1);
            expected.put(s.toString(), p[i]);
        }
        Result r = Simulator.builder().engine(engine).shots(SHOTS).seed(9).build().run(RandomCircuits.circuitOf(n, steps));
        double pv = pValue(expected, r.counts(), SHOTS);
        assertTrue(pv > ALPHA, "p = " + pv + "\ncounts " + r.counts() + "\nexpected " + expected);
    }

    @Test
    void measuringBeforeAControlMatchesTheDeferredMeasurement() {
        // Deferred-measurement principle: measuring q0 and then using it as a control gives the
        // same outcome distribution as the controlled gate before the measurement. The second
        // form is sampled; its probabilities come from the dense-matrix reference.
        double a = 1.3, bAngle = 2.2;
        Circuit measuredFirst = Circuit.builder(2, 2).ry(a, 0).ry(bAngle, 1).measure(0, 0).cx(0, 1).measure(1, 1).build();
        List<Step> deferred = List.of(new Step("ry", new double[]{a}, new int[]{0}),
                new Step("ry", new double[]{bAngle}, new int[]{1}), new Step("cx", new double[0], new int[]{0, 1}));
        double[] p = referenceProbabilities(2, deferred);
        Map<String, Double> expected = new HashMap<>();
        for (int i = 0; i < 4; i++) expected.put("" + (i >> 1) + (i & 1), p[i]);
        Result r = Simulator.builder().engine(engine).shots(SHOTS).seed(33).build().run(measuredFirst);
        assertEquals(Result.Mode.SHOT_BY_SHOT, r.mode());
        double pv = pValue(expected, r.counts(), SHOTS);
        assertTrue(pv > ALPHA, "p = " + pv + "\ncounts " + r.counts() + "\nexpected " + expected);
    }

    @Test
    void gatesAfterAMeasurementActOnTheCollapsedState() {
        // ry(a) q0; measure q0 -> c0; h q0; measure q0 -> c1: after the collapse q0 is |0⟩ or |1⟩,
        // and H of either gives 0 or 1 with probability 1/2, whatever c0 was.
        double a = 0.8;
        Circuit c = Circuit.builder(1, 2).ry(a, 0).measure(0, 0).h(0).measure(0, 1).build();
        double p1 = Math.pow(Math.sin(a / 2), 2);
        Map<String, Double> expected = new HashMap<>(); // "c1 c0"
        expected.put("00", (1 - p1) / 2);
        expected.put("10", (1 - p1) / 2);
        expected.put("01", p1 / 2);
        expected.put("11", p1 / 2);
        Result r = Simulator.builder().engine(engine).shots(SHOTS).seed(34).build().run(c);
        double pv = pValue(expected, r.counts(), SHOTS);
        assertTrue(pv > ALPHA, "p = " + pv + "\ncounts " + r.counts() + "\nexpected " + expected);
    }

    @Test
    void conditionReadsTheRegisterWithElementZeroAsTheLowBit() {
        // c[0] = q0, c[1] = q1; if (c == 2) x q2, i.e. only when c[1] = 1 and c[0] = 0; d[0] = q2.
        double a = 1.9, bAngle = 1.4;
        Circuit circuit = Circuit.builder().qreg("q", 3).creg("c", 2).creg("d", 1)
                .ry(a, 0).ry(bAngle, 1).measure(0, 0).measure(1, 1)
                .ifEquals("c", 2, x -> x.x(2))
                .measure(2, 2)
                .build();
        Result r = Simulator.builder().engine(engine).shots(SHOTS).seed(35).build().run(circuit);
        for (String key : r.counts().keySet()) { // "d0 c1c0"
            boolean fired = key.endsWith(" 10");
            assertEquals(fired ? '1' : '0', key.charAt(0), "x q2 runs exactly when c == 2: " + key);
        }
        double pa = Math.pow(Math.sin(a / 2), 2), pb = Math.pow(Math.sin(bAngle / 2), 2);
        Map<String, Double> expected = new HashMap<>();
        expected.put("0 00", (1 - pb) * (1 - pa));
        expected.put("0 01", (1 - pb) * pa);
        expected.put("1 10", pb * (1 - pa));
        expected.put("0 11", pb * pa);
        double pv = pValue(expected, r.counts(), SHOTS);
        assertTrue(pv > ALPHA, "p = " + pv + "\ncounts " + r.counts() + "\nexpected " + expected);
    }
}
