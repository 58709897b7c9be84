package org.qise.workshop;

import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/** Checkers for the lesson on variational algorithms with gradients. */
public final class GradientExercises {
    private GradientExercises() {}

    /** The derivative at θ of an expectation value f(θ), computed from values of f only. */
    @FunctionalInterface
    public interface ShiftRule {
        double derivative(DoubleUnaryOperator f, double theta);
    }

    /**
     * An angle θ of rx/ry/rz enters an expectation value as f(θ) = a + b·cos θ + c·sin θ, whose
     * derivative is −b·sin θ + c·cos θ exactly. The answer is checked on such functions (and must
     * be exact, which the parameter-shift rule is and a finite difference is not).
     */
    public static Feedback parameterShift(ShiftRule answer) {
        String name = "parameter-shift";
        double[][] cases = { // a, b, c, θ
            {0, 1, 0, 0.3}, {0.5, -0.7, 0.2, 1.9}, {-1, 0, 1, -2.4}, {0.1, 0.6, -0.8, Math.PI / 2}, {0, 0.3, 0.4, 3.0}};
        for (double[] k : cases) {
            double a = k[0], b = k[1], c = k[2], theta = k[3];
            double expected = -b * Math.sin(theta) + c * Math.cos(theta);
            double got = answer.derivative(x -> a + b * Math.cos(x) + c * Math.sin(x), theta);
            if (!(Math.abs(got - expected) <= 1e-9)) {
                String hint = Math.abs(got - 2 * expected) <= 1e-9 ? "twice the derivative: the rule halves the difference"
                        : Math.abs(got - expected) < 1e-4 ? "close but not exact, as a finite difference is; the shift by π/2 makes it exact"
                        : "use f(θ + π/2) and f(θ − π/2)";
                return Feedback.wrong(name, String.format(Locale.ROOT,
                        "for f(θ) = %s + %s·cos θ + %s·sin θ at θ = %.4f the derivative is %.6f, not %.6f: %s", a, b, c, theta, expected, got, hint));
            }
        }
        return Feedback.right(name, "exact derivatives for " + cases.length + " expectation curves");
    }
}
