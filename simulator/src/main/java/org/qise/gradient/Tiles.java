package org.qise.gradient;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.qise.circuit.Operation;

/**
 * Un-applies a run of gates tile by tile. A tile is the set of amplitudes that agree on every
 * bit outside a chosen set of T qubits (the run's qubits, topped up with the lowest others):
 * it holds whole groups of every gate in the run, so the run can be un-applied on a copy of the
 * tile that stays in cache, and each state is streamed through memory once per run instead of
 * once per gate. The G sums of each gate are added tile after tile, in a fixed order.
 */
final class Tiles {
    private Tiles() {}

    /**
     * @param run    consecutive gates in circuit order; they are un-applied last to first
     * @param qubits the union of their qubits (at most {@link AdjointGradient#TILE_QUBITS})
     * @param g      per gate of the run, null or the G sums to add to (see {@link Amplitudes#backward})
     */
    static void backward(List<Operation.GateOp> run, Set<Integer> qubits, Amplitudes psi, Amplitudes lambda, double[][] g) {
        int n = psi.n;
        int t = Math.min(n, AdjointGradient.TILE_QUBITS);
        if (t == n) { // the whole state is one tile
            for (int i = run.size() - 1; i >= 0; i--) Amplitudes.backward(run.get(i), psi, lambda, g[i], 0, 1 << n);
            return;
        }
        int[] tileQubits = new int[t];
        int count = 0;
        for (int q : qubits) tileQubits[count++] = q;
        for (int q = 0; count < t; q++) if (!qubits.contains(q)) tileQubits[count++] = q;
        Arrays.sort(tileQubits);
        int[] position = new int[n];
        Arrays.fill(position, -1);
        for (int j = 0; j < t; j++) position[tileQubits[j]] = j;
        // the run's gates on the tile's own numbering
        Operation.GateOp[] local = new Operation.GateOp[run.size()];
        for (int i = 0; i < local.length; i++) {
            int[] q = run.get(i).qubits();
            for (int j = 0; j < q.length; j++) q[j] = position[q[j]];
            local[i] = new Operation.GateOp(run.get(i).gate(), q, null);
        }
        int size = 1 << t;
        int[] offset = new int[size];
        for (int l = 0; l < size; l++) {
            int o = 0;
            for (int j = 0; j < t; j++) if ((l >> j & 1) == 1) o |= 1 << tileQubits[j];
            offset[l] = o;
        }
        Amplitudes tp = new Amplitudes(t), tl = new Amplitudes(t);
        double[] p = psi.a, lam = lambda.a, a = tp.a, b = tl.a;
        int tiles = 1 << (n - t);
        for (int tile = 0; tile < tiles; tile++) {
            int base = tile;
            for (int q : tileQubits) base = ((base >>> q) << (q + 1)) | (base & ((1 << q) - 1));
            for (int l = 0; l < size; l++) {
                int i = 2 * (base | offset[l]);
                a[2 * l] = p[i];
                a[2 * l + 1] = p[i + 1];
                b[2 * l] = lam[i];
                b[2 * l + 1] = lam[i + 1];
            }
            for (int i = local.length - 1; i >= 0; i--) Amplitudes.backward(local[i], tp, tl, g[i], 0, size);
            for (int l = 0; l < size; l++) {
                int i = 2 * (base | offset[l]);
                p[i] = a[2 * l];
                p[i + 1] = a[2 * l + 1];
                lam[i] = b[2 * l];
                lam[i + 1] = b[2 * l + 1];
            }
        }
    }
}
