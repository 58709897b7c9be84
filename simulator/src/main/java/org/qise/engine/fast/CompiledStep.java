package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.qise.circuit.Operation;
import org.qise.engine.Plan;

/**
 * One step of a {@link FastPlan}, ready to run: its kernels are built once, at compile time,
 * and are immutable, so a step may run on many states and many threads.
 */
abstract sealed class CompiledStep {
    final Plan.Step description;

    private CompiledStep(Plan.Step description) {
        this.description = description;
    }

    abstract void run(MemorySegment amps, ParallelRunner runner, int n);

    /** Fused blocks one after another, each a pass over the whole state. */
    static CompiledStep wholeState(List<Operation.GateOp> gates, List<Fuser.Block> blocks, int n) {
        Kernel[] kernels = new Kernel[blocks.size()];
        List<String> lines = new ArrayList<>();
        double cost = 0;
        for (int i = 0; i < kernels.length; i++) {
            kernels[i] = blocks.get(i).kernel(n);
            lines.add(describe(blocks.get(i), null, kernels[i]));
            cost += BlockCost.of(blocks.get(i)) * AmplitudeMemory.vectorsFor(n);
        }
        String kind = n < StageRunner.MIN_STAGED_QUBITS && blocks.size() > 1 ? "in-cache blocks" : "whole-state pass";
        return new WholeState(new Plan.Step(gates, kind, lines, kernels.length, cost), kernels);
    }

    /** A stage: blocks on a chunk's local qubits, run chunk by chunk in cache. */
    static CompiledStep staged(List<Operation.GateOp> gates, long localMask, List<Fuser.Block> localBlocks, int n) {
        int local = Long.bitCount(localMask);
        int[] toGlobal = new int[local];
        for (int q = 0, j = 0; q < n; q++) if ((localMask >> q & 1) == 1) toGlobal[j++] = q;
        Kernel[] kernels = new Kernel[localBlocks.size()];
        List<String> lines = new ArrayList<>();
        double cost = 0;
        for (int i = 0; i < kernels.length; i++) {
            kernels[i] = localBlocks.get(i).kernel(local);
            lines.add(describe(localBlocks.get(i), toGlobal, kernels[i]));
            cost += BlockCost.of(localBlocks.get(i)) * AmplitudeMemory.vectorsFor(n);
        }
        String kind = "stage of " + local + " local qubits " + qubitList(localMask);
        return new Staged(new Plan.Step(gates, kind, lines, 1, cost), localMask, kernels);
    }

    private static String describe(Fuser.Block b, int[] toGlobal, Kernel k) {
        int[] q = qubits(b.qubitMask());
        if (toGlobal != null) for (int i = 0; i < q.length; i++) q[i] = toGlobal[q[i]];
        String what = switch (b) {
            case Fuser.Single s -> s.op().gate().name();
            case Fuser.Dense d -> "fused dense";
            case Fuser.Diagonal d -> "fused diagonal";
            default -> "block";
        };
        return String.format("%-15s %d qubit(s) %-16s -> %s", what, q.length, Arrays.toString(q), k.getClass().getName().replace(Kernel.class.getPackageName() + ".", ""));
    }

    private static int[] qubits(long mask) {
        int[] q = new int[Long.bitCount(mask)];
        for (int i = 0, b = 0; b < 64; b++) if ((mask >> b & 1) == 1) q[i++] = b;
        return q;
    }

    private static String qubitList(long mask) {
        int[] q = qubits(mask);
        // Runs of consecutive qubits shortened to a-b.
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < q.length; ) {
            int j = i;
            while (j + 1 < q.length && q[j + 1] == q[j] + 1) j++;
            if (sb.length() > 1) sb.append(',');
            sb.append(q[i]);
            if (j > i) sb.append('-').append(q[j]);
            i = j + 1;
        }
        return sb.append('}').toString();
    }

    static final class WholeState extends CompiledStep {
        private final Kernel[] kernels;

        WholeState(Plan.Step description, Kernel[] kernels) {
            super(description);
            this.kernels = kernels;
        }

        @Override
        void run(MemorySegment amps, ParallelRunner runner, int n) {
            for (Kernel k : kernels) runner.runKernel(k, amps);
        }
    }

    static final class Staged extends CompiledStep {
        private final long localMask;
        private final Kernel[] kernels;

        Staged(Plan.Step description, long localMask, Kernel[] kernels) {
            super(description);
            this.localMask = localMask;
            this.kernels = kernels;
        }

        @Override
        void run(MemorySegment amps, ParallelRunner runner, int n) {
            StageRunner.runStaged(localMask, kernels, n, amps, runner);
        }
    }
}
