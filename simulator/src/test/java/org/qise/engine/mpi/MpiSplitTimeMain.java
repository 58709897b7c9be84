package org.qise.engine.mpi;

import java.util.List;
import java.util.Random;
import org.qise.bench.Workloads;
import org.qise.circuit.Operation;
import org.qise.engine.QuantumState;

/**
 * Wall time of one planned circuit on the mpi engine for a given split (run under mpirun): the
 * plan is run on a fresh state four times (the first run warms the JIT up), and rank 0 prints the
 * first time and the least of the other three, with the exchanges and swaps inside the slice. For the split's cost in docs/mpi.md.
 *
 * <p>Arguments: kind (random | qft | qcbm), qubits, gates (random only), seed, split, threads.
 */
public final class MpiSplitTimeMain {
    public static void main(String[] args) {
        String kind = args[0];
        int n = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        int split = Integer.parseInt(args[4]);
        int threads = Integer.parseInt(args[5]);
        List<Operation.GateOp> gates = kind.equals("random") ? MpiCheckMain.random(n, count, new Random(seed)) : Workloads.circuit(kind, n);
        try (MpiEngine mpi = MpiEngine.start(threads, split)) {
            MpiPlan plan = (MpiPlan) mpi.compile(n, gates);
            double[] seconds = new double[4];
            double p1 = 0;
            for (int round = 0; round < 4; round++) {
                try (QuantumState s = mpi.allocate(n)) {
                    mpi.mpi.barrier();
                    long t0 = System.nanoTime();
                    s.run(plan);
                    mpi.mpi.barrier();
                    seconds[round] = (System.nanoTime() - t0) / 1e9;
                    p1 = s.probabilityOfOne(n - 1);
                }
            }
            if (mpi.rank() == 0) {
                System.out.printf("TIME kind=%s qubits=%d gates=%d ranks=%d threads=%d split=%d exchanges=%d localSwaps=%d first=%.2fs best=%.2fs p1=%016x%n",
                        kind, n, gates.size(), mpi.ranks(), threads, split, plan.exchanges(), plan.localSwaps(), seconds[0], Math.min(seconds[1], Math.min(seconds[2], seconds[3])),
                        Double.doubleToLongBits(p1));
            }
        }
    }

    private MpiSplitTimeMain() {}
}
