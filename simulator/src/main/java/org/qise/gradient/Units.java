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
 *
 * <p>A cx followed by a chain on one of its qubits is one unit too ({@link #CHAIN_CX}): the
 * backward pass un-applies the chain and then the cx in one sweep, collecting the chain's G sums
 * between the two, so the chain's derivatives are exactly those of a chain on its own.
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
            if (oneQubit(first)) {
                List<Integer> members = chain(gates, placed, i);
                units.add(new Unit(chainOp(gates, members), toArray(members)));
                continue;
            }
            if (isCx(first)) {
                // a cx and the chain that follows it on its control (else its target) become one
                // unit, un-applied in one sweep (Amplitudes.backwardChainCx): the chain's gates
                // move back to the cx past gates on other qubits only, with which they commute
                Unit fusedUnit = null;
                for (int role = 0; role < 2 && fusedUnit == null; role++) {
                    int q = first.qubits()[role];
                    int j = nextTouching(gates, placed, i, q);
                    if (j < 0 || !oneQubit(gates.get(j))) continue;
                    placed[j] = true;
                    List<Integer> members = chain(gates, placed, j);
                    fusedUnit = new Unit(fused(chainOp(gates, members), first, role), toArray(members));
                }
                if (fusedUnit != null) {
                    units.add(fusedUnit);
                    continue;
                }
            }
            units.add(new Unit(first, new int[]{i}));
        }
        return units;
    }

    /** The chain of one-qubit gates starting at gate {@code i} (placed): later one-qubit gates on its qubit with nothing unplaced on it between. */
    private static List<Integer> chain(List<Operation.GateOp> gates, boolean[] placed, int i) {
        int q = gates.get(i).qubits()[0];
        List<Integer> members = new ArrayList<>(List.of(i));
        int scanned = 0;
        for (int j = i + 1; j < gates.size() && scanned < WINDOW; j++) {
            if (placed[j]) continue;
            Operation.GateOp g = gates.get(j);
            if (!touches(g, q)) {
                scanned++;
                continue;
            }
            if (!oneQubit(g)) break; // it does not commute with the chain: the chain ends here
            placed[j] = true;
            members.add(j);
            scanned = 0;
        }
        return members;
    }

    /** The first gate after {@code i} not yet placed that touches qubit {@code q}, within the window; −1 if none. */
    private static int nextTouching(List<Operation.GateOp> gates, boolean[] placed, int i, int q) {
        int scanned = 0;
        for (int j = i + 1; j < gates.size() && scanned < WINDOW; j++) {
            if (placed[j]) continue;
            if (touches(gates.get(j), q)) return j;
            scanned++;
        }
        return -1;
    }

    private static Operation.GateOp chainOp(List<Operation.GateOp> gates, List<Integer> members) {
        Operation.GateOp first = gates.get(members.getFirst());
        if (members.size() == 1) return first;
        Matrix product = first.gate().targetMatrix();
        for (int k = 1; k < members.size(); k++) product = gates.get(members.get(k)).gate().targetMatrix().times(product);
        return new Operation.GateOp(new Gate("fused", new double[0], 0, product), first.qubits(), null);
    }

    private static int[] toArray(List<Integer> members) { return members.stream().mapToInt(Integer::intValue).toArray(); }

    /**
     * The name of a unit gate "cx, then a chain M on one of its qubits": qubits {chain's, other},
     * params M's entries (re, im row by row) and the role of the chain's qubit in the cx (0
     * control, 1 target); its target matrix is the full 4×4 product, for any code that just applies it.
     */
    static final String CHAIN_CX = "chain+cx";

    private static Operation.GateOp fused(Operation.GateOp chain, Operation.GateOp cx, int role) {
        Matrix m = chain.gate().targetMatrix();
        double[] p = {m.re(0, 0), m.im(0, 0), m.re(0, 1), m.im(0, 1), m.re(1, 0), m.im(1, 0), m.re(1, 1), m.im(1, 1), role};
        int a = chain.qubits()[0], b = cx.qubits()[1 - role];
        // on qubits (a, b) as bits (0, 1): the cx has control bit `role`, target bit 1 − role
        Matrix cxm = cx.gate().matrix();
        Matrix cxLocal = role == 0 ? cxm : cxm.embed(2, 1, 0);
        Matrix full = m.embed(2, 0).times(cxLocal);
        return new Operation.GateOp(new Gate(CHAIN_CX, p, 0, full), new int[]{a, b}, null);
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

    /** A cx: X with one control (the fused kernel swaps amplitudes for it). */
    static boolean isCx(Operation.GateOp g) {
        Gate gate = g.gate();
        if (gate.controls() != 1 || gate.targets() != 1 || g.qubits().length != 2) return false;
        Matrix m = gate.targetMatrix();
        return m.re(0, 0) == 0 && m.im(0, 0) == 0 && m.re(1, 1) == 0 && m.im(1, 1) == 0
                && m.re(0, 1) == 1 && m.im(0, 1) == 0 && m.re(1, 0) == 1 && m.im(1, 0) == 0;
    }

    /** Whether {@code op} is a cx fused with the chain after it ({@link #CHAIN_CX}). */
    static boolean isChainCx(Operation.GateOp op) { return op.gate().name().equals(CHAIN_CX); }

    private static boolean oneQubit(Operation.GateOp g) {
        return g.qubits().length == 1 && g.gate().controls() == 0;
    }

    private static boolean touches(Operation.GateOp g, int q) {
        for (int x : g.qubits()) if (x == q) return true;
        return false;
    }
}
