package org.qise.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;

/**
 * Rewrites a shot-by-shot circuit so that qubits in a known computational basis state cost
 * nothing. Circuits such as QASMBench's {@code bwt} reset ancillas thousands of times and then
 * compute on them with x, cx and ccx; every such reset used to cost a read of the whole state,
 * and every run of gates between two resets a pass over it, although the ancilla was provably
 * |0⟩ or |1⟩.
 *
 * <p>The tracker follows, at compile time, which qubits are certainly in a basis state and which
 * value they hold ("known"). It starts with every qubit known as 0. A known qubit is in product
 * with the rest of the state, so:
 * <ul>
 *   <li>a gate whose qubits are all known and whose matrix maps the input basis state to a single
 *       basis state (x, swap, phases, ccx…) only changes the recorded values: the state is not
 *       touched (the phase it would add is global, invisible to any measurement);</li>
 *   <li>a known control that holds 0 makes a controlled gate do nothing, one that holds 1 is
 *       dropped from the gate;</li>
 *   <li>a reset or measurement of a known qubit has a certain outcome; it still draws its number
 *       from the shot's stream, so that the rest of the shot draws what it drew before;</li>
 *   <li>any other use makes the qubit a real part of the state again ("materialised"): it takes
 *       a free slot of the state, which holds |0⟩, and an x is inserted first where its recorded
 *       value is 1.</li>
 * </ul>
 * An unconditional reset makes its qubit known as 0 again and frees its slot (the reset leaves
 * |0⟩ there, in product with the rest). The state the shots run on therefore needs only as many
 * qubits as are ever unknown at once. Conditional operations and dynamic blocks decide per shot,
 * so the qubits they touch are materialised before them and stay unknown; a circuit with a
 * dynamic block keeps every qubit at its own index, since the block names qubits as it runs.
 * Everything is decided once, when the program is compiled; shots replay it.
 */
final class KnownQubits {

    /** What a shot does, after the rewrite. */
    sealed interface Step {}

    /** An operation on the state (gate, measurement, reset or dynamic block). */
    record Physical(Operation op) implements Step {}

    /** A reset of a known qubit: nothing to do to the state, but the shot draws its number. */
    record KnownReset(int qubit) implements Step {}

    /** A measurement of a known qubit: the bit is {@code value}; the shot draws its number. */
    record KnownMeasure(int qubit, int clbit, boolean value) implements Step {}

    /** Counts for {@code --explain}. */
    record Counts(int classicalGates, int reducedGates, int knownResets, int knownMeasures, int materialisations) {}

    private final boolean[] known;
    /** The qubit's value when known. */
    private final boolean[] value;
    /** The value the state itself holds for a known qubit (what it held when it became known). */
    private final boolean[] held;
    /**
     * Where each qubit lives in the (possibly smaller) state the shots run on, -1 for a known
     * qubit that has no place there. Without compaction every qubit keeps its own index.
     */
    private final int[] slot;
    /** Compacted: which slots are taken; a free slot holds |0⟩ (fresh, or emptied by a reset). */
    private final boolean[] taken;
    private final boolean compact;
    private int slotsUsed;
    private final List<Step> out = new ArrayList<>();
    private int classicalGates, reducedGates, knownResets, knownMeasures, materialisations;

    private KnownQubits(int numQubits, boolean compact) {
        known = new boolean[numQubits];
        Arrays.fill(known, true); // a shot starts from |0…0⟩
        value = new boolean[numQubits];
        held = new boolean[numQubits];
        this.compact = compact;
        slot = new int[numQubits];
        taken = new boolean[numQubits];
        for (int q = 0; q < numQubits; q++) slot[q] = compact ? -1 : q;
        slotsUsed = compact ? 0 : numQubits;
    }

    /**
     * The program's steps, on a state of {@code stateQubits} qubits: the physical operations
     * name slots of that state, not the circuit's qubits.
     */
    record Rewrite(List<Step> steps, Counts counts, int stateQubits) {}

    /**
     * Tracks known qubits and, when the circuit has no dynamic block (which names the circuit's
     * own qubits at run time), compacts the state: a qubit takes a slot of the state only while
     * it is not known, and a reset gives the slot back. bwt_n21 never has more than 10 of its 21
     * qubits off the known list at once, so its shots run on 2^10 amplitudes instead of 2^21.
     */
    static Rewrite rewrite(int numQubits, List<Operation> ops) {
        boolean compact = ops.stream().noneMatch(op -> op instanceof Operation.Dynamic);
        KnownQubits k = new KnownQubits(numQubits, compact);
        for (Operation op : ops) k.add(op);
        return new Rewrite(List.copyOf(k.out),
                new Counts(k.classicalGates, k.reducedGates, k.knownResets, k.knownMeasures, k.materialisations),
                Math.max(1, k.slotsUsed));
    }

    /** The circuit as it is, every operation physical: the reference the tests compare with. */
    static Rewrite none(int numQubits, List<Operation> ops) {
        List<Step> steps = new ArrayList<>();
        for (Operation op : ops) if (!(op instanceof Operation.Barrier)) steps.add(new Physical(op));
        return new Rewrite(List.copyOf(steps), new Counts(0, 0, 0, 0, 0), numQubits);
    }

    private void add(Operation op) {
        switch (op) {
            case Operation.Barrier b -> { }
            case Operation.GateOp g when g.condition() == null -> gate(g);
            case Operation.Reset r when r.condition() == null -> {
                if (known[r.qubit()]) {
                    out.add(new KnownReset(r.qubit()));
                    knownResets++;
                } else {
                    int q = r.qubit();
                    out.add(new Physical(new Operation.Reset(slot[q], null)));
                    held[q] = false;
                    if (compact) { // the slot now holds |0⟩ in product with the rest: free for the next qubit
                        taken[slot[q]] = false;
                        slot[q] = -1;
                    }
                }
                known[r.qubit()] = true;
                value[r.qubit()] = false;
            }
            case Operation.Measure m when m.condition() == null && known[m.qubit()] -> {
                out.add(new KnownMeasure(m.qubit(), m.clbit(), value[m.qubit()]));
                knownMeasures++;
            }
            case Operation.Measure m when m.condition() == null -> out.add(new Physical(new Operation.Measure(slot[m.qubit()], m.clbit(), null)));
            default -> { // conditional, dynamic: decided per shot, so the state must hold the truth
                for (int q : op.qubits()) materialise(q);
                out.add(new Physical(onSlots(op)));
            }
        }
    }

    private void gate(Operation.GateOp g) {
        Gate gate = g.gate();
        int[] qs = g.qubits();
        int controls = gate.controls();
        List<Integer> liveControls = new ArrayList<>();
        for (int i = 0; i < controls; i++) {
            int c = qs[i];
            if (!known[c]) liveControls.add(c);
            else if (!value[c]) { // a control known to be 0: the gate does nothing
                classicalGates++;
                return;
            }
        }
        int[] targets = Arrays.copyOfRange(qs, controls, qs.length);
        boolean targetsKnown = true;
        for (int t : targets) targetsKnown &= known[t];
        if (liveControls.isEmpty() && targetsKnown && mapsBasisToBasis(gate.targetMatrix(), targets)) {
            classicalGates++;
            return;
        }
        for (int t : targets) materialise(t);
        if (liveControls.size() == controls) {
            out.add(new Physical(onSlots(g)));
            return;
        }
        // Controls known to be 1 are dropped: the gate is its target with the remaining controls.
        int[] reduced = new int[liveControls.size() + targets.length];
        for (int i = 0; i < liveControls.size(); i++) reduced[i] = slot[liveControls.get(i)];
        for (int j = 0; j < targets.length; j++) reduced[liveControls.size() + j] = slot[targets[j]];
        Gate r = new Gate(gate.name() + " (known controls dropped)", gate.params(), liveControls.size(), gate.targetMatrix());
        out.add(new Physical(new Operation.GateOp(r, reduced, null)));
        reducedGates++;
    }

    /**
     * When the column of {@code m} for the targets' known values has exactly one non-zero entry,
     * records the basis state it leads to and says true; otherwise changes nothing.
     */
    private boolean mapsBasisToBasis(Matrix m, int[] targets) {
        int col = 0;
        for (int j = 0; j < targets.length; j++) if (value[targets[j]]) col |= 1 << j;
        int row = -1;
        for (int r = 0; r < m.dim(); r++) {
            if (m.re(r, col) != 0 || m.im(r, col) != 0) {
                if (row >= 0) return false;
                row = r;
            }
        }
        if (row < 0) return false;
        for (int j = 0; j < targets.length; j++) value[targets[j]] = (row >> j & 1) == 1;
        return true;
    }

    /** {@code op} on the slots of its qubits (all of which have one). */
    private Operation onSlots(Operation op) {
        if (!compact) return op;
        int[] qs = op.qubits();
        for (int i = 0; i < qs.length; i++) qs[i] = slot[qs[i]];
        return switch (op) {
            case Operation.GateOp g -> new Operation.GateOp(g.gate(), qs, g.condition());
            case Operation.Measure m -> new Operation.Measure(qs[0], m.clbit(), m.condition());
            case Operation.Reset r -> new Operation.Reset(qs[0], r.condition());
            default -> throw new IllegalStateException("no compaction with " + op);
        };
    }

    /** Gives a known qubit a slot (when it has none), makes the state hold its value there and stops tracking it. */
    private void materialise(int q) {
        if (!known[q]) return;
        if (slot[q] < 0) {
            int free = 0;
            while (taken[free]) free++;
            taken[free] = true;
            slot[q] = free;
            slotsUsed = Math.max(slotsUsed, free + 1);
            held[q] = false;
        }
        if (value[q] != held[q]) out.add(new Physical(new Operation.GateOp(Gates.x(), new int[]{slot[q]}, null)));
        known[q] = false;
        materialisations++;
    }
}
