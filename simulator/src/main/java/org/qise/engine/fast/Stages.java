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

    static long mask(Operation.GateOp op) {
        return Fuser.mask(op.qubits());
    }
}
