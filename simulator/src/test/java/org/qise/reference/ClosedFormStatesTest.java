package org.qise.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.sim.Result;
import org.qise.sim.Simulator;

/**
 * States whose amplitudes are known in closed form, prepared by the simulator and compared
 * amplitude by amplitude. Basis-state index i has qubit q in bit q (qubit 0 least significant).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("org.qise.engine.Engines#names")
class ClosedFormStatesTest {
    /** The engine under test: each engine in Engines.names() runs the whole class. */
    @Parameter
    String engine;

    private static final double TOL = 1e-12;
    private static final double R = Math.sqrt(0.5);

    private double[] run(Circuit c) {
        try (Result r = Simulator.builder().engine(engine).shots(1).seed(1).build().run(c)) {
            return r.statevector();
        }
    }

    /** Asserts the state equals {@code expected} (interleaved re, im), amplitude by amplitude. */
    private static void assertState(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length / 2; i++) {
            assertEquals(expected[2 * i], actual[2 * i], TOL, what + ": Re amplitude " + i);
            assertEquals(expected[2 * i + 1], actual[2 * i + 1], TOL, what + ": Im amplitude " + i);
        }
    }

    /** An n-qubit state vector with the given real amplitudes at the given indices, zero elsewhere. */
    private static double[] real(int n, int[] indices, double[] values) {
        double[] v = new double[2 << n];
        for (int k = 0; k < indices.length; k++) v[2 * indices[k]] = values[k];
        return v;
    }

    @Test
    void allFourBellStates() {
        // |Φ±⟩ = (|00⟩ ± |11⟩)/√2 ; |Ψ±⟩ = (|q1=1,q0=0⟩ ± |q1=0,q0=1⟩)/√2, i.e. indices 2 and 1.
        assertState(real(2, new int[]{0, 3}, new double[]{R, R}), run(Circuit.builder(2).h(0).cx(0, 1).build()), "Φ+");
        assertState(real(2, new int[]{0, 3}, new double[]{R, -R}), run(Circuit.builder(2).x(0).h(0).cx(0, 1).build()), "Φ−");
        assertState(real(2, new int[]{2, 1}, new double[]{R, R}), run(Circuit.builder(2).h(0).x(1).cx(0, 1).build()), "Ψ+");
        assertState(real(2, new int[]{2, 1}, new double[]{R, -R}), run(Circuit.builder(2).x(0).h(0).x(1).cx(0, 1).build()), "Ψ−");
    }

    @Test
    void ghzStatesHaveTwoEqualAmplitudesAtTheExtremes() {
        for (int n = 2; n <= 10; n++) {
            CircuitBuilder b = Circuit.builder(n).h(0);
            for (int q = 1; q < n; q++) b.cx(q - 1, q);
            assertState(real(n, new int[]{0, (1 << n) - 1}, new double[]{R, R}), run(b.build()), "GHZ on " + n);
        }
    }

    @Test
    void wStateSpreadsOneExcitationEvenly() {
        // Move the excitation qubit by qubit: cry keeps a share √(1/(n−k)) on qubit k and sends the
        // rest on; cx(k+1, k) then clears qubit k where qubit k+1 took the excitation.
        for (int n = 2; n <= 7; n++) {
            CircuitBuilder b = Circuit.builder(n).x(0);
            for (int k = 0; k < n - 1; k++) {
                double theta = 2 * Math.acos(Math.sqrt(1.0 / (n - k)));
                b.cry(theta, k, k + 1).cx(k + 1, k);
            }
            int[] idx = new int[n];
            double[] amp = new double[n];
            for (int q = 0; q < n; q++) {
                idx[q] = 1 << q;
                amp[q] = Math.sqrt(1.0 / n);
            }
            assertState(real(n, idx, amp), run(b.build()), "W on " + n);
        }
    }

    /** QFT with h and cp, highest qubit first, then swaps to restore the bit order. */
    private static CircuitBuilder qft(CircuitBuilder b, int n) {
        for (int j = n - 1; j >= 0; j--) {
            b.h(j);
            for (int m = j - 1; m >= 0; m--) b.cp(Math.PI / (1 << (j - m)), m, j);
        }
        for (int i = 0; i < n / 2; i++) b.swap(i, n - 1 - i);
        return b;
    }

    @Test
    void qftOfBasisStateHasTheFourierPhases() {
        // QFT|x⟩ = 2^{−n/2} Σ_k e^{2πi·x·k/2^n} |k⟩, with x and k read with qubit 0 as the low bit.
        for (int n = 1; n <= 5; n++) {
            int size = 1 << n;
            for (int x = 0; x < size; x++) {
                CircuitBuilder b = Circuit.builder(n);
                for (int q = 0; q < n; q++) if ((x >> q & 1) == 1) b.x(q);
                double[] expected = new double[2 * size];
                for (int k = 0; k < size; k++) {
                    double angle = 2 * Math.PI * x * k / size;
                    expected[2 * k] = Math.cos(angle) / Math.sqrt(size);
                    expected[2 * k + 1] = Math.sin(angle) / Math.sqrt(size);
                }
                assertState(expected, run(qft(b, n).build()), "QFT of |" + x + "⟩ on " + n);
            }
        }
    }

    @Test
    void singleQubitRotationsOfBasisStates() {
        for (double t : new double[]{0, 0.3, 1.1, Math.PI / 2, 2.5, Math.PI, 4.0, -0.7, 2 * Math.PI}) {
            double c = Math.cos(t / 2), s = Math.sin(t / 2);
            // rx(θ)|0⟩ = cos(θ/2)|0⟩ − i·sin(θ/2)|1⟩ ; rx(θ)|1⟩ = −i·sin(θ/2)|0⟩ + cos(θ/2)|1⟩
            assertState(new double[]{c, 0, 0, -s}, run(Circuit.builder(1).rx(t, 0).build()), "rx(" + t + ")|0⟩");
            assertState(new double[]{0, -s, c, 0}, run(Circuit.builder(1).x(0).rx(t, 0).build()), "rx(" + t + ")|1⟩");
            // ry(θ)|0⟩ = cos(θ/2)|0⟩ + sin(θ/2)|1⟩
            assertState(new double[]{c, 0, s, 0}, run(Circuit.builder(1).ry(t, 0).build()), "ry(" + t + ")|0⟩");
            // rz(θ)|+⟩ = (e^{−iθ/2}|0⟩ + e^{iθ/2}|1⟩)/√2
            assertState(new double[]{R * c, -R * s, R * c, R * s}, run(Circuit.builder(1).h(0).rz(t, 0).build()), "rz(" + t + ")|+⟩");
            // p(θ)|+⟩ = (|0⟩ + e^{iθ}|1⟩)/√2
            assertState(new double[]{R, 0, R * Math.cos(t), R * Math.sin(t)}, run(Circuit.builder(1).h(0).p(t, 0).build()), "p(" + t + ")|+⟩");
            // U(θ,φ,λ)|0⟩ = cos(θ/2)|0⟩ + e^{iφ}·sin(θ/2)|1⟩, whatever λ
            double phi = 0.4 + t;
            assertState(new double[]{c, 0, s * Math.cos(phi), s * Math.sin(phi)},
                    run(Circuit.builder(1).u3(t, phi, 1.3, 0).build()), "u3(" + t + ")|0⟩");
        }
    }

    @Test
    void rotationOnAHigherQubitLeavesTheOthersAlone() {
        // ry(θ) on qubit 2 of 3 after x on qubit 0: amplitudes at |001⟩ = 1 and |101⟩ = 5
        double t = 1.234;
        assertState(real(3, new int[]{1, 5}, new double[]{Math.cos(t / 2), Math.sin(t / 2)}),
                run(Circuit.builder(3).x(0).ry(t, 2).build()), "ry on qubit 2");
    }

    @Test
    void hadamardOnEveryQubitGivesTheUniformSuperposition() {
        for (int n = 1; n <= 8; n++) {
            CircuitBuilder b = Circuit.builder(n);
            for (int q = 0; q < n; q++) b.h(q);
            double[] expected = new double[2 << n];
            for (int i = 0; i < 1 << n; i++) expected[2 * i] = Math.pow(2, -n / 2.0);
            assertState(expected, run(b.build()), "H on all of " + n);
        }
    }
}
