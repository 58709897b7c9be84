package org.qise.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.sim.Result;
import org.qise.sim.Simulator;
import org.redfx.strange.Complex;
import org.redfx.strange.Program;
import org.redfx.strange.Step;
import org.redfx.strange.gate.Cnot;
import org.redfx.strange.gate.Cz;
import org.redfx.strange.gate.Hadamard;
import org.redfx.strange.gate.RotationX;
import org.redfx.strange.gate.RotationY;
import org.redfx.strange.gate.Swap;
import org.redfx.strange.gate.Toffoli;
import org.redfx.strange.gate.X;
import org.redfx.strange.gate.Y;
import org.redfx.strange.gate.Z;
import org.redfx.strange.local.SimpleQuantumExecutionEnvironment;

/**
 * QISE against Strange (org.redfx:strange), a second, independently written simulator.
 *
 * <p>Strange computes in single precision, so probabilities are compared to 1e-5.
 *
 * <p>Qubit order: Strange's qubit 0 is the least significant bit of its state index, the same
 * as QISE ({@link #strangeQubitZeroIsTheLowBit} checks this: X on qubit 0 of 2 lights index 1).
 * So indices compare directly, with no bit reversal.
 *
 * <p>Only what Strange 0.1.3 gets right is used: one gate per step (a step holding several
 * gates that span each other is mishandled), no RotationZ (Strange's matrix is e^{−iθ/2}·I, a
 * global phase only, so H·RotationZ(π)·H leaves |0⟩ where rz gives |1⟩), no initializeQubit, and
 * Toffoli with ascending qubits only (Toffoli(0,2,1) or (2,0,1), for instance, give wrong
 * probabilities in Strange; QISE's ccx is checked against dense matrices elsewhere).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("org.qise.engine.Engines#names")
class StrangeComparisonTest {
    /** The engine under test: each engine in Engines.names() runs the whole class. */
    @Parameter
    String engine;

    private static final double TOL = 1e-5;

    private static double[] strangeProbabilities(Program program) {
        Complex[] amplitudes = new SimpleQuantumExecutionEnvironment().runProgram(program).getProbability();
        double[] p = new double[amplitudes.length];
        for (int i = 0; i < p.length; i++) p[i] = amplitudes[i].abssqr();
        return p;
    }

    private double[] qiseProbabilities(Circuit circuit) {
        try (Result r = Simulator.builder().engine(engine).shots(1).seed(1).build().run(circuit)) {
            return r.probabilities();
        }
    }

    @Test
    void strangeQubitZeroIsTheLowBit() {
        double[] p = strangeProbabilities(new Program(2, new Step(new X(0))));
        assertEquals(1.0, p[1], TOL, "X on Strange qubit 0 of 2 should give index 1 (qubit 0 = low bit)");
        assertEquals(1.0, qiseProbabilities(Circuit.builder(2).x(0).build())[1], 1e-15);
        double[] q = strangeProbabilities(new Program(3, new Step(new X(2))));
        assertEquals(1.0, q[4], TOL, "X on Strange qubit 2 of 3 should give index 4");
    }

    /** Adds one random gate to both programs. */
    private static void randomGate(Random rnd, int n, Program strange, CircuitBuilder qise) {
        int kind = rnd.nextInt(n >= 3 ? 11 : n == 2 ? 10 : 6);
        int a = rnd.nextInt(n);
        double theta = RandomCircuits.angle(rnd);
        switch (kind) {
            case 0 -> { strange.addStep(new Step(new X(a))); qise.x(a); }
            case 1 -> { strange.addStep(new Step(new Y(a))); qise.y(a); }
            case 2 -> { strange.addStep(new Step(new Z(a))); qise.z(a); }
            case 3 -> { strange.addStep(new Step(new Hadamard(a))); qise.h(a); }
            case 4 -> { strange.addStep(new Step(new RotationX(theta, a))); qise.rx(theta, a); }
            case 5 -> { strange.addStep(new Step(new RotationY(theta, a))); qise.ry(theta, a); }
            case 6, 7 -> { // Cnot with ascending qubits: control below target
                int[] q = ascending(rnd, n, 2);
                strange.addStep(new Step(new Cnot(q[0], q[1])));
                qise.cx(q[0], q[1]);
            }
            case 8 -> {
                int[] q = RandomCircuits.randomQubits(rnd, n, 2);
                strange.addStep(new Step(new Swap(q[0], q[1])));
                qise.swap(q[0], q[1]);
            }
            case 9 -> {
                int[] q = ascending(rnd, n, 2);
                strange.addStep(new Step(new Cz(q[0], q[1])));
                qise.cz(q[0], q[1]);
            }
            default -> {
                int[] q = ascending(rnd, n, 3);
                strange.addStep(new Step(new Toffoli(q[0], q[1], q[2])));
                qise.ccx(q[0], q[1], q[2]);
            }
        }
    }

    /** k distinct random qubits of n in ascending order. */
    private static int[] ascending(Random rnd, int n, int k) {
        int[] q = RandomCircuits.randomQubits(rnd, n, k);
        java.util.Arrays.sort(q);
        return q;
    }

    @Test
    void randomCircuitsGiveTheSameProbabilitiesAsStrange() {
        Random rnd = new Random(11);
        for (int n = 1; n <= 5; n++) {
            for (int trial = 0; trial < 8; trial++) {
                Program strange = new Program(n);
                CircuitBuilder qise = Circuit.builder(n);
                List<String> log = new ArrayList<>();
                for (int g = 0; g < 4 * n + 4; g++) {
                    randomGate(rnd, n, strange, qise);
                    log.add(qise.build().operations().getLast().toString());
                }
                double[] expected = strangeProbabilities(strange);
                double[] actual = qiseProbabilities(qise.build());
                assertEquals(1 << n, expected.length);
                double total = 0;
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], TOL, "probability of " + i + " for " + log);
                    total += actual[i];
                }
                assertEquals(1.0, total, 1e-12, "QISE probabilities sum to 1");
            }
        }
    }

    @Test
    void bellAndGhzAgreeWithStrange() {
        Program bell = new Program(2, new Step(new Hadamard(0)), new Step(new Cnot(0, 1)));
        double[] s = strangeProbabilities(bell);
        double[] q = qiseProbabilities(Circuit.builder(2).h(0).cx(0, 1).build());
        for (int i = 0; i < 4; i++) assertEquals(s[i], q[i], TOL, "Bell index " + i);

        Program ghz = new Program(4, new Step(new Hadamard(0)), new Step(new Cnot(0, 1)), new Step(new Cnot(1, 2)), new Step(new Cnot(2, 3)));
        s = strangeProbabilities(ghz);
        q = qiseProbabilities(Circuit.builder(4).h(0).cx(0, 1).cx(1, 2).cx(2, 3).build());
        for (int i = 0; i < 16; i++) assertEquals(s[i], q[i], TOL, "GHZ index " + i);
        assertEquals(0.5, q[15], 1e-12);
    }
}
