package org.qise.gradient;

import java.util.ArrayList;
import java.util.List;
import org.qise.circuit.Operation;
import org.qise.sim.PauliSum;

/**
 * The cx gates that end a circuit after its last parametric gate (the entangling layer that
 * closes a hardware-efficient ansatz). For that tail V, ⟨ψ|V†HV|ψ⟩ with ψ the state before it,
 * and V†HV is again a Pauli sum, since a cx maps Pauli products to Pauli products with a sign.
 * So the forward pass stops before the tail and the backward pass starts there, with H' = V†HV:
 * each cx of the tail would otherwise cost a pass over the state going forward and a sweep of
 * both states going back, while conjugating H costs a few bit operations per term.
 */
final class CliffordTail {
    private CliffordTail() {}

    /** The index of the first gate of the tail of cx gates ({@code gates.size()} when there is none). */
    static int start(List<Operation.GateOp> gates) {
        int cut = gates.size();
        while (cut > 0 && Units.isCx(gates.get(cut - 1))) cut--;
        return cut;
    }

    /**
     * V†HV for the tail V (gates in circuit order, each a cx): the last gate is conjugated first.
     * A term keeps its place in the list, so sums run over H's terms in H's order.
     */
    static List<PauliSum.Term> conjugate(List<PauliSum.Term> terms, List<Operation.GateOp> tail) {
        List<PauliSum.Term> out = new ArrayList<>(terms.size());
        for (PauliSum.Term term : terms) {
            long x = term.xMask(), z = term.zMask();
            double c = term.coefficient();
            for (int k = tail.size() - 1; k >= 0; k--) {
                int control = tail.get(k).qubits()[0], target = tail.get(k).qubits()[1];
                long xc = x >> control & 1, zc = z >> control & 1, xt = x >> target & 1, zt = z >> target & 1;
                // cx·P·cx on (control, target), with Y written as x = z = 1 (Aaronson and
                // Gottesman's tableau rule): X_c → X_c X_t, Z_t → Z_c Z_t, and the sign flips
                // when x_c·z_t·(x_t ⊕ z_c ⊕ 1) = 1 (e.g. Y_c Y_t → −X_c Z_t)
                if ((xc & zt & (xt ^ zc ^ 1)) == 1) c = -c;
                x ^= xc << target;
                z ^= zt << control;
            }
            out.add(new PauliSum.Term(c, x, z));
        }
        return out;
    }
}
