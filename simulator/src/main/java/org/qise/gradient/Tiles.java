package org.qise.gradient;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
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
     * @param pool   threads for the tiles, or null to run them on the caller's thread
     */
    static void backward(List<Operation.GateOp> run, Set<Integer> qubits, Amplitudes psi, Amplitudes lambda, double[][] g,
                         ExecutorService pool, Scratch scratch) {
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
        // Tiles are disjoint, so chunks of them can run side by side. Each chunk sums its own G and
        // the chunks' sums are added in chunk order: the same bits on any number of threads.
        int tiles = 1 << (n - t);
        int chunks = Math.min(tiles, CHUNKS);
        double[][][] partial = new double[chunks][g.length][];
        Workers.forEach(pool, chunks, chunk -> {
            for (int i = 0; i < g.length; i++) if (g[i] != null) partial[chunk][i] = new double[g[i].length];
            runTiles(local, tileQubits, offset, psi, lambda, partial[chunk], scratch,
                    (int) ((long) tiles * chunk / chunks), (int) ((long) tiles * (chunk + 1) / chunks), t);
        });
        for (double[][] part : partial) {
            for (int i = 0; i < g.length; i++) {
                if (g[i] != null) for (int e = 0; e < g[i].length; e++) g[i][e] += part[i][e];
            }
        }
    }

    /**
     * Tile copies of both states for the chunks, made once per gradient and handed from chunk to
     * chunk (a tile pass would otherwise allocate and zero 2^t amplitudes twice per chunk). Every
     * amplitude of a copy is gathered before it is read, so what a copy held before is never seen.
     */
    static final class Scratch {
        private final java.util.concurrent.ConcurrentLinkedQueue<Amplitudes[]> free = new java.util.concurrent.ConcurrentLinkedQueue<>();

        Amplitudes[] take(int t) {
            Amplitudes[] pair = free.poll();
            return pair != null && pair[0].n == t ? pair : new Amplitudes[]{new Amplitudes(t), new Amplitudes(t)};
        }

        void give(Amplitudes[] pair) { free.add(pair); }
    }

    /** Fixed, whatever the thread count, so that the order of the G additions is too. */
    static final int CHUNKS = 64;

    /**
     * Gathers each tile of [firstTile, endTile), un-applies the run on it, scatters it back; or,
     * when the tile's qubits are the lowest ones, un-applies the run in place.
     */
    private static void runTiles(Operation.GateOp[] local, int[] tileQubits, int[] offset, Amplitudes psi, Amplitudes lambda,
                                 double[][] g, Scratch scratch, int firstTile, int endTile, int t) {
        int size = 1 << t;
        if (tileQubits[t - 1] == t - 1) {
            // the tile is qubits 0…t−1: each tile is one contiguous range of the states, already
            // cache-sized, so it is un-applied where it lies (a copy would only add two passes)
            for (int tile = firstTile; tile < endTile; tile++) {
                int from = tile << t;
                for (int i = local.length - 1; i >= 0; i--) Amplitudes.backward(local[i], psi, lambda, g[i], from, from + size);
            }
            return;
        }
        Amplitudes[] pair = scratch.take(t);
        Amplitudes tp = pair[0], tl = pair[1];
        double[] p = psi.a, lam = lambda.a, a = tp.a, b = tl.a;
        // tile qubits 0…r−1 are the state's qubits 0…r−1: blocks of 2^r amplitudes are contiguous
        int r = 0;
        while (r < t && tileQubits[r] == r) r++;
        int block = 1 << r, doubles = 2 << r;
        for (int tile = firstTile; tile < endTile; tile++) {
            int base = tile;
            for (int q : tileQubits) base = ((base >>> q) << (q + 1)) | (base & ((1 << q) - 1));
            for (int l = 0; l < size; l += block) {
                int i = 2 * (base | offset[l]);
                System.arraycopy(p, i, a, 2 * l, doubles);
                System.arraycopy(lam, i, b, 2 * l, doubles);
            }
            for (int i = local.length - 1; i >= 0; i--) Amplitudes.backward(local[i], tp, tl, g[i], 0, size);
            for (int l = 0; l < size; l += block) {
                int i = 2 * (base | offset[l]);
                System.arraycopy(a, 2 * l, p, i, doubles);
                System.arraycopy(b, 2 * l, lam, i, doubles);
            }
        }
        scratch.give(pair);
    }
}
