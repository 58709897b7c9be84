package org.qise.optimize;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.PowellOptimizer;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.qise.circuit.Circuit;
import org.qise.gradient.AdjointGradient;
import org.qise.gradient.Gradient;
import org.qise.sim.PauliSum;
import org.qise.sim.Result;
import org.qise.sim.Simulator;

/**
 * Minimises ⟨ψ(p)|H|ψ(p)⟩ over the parameters p of a circuit (VQE, QAOA) with the optimisers
 * of Commons Math: nonlinear conjugate gradients fed by the {@linkplain AdjointGradient adjoint
 * gradient}, or the derivative-free Powell and Nelder–Mead methods fed by simulated values.
 */
public final class Minimizer {
    private Minimizer() {}

    public enum Method {
        /** Polak–Ribière conjugate gradients with the adjoint gradient. */
        CONJUGATE_GRADIENT,
        /** Powell's conjugate directions, values only. */
        POWELL,
        /** The Nelder–Mead simplex, values only. */
        NELDER_MEAD
    }

    /** Where the search ended: the parameters, ⟨H⟩ there, and how many times ⟨H⟩ was evaluated. */
    public record Minimum(Map<String, Double> point, double value, int evaluations) {}

    /**
     * @param circuit   the ansatz; its parameters are the variables
     * @param h         the observable to minimise
     * @param start     a starting value for every parameter
     * @param tolerance stop when ⟨H⟩ changes by less than this between iterations
     */
    public static Minimum minimize(Circuit circuit, PauliSum h, Map<String, Double> start, Method method, double tolerance) {
        List<String> names = circuit.parameters();
        if (names.isEmpty()) throw new IllegalArgumentException("the circuit has no parameters to optimise");
        double[] x0 = new double[names.size()];
        for (int i = 0; i < x0.length; i++) {
            Double v = start.get(names.get(i));
            if (v == null) throw new IllegalArgumentException("parameter '" + names.get(i) + "' has no starting value");
            x0[i] = v;
        }
        int maxEval = 100_000;
        Objective f = new Objective(circuit, h, names);
        PointValuePair best = switch (method) {
            case CONJUGATE_GRADIENT -> new NonLinearConjugateGradientOptimizer(
                    NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(0, tolerance))
                    .optimize(new MaxEval(maxEval), new MaxIter(maxEval), GoalType.MINIMIZE, new InitialGuess(x0),
                            new ObjectiveFunction(f::value), new ObjectiveFunctionGradient(f::gradient));
            case POWELL -> new PowellOptimizer(1e-12, tolerance)
                    .optimize(new MaxEval(maxEval), GoalType.MINIMIZE, new InitialGuess(x0), new ObjectiveFunction(f::simulatedValue));
            case NELDER_MEAD -> new SimplexOptimizer(new SimpleValueChecker(0, tolerance))
                    .optimize(new MaxEval(maxEval), GoalType.MINIMIZE, new InitialGuess(x0), new ObjectiveFunction(f::simulatedValue),
                            new NelderMeadSimplex(x0.length, 0.5));
        };
        return new Minimum(f.map(best.getPoint()), best.getValue(), f.evaluations);
    }

    /** ⟨H⟩ and its gradient at a point; the adjoint pass gives both, so the last one is kept. */
    private static final class Objective {
        final Circuit circuit;
        final PauliSum h;
        final List<String> names;
        final Simulator simulator = Simulator.builder().shots(0).seed(0).build();
        double[] lastPoint;
        Gradient last;
        int evaluations;

        Objective(Circuit circuit, PauliSum h, List<String> names) {
            this.circuit = circuit;
            this.h = h;
            this.names = names;
        }

        Map<String, Double> map(double[] x) {
            Map<String, Double> m = new LinkedHashMap<>();
            for (int i = 0; i < x.length; i++) m.put(names.get(i), x[i]);
            return m;
        }

        Gradient at(double[] x) {
            if (lastPoint == null || !Arrays.equals(lastPoint, x)) {
                last = AdjointGradient.compute(circuit, map(x), h);
                lastPoint = x.clone();
                evaluations++;
            }
            return last;
        }

        double value(double[] x) { return at(x).value(); }

        double[] gradient(double[] x) { return at(x).derivatives(); }

        double simulatedValue(double[] x) {
            evaluations++;
            try (Result r = simulator.run(circuit.bind(map(x)))) {
                return r.expectation(h);
            }
        }
    }
}
