package org.qise.gradient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qise.circuit.Circuit;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;
import org.qise.param.Expression;
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
 *
 * <p>A gate built by modifiers (a library or user-defined gate under ctrl, negctrl, inv and
 * integer pow) is written out as library gates with controls ({@link Expansion}); each of their
 * angles takes its own rule (a rotation under added controls the four-term one) and the chain rule
 * gathers them into the gate's angles. A fractional power is refused.
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
        // a gate built by modifiers is written out as library pieces (Expansion), and its angles'
        // derivatives are gathered from the pieces' shift rules by the chain rule, once per gate
        Map<Integer, double[]> derivedDerivatives = new HashMap<>();
        for (Differentiable.Angle a : d.angles) {
            double dTheta;
            Gate derived = d.derivedGate(a.gate());
            if (derived != null) {
                dTheta = derivedDerivatives.computeIfAbsent(a.gate(), i -> derivedGate(sim, circuit, d, i, derived, h))[a.index()];
            } else {
                Gate g = gates.get(a.gate()).gate();
                Rule rule = rule(g.name(), a.index());
                dTheta = shiftRule(rule, s -> shifted(sim, circuit, gates, a, s, h));
            }
            for (int p = 0; p < grad.length; p++) {
                double chain = a.expression().derivative(d.parameters.get(p), d.point);
                if (chain != 0) grad[p] += dTheta * chain;
            }
        }
        return new Gradient(d.parameters, value, grad);
    }

    /** f'(θ) by {@code rule} from f at shifted angles θ + s. */
    private static double shiftRule(Rule rule, java.util.function.DoubleUnaryOperator f) {
        return switch (rule) {
            case ZERO -> 0;
            case TWO_TERM -> (f.applyAsDouble(Math.PI / 2) - f.applyAsDouble(-Math.PI / 2)) / 2;
            case FOUR_TERM -> D1 * (f.applyAsDouble(Math.PI / 2) - f.applyAsDouble(-Math.PI / 2))
                    - D2 * (f.applyAsDouble(3 * Math.PI / 2) - f.applyAsDouble(-3 * Math.PI / 2));
        };
    }

    /**
     * ∂⟨H⟩/∂(each angle) of the derived gate at {@code index}: the gate is replaced by its pieces,
     * and each piece angle that depends on the gate's angles is shifted by its own rule.
     */
    private static double[] derivedGate(Simulator sim, Circuit circuit, Differentiable d, int index, Gate derived, PauliSum h) {
        List<Expression> e = derived.expressions();
        double[] v = new double[e.size()];
        for (int i = 0; i < v.length; i++) v[i] = e.get(i).evaluate(d.point);
        List<Expansion.Piece> pieces;
        try {
            pieces = Expansion.of(derived.derivation().form(), v);
        } catch (IllegalArgumentException x) {
            throw new IllegalArgumentException("parameter-shift rules are not available for gate " + derived + ": " + x.getMessage()
                    + "; use the adjoint method");
        }
        int[] qubits = d.gates.get(index).qubits();
        double[] out = new double[v.length];
        for (int k = 0; k < pieces.size(); k++) {
            Expansion.Piece piece = pieces.get(k);
            for (int i = 0; i < piece.angles().length; i++) {
                double[] row = piece.jacobian()[i];
                boolean depends = false;
                for (double x : row) depends |= x != 0;
                if (!depends) continue;
                int which = k, angle = i;
                double dA = shiftRule(rule(piece, i), s -> expectation(sim, circuit, expanded(d.gates, index, qubits, pieces, which, angle, s), h));
                for (int j = 0; j < v.length; j++) out[j] += dA * row[j];
            }
        }
        return out;
    }

    /**
     * The rule for angle {@code i} of a piece: its library gate's, except that controls added by
     * modifiers give a rotation's generator (eigenvalues ±½) a third eigenvalue 0, hence the
     * four-term rule; a phase's generator (eigenvalues 0, 1) keeps its two.
     */
    private static Rule rule(Expansion.Piece piece, int i) {
        Rule r = rule(piece.library(), i);
        if (r != Rule.TWO_TERM || piece.controls() == 0) return r;
        boolean rotation = switch (piece.library()) {
            case "rx", "ry", "rz", "rxx", "rzz" -> true;
            case "u3", "u", "U" -> i == 0;
            default -> false;
        };
        return rotation ? Rule.FOUR_TERM : r;
    }

    /** The gates with gate {@code index} written out as its pieces, angle {@code angle} of piece {@code which} shifted by {@code s}. */
    private static List<Operation.GateOp> expanded(List<Operation.GateOp> gates, int index, int[] qubits, List<Expansion.Piece> pieces,
                                                   int which, int angle, double s) {
        List<Operation.GateOp> out = new ArrayList<>(gates.subList(0, index));
        for (int k = 0; k < pieces.size(); k++) {
            Expansion.Piece p = pieces.get(k);
            double[] a = p.angles().clone();
            if (k == which) a[angle] += s;
            int[] q = new int[p.qubits().length];
            for (int j = 0; j < q.length; j++) q[j] = qubits[p.qubits()[j]];
            out.add(new Operation.GateOp(p.make().apply(a), q, null));
        }
        out.addAll(gates.subList(index + 1, gates.size()));
        return out;
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
