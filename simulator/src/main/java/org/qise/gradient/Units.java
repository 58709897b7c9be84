package org.qise.gradient;

import java.util.ArrayList;
import java.util.List;
import org.qise.circuit.Gate;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;

/**
 * The units the backward pass un-applies: single gates, and chains of uncontrolled one-qubit
 * gates on the same qubit fused into one 2×2 matrix (ry then rz on a qubit of a
 * hardware-efficient ansatz become one unit). A fused unit is un-applied with its adjoint in one
 * sweep over the pairs instead of one sweep per gate, and its G sums serve every member: for
 * member i of F = M_{r−1}⋯M_0, ∂F/∂θ = (M_{r−1}⋯M_{i+1})·∂M_i/∂θ·(M_{i−1}⋯M_0), and
 * ⟨λ_out|∂F/∂θ|ψ_in⟩ = Σ ∂F/∂θ[a][b]·G[a][b] with G taken around the whole unit.
 */
final class Units {
    private Units() {}

    /**
     * @param op      the gate to un-apply (the members' product for a chain)
     * @param members indices of the member gates in the circuit's gate list, in circuit order
     */
    record Unit(Operation.GateOp op, int[] members) {}

    /** How far past a chain's last member a later member is looked for. */
    private static final int WINDOW = 256;

    /**
     * Groups the gates into units, in an order equivalent to the circuit's: a later one-qubit
     * gate joins a chain only when no gate between them that is not yet placed touches its
     * qubit, so moving it forward passes only gates it commutes with (they act on other qubits).
     */
    static List<Unit> of(List<Operation.GateOp> gates) {
        int size = gates.size();
        boolean[] placed = new boolean[size];
        List<Unit> units = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (placed[i]) continue;
            placed[i] = true;
            Operation.GateOp first = gates.get(i);
            if (!oneQubit(first)) {
                units.add(new Unit(first, new int[]{i}));
                continue;
            }
            int q = first.qubits()[0];
            List<Integer> members = new ArrayList<>(List.of(i));
            Matrix product = first.gate().targetMatrix();
            int scanned = 0;
            for (int j = i + 1; j < size && scanned < WINDOW; j++) {
                if (placed[j]) continue;
                Operation.GateOp g = gates.get(j);
                if (!touches(g, q)) {
                    scanned++;
                    continue;
                }
                if (!oneQubit(g)) break; // it does not commute with the chain: the chain ends here
                placed[j] = true;
                members.add(j);
                product = g.gate().targetMatrix().times(product);
                scanned = 0;
            }
            Operation.GateOp op = members.size() == 1 ? first
                    : new Operation.GateOp(new Gate("fused", new double[0], 0, product), new int[]{q}, null);
            units.add(new Unit(op, members.stream().mapToInt(Integer::intValue).toArray()));
        }
        return units;
    }

    /**
     * The derivative of the unit's matrix with respect to angle {@code angle} of member
     * {@code position}: the member's own derivative between the products of the other members.
     */
    static Matrix derivative(Unit unit, Differentiable c, int position, int angle) {
        List<Operation.GateOp> gates = c.gates;
        Matrix d = c.derivative(unit.members()[position], angle);
        for (int i = position - 1; i >= 0; i--) d = d.times(gates.get(unit.members()[i]).gate().targetMatrix());
        for (int i = position + 1; i < unit.members().length; i++) d = gates.get(unit.members()[i]).gate().targetMatrix().times(d);
        return d;
    }

    private static boolean oneQubit(Operation.GateOp g) {
        return g.qubits().length == 1 && g.gate().controls() == 0;
    }

    private static boolean touches(Operation.GateOp g, int q) {
        for (int x : g.qubits()) if (x == q) return true;
        return false;
    }
}
