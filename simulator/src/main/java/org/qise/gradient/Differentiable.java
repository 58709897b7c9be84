package org.qise.gradient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qise.circuit.Circuit;
import org.qise.circuit.Gate;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;
import org.qise.param.Expression;

/**
 * A parametric circuit prepared for differentiation: its gates bound at a point, and every
 * place where an angle depends on a parameter (an {@link Angle}). Both gradient methods start
 * from here, so they agree on what "the circuit" and "the parameters" are.
 */
final class Differentiable {

    /** Angle {@code index} of gate {@code gate} is {@code expression} of the parameters. */
    record Angle(int gate, int index, Expression expression) {}

    final List<String> parameters;
    final Map<String, Double> point;
    final List<Operation.GateOp> gates;
    final List<Angle> angles;
    final int numQubits;
    /** The gates built by modifiers, unbound, by index in {@link #gates}. */
    private final Map<Integer, Gate> derived;

    private Differentiable(List<String> parameters, Map<String, Double> point, List<Operation.GateOp> gates, List<Angle> angles, int numQubits,
                           Map<Integer, Gate> derived) {
        this.derived = derived;
        this.parameters = parameters;
        this.point = point;
        this.gates = gates;
        this.angles = angles;
        this.numQubits = numQubits;
    }

    /**
     * @throws IllegalArgumentException when the circuit has no parameters, a value is missing or
     *         unknown, or the circuit is not a unitary followed by measurements
     */
    static Differentiable of(Circuit circuit, Map<String, Double> point) {
        List<String> parameters = circuit.parameters();
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("the circuit has no parameters, so there is nothing to differentiate");
        }
        for (String p : parameters) {
            if (!point.containsKey(p)) throw new IllegalArgumentException("parameter '" + p + "' has no value");
        }
        for (String p : point.keySet()) {
            if (!parameters.contains(p)) {
                throw new IllegalArgumentException("unknown parameter '" + p + "': the circuit's parameters are " + String.join(", ", parameters));
            }
        }
        List<Operation.GateOp> gates = new ArrayList<>();
        List<Angle> angles = new ArrayList<>();
        Map<Integer, Gate> derived = new java.util.HashMap<>();
        boolean measured = false;
        for (Operation op : circuit.operations()) {
            if (op.condition() != null) throw notUnitary("a classically conditioned operation (if)");
            switch (op) {
                case Operation.Measure m -> measured = true;
                case Operation.Reset r -> throw notUnitary("reset");
                case Operation.ChannelOp c -> throw notUnitary("a noise channel");
                case Operation.Dynamic d -> throw notUnitary("control flow that depends on measurements");
                case Operation.Barrier b -> { }
                case Operation.GateOp g -> {
                    if (measured) throw notUnitary("a gate after a measurement");
                    Gate gate = g.gate();
                    if (gate.isParametric() && gate.derivation() != null) {
                        // its matrix is rebuilt from the bound angles; a library gate under
                        // modifiers has exact derivatives (ModifierDerivatives), a user gate's
                        // body under modifiers does not
                        Gate.Derivation.Form form = gate.derivation().form();
                        if (form == null || !ModifierDerivatives.supported(form)) {
                            throw new IllegalArgumentException("gradients are not available for gate " + gate
                                    + ": only library gates under ctrl, negctrl, inv and pow have known derivatives, not a user-defined gate under modifiers;"
                                    + " write its body out without modifiers, or bind the parameter it uses");
                        }
                        derived.put(gates.size(), gate);
                    }
                    if (gate.isParametric()) {
                        List<Expression> e = gate.expressions();
                        for (int i = 0; i < e.size(); i++) {
                            if (!e.get(i).isConstant()) angles.add(new Angle(gates.size(), i, e.get(i)));
                        }
                    }
                    gates.add(new Operation.GateOp(gate.bind(point), g.qubits(), null));
                }
            }
        }
        return new Differentiable(parameters, Map.copyOf(point), List.copyOf(gates), List.copyOf(angles), circuit.numQubits(), Map.copyOf(derived));
    }

    /** ∂(target matrix of gate {@code gate})/∂(its angle {@code angle}), exact. */
    Matrix derivative(int gate, int angle) {
        Gate unbound = derived.get(gate);
        if (unbound == null) return GateDerivatives.of(gates.get(gate).gate(), angle);
        List<Expression> e = unbound.expressions();
        double[] v = new double[e.size()];
        for (int i = 0; i < v.length; i++) v[i] = e.get(i).evaluate(point);
        return ModifierDerivatives.of(unbound.derivation().form(), v, angle);
    }

    /** Whether gate {@code gate} was built by modifiers (parameter-shift rules do not cover it). */
    Gate derivedGate(int gate) { return derived.get(gate); }

    private static IllegalArgumentException notUnitary(String what) {
        return new IllegalArgumentException("gradients need a circuit of gates followed only by measurements, but this one has " + what);
    }
}
