package org.qise.engine.mpi;

import java.util.List;
import java.util.Random;
import org.qise.bench.Workloads;
import org.qise.circuit.Operation;
import org.qise.engine.Plan;
import org.qise.engine.fast.FastEngine;
import org.qise.engine.fast.FastStateMemory;

/**
 * What a larger split costs, without MPI: for each circuit and split, the plan's exchanges
 * between ranks, its moves inside the slice (relabelled, or swapped when a lane position is
 * involved), and memory passes over the slice, for 1 and 2 ranks. Memory passes: one per
 * exchange and per swap of data, and per local run its fused passes, or one when its plan is
 * under {@code MIN_STAGED} qubits (its blocks stay in cache through all of the plan's steps) or
 * when it shares a pass with the runs around it ({@link RunGroup}).
 * "kernel passes" is the former count: every fused pass of every local run, plus every move
 * inside the slice as a swap.
 *
 * <p>Arguments: splits, e.g. 3,4,6,8,10, and the log2 of the rank counts (default 0,1). Prints one
 * table line per circuit, split and rank count.
 */
public final class MpiSplitCostMain {
    /** Plans under this many qubits run on blocks that stay in cache (the fast engine's MIN_STAGED_QUBITS). */
    private static final int IN_CACHE_QUBITS = 13;

    public static void main(String[] args) {
        String[] splits = (args.length > 0 ? args[0] : "3,4,5,6,8,10").split(",");
        int[] rankQubits = java.util.Arrays.stream((args.length > 1 ? args[1] : "0,1").split(",")).mapToInt(x -> Integer.parseInt(x.strip())).toArray();
        record Case(String name, int n, List<Operation.GateOp> gates) {}
        List<Case> cases = List.of(
                new Case("random s1", 22, MpiCheckMain.random(22, 400, new Random(1))),
                new Case("random s2", 24, MpiCheckMain.random(24, 400, new Random(2))),
                new Case("qft", 22, Workloads.circuit("qft", 22)),
                new Case("qft", 24, Workloads.circuit("qft", 24)),
                new Case("qcbm", 22, Workloads.circuit("qcbm", 22)),
                new Case("qcbm", 26, Workloads.circuit("qcbm", 26)),
                new Case("random s3", 30, MpiCheckMain.random(30, 400, new Random(3))),
                new Case("qcbm", 30, Workloads.circuit("qcbm", 30)));
        System.out.println("| circuit | qubits | gates | split | ranks | exchanges | relabels | swaps of data | local runs | memory passes | kernel passes (former count) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        int lanes = FastStateMemory.laneQubits();
        try (FastEngine fast = new FastEngine(1)) {
            for (Case c : cases) {
                for (String s : splits) {
                    int split = Integer.parseInt(s.strip());
                    for (int k : rankQubits) {
                        MpiPlan p = MpiPlan.compile(c.n(), k, split, c.gates(), fast);
                        int runs = 0, relabels = 0, dataSwaps = 0, realLocal = c.n() - k, local = p.layouts.getFirst().local;
                        long kernelPasses = 0, memoryPasses = 0;
                        SlicePlacement where = new SlicePlacement(realLocal, lanes);
                        for (int i = 0; i < p.actions.size(); ) {
                            MpiPlan.Action a = p.actions.get(i);
                            if (a.isExchange()) {
                                i++;
                                if (a.global() >= realLocal) continue;
                                if (where.relabel(a.global(), a.localPos())) relabels++;
                                else dataSwaps++;
                                continue;
                            }
                            // As MpiState.run: runs separated only by relabellings share one pass.
                            RunGroup group = RunGroup.at(p, i, p.actions.size(), where, realLocal, local);
                            for (int j = i; j < group.end(); j++) {
                                MpiPlan.Action b = p.actions.get(j);
                                if (b.isExchange()) {
                                    where.relabel(b.global(), b.localPos());
                                    relabels++;
                                } else {
                                    runs++;
                                    kernelPasses += b.localPlan().passes();
                                }
                            }
                            memoryPasses += group.plans().size() > 1 || local < IN_CACHE_QUBITS ? 1 : a.localPlan().passes();
                            i = group.end();
                        }
                        System.out.printf("| %s | %d | %d | %d (G=%d) | %d | %d | %d | %d | %d | %d | %d |%n", c.name(), c.n(), c.gates().size(), split,
                                MpiPlan.splitQubits(c.n(), k, split), 1 << k, p.exchanges(), relabels, dataSwaps, runs,
                                memoryPasses + dataSwaps + p.exchanges(), kernelPasses + p.localSwaps() + p.exchanges());
                    }
                }
            }
        }
    }

    private MpiSplitCostMain() {}
}
