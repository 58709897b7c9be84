package org.qise.gradient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Splits the backward pass into runs, each un-applied in one pass over the states tile by tile
 * ({@link Tiles}). A run takes units last to first whose qubits fit in one tile of T qubits
 * together, each sharing no qubit with a unit left out before it (so un-applying it earlier than
 * that one is exact: they commute). Every pass streams both states through memory, so fewer runs
 * is the aim.
 *
 * <p>Which qubits a run's tile holds decides how much it can take. Growing the tile with the
 * units as they come (the first candidate) is the best choice for one run, but not for the
 * next: on a cx staircase it leaves a layer that needs two more qubits than a tile has, and each
 * layer after it then takes a pass of its own. So the tile is chosen among the grown one and
 * windows of consecutive qubits by what it and the best run after it take together (a look-ahead
 * of one run): the 20-qubit benchmark ansatz then takes 3 passes instead of 5. The lowest qubits
 * always belong to the tile, so that it gathers whole cache lines (a tile of only high qubits
 * would read 16 bytes of every 64 it fetches).
 */
final class Runs {
    private Runs() {}

    /** A run: units in circuit order, and the tile's qubits as a bit mask. */
    record Run(List<Integer> units, long tile) {}

    /**
     * @param masks  the qubits of each unit, as bit masks
     * @param first  units before this one are not un-applied
     * @param n      qubits of the state
     * @param t      qubits of a tile (at most n)
     * @param low    qubits 0…low−1 are in every tile
     */
    static List<Run> plan(long[] masks, int first, int n, int t, int low) {
        long lowMask = (1L << Math.min(n, low)) - 1;
        List<Long> seeds = new ArrayList<>();
        seeds.add(lowMask); // grown with the units as they come
        int width = t - Long.bitCount(lowMask);
        for (int s = Math.min(n, low); width > 0 && s + width <= n; s++) {
            long seed = lowMask | (((1L << width) - 1) << s);
            if (!seeds.contains(seed)) seeds.add(seed);
        }
        // units still to un-apply, last first
        List<Integer> remaining = new ArrayList<>();
        for (int i = masks.length - 1; i >= first; i--) remaining.add(i);
        List<Run> runs = new ArrayList<>();
        while (!remaining.isEmpty()) {
            // the qubits of the units left: once every one of them is blocked, a take can stop
            // (a qubit used only by units already un-applied would otherwise keep it scanning)
            long used = 0;
            for (int i : remaining) used |= masks[i];
            Take best = null;
            int bestScore = -1;
            for (long seed : seeds) {
                Take one = take(masks, remaining, seed, t, used);
                if (one.taken.isEmpty()) continue;
                int score = one.taken.size();
                if (!one.rest.isEmpty()) {
                    int next = 0;
                    for (long seed2 : seeds) next = Math.max(next, take(masks, one.rest, seed2, t, used).taken.size());
                    score += next;
                }
                if (score > bestScore) { // ties keep the earlier candidate: the grown tile first
                    best = one;
                    bestScore = score;
                }
            }
            if (best == null) throw new IllegalStateException("a gate on more than " + t + " qubits");
            Collections.reverse(best.taken); // circuit order, as Tiles expects
            runs.add(new Run(best.taken, best.tile));
            remaining = best.rest;
        }
        return runs;
    }

    private record Take(List<Integer> taken, List<Integer> rest, long tile) {}

    /** The units a tile that starts as {@code seed} (and grows up to t qubits) takes from {@code remaining}, last first. */
    private static Take take(long[] masks, List<Integer> remaining, long seed, int t, long used) {
        long tile = seed, blocked = 0;
        List<Integer> taken = new ArrayList<>(), rest = new ArrayList<>();
        for (int r = 0; r < remaining.size(); r++) {
            int i = remaining.get(r);
            if ((blocked & used) == used) { // nothing later can join: linear, not quadratic, time
                rest.addAll(remaining.subList(r, remaining.size()));
                break;
            }
            long m = masks[i];
            if ((m & blocked) == 0 && Long.bitCount(tile | m) <= t) {
                tile |= m;
                taken.add(i);
            } else {
                blocked |= m;
                rest.add(i);
            }
        }
        return new Take(taken, rest, tile);
    }
}
