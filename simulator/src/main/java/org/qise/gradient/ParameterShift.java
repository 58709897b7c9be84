package org.qise.gradient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qise.circuit.Circuit;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;
import org.qise.sim.PauliSum;
import org.qise.sim.Result;
import org.qise.sim.Simulator;

/**
 * The gradient by parameter-shift rules: each angle's partial derivative from ⟨H⟩ at shifted
 * angles, every evaluation an ordinary simulation. Independent of {@link AdjointGradient} (it
 * needs no derivative matrices), and exact, but it costs 2 or 4 simulations per angle.
 *
 * <p>Every library angle enters its gate as e^{−iθG} between fixed factors (U(θ,φ,λ) =
 * P(φ)·Ry(θ)·P(λ)). Where G has two eigenvalues a distance 1 apart (rx, rz, p, rxx, u3's
 * angles, cp, the phases of cu3 and cu), ∂f = [f(θ+π/2) − f(θ−π/2)]/2. Controlled rotations
 * (crx, cry, crz, the θ of cu3 and cu) have eigenvalues {0, ±1/2}, hence two frequencies, and
 * take the four-term rule ∂f = d₁[f(θ+π/2) − f(θ−π/2)] − d₂[f(θ+3π/2) − f(θ−3π/2)] with
 * d₁ = (√2+1)/(4√2), d₂ = (√2−1)/(4√2).
 */
public final class ParameterShift {
    private ParameterShift() {}

    private static final double D1 = (Math.sqrt(2) + 1) / (4 * Math.sqrt(2));
    private static final double D2 = (Math.sqrt(2) - 1) / (4 * Math.sqrt(2));

    /** As {@link AdjointGradient#compute}, simulating with {@code engine} ("fast" or "exact"). */
    public static Gradient compute(Circuit circuit, Map<String, Double> point, PauliSum h, String engine) {
        Differentiable d = Differentiable.of(circuit, point);
        Simulator sim = Simulator.builder().engine(engine).shots(0).seed(0).build();
        List<Operation.GateOp> gates = d.gates;
        double value = expectation(sim, circuit, gates, h);
        double[] grad = new double[d.parameters.size()];
        for (Differentiable.Angle a : d.angles) {
            if (d.derivedGate(a.gate()) != null) {
                // the spectrum of a generator under pow or several controls is not one of the
                // two rules' (pow(0.5) halves the frequency): the adjoint method covers these
                throw new IllegalArgumentException("parameter-shift rules are not available for gate " + d.derivedGate(a.gate())
                        + " (a gate under modifiers); use the adjoint method");
            }
            Gate g = gates.get(a.gate()).gate();
            double dTheta = switch (rule(g.name(), a.index())) {
                case ZERO -> 0;
                case TWO_TERM -> (shifted(sim, circuit, gates, a, Math.PI / 2, h) - shifted(sim, circuit, gates, a, -Math.PI / 2, h)) / 2;
                case FOUR_TERM -> D1 * (shifted(sim, circuit, gates, a, Math.PI / 2, h) - shifted(sim, circuit, gates, a, -Math.PI / 2, h))
                        - D2 * (shifted(sim, circuit, gates, a, 3 * Math.PI / 2, h) - shifted(sim, circuit, gates, a, -3 * Math.PI / 2, h));
            };
            for (int p = 0; p < grad.length; p++) {
                double chain = a.expression().derivative(d.parameters.get(p), d.point);
                if (chain != 0) grad[p] += dTheta * chain;
            }
        }
        return new Gradient(d.parameters, value, grad);
    }

    enum Rule { ZERO, TWO_TERM, FOUR_TERM }

    /** Which shift rule angle {@code index} of library gate {@code name} takes. */
    static Rule rule(String name, int index) {
        return switch (name) {
            case "u0" -> Rule.ZERO;
            case "crx", "cry", "crz" -> Rule.FOUR_TERM;
            case "cu3", "cu" -> index == 0 ? Rule.FOUR_TERM : Rule.TWO_TERM;
            case "rx", "ry", "rz", "p", "u1", "rxx", "rzz", "cp", "cu1", "u2", "u3", "u", "U" -> Rule.TWO_TERM;
            default -> throw new IllegalArgumentException("no shift rule for gate " + name);
        };
    }

    private static double shifted(Simulator sim, Circuit circuit, List<Operation.GateOp> gates, Differentiable.Angle a, double s, PauliSum h) {
        List<Operation.GateOp> copy = new ArrayList<>(gates);
        Operation.GateOp op = gates.get(a.gate());
        double[] p = op.gate().params();
        p[a.index()] += s;
        copy.set(a.gate(), new Operation.GateOp(Gates.lookup(op.gate().name()).orElseThrow().create(p), op.qubits(), null));
        return expectation(sim, circuit, copy, h);
    }

    private static double expectation(Simulator sim, Circuit shape, List<Operation.GateOp> gates, PauliSum h) {
        var b = Circuit.builder();
        shape.qregs().forEach(r -> b.qreg(r.name(), r.size()));
        for (Operation.GateOp g : gates) b.add(g);
        try (Result r = sim.run(b.build())) {
            return r.expectation(h);
        }
    }
}
