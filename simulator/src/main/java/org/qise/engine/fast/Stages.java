package org.qise.engine.fast;

import java.util.ArrayList;
import java.util.List;
import org.qise.circuit.Operation;

/**
 * Splits a gate list into stages: runs of gates that together touch at most {@code localQubits}
 * qubits, so that each stage can run chunk by chunk in cache with one memory pass (see
 * {@link StageRunner}). Any qubits may be local, not only the low ones: a chunk is the set of
 * 2^localQubits amplitudes that share the bits of every other qubit, gathered into a scratch
 * buffer.
 *
 * <p>The lowest {@code alwaysLocal} qubits belong to every stage, so that a chunk is made of
 * contiguous runs of at least 2^alwaysLocal amplitudes, which the memory streams at full speed.
 * A stage is grown greedily in gate order: a gate joins when its qubits fit (taking free local
 * slots as needed) and it commutes with every gate left out so far, i.e. shares no qubit with
 * them (moving it ahead of them is then exact). The plan depends only on the gates and the two
 * sizes, never on threads.
 */
final class Stages {
    private Stages() {}

    /**
     * One stage: its local qubits (a bit mask) and its gates (indices into the list, in order);
     * {@code wholeState} for a gate too wide for any stage, which runs on its own over the state.
     */
    record Stage(long localMask, int[] gates, boolean wholeState) {}

    /**
     * @param n            qubits of the state (more than {@code localQubits})
     * @param localQubits  qubits of a chunk
     * @param alwaysLocal  lowest qubits in every chunk
     */
    static List<Stage> plan(List<Operation.GateOp> ops, int n, int localQubits, int alwaysLocal) {
        long always = (1L << alwaysLocal) - 1;
        List<Integer> remaining = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) remaining.add(i);
        long used = 0; // every qubit some gate touches
        for (Operation.GateOp op : ops) used |= mask(op);
        List<Stage> stages = new ArrayList<>();
        while (!remaining.isEmpty()) {
            long local = always, blocked = 0;
            List<Integer> taken = new ArrayList<>(), rest = new ArrayList<>();
            for (int k = 0; k < remaining.size(); k++) {
                int i = remaining.get(k);
                if ((blocked & used) == used) {
                    // Every qubit is blocked: no later gate can join, so a long list is planned in
                    // linear rather than quadratic time.
                    rest.addAll(remaining.subList(k, remaining.size()));
                    break;
                }
                long m = mask(ops.get(i));
                if ((m & blocked) == 0 && Long.bitCount(local | m) <= localQubits) {
                    local |= m;
                    taken.add(i);
                } else {
                    blocked |= m;
                    rest.add(i);
                }
            }
            if (taken.isEmpty()) {
                // The first gate alone is wider than a stage: it runs by itself on the whole state.
                int first = remaining.get(0);
                rest.remove(0);
                stages.add(new Stage(mask(ops.get(first)), new int[]{first}, true));
            } else {
                // Free slots take the lowest qubits left out: longer contiguous runs per chunk.
                for (int q = 0; q < n && Long.bitCount(local) < localQubits; q++) local |= 1L << q;
                stages.add(new Stage(local, taken.stream().mapToInt(Integer::intValue).toArray(), false));
            }
            remaining = rest;
        }
        return stages;
    }

    /**
     * The plan of {@link #plan} whose memory passes cost least ({@link #passCost}), over every
     * number of always-local qubits from {@code minAlwaysLocal} to {@code localQubits - 4} (the
     * fewest on a tie). More always-local qubits leave fewer free slots, which can make more
     * stages, but stages whose gates stay on the low qubits then run in place and the others copy
     * longer runs: qcbm at 24 qubits, with the lowest 10 qubits always local instead of 8, has 20
     * stages instead of 18 and takes 8 % less thread CPU (docs/engine.md, "Stages in place"). The
     * choice depends only on the gates and the sizes, never on threads or the machine.
     */
    static List<Stage> cheapestPlan(List<Operation.GateOp> ops, int n, int localQubits, int minAlwaysLocal) {
        List<Stage> best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int always = minAlwaysLocal; always <= Math.max(minAlwaysLocal, localQubits - 4); always++) {
            List<Stage> stages = plan(ops, n, localQubits, always);
            double cost = 0;
            for (Stage s : stages) cost += passCost(s, localQubits);
            if (cost < bestCost) {
                best = stages;
                bestCost = cost;
            }
        }
        return best;
    }

    /**
     * Modelled cost of a stage's memory pass, in passes of a stage that runs in place. A stage
     * whose local qubits are the lowest ones, a lone gate and a gate wider than a chunk run
     * straight on the state; any other stage copies each chunk into the scratch and back, in runs
     * of 2^r amplitudes (r its lowest local qubits in a row), which costs more the shorter the
     * runs. Measured at 24 qubits, one stage of rz gates, one thread (scratch {@code StageCost}):
     * in place 17 ms (single) and 27 ms (double); copied with runs of 2^8 amplitudes 1.9× and
     * 2.1× that, 2^10 1.75× and 1.85×, 2^11 1.5× and 1.7×, 2^13 and longer 1.45× and 1.6×.
     * Runs of 2^4 to 2^7 measured 2.0–2.5× in that probe, but plans that copied them in every
     * other stage of qcbm (24 qubits, both precisions; 28 in double) ran 15–18 % slower than the
     * plans the probe's price rejected, so they are priced at 3.5 from those runs; random and
     * qft, whose stages they cut from 8–17 to 3–5, still take them.
     */
    static double passCost(Stage s, int localQubits) {
        if (s.wholeState() || s.gates().length == 1) return 1;
        int run = Long.numberOfTrailingZeros(~s.localMask());
        if (run >= localQubits) return 1;
        return COPIED_PASS_COST[Math.min(Math.max(run - 4, 0), COPIED_PASS_COST.length - 1)];
    }

    /** {@link #passCost} of a copied stage whose runs are 2^4 (or fewer), 2^5, … 2^13 or more amplitudes. */
    private static final double[] COPIED_PASS_COST = {3.5, 3.5, 3.5, 3.5, 2.0, 1.9, 1.8, 1.6, 1.55, 1.5};

    static long mask(Operation.GateOp op) {
        return Fuser.mask(op.qubits());
    }
}
