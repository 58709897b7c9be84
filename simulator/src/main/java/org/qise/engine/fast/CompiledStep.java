package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.qise.circuit.Operation;
import org.qise.engine.Plan;

/**
 * One step of a {@link FastPlan}, ready to run: its kernels are built once, at compile time,
 * and are immutable, so a step may run on many states and many threads. Its description
 * ({@link #describe}) is built only when someone asks (explain), not on every compilation.
 */
abstract sealed class CompiledStep {
    final List<Operation.GateOp> gates;
    final List<Fuser.Block> blocks;
    final Kernel[] kernels;
    /** The plan's index of each gate of the step. */
    final int[] indices;
    /** The gates as they were fused (on a stage's local qubits for a stage), and their grouping into the blocks. */
    final List<Operation.GateOp> fused;
    final List<Fuser.Group> groups;

    private CompiledStep(List<Operation.GateOp> gates, int[] indices, List<Operation.GateOp> fused, List<Fuser.Group> groups,
                         List<Fuser.Block> blocks, Kernel[] kernels) {
        this.gates = List.copyOf(gates);
        this.indices = indices;
        this.fused = List.copyOf(fused);
        this.groups = List.copyOf(groups);
        this.blocks = blocks;
        this.kernels = kernels;
    }

    /** Qubits of the state the kernels run on: the whole state, or a stage's chunk. */
    abstract int kernelQubits(int n);

    /** The same step over other blocks and kernels. */
    abstract CompiledStep with(List<Operation.GateOp> gates, List<Operation.GateOp> fused, List<Fuser.Block> blocks, Kernel[] kernels);

    /**
     * The step for new gates that differ from its own only in the matrices of the gates marked
     * {@code changed} (by plan index), with the same kinds: the grouping stays, and only the
     * blocks holding a changed gate are multiplied out and given kernels again; the step itself
     * when none of its gates changed.
     *
     * @param refreshed counts the blocks rebuilt (element 0)
     */
    CompiledStep rebind(List<Operation.GateOp> planGates, boolean[] changed, int n, int[] refreshed) {
        boolean any = false;
        for (int i : indices) any |= changed[i];
        if (!any) return this;
        List<Operation.GateOp> newGates = new ArrayList<>(gates.size()), newFused = new ArrayList<>(fused.size());
        for (int k = 0; k < indices.length; k++) {
            Operation.GateOp g = planGates.get(indices[k]);
            newGates.add(g);
            newFused.add(changed[indices[k]] ? new Operation.GateOp(g.gate(), fused.get(k).qubits(), null) : fused.get(k));
        }
        List<Fuser.Block> newBlocks = new ArrayList<>(blocks);
        Kernel[] newKernels = kernels.clone();
        for (int b = 0; b < groups.size(); b++) {
            boolean hit = false;
            for (int m : groups.get(b).members()) hit |= changed[indices[m]];
            if (!hit) continue;
            newBlocks.set(b, Fuser.build(newFused, groups.get(b)));
            newKernels[b] = newBlocks.get(b).kernel(kernelQubits(n));
            refreshed[0]++;
        }
        return with(newGates, newFused, List.copyOf(newBlocks), newKernels);
    }

    abstract void run(MemorySegment amps, ParallelRunner runner, int n);

    /** Float kernels of the blocks (see {@link FloatBlocks}), built on the first single-precision run; NONE when a block has none. */
    private volatile FloatBlocks.FloatKernel[] floatKernels;
    private static final FloatBlocks.FloatKernel[] NONE = new FloatBlocks.FloatKernel[0];

    /** The blocks' float kernels on a state (or chunk) of {@code qubits} qubits, or null to widen to double instead. */
    final FloatBlocks.FloatKernel[] floatKernels(int qubits) {
        FloatBlocks.FloatKernel[] f = floatKernels;
        if (f == null) {
            // Two threads may both build them: the kernels come out the same, so either may stay.
            f = FloatBlocks.forBlocks(blocks, qubits);
            floatKernels = f = f == null ? NONE : f;
        }
        return f == NONE ? null : f;
    }

    /** Runs the step on a single-precision state ({@link FloatLayout}). */
    abstract void runSingle(MemorySegment floats, ParallelRunner runner, int n);

    /** What the step does, for {@link Plan#steps()}. */
    abstract Plan.Step describe(int n);

    /** One line per block, and the modelled cost of all of them. */
    private static Plan.Step describe(String kind, List<Operation.GateOp> gates, List<Fuser.Block> blocks, Kernel[] kernels,
                                      int[] toGlobal, int passes, int n) {
        List<String> lines = new ArrayList<>();
        double cost = 0;
        for (int i = 0; i < kernels.length; i++) {
            lines.add(describe(blocks.get(i), toGlobal, kernels[i]));
            cost += BlockCost.of(blocks.get(i)) * AmplitudeMemory.vectorsFor(n);
        }
        return new Plan.Step(gates, kind, lines, passes, cost);
    }

    /** Fused blocks one after another, each a pass over the whole state. */
    static CompiledStep wholeState(List<Operation.GateOp> gates, int[] indices, List<Operation.GateOp> fused, List<Fuser.Group> groups, int n) {
        return wholeState(gates, indices, fused, groups, Fuser.build(fused, groups), n);
    }

    /** As {@link #wholeState(List, int[], List, List, int)}, with the blocks already built from {@code fused}. */
    static CompiledStep wholeState(List<Operation.GateOp> gates, int[] indices, List<Operation.GateOp> fused, List<Fuser.Group> groups,
                                   List<Fuser.Block> blocks, int n) {
        Kernel[] kernels = new Kernel[blocks.size()];
        for (int i = 0; i < kernels.length; i++) kernels[i] = blocks.get(i).kernel(n);
        return new WholeState(gates, indices, fused, groups, blocks, kernels);
    }

    /** A stage: blocks on a chunk's local qubits, run chunk by chunk in cache. */
    static CompiledStep staged(List<Operation.GateOp> gates, int[] indices, List<Operation.GateOp> localOps, List<Fuser.Group> groups,
                               long localMask, int n) {
        int local = Long.bitCount(localMask);
        List<Fuser.Block> localBlocks = Fuser.build(localOps, groups);
        Kernel[] kernels = new Kernel[localBlocks.size()];
        for (int i = 0; i < kernels.length; i++) kernels[i] = localBlocks.get(i).kernel(local);
        return new Staged(gates, indices, localOps, groups, localBlocks, kernels, localMask);
    }

    private static String describe(Fuser.Block b, int[] toGlobal, Kernel k) {
        int[] q = qubits(b.qubitMask());
        if (toGlobal != null) for (int i = 0; i < q.length; i++) q[i] = toGlobal[q[i]];
        String what = switch (b) {
            case Fuser.Single s -> s.op().gate().name();
            case Fuser.Dense d -> "fused dense";
            case Fuser.Diagonal d -> "fused diagonal";
            case Fuser.Run r -> "gate run (" + r.ops().size() + ")";
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
        WholeState(List<Operation.GateOp> gates, int[] indices, List<Operation.GateOp> fused, List<Fuser.Group> groups,
                   List<Fuser.Block> blocks, Kernel[] kernels) {
            super(gates, indices, fused, groups, blocks, kernels);
        }

        @Override int kernelQubits(int n) { return n; }

        @Override
        CompiledStep with(List<Operation.GateOp> gates, List<Operation.GateOp> fused, List<Fuser.Block> blocks, Kernel[] kernels) {
            return new WholeState(gates, indices, fused, groups, blocks, kernels);
        }

        /**
         * Kernel by kernel over the whole state, except that consecutive kernels that mix vectors
         * only within L2 tiles run tile by tile, as a stage's do ({@link TileKernel#runTiled}).
         */
        @Override
        void run(MemorySegment amps, ParallelRunner runner, int n) {
            TileKernel.runTiled(kernels, amps, Math.max(0, n - Lanes.LOW_QUBITS), StageRunner.TILE_QUBITS - Lanes.LOW_QUBITS, runner);
        }

        /**
         * In float, tiled as {@link #run} is; a state of less than a chunk's size with a block that
         * has no float kernel widens into the double scratch ({@link FloatStages#runWhole}).
         */
        @Override
        void runSingle(MemorySegment floats, ParallelRunner runner, int n) {
            FloatBlocks.FloatKernel[] f = floatKernels(n);
            if (f == null) {
                FloatStages.runWhole(kernels, n, floats);
                return;
            }
            TileKernel.runTiled(f, floats, Math.max(0, n - FloatGateKernel.LOW_QUBITS), FloatBlocks.TILE_QUBITS - FloatGateKernel.LOW_QUBITS, runner);
        }

        @Override
        Plan.Step describe(int n) {
            String kind = kernels.length > 1 && StageRunner.unstaged(n) ? "in-cache blocks" : "whole-state pass";
            return CompiledStep.describe(kind, gates, blocks, kernels, null, kernels.length, n);
        }
    }

    /**
     * One gate with a single target in a single-precision plan: on a float state it runs as a
     * {@link FloatGateKernel} straight on the floats (one pass, no widening); on a double state
     * (a plan run gate by gate elsewhere) as the whole-state double kernel.
     */
    static final class FloatGate extends CompiledStep {
        private final FloatGateKernel floatKernel;
        private final int numQubits;

        FloatGate(List<Operation.GateOp> gates, int[] indices, List<Operation.GateOp> fused, List<Fuser.Group> groups,
                  List<Fuser.Block> blocks, Kernel[] kernels, int n) {
            super(gates, indices, fused, groups, blocks, kernels);
            this.floatKernel = FloatGateKernel.of(gates.get(0), n);
            this.numQubits = n;
        }

        /** The step for one gate (see {@link FloatGateKernel#supports}). */
        static FloatGate of(Operation.GateOp op, int index, List<Fuser.Group> groups, int n) {
            List<Fuser.Block> blocks = Fuser.build(List.of(op), groups);
            Kernel[] kernels = new Kernel[blocks.size()];
            for (int i = 0; i < kernels.length; i++) kernels[i] = blocks.get(i).kernel(n);
            return new FloatGate(List.of(op), new int[]{index}, List.of(op), groups, blocks, kernels, n);
        }

        @Override int kernelQubits(int n) { return n; }

        @Override
        CompiledStep with(List<Operation.GateOp> gates, List<Operation.GateOp> fused, List<Fuser.Block> blocks, Kernel[] kernels) {
            return new FloatGate(gates, indices, fused, groups, blocks, kernels, numQubits);
        }

        @Override
        void run(MemorySegment amps, ParallelRunner runner, int n) {
            for (Kernel k : kernels) runner.runKernel(k, amps);
        }

        @Override
        void runSingle(MemorySegment floats, ParallelRunner runner, int n) {
            floatKernel.run(floats, runner);
        }

        @Override
        Plan.Step describe(int n) {
            Fuser.Block b = blocks.get(0);
            String line = String.format("%-15s %d qubit(s) %-16s -> %s", gates.get(0).gate().name(), Long.bitCount(b.qubitMask()),
                    Arrays.toString(qubits(b.qubitMask())), "FloatGateKernel");
            return new Plan.Step(gates, "whole-state pass (float)", List.of(line), 1,
                    BlockCost.of(b) * AmplitudeMemory.vectorsFor(n));
        }
    }

    static final class Staged extends CompiledStep {
        private final long localMask;

        Staged(List<Operation.GateOp> gates, int[] indices, List<Operation.GateOp> fused, List<Fuser.Group> groups,
               List<Fuser.Block> blocks, Kernel[] kernels, long localMask) {
            super(gates, indices, fused, groups, blocks, kernels);
            this.localMask = localMask;
        }

        @Override int kernelQubits(int n) { return Long.bitCount(localMask); }

        long localMask() { return localMask; }

        @Override
        CompiledStep with(List<Operation.GateOp> gates, List<Operation.GateOp> fused, List<Fuser.Block> blocks, Kernel[] kernels) {
            return new Staged(gates, indices, fused, groups, blocks, kernels, localMask);
        }

        @Override
        void run(MemorySegment amps, ParallelRunner runner, int n) {
            StageRunner.runStaged(localMask, kernels, n, amps, runner);
        }

        @Override
        void runSingle(MemorySegment floats, ParallelRunner runner, int n) {
            FloatBlocks.FloatKernel[] f = floatKernels(kernelQubits(n));
            if (f != null) FloatStages.runStagedFloat(localMask, f, n, floats, runner);
            else FloatStages.runStaged(localMask, kernels, n, floats, runner);
        }

        @Override
        Plan.Step describe(int n) {
            int[] toGlobal = qubits(localMask); // local qubit j is the j-th lowest qubit of the mask
            String kind = "stage of " + toGlobal.length + " local qubits " + qubitList(localMask);
            return CompiledStep.describe(kind, gates, blocks, kernels, toGlobal, 1, n);
        }
    }
}
