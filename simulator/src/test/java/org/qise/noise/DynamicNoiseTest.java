package org.qise.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.circuit.Circuit;
import org.qise.circuit.Operation;
import org.qise.noise.run.Method;
import org.qise.noise.run.NoisyResult;
import org.qise.noise.run.NoisySimulator;
import org.qise.qasm.QasmParser;
import org.qise.qasm3.Qasm3Reader;

/**
 * OpenQASM 3 control flow on measured bits runs under noise with trajectories: channels follow
 * the gates a block applies, a readout error acts on each mid-circuit measurement before the
 * branch reads it, and correlated readout errors act when their qubits are measured together.
 * Expected distributions are worked out by hand in each test.
 */
class DynamicNoiseTest {
    static final int SHOTS = 20_000;

    static Circuit qasm3(String body) {
        Circuit c = Qasm3Reader.parse("OPENQASM 3.0;\ninclude \"stdgates.inc\";\n" + body, "t.qasm");
        assertTrue(c.operations().stream().anyMatch(o -> o instanceof Operation.Dynamic), "the program should run shot by shot");
        return c;
    }

    static NoisyResult run(Circuit c, NoiseModel model, int threads, long seed) {
        return run(c, model, threads, seed, SHOTS);
    }

    static NoisyResult run(Circuit c, NoiseModel model, int threads, long seed, long shots) {
        return NoisySimulator.builder().model(model).method(Method.TRAJECTORIES).shots(shots).seed(seed).threads(threads).build().run(c);
    }

    static void assertFits(Map<String, Long> counts, Map<String, Double> exact) {
        for (String k : counts.keySet()) assertTrue(exact.containsKey(k), "outcome " + k + " is impossible; counts " + counts);
        double p = ChiSquare.pValue(counts, exact);
        assertTrue(p > 1e-4, "chi-square p-value " + p + " for " + counts + " against " + exact);
    }

    /** q0 is |1⟩ and read as 0 with probability b: the branch flips q1 only when it reads 1, so c1 = c0 in every shot. */
    @Test
    void aBranchSeesTheMisreadBitOfAMidCircuitMeasurement() {
        double a = 0.1, b = 0.25;
        Circuit c = qasm3("""
                qubit[2] q; bit[2] c;
                x q[0];
                c[0] = measure q[0];
                if (c[0]) { x q[1]; } else { id q[1]; }
                c[1] = measure q[1];
                """);
        NoiseModel model = NoiseModel.builder().readout(ReadoutError.of(a, b), 0).build();
        try (NoisyResult r = run(c, model, 2, 11)) {
            assertFits(r.counts(), Map.of("11", 1 - b, "00", b));
        }
    }

    /**
     * Amplitude damping γ after x on q0 before the branch, and γ2 after the x the block applies
     * to q1: P(11) = (1 − γ)(1 − γ2), P(01) = (1 − γ)γ2, P(00) = γ.
     */
    @Test
    void channelsFollowTheGatesABlockApplies() {
        double g = 0.3, g2 = 0.2;
        Circuit c = qasm3("""
                qubit[2] q; bit[2] c;
                x q[0];
                c[0] = measure q[0];
                if (c[0]) { x q[1]; } else { id q[1]; }
                c[1] = measure q[1];
                """);
        NoiseModel model = NoiseModel.builder()
                .afterGatesOn(Channels.amplitudeDamping(g), List.of("x"), new int[]{0})
                .afterGatesOn(Channels.amplitudeDamping(g2), List.of("x"), new int[]{1})
                .build();
        try (NoisyResult r = run(c, model, 2, 12)) {
            assertFits(r.counts(), Map.of("11", (1 - g) * (1 - g2), "01", (1 - g) * g2, "00", g));
        }
    }

    /**
     * A unitary-mixture channel inside the block: after h on q1 (in the else branch, taken
     * when q0 reads 0) a bit flip does nothing visible, after x (then branch) it flips with
     * probability p. q0 is H|0⟩: P(c0 = 1) = 1/2; then c1 = 1 with probability 1 − p; else
     * c1 is uniform.
     */
    @Test
    void aPauliChannelInsideABranchIsSampled() {
        double p = 0.15;
        Circuit c = qasm3("""
                qubit[2] q; bit[2] c;
                h q[0];
                c[0] = measure q[0];
                if (c[0]) { x q[1]; } else { h q[1]; }
                c[1] = measure q[1];
                """);
        NoiseModel model = NoiseModel.builder().afterGatesOn(Channels.bitFlip(p), List.of("x", "h"), new int[]{1}).build();
        try (NoisyResult r = run(c, model, 1, 13)) {
            assertFits(r.counts(), Map.of("11", 0.5 * (1 - p), "01", 0.5 * p, "10", 0.25, "00", 0.25));
        }
    }

    /**
     * Repeat until success: q0 stays |0⟩ but reads 1 with probability a; each failed read toggles
     * q1. The loop runs N times with P(N = k) = (1 − a)^k·a, so P(c1 = 1) = Σ_odd k = (1 − a)/(2 − a).
     */
    @Test
    void aWhileLoopEndsOnAMisreadMeasurement() {
        double a = 0.3;
        Circuit c = qasm3("""
                qubit[2] q; bit[2] c;
                c[0] = measure q[0];
                while (c[0] == 0) { x q[1]; c[0] = measure q[0]; }
                c[1] = measure q[1];
                """);
        NoiseModel model = NoiseModel.builder().readout(ReadoutError.of(a, 0), 0).build();
        try (NoisyResult r = run(c, model, 2, 14)) {
            double odd = (1 - a) / (2 - a);
            assertFits(r.counts(), Map.of("11", odd, "01", 1 - odd));
        }
    }

    /**
     * Idle amplitude damping γ inside a block: the two gates on q0 make two layers, each leaving
     * q1 (prepared |1⟩) idle, so P(c1 = 1) = (1 − γ)²; q0 is |0⟩, which damping leaves alone.
     */
    @Test
    void idleNoiseFollowsTheLayersOfTheGatesABlockApplies() {
        double g = 0.2;
        Circuit c = qasm3("""
                qubit[2] q; bit[2] c;
                x q[1];
                c[0] = measure q[0];
                if (c[0] == 0) { h q[0]; h q[0]; } else { x q[0]; }
                c[1] = measure q[1];
                """);
        NoiseModel model = NoiseModel.builder().idle(Channels.amplitudeDamping(g)).build();
        try (NoisyResult r = run(c, model, 2, 15)) {
            assertFits(r.counts(), Map.of("10", (1 - g) * (1 - g), "00", 1 - (1 - g) * (1 - g)));
        }
    }

    @Test
    void countsAreIdenticalOnOneAndTwoThreads() {
        Circuit c = qasm3("""
                qubit[3] q; bit[3] c;
                h q[0]; h q[2];
                c[0] = measure q[0];
                while (c[0] == 0) { x q[1]; rx(0.4) q[2]; h q[0]; c[0] = measure q[0]; }
                if (c[0]) { cx q[2], q[1]; } else { h q[1]; }
                c[1] = measure q[1];
                c[2] = measure q[2];
                """);
        NoiseModel model = NoiseModel.builder().afterGates(Channels.depolarizing(0.05))
                .afterGates(Channels.thermalRelaxation(50, 40, 2, 0.05), "x", "rx", "h")
                .afterGates(Channels.depolarizing2(0.04), "cx")
                .idle(Channels.amplitudeDamping(0.01))
                .readout(ReadoutError.of(0.03, 0.06)).build();
        try (NoisyResult one = run(c, model, 1, 99, 3000); NoisyResult two = run(c, model, 2, 99, 3000)) {
            assertEquals(one.counts(), two.counts());
            // c0 is 1 once the loop ends; the noise reaches all four values of c2 c1
            assertEquals(4, one.counts().size(), "the noise should spread the counts: " + one.counts());
        }
    }

    @Test
    void theDensityMatrixMethodRefusesControlFlowOnMeasuredBitsAndAutoPicksTrajectories() {
        Circuit c = qasm3("""
                qubit[1] q; bit[1] c;
                c[0] = measure q[0];
                if (c[0]) { x q[0]; } else { id q[0]; }
                """);
        NoiseModel model = NoiseModel.builder().afterGates(Channels.depolarizing(0.1)).build();
        NoiseException e = assertThrows(NoiseException.class,
                () -> NoisySimulator.builder().model(model).method(Method.DENSITY_MATRIX).shots(10).build().run(c));
        assertTrue(e.getMessage().contains("control flow") && e.getMessage().contains("trajectories"), e.getMessage());
        try (NoisyResult r = NoisySimulator.builder().model(model).shots(16).seed(1).build().run(c)) {
            assertEquals(Method.TRAJECTORIES, r.method());
        }
    }

    @Test
    void aCorrelatedReadoutErrorOnAQubitMeasuredInsideControlFlowIsRefused() {
        Circuit c = qasm3("""
                qubit[2] q; bit[2] c;
                c[0] = measure q[0];
                if (c[0]) { x q[1]; } else { id q[1]; }
                c[1] = measure q[1];
                """);
        NoiseModel model = NoiseModel.builder().readout(new ReadoutError(confusion()), 0, 1).build();
        NoiseException e = assertThrows(NoiseException.class, () -> run(c, model, 1, 1));
        assertTrue(e.getMessage().contains("correlated") && e.getMessage().contains("inside OpenQASM 3 control flow"), e.getMessage());
    }

    /** Columns (true state) sum to 1; C[m][t] = P(report m | true t). */
    static double[][] confusion() {
        return new double[][]{
                {0.85, 0.05, 0.04, 0.01},
                {0.05, 0.80, 0.01, 0.10},
                {0.06, 0.05, 0.90, 0.09},
                {0.04, 0.10, 0.05, 0.80}};
    }

    /**
     * q0 q1 = 1 0 measured together with a correlated confusion matrix C: the reported value m
     * of c has probability C[m][1], and the later {@code if (c == 1)} sees it, so d = 1 exactly
     * when m = 1 (acting at the end of the shot, the if would see the true 1 every time).
     */
    @Test
    void aCorrelatedReadoutErrorActsWhenItsQubitsAreMeasuredTogether() {
        Circuit c = QasmParser.parse("""
                OPENQASM 2.0;
                include "qelib1.inc";
                qreg q[3]; creg c[2]; creg d[1];
                x q[0];
                measure q[0] -> c[0];
                barrier q;
                measure q[1] -> c[1];
                if (c == 1) x q[2];
                measure q[2] -> d[0];
                """, "t.qasm");
        NoiseModel model = NoiseModel.builder().readout(new ReadoutError(confusion()), 0, 1).build();
        double[][] cm = confusion();
        Map<String, Double> exact = Map.of("0 00", cm[0][1], "1 01", cm[1][1], "0 10", cm[2][1], "0 11", cm[3][1]);
        try (NoisyResult r = run(c, model, 2, 21)) {
            assertFits(r.counts(), exact);
        }
    }

    /**
     * Measured apart (a gate between the two measurements), the correlated error acts at the
     * end of the shot: the if sees the true c = 01 and d = 1 always, while c is reported with
     * probability C[m][1].
     */
    @Test
    void aCorrelatedReadoutErrorOnQubitsMeasuredApartActsAtTheEndOfTheShot() {
        Circuit c = QasmParser.parse("""
                OPENQASM 2.0;
                include "qelib1.inc";
                qreg q[3]; creg c[2]; creg d[1];
                x q[0];
                measure q[0] -> c[0];
                id q[1];
                measure q[1] -> c[1];
                if (c == 1) x q[2];
                measure q[2] -> d[0];
                """, "t.qasm");
        NoiseModel model = NoiseModel.builder().readout(new ReadoutError(confusion()), 0, 1).build();
        double[][] cm = confusion();
        Map<String, Double> exact = Map.of("1 00", cm[0][1], "1 01", cm[1][1], "1 10", cm[2][1], "1 11", cm[3][1]);
        try (NoisyResult r = run(c, model, 2, 22)) {
            assertFits(r.counts(), exact);
        }
    }
}
