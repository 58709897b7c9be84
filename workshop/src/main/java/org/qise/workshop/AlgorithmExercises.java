package org.qise.workshop;

import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.sim.Bitstrings;
import org.qise.sim.Result;
import org.qise.sim.Simulator;

/** Checkers for lessons 4 to 7: an oracle, Grover's iteration count, the QFT, a parity expectation. */
public final class AlgorithmExercises {
    private AlgorithmExercises() {}

    /** Adds an oracle to a builder: (builder, secret, n) with the target on qubit n. */
    @FunctionalInterface
    public interface Oracle {
        void add(CircuitBuilder builder, int secret, int n);
    }

    /**
     * Lesson 4: the Bernstein–Vazirani oracle |x⟩|y⟩ → |x⟩|y ⊕ s·x⟩ on qubits 0…n−1 (x) and n (y).
     * Checked on every basis input for several secrets.
     */
    public static Feedback bernsteinVaziraniOracle(Oracle oracle) {
        String name = "bv-oracle";
        int n = 3;
        for (int secret : new int[] {0b101, 0b011, 0b110, 0b000}) {
            for (int input = 0; input < (2 << n); input++) {
                CircuitBuilder b = Circuit.builder(n + 1);
                for (int q = 0; q <= n; q++) if (((input >> q) & 1) == 1) b.x(q);
                oracle.add(b, secret, n);
                double[] p;
                try (Result r = Simulator.builder().build().run(b.build())) {
                    p = r.probabilities();
                }
                int x = input & ((1 << n) - 1), y = input >> n;
                int expected = x | ((y ^ (Integer.bitCount(secret & x) & 1)) << n);
                if (Math.abs(p[expected] - 1) > 1e-9) {
                    int most = 0;
                    for (int i = 1; i < p.length; i++) if (p[i] > p[most]) most = i;
                    return Feedback.wrong(name, String.format(Locale.ROOT,
                            "secret s = %s, input x = %s, y = %d: expected |y ⊕ s·x⟩|x⟩ = |%s⟩ but the oracle gives |%s⟩ (P = %.3f)."
                                    + " Each qubit i with s_i = 1 controls a CX onto the target.",
                            bits(secret, n), bits(x, n), y, bits(expected, n + 1), bits(most, n + 1), p[most]));
                }
            }
        }
        return Feedback.right(name, "the oracle adds s·x to the target for every input and secret tried");
    }

    /** Lesson 5: the best number of Grover iterations for one marked item among 2^n. */
    public static Feedback groverIterations(IntUnaryOperator iterations) {
        String name = "grover-iterations";
        for (int n = 2; n <= 12; n++) {
            double theta = Math.asin(1 / Math.sqrt(1 << n));
            int best = 0;
            for (int k = 1; (2 * k + 1) * theta < Math.PI; k++) { // the first rise only: later peaks repeat it
                if (Math.pow(Math.sin((2 * k + 1) * theta), 2) > Math.pow(Math.sin((2 * best + 1) * theta), 2)) best = k;
            }
            int got = iterations.applyAsInt(n);
            if (got != best) {
                return Feedback.wrong(name, String.format(Locale.ROOT,
                        "for n = %d qubits the best is k = %d (P = %.4f), not %d (P = %.4f). Each iteration turns the state by 2θ"
                                + " with sin θ = 1/√N; stop closest to π/2: k ≈ π/(4θ) − 1/2.",
                        n, best, Math.pow(Math.sin((2 * best + 1) * theta), 2), got, Math.pow(Math.sin((2 * got + 1) * theta), 2)));
            }
        }
        return Feedback.right(name, "the iteration counts are the best ones for n = 2 … 12");
    }

    /**
     * Lesson 6: {@code qft.apply(n)} is the QFT on n qubits with its final swaps, mapping |j⟩ to
     * Σ_k e^{2πi jk/N} |k⟩ / √N (qubit 0 the least significant bit of j and k).
     */
    public static Feedback qft(IntFunction<Circuit> qft) {
        String name = "qft";
        for (int n = 2; n <= 3; n++) {
            int size = 1 << n;
            for (int j = 0; j < size; j++) {
                CircuitBuilder b = Circuit.builder(n);
                for (int q = 0; q < n; q++) if (((j >> q) & 1) == 1) b.x(q);
                double[] state = States.finalState(b.append(qft.apply(n)).build());
                double[] expected = new double[2 * size];
                for (int k = 0; k < size; k++) {
                    expected[2 * k] = Math.cos(2 * Math.PI * j * k / size) / Math.sqrt(size);
                    expected[2 * k + 1] = Math.sin(2 * Math.PI * j * k / size) / Math.sqrt(size);
                }
                if (States.overlap(expected, state) < 1 - 1e-9) {
                    double[] reversed = new double[2 * size];
                    for (int k = 0; k < size; k++) {
                        int r = Integer.reverse(k) >>> (32 - n);
                        reversed[2 * r] = expected[2 * k];
                        reversed[2 * r + 1] = expected[2 * k + 1];
                    }
                    String hint = States.overlap(reversed, state) > 1 - 1e-9
                            ? " The output is the QFT with its qubits in reverse order: add the final swaps."
                            : " Check the controlled-phase angles: π/2^(k−j) between qubits k > j.";
                    return Feedback.wrong(name, "on " + n + " qubits, |" + Bitstrings.ofIndex(j, n) + "⟩ becomes "
                            + States.ket(state, n) + "." + hint);
                }
            }
        }
        return Feedback.right(name, "the circuit is the discrete Fourier transform on 2 and 3 qubits");
    }

    /**
     * Lesson 7: ⟨Z⊗…⊗Z⟩ estimated from counts: the average of (−1)^(number of 1s) over the shots.
     */
    public static Feedback parityExpectation(ToDoubleFunction<Map<String, Long>> estimate) {
        String name = "parity-expectation";
        java.util.List<Map<String, Long>> cases = java.util.List.of(
                Map.of("00", 500L, "11", 500L), Map.of("01", 300L, "10", 100L), Map.of("00", 10L, "01", 30L, "10", 20L, "11", 40L),
                Map.of("000", 5L, "111", 3L, "011", 2L), Map.of("1", 7L, "0", 1L));
        for (Map<String, Long> counts : cases) {
            double sum = 0, total = 0;
            for (var e : counts.entrySet()) {
                long ones = e.getKey().chars().filter(c -> c == '1').count();
                sum += (ones % 2 == 0 ? 1 : -1) * e.getValue();
                total += e.getValue();
            }
            double got = estimate.applyAsDouble(counts);
            if (Math.abs(got - sum / total) > 1e-12) {
                return Feedback.wrong(name, String.format(Locale.ROOT,
                        "for counts %s the estimate is %.4f, not %.4f: an even number of 1s counts +1, an odd number −1,"
                                + " averaged over all shots", new java.util.TreeMap<>(counts), sum / total, got));
            }
        }
        return Feedback.right(name, "the parity expectation is right for every set of counts tried");
    }

    static String bits(int value, int width) {
        return Bitstrings.ofIndex(value, width);
    }
}
