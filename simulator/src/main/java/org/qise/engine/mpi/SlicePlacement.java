package org.qise.engine.mpi;

import java.util.Arrays;

/**
 * Where each plan position inside a rank's slice lies in the slice's memory: plan position
 * p (below the slice's qubit count) is bit {@code physical(p)} of the local index. Plans are
 * made for more global qubits than a rank count below 2^split has, and move qubits between
 * plan positions that this rank holds inside its slice; such a move is a relabelling here (the
 * data stays, the next local runs use the new positions, see
 * {@link org.qise.engine.fast.FastStateMemory#runPlaced}), not a pass over the slice.
 *
 * <p>The lowest {@code fixed} positions never move: kernels treat the qubits inside one vector
 * (lanes) differently from the others, so a whole-state kernel rebuilt at other positions would
 * do other arithmetic if a lane qubit moved; {@link #relabel} refuses those moves and the caller
 * swaps the data instead.
 */
final class SlicePlacement {
    private final int fixed;
    private final int[] place; // plan position -> physical position
    private final int[] at;    // physical position -> plan position

    SlicePlacement(int size, int fixed) {
        this.fixed = fixed;
        place = new int[size];
        at = new int[size];
        for (int p = 0; p < size; p++) place[p] = at[p] = p;
    }

    private SlicePlacement(SlicePlacement o) {
        fixed = o.fixed;
        place = o.place.clone();
        at = o.at.clone();
    }

    SlicePlacement copy() { return new SlicePlacement(this); }

    int size() { return place.length; }

    /** Physical position of plan position p (positions above the slice, the rank bits, are their own). */
    int physical(int p) { return p < place.length ? place[p] : p; }

    /** Plan position held at physical position x. */
    int planPosition(int x) { return x < at.length ? at[x] : x; }

    /**
     * Moves the qubits of plan positions a and b by relabelling, when neither is a fixed position;
     * false (nothing changed) when one is, and the caller must swap the data at
     * {@link #physical}(a) and {@link #physical}(b) instead.
     */
    boolean relabel(int a, int b) {
        if (a < fixed || b < fixed) return false;
        swapEntries(a, b);
        return true;
    }

    /** Plan positions a and b trade physical positions (with the data swapped by the caller, a no-op on the state). */
    void swapEntries(int a, int b) {
        int pa = place[a], pb = place[b];
        place[a] = pb;
        place[b] = pa;
        at[pb] = a;
        at[pa] = b;
    }

    /** Physical positions of plan positions 0 … m−1. */
    int[] prefix(int m) { return Arrays.copyOf(place, m); }

    boolean isIdentity() {
        for (int p = 0; p < place.length; p++) if (place[p] != p) return false;
        return true;
    }

    @Override public String toString() { return Arrays.toString(place); }
}
