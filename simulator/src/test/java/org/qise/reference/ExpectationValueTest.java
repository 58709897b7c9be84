package org.qise.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.linear.FieldMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.reference.RandomCircuits.Step;
import org.qise.sim.Result;
import org.qise.sim.Simulator;

/**
 * Expectation values of Pauli sums and marginal distributions, against ⟨ψ|P|ψ⟩ and sums of
 * |ψ_i|² computed with Commons Math from the reference state (the dense-matrix product).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("org.qise.engine.Engines#names")
class ExpectationValueTest {
    /** The engine under test: each engine in Engines.names() runs the whole class. */
    @Parameter
    String engine;

    private static final double TOL = 1e-12;

    /** A random state: the reference state of a random circuit, and the simulator's result for it. */
    private record Sample(int n, Complex[] psi, Result result) {}

    private Sample randomState(Random rnd, int n) {
        List<Step> steps = RandomCircuits.randomSteps(rnd, n, 4 * n + 2);
        Complex[] psi = RandomCircuits.referenceState(n, steps);
        Result r = Simulator.builder().engine(engine).shots(1).seed(1).build().run(RandomCircuits.circuitOf(n, steps));
        return new Sample(n, psi, r);
    }

    private static FieldMatrix<Complex> pauli(char letter) {
        return switch (letter) {
            case 'X' -> Dense.PAULI_X;
            case 'Y' -> Dense.PAULI_Y;
            case 'Z' -> Dense.PAULI_Z;
            default -> Dense.ID;
        };
    }

    /** ⟨ψ|P|ψ⟩ for P = ⊗_q letters[q] (letters[q] acts on qubit q). */
    private static Complex reference(Complex[] psi, int n, char[] letters) {
        Map<Integer, FieldMatrix<Complex>> factors = new HashMap<>();
        for (int q = 0; q < n; q++) factors.put(q, pauli(letters[q]));
        return Dense.inner(psi, Dense.apply(Dense.onQubits(n, factors), psi));
    }

    @Test
    void singlePauliStringsMatchTheKroneckerReference() {
        Random rnd = new Random(41);
        for (int n = 1; n <= 5; n++) {
            Sample s = randomState(rnd, n);
            for (int trial = 0; trial < 12; trial++) {
                char[] letters = new char[n];
                StringBuilder text = new StringBuilder();
                for (int q = 0; q < n; q++) {
                    letters[q] = "IXYZ".charAt(rnd.nextInt(4));
                    if (letters[q] != 'I') text.append(letters[q]).append(q).append(' ');
                }
                if (text.isEmpty()) text.append("I0");
                Complex expected = reference(s.psi(), n, letters);
                assertEquals(0.0, expected.getImaginary(), TOL, "a Pauli string is Hermitian");
                assertEquals(expected.getReal(), s.result().expectation(text.toString().trim()), TOL,
                        "⟨" + text.toString().trim() + "⟩ on " + n + " qubits");
            }
        }
    }

    @Test
    void weightedSumsInBothNotationsMatchTheReference() {
        Random rnd = new Random(42);
        for (int n = 1; n <= 5; n++) {
            Sample s = randomState(rnd, n);
            for (int trial = 0; trial < 6; trial++) {
                int terms = 1 + rnd.nextInt(4);
                double expected = 0;
                StringBuilder indexed = new StringBuilder(), qiskit = new StringBuilder();
                for (int t = 0; t < terms; t++) {
                    double coefficient = Math.round((rnd.nextDouble() * 4 - 2) * 1000) / 1000.0;
                    char[] letters = new char[n];
                    StringBuilder factors = new StringBuilder(), string = new StringBuilder();
                    for (int q = 0; q < n; q++) letters[q] = "IXYZ".charAt(rnd.nextInt(4));
                    letters[rnd.nextInt(n)] = 'Y'; // every term has at least one Y factor
                    for (int q = 0; q < n; q++) {
                        if (letters[q] != 'I') factors.append(' ').append(letters[q]).append(q);
                    }
                    for (int q = n - 1; q >= 0; q--) string.append(letters[q]); // Qiskit: qubit 0 rightmost
                    expected += coefficient * reference(s.psi(), n, letters).getReal();
                    String sign = coefficient < 0 ? " - " : " + ";
                    String magnitude = String.format(Locale.ROOT, "%.3f", Math.abs(coefficient));
                    indexed.append(t == 0 && coefficient >= 0 ? "" : sign).append(magnitude).append(factors);
                    qiskit.append(t == 0 && coefficient >= 0 ? "" : sign).append(magnitude).append('*').append(string);
                }
                assertEquals(expected, s.result().expectation(indexed.toString()), TOL, "⟨" + indexed + "⟩");
                assertEquals(expected, s.result().expectation(qiskit.toString()), TOL, "⟨" + qiskit + "⟩");
            }
        }
    }

    @Test
    void exponentsLeadingSignsAndConstantTermsAreRead() {
        Sample s = randomState(new Random(46), 3);
        double z0 = reference(s.psi(), 3, new char[]{'Z', 'I', 'I'}).getReal();
        double x1y2 = reference(s.psi(), 3, new char[]{'I', 'X', 'Y'}).getReal();
        double y0z2 = reference(s.psi(), 3, new char[]{'Y', 'I', 'Z'}).getReal();
        assertEquals(-z0 + 2.5e-3 * x1y2, s.result().expectation("-Z0 + 2.5e-3 X1 Y2"), TOL);
        assertEquals(1.5 - 20 * y0z2, s.result().expectation("1.5 - 2E+1 * Y0 * Z2"), TOL);
        assertEquals(0.75 * z0 - x1y2, s.result().expectation("0.75*IIZ - YXI"), TOL);
    }

    @Test
    void expectationOfAQubitBeyondTheCircuitIsAClearError() {
        Sample s = randomState(new Random(43), 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.result().expectation("Z0 X5"));
        assertEquals(true, e.getMessage().contains("qubit 5"), e.getMessage());
    }

    @Test
    void probabilitiesAndMarginalsAreSumsOfReferenceProbabilities() {
        Random rnd = new Random(44);
        for (int n = 1; n <= 6; n++) {
            Sample s = randomState(rnd, n);
            double[] p = new double[1 << n];
            for (int i = 0; i < p.length; i++) p[i] = s.psi()[i].abs() * s.psi()[i].abs();
            double[] full = s.result().probabilities();
            for (int i = 0; i < p.length; i++) assertEquals(p[i], full[i], TOL, "probability of " + i);

            for (int trial = 0; trial < 5; trial++) {
                int k = 1 + rnd.nextInt(n);
                int[] qubits = RandomCircuits.randomQubits(rnd, n, k); // random subset in random order
                double[] expected = new double[1 << k];
                for (int i = 0; i < p.length; i++) {
                    int j = 0;
                    for (int b = 0; b < k; b++) if ((i >> qubits[b] & 1) == 1) j += 1 << b;
                    expected[j] += p[i];
                }
                double[] actual = s.result().marginal(qubits);
                assertEquals(expected.length, actual.length);
                for (int j = 0; j < expected.length; j++) {
                    assertEquals(expected[j], actual[j], TOL, "marginal of " + java.util.Arrays.toString(qubits) + " at " + j);
                }
            }
        }
    }

    @Test
    void zExpectationIsOneMinusTwiceTheProbabilityOfOne() {
        // ⟨Z_q⟩ = P(q=0) − P(q=1), from the marginal; ⟨Z_a Z_b⟩ from the two-qubit marginal.
        Random rnd = new Random(45);
        Sample s = randomState(rnd, 4);
        for (int q = 0; q < 4; q++) {
            double[] m = s.result().marginal(q);
            assertEquals(m[0] - m[1], s.result().expectation("Z" + q), TOL);
        }
        double[] m = s.result().marginal(1, 3);
        assertEquals(m[0] - m[1] - m[2] + m[3], s.result().expectation("Z1 Z3"), TOL);
    }
}
