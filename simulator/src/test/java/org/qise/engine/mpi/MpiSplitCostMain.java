package org.qise.engine.mpi;

import java.util.List;
import java.util.Random;
import org.qise.bench.Workloads;
import org.qise.circuit.Operation;
import org.qise.engine.Plan;
import org.qise.engine.fast.FastEngine;

/**
 * What a larger split costs, without MPI: for each circuit and split, the plan's exchanges
 * between ranks, swaps inside the slice and memory passes, for 1 and 2 ranks (a swap inside
 * the slice is one pass over it; a local run costs its fused passes on every block).
 *
 * <p>Arguments: splits, e.g. 3,4,6,8,10. Prints one table line per circuit, split and rank count.
 */
public final class MpiSplitCostMain {
    public static void main(String[] args) {
        String[] splits = (args.length > 0 ? args[0] : "3,4,5,6,8,10").split(",");
        record Case(String name, int n, List<Operation.GateOp> gates) {}
        List<Case> cases = List.of(
                new Case("random s1", 22, MpiCheckMain.random(22, 400, new Random(1))),
                new Case("random s2", 24, MpiCheckMain.random(24, 400, new Random(2))),
                new Case("qft", 22, Workloads.circuit("qft", 22)),
                new Case("qft", 24, Workloads.circuit("qft", 24)),
                new Case("qcbm", 22, Workloads.circuit("qcbm", 22)),
                new Case("qcbm", 26, Workloads.circuit("qcbm", 26)));
        System.out.println("| circuit | qubits | gates | split | ranks | exchanges | swaps inside the slice | local runs | passes |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        try (FastEngine fast = new FastEngine(1)) {
            for (Case c : cases) {
                for (String s : splits) {
                    int split = Integer.parseInt(s.strip());
                    for (int k : new int[]{0, 1}) {
                        MpiPlan p = MpiPlan.compile(c.n(), k, split, c.gates(), fast);
                        int runs = 0;
                        long passes = 0;
                        for (MpiPlan.Action a : p.actions) {
                            if (a.isExchange()) continue;
                            runs++;
                            passes += a.localPlan().passes();
                        }
                        System.out.printf("| %s | %d | %d | %d (G=%d) | %d | %d | %d | %d | %d |%n", c.name(), c.n(), c.gates().size(), split,
                                MpiPlan.splitQubits(c.n(), k, split), 1 << k, p.exchanges(), p.localSwaps(), runs, passes + p.localSwaps() + p.exchanges());
                    }
                }
            }
        }
    }

    private MpiSplitCostMain() {}
}
