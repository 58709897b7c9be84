package org.qise.engine.mpi;

import java.util.Arrays;

/**
 * Where each logical qubit currently lives: physical position p &lt; local is bit p of a rank's
 * local index, p ≥ local is bit p − local of the rank number. Exchanges swap a global position
 * with a local one and leave the qubits there (no swap back), so a run of gates on the same
 * global qubit pays one exchange.
 */
final class QubitLayout {
    final int local;
    private final int[] physical; // logical -> physical
    private final int[] logical;  // physical -> logical

    QubitLayout(int numQubits, int local) {
        this.local = local;
        physical = new int[numQubits];
        logical = new int[numQubits];
        for (int q = 0; q < numQubits; q++) physical[q] = logical[q] = q;
    }

    private QubitLayout(QubitLayout o) {
        local = o.local;
        physical = o.physical.clone();
        logical = o.logical.clone();
    }

    QubitLayout copy() { return new QubitLayout(this); }

    int physical(int qubit) { return physical[qubit]; }

    int logical(int position) { return logical[position]; }

    int size() { return physical.length; }

    boolean isGlobal(int qubit) { return physical[qubit] >= local; }

    boolean isIdentity() {
        for (int q = 0; q < physical.length; q++) if (physical[q] != q) return false;
        return true;
    }

    /** Exchanges the qubits at two physical positions. */
    void swapPositions(int a, int b) {
        int qa = logical[a], qb = logical[b];
        logical[a] = qb;
        logical[b] = qa;
        physical[qa] = b;
        physical[qb] = a;
    }

    @Override public boolean equals(Object o) { return o instanceof QubitLayout l && l.local == local && Arrays.equals(l.physical, physical); }

    @Override public int hashCode() { return Arrays.hashCode(physical); }

    @Override public String toString() { return Arrays.toString(physical); }
}
