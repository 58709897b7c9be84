package org.qise.engine.mpi;

import java.util.ArrayList;
import java.util.List;
import org.qise.engine.Plan;
import org.qise.engine.fast.FastStateMemory;

/**
 * Local runs that one memory pass can serve: on a rank count below 2^split, a plan's moves
 * inside the slice are relabellings, yet each still ends a local run (on 2^split ranks it is an
 * exchange), so a large split cuts the circuit into many short runs. Consecutive runs separated
 * only by relabellings, whose placed qubits together fit one chunk of
 * {@link FastStateMemory#gatheredQubits()}, run in one pass
 * ({@link FastStateMemory#runPlacedGroup}) with the same bits as one by one.
 *
 * @param end    the first action after the group
 * @param plans  the group's local plans, in order
 * @param places where each plan's qubits lie when it runs
 */
record RunGroup(int end, List<Plan> plans, List<int[]> places) {
    /**
     * The group starting at local run {@code from} (actions before {@code to}), given the
     * placement before it (not changed): it stops before an exchange between ranks, before a move
     * that has to swap data, and before a run whose qubits would make the chunk too wide. Trailing
     * relabellings are left out.
     */
    static RunGroup at(MpiPlan plan, int from, int to, SlicePlacement where, int realLocal, int local) {
        SlicePlacement w = where.copy();
        List<Plan> plans = new ArrayList<>();
        List<int[]> places = new ArrayList<>();
        long union = 0;
        int end = from;
        for (int i = from; i < to; i++) {
            MpiPlan.Action a = plan.actions.get(i);
            if (a.isExchange()) {
                if (a.global() >= realLocal || !w.relabel(a.global(), a.localPos())) break;
                continue;
            }
            int[] place = w.prefix(local);
            long u = union;
            for (int x : place) u |= 1L << x;
            if (!plans.isEmpty() && Long.bitCount(u) > FastStateMemory.gatheredQubits()) break;
            union = u;
            plans.add(a.localPlan());
            places.add(place);
            end = i + 1;
        }
        return new RunGroup(end, plans, places);
    }
}
