package org.qise.workshop;

import java.util.Locale;

/** Checkers for the noise and decoherence lesson. */
public final class NoiseExercises {
    private NoiseExercises() {}

    /** The purity Tr ρ² of a one-qubit state with Bloch vector (x, y, z) after depolarizing with probability p. */
    @FunctionalInterface
    public interface DepolarizedPurity {
        double purity(double p, double x, double y, double z);
    }

    /**
     * ρ = (I + r·σ)/2 has Tr ρ² = (1 + |r|²)/2, and depolarizing with probability p shrinks r to
     * (1 − p)·r, so the answer must be (1 + (1 − p)²|r|²)/2, for pure and mixed starting states.
     */
    public static Feedback depolarizedPurity(DepolarizedPurity answer) {
        String name = "depolarized-purity";
        double[][] cases = { // p, x, y, z
            {0, 0, 0, 1}, {1, 0, 0, 1}, {0.5, 1, 0, 0}, {0.2, 0, 0.6, 0.8}, {0.3, 0.5, -0.5, 0.1},
            {0.75, -0.48, 0.36, 0.8}, {0.1, 0, 0, 0}, {0.9, 0.3, 0.4, 0}};
        for (double[] c : cases) {
            double p = c[0], x = c[1], y = c[2], z = c[3];
            double r2 = x * x + y * y + z * z;
            double expected = (1 + (1 - p) * (1 - p) * r2) / 2;
            double got = answer.purity(p, x, y, z);
            if (!(Math.abs(got - expected) <= 1e-9)) {
                String hint = got > 1 + 1e-9 || got < 0.5 - 1e-9
                        ? "a qubit's purity lies between 1/2 (fully mixed) and 1 (pure)"
                        : "the purity is (1 + |r|²)/2 of the shrunk Bloch vector r = (1 − p)·(x, y, z)";
                return Feedback.wrong(name, String.format(Locale.ROOT,
                        "for p = %s and the Bloch vector (%s, %s, %s) the purity is %.4f, not %.4f: %s", fmt(p), fmt(x), fmt(y), fmt(z),
                        expected, got, hint));
            }
        }
        return Feedback.right(name, "the purity is right for " + cases.length + " states and depolarizing strengths");
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
