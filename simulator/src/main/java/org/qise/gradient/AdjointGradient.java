package org.qise.gradient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qise.circuit.Circuit;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;
import org.qise.sim.PauliSum;

/**
 * ⟨ψ(p)|H|ψ(p)⟩ and its gradient with respect to every circuit parameter by the adjoint method
 * (Jones and Gacon, 2020): one forward pass to |ψ⟩ = U_N…U_1|0⟩, then one backward pass that
 * un-applies each gate from |ψ⟩ and from |λ⟩ = H|ψ⟩ and reads off
 * ∂⟨H⟩/∂θ_k = 2·Re⟨λ_k|∂U_k/∂θ_k|ψ_{k−1}⟩. Memory: two state vectors; time: about three
 * times a forward pass, whatever the number of parameters.
 *
 * <p>Angles that are expressions of shared parameters are handled by the chain rule:
 * ∂⟨H⟩/∂p = Σ over angles θ of ∂⟨H⟩/∂θ · ∂θ/∂p.
 */
public final class AdjointGradient {
    private AdjointGradient() {}

    /**
     * @param circuit a parametric circuit of gates, optionally followed by measurements (ignored:
     *                ⟨H⟩ is taken on the state before them)
     * @param point   a value for every parameter of the circuit
     * @param h       the observable; its qubits must exist in the circuit
     * @throws IllegalArgumentException for a circuit without parameters, a missing or unknown
     *         parameter, H on a qubit the circuit lacks, or a circuit that is not unitary
     */
    public static Gradient compute(Circuit circuit, Map<String, Double> point, PauliSum h) {
        Differentiable d = Differentiable.of(circuit, point);
        if (h.maxQubit() >= d.numQubits) {
            throw new IllegalArgumentException("'" + h + "' acts on qubit " + h.maxQubit() + " but the circuit has " + d.numQubits + " qubit(s)");
        }
        Amplitudes psi = new Amplitudes(d.numQubits);
        for (Operation.GateOp g : d.gates) psi.apply(g);
        Amplitudes lambda = psi.applyPauliSum(h);
        double value = psi.realInner(lambda);

        // the angles of each gate, so the backward pass knows where to collect G
        List<List<Differentiable.Angle>> byGate = new ArrayList<>();
        for (int i = 0; i < d.gates.size(); i++) byGate.add(new ArrayList<>());
        for (Differentiable.Angle a : d.angles) byGate.get(a.gate()).add(a);

        double[] grad = new double[d.parameters.size()];
        for (int k = d.gates.size() - 1; k >= 0; k--) {
            Operation.GateOp op = d.gates.get(k);
            List<Differentiable.Angle> angles = byGate.get(k);
            int dim = op.gate().targetMatrix().dim();
            double[] g = angles.isEmpty() ? null : new double[2 * dim * dim];
            Amplitudes.backward(op, psi, lambda, g);
            for (Differentiable.Angle a : angles) {
                Matrix dm = GateDerivatives.of(op.gate(), a.index());
                double[] re = dm.realParts(), im = dm.imagParts();
                double s = 0; // Re Σ dM[x][y]·G[x][y]
                for (int e = 0; e < re.length; e++) s += re[e] * g[2 * e] - im[e] * g[2 * e + 1];
                double dTheta = 2 * s;
                for (int p = 0; p < grad.length; p++) {
                    double chain = a.expression().derivative(d.parameters.get(p), d.point);
                    if (chain != 0) grad[p] += dTheta * chain;
                }
            }
        }
        return new Gradient(d.parameters, value, grad);
    }
}
