package org.qise.engine.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;
import org.qise.engine.QuantumState;
import org.qise.engine.exact.ExactEngine;
import org.qise.engine.fast.FastEngine;

/**
 * The exchange plan without MPI: replayed on one full state of the exact engine (an exchange of
 * a global and a local position is a swap of those two qubits; a local run applies its gates on
 * their physical positions, as every rank does on its slice), then permuted back to the
 * identity layout, it must give the state of the original circuit.
 */
class MpiPlanTest {

    @ParameterizedTest(name = "{0} on {1} qubits with {2} global qubit(s): the plan replays to the circuit's state, with fewer exchanges than global gates")
    @CsvSource({
            "random, 8, 1, 150",
            "random, 8, 2, 150",
            "random, 9, 3, 200",
            "qft,    8, 2, 0",
            "qft,    9, 3, 0",
    })
    void aPlanReplayedOnOneStateGivesTheCircuitsState(String kind, int n, int global, int count) {
        List<Operation.GateOp> gates = kind.equals("qft") ? MpiCheckMain.qft(n) : MpiCheckMain.random(n, count, new Random(n * 31L + global));
        MpiPlan plan;
        try (FastEngine fast = new FastEngine(1)) {
            plan = MpiPlan.compile(n, global, MpiPlan.DEFAULT_SPLIT, gates, fast);
        }
        int local = n - global;
        ExactEngine exact = new ExactEngine();
        QuantumState replay = exact.allocate(n), reference = exact.allocate(n);
        reference.applyAll(gates);
        int globalGates = 0;
        for (Operation.GateOp g : gates) {
            boolean touches = false;
            for (int q : g.qubits()) touches |= q >= local;
            if (touches) globalGates++;
        }
        for (MpiPlan.Action a : plan.actions) {
            if (a.isExchange()) {
                replay.apply(new Operation.GateOp(Gates.swap(), new int[]{a.global(), a.localPos()}, null));
            } else {
                for (Operation.GateOp g : a.localPlan().gates()) {
                    for (int q : g.qubits()) assertTrue(q < local, "a local run touches global position " + q);
                    replay.apply(g);
                }
            }
        }
        // Undo the final layout: move each logical qubit back to its own position.
        QubitLayout layout = plan.layouts.getLast().copy();
        for (int q = 0; q < n; q++) {
            int p = layout.physical(q);
            if (p != q) {
                replay.apply(new Operation.GateOp(Gates.swap(), new int[]{q, p}, null));
                layout.swapPositions(q, p);
            }
        }
        for (long i = 0; i < 1L << n; i++) {
            assertEquals(reference.re(i), replay.re(i), 1e-12, "re of amplitude " + i);
            assertEquals(reference.im(i), replay.im(i), 1e-12, "im of amplitude " + i);
        }
        assertTrue(plan.exchanges() < globalGates, plan.exchanges() + " exchanges for " + globalGates + " gates on global qubits");
        assertEquals(plan.actions.size(), plan.steps().size());
    }

    @ParameterizedTest(name = "{0} on {1} qubits, split {3}: the local runs are the same gates on the same positions for every rank count up to 2^split")
    @CsvSource({
            "random, 12, 300, 3",
            "random, 16, 200, 3",
            "qft,    14, 0,   3",
            "random, 12, 300, 6",  // a 12-qubit slice keeps 8 qubits: planned for 4, so 1 … 16 ranks
            "random, 16, 200, 6",
            "qft,    18, 0,   6",
            "random, 20, 150, 10",
    })
    void theLocalRunsDoNotDependOnTheRankCount(String kind, int n, int count, int split) {
        List<Operation.GateOp> gates = kind.equals("qft") ? MpiCheckMain.qft(n) : MpiCheckMain.random(n, count, new Random(n));
        String first = null;
        int firstMoves = -1;
        try (FastEngine fast = new FastEngine(1)) {
            for (int rankQubits = 0; rankQubits <= MpiPlan.splitQubits(n, 0, split); rankQubits++) {
                MpiPlan plan = MpiPlan.compile(n, rankQubits, split, gates, fast);
                StringBuilder sb = new StringBuilder();
                for (MpiPlan.Action a : plan.actions) {
                    if (a.isExchange()) {
                        sb.append("swap ").append(a.global()).append(' ').append(a.localPos()).append('\n');
                    } else {
                        sb.append("run of ").append(a.localPlan().numQubits()).append(" qubits:");
                        for (Operation.GateOp g : a.localPlan().gates()) sb.append(' ').append(g.gate().name()).append(java.util.Arrays.toString(g.qubits()));
                        sb.append('\n');
                    }
                }
                if (first == null) {
                    first = sb.toString();
                    firstMoves = plan.exchanges() + plan.localSwaps();
                }
                assertEquals(first, sb.toString(), "plan for " + (1 << rankQubits) + " ranks");
                // What differs is only which moves cross ranks: exchanges grow with the rank count, swaps inside a slice shrink.
                assertEquals(firstMoves, plan.exchanges() + plan.localSwaps());
                if (rankQubits == 0) assertEquals(0, plan.exchanges());
            }
        }
    }
}
