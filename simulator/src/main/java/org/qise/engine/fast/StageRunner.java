package org.qise.engine.fast;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.qise.circuit.Operation;

/**
 * Compiles and runs a gate list stage by stage (see {@link Stages}): for each chunk of a stage, the chunk's
 * amplitudes are copied into a scratch buffer that stays in the core's share of cache, every gate of
 * the stage (fused, see {@link Fuser}) runs on the scratch as on a small state of
 * {@link #CHUNK_QUBITS} qubits, and the chunk is copied back. A stage costs one read and one
 * write of the state however many gates it holds; the gates themselves run at cache speed, where
 * cheap gates (permutations, diagonals, single-qubit rotations) cost far less than a memory pass.
 *
 * <p>Each chunk gets exactly the arithmetic the whole-state kernels would give its amplitudes,
 * and chunks are independent, so results do not depend on the number of threads. The stage plan
 * and the fusion width of each stage depend only on the gates and the state size.
 */
final class StageRunner {
    /**
     * 2^18 amplitudes × 16 bytes = 4 MiB of scratch per thread: a Zen 4 core's share of L3 (32 MiB
     * per 8 cores). Measured on the reference machine at 24 qubits, 2 threads: random 2.04 / 1.86
     * / 1.87 / 1.52 s with 15 / 16 / 17 / 18 chunk qubits (25 / 13 / 13 / 8 stages); the kernels
     * are compute-bound even in L3, so fewer stages win. It is a constant, not read from the
     * machine, so that the plan (and with it every result bit) is the same on every machine.
     * At most 18: a chunk must not reach the layout's first gap (see {@link Lanes}).
     */
    static final int CHUNK_QUBITS = 18;

    static {
        if (CHUNK_QUBITS - Lanes.LOW_QUBITS > Lanes.PAD_SHIFT) throw new AssertionError("chunks would span a layout gap");
    }
    /**
     * Tiles of a chunk that kernels run on one after another (see {@link Gather#runTiled}): half
     * of a core's L2 ({@link CoreCache}), 2^15 amplitudes (512 KiB) on a Zen 4/5, 2^14 on a Zen 3.
     */
    static final int TILE_QUBITS = CoreCache.tileQubits(16, 10, 16);
    /** Lowest qubits in every chunk of a gate that is a stage of its own: runs of 2^8 amplitudes (4 KiB, one page) per copy. */
    static final int ALWAYS_LOCAL = 8;
    /**
     * Fewest lowest qubits in every chunk of a planned stage ({@link Stages#cheapestPlan} chooses
     * how many): runs of at least 2^4 amplitudes, whole vectors in either precision.
     */
    static final int FEWEST_ALWAYS_LOCAL = 4;
    /** States this small run gate by gate (fused) on the whole state: it already sits in cache. */
    static final int MIN_STAGED_QUBITS = 13;
    /**
     * Double states of {@link #CHUNK_QUBITS} up to this many qubits (4–16 MiB) run as one
     * whole-state step, tiled like a stage ({@link CompiledStep.WholeState#run}) but with no
     * stages: at 20 qubits the stages' gathers were 11 % of qcbm's time, and the kernels,
     * compute-bound in L3, gained nothing from chunks of 4 MiB that L2 does not hold either
     * (issue #19). Smaller states stay staged: whole-state plans there save a tenth to a quarter of
     * a thread's time (qcbm, random, qft at 14 and 16 qubits), but on two threads qcbm ran up to
     * 45 % slower, since a state of one or two L2 tiles leaves each kernel to be split on its own
     * (docs/engine.md, "Counted loops"). Constants, as {@link #CHUNK_QUBITS} is, so that the plan
     * and its bits are the same on every machine.
     */
    static final int WHOLE_STATE_QUBITS = 20;

    /**
     * Whether an n-qubit plan is one whole-state step rather than stages (in single precision,
     * when the float kernels cover its blocks; see {@link #compile(List, int, int, boolean)}).
     */
    static boolean unstaged(int n) {
        return n < MIN_STAGED_QUBITS || (n >= CHUNK_QUBITS && n <= WHOLE_STATE_QUBITS);
    }

    /** One scratch buffer per thread, for the largest chunk. */
    static final ThreadLocal<MemorySegment> SCRATCH =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(16L << CHUNK_QUBITS, AmplitudeMemory.ALIGNMENT));

    private StageRunner() {}

    /**
     * Qubits per chunk for an n-qubit state, double or single ({@link FloatStages#CHUNK_QUBITS}):
     * at least four chunks, so that two threads share the work.
     */
    static int chunkQubits(int n, boolean single) {
        return Math.min(single ? FloatStages.CHUNK_QUBITS : CHUNK_QUBITS, n - 2);
    }

    /**
     * Compiles gates into the steps of a {@link FastPlan}: stages of fused blocks, or fused
     * blocks on the whole state for small states, single gates and gates too wide for a stage.
     *
     * @param fusionQubits the widest dense block, {@link FastEngine#FUSION_AUTO} to let the
     *                     cost model pick per stage, or {@link FastEngine#FUSION_OFF}
     */
    static List<CompiledStep> compile(List<Operation.GateOp> ops, int n, int fusionQubits) {
        return compile(ops, n, fusionQubits, false);
    }

    /**
     * As {@link #compile(List, int, int)}; for a single-precision state ({@code single}) every
     * step of a state too large for one buffer is a stage, since float amplitudes reach the
     * double kernels only through a stage's scratch buffer (see {@link FloatLayout}), except
     * a lone gate with one target (a stage of one gate, or any gate unfused), which runs in float
     * straight on the state ({@link FloatGateKernel}), and a plan of 18 to 20 qubits whose blocks
     * all have float kernels, which is one whole-state step as in double ({@link #unstaged}). Float
     * chunks have one qubit more ({@link FloatStages#CHUNK_QUBITS}, the same bytes); fusion and
     * kernels are otherwise the same as in double precision.
     */
    static List<CompiledStep> compile(List<Operation.GateOp> ops, int n, int fusionQubits, boolean single) {
        List<CompiledStep> steps = new ArrayList<>();
        boolean small = n < MIN_STAGED_QUBITS || (single && n <= CHUNK_QUBITS);
        if (fusionQubits == FastEngine.FUSION_OFF) {
            for (int i = 0; i < ops.size(); i++) {
                Operation.GateOp op = ops.get(i);
                if (single && FloatGateKernel.supports(op, n)) {
                    steps.add(CompiledStep.FloatGate.of(op, i, groups(List.of(op), fusionQubits), n));
                    continue;
                }
                if (single && !small) {
                    steps.add(ownStage(op, i, n, fusionQubits));
                    continue;
                }
                List<Fuser.Group> one = List.of(new Fuser.Group(List.of(0), Fuser.mask(op.qubits()), op.gate().targetMatrix().isDiagonal()));
                steps.add(CompiledStep.wholeState(List.of(op), new int[]{i}, List.of(op), one, n));
            }
            return steps;
        }
        if (unstaged(n)) {
            if (ops.isEmpty()) return steps;
            int[] all = new int[ops.size()];
            for (int i = 0; i < all.length; i++) all[i] = i;
            // A single-precision state of a chunk's size or more has the float block kernels' model
            // (FloatCost) and must be covered by them: there is no double buffer that large to widen
            // it into, so a block with no float kernel sends the plan to stages instead.
            boolean floatWhole = single && n >= CHUNK_QUBITS;
            List<Fuser.Group> groups = floatWhole ? groups(ops, fusionQubits, true) : groups(ops, fusionQubits, single, true);
            List<Fuser.Block> blocks = Fuser.build(ops, groups);
            if (!floatWhole || FloatBlocks.cover(blocks, n)) {
                steps.add(CompiledStep.wholeState(ops, all, ops, groups, blocks, n));
                return steps;
            }
        }
        int local = chunkQubits(n, single);
        for (Stages.Stage stage : Stages.cheapestPlan(ops, n, local, Math.min(FEWEST_ALWAYS_LOCAL, local - 4))) {
            List<Operation.GateOp> stageOps = new ArrayList<>();
            for (int i : stage.gates()) stageOps.add(ops.get(i));
            if (single && stageOps.size() == 1 && FloatGateKernel.supports(stageOps.get(0), n)) {
                // A lone one-target gate runs straight on the floats: one pass, no widening.
                steps.add(CompiledStep.FloatGate.of(stageOps.get(0), stage.gates()[0], groups(stageOps, fusionQubits), n));
            } else if (single && stage.wholeState()) {
                steps.add(ownStage(stageOps.get(0), stage.gates()[0], n, fusionQubits));
            } else if (!single && (stage.wholeState() || stageOps.size() == 1)) {
                // One gate gains nothing from a round trip through the scratch buffer.
                steps.add(CompiledStep.wholeState(stageOps, stage.gates(), stageOps, groups(stageOps, fusionQubits), n));
            } else {
                steps.add(compileStage(stage.localMask(), stage.gates(), stageOps, n, fusionQubits, single));
            }
        }
        return steps;
    }

    /**
     * One gate as a stage of its own (single precision): its qubits plus the lowest others up to
     * a chunk's size, or just its qubits and the lowest {@link #ALWAYS_LOCAL} when it is wider.
     */
    private static CompiledStep ownStage(Operation.GateOp op, int index, int n, int fusionQubits) {
        long mask = Stages.mask(op);
        // A double chunk's size, as before float chunks gained a qubit: a lone gate's stage was not measured at 19.
        int want = Math.max(chunkQubits(n, false), Math.min(n, Long.bitCount(mask | ((1L << ALWAYS_LOCAL) - 1))));
        for (int q = 0; q < n && Long.bitCount(mask) < want; q++) mask |= 1L << q;
        return compileStage(mask, new int[]{index}, List.of(op), n, fusionQubits, true);
    }

    /** Fusion at the given width, or at the width the cost model finds cheapest. */
    static List<Fuser.Block> fuse(List<Operation.GateOp> ops, int fusionQubits) {
        return Fuser.build(ops, groups(ops, fusionQubits));
    }

    /** The grouping {@link #fuse} builds blocks from (kept by a plan, so that a re-binding can rebuild single blocks). */
    static List<Fuser.Group> groups(List<Operation.GateOp> ops, int fusionQubits) {
        return groups(ops, fusionQubits, false, true);
    }

    /**
     * As {@link #groups(List, int)}; {@code runs} lets two-qubit blocks become register runs
     * ({@link Fuser.Run}): {@link RunKernel} in double, {@link FloatRunKernel} in single precision
     * ({@code single}), whose runs keep off the float vector's qubits (one more than a double
     * vector's).
     */
    static List<Fuser.Group> groups(List<Operation.GateOp> ops, int fusionQubits, boolean single, boolean runs) {
        double[] alone = Fuser.costsAlone(ops, single);
        GateFacts facts = new GateFacts(ops, alone);
        if (fusionQubits != FastEngine.FUSION_AUTO) return new Fuser(fusionQubits, Fuser.MAX_DIAGONAL_QUBITS, runs, single).group(facts);
        List<Fuser.Group> best = null;
        double bestCost = Double.MAX_VALUE;
        for (int width = 1; width <= AUTO_MAX_WIDTH; width++) {
            List<Fuser.Group> groups = new Fuser(width, Fuser.MAX_DIAGONAL_QUBITS, runs, single).group(facts);
            double cost = 0;
            for (Fuser.Group g : groups) cost += g.cost(alone, single);
            if (cost < bestCost) {
                bestCost = cost;
                best = groups;
            }
        }
        return best;
    }

    /**
     * As {@link #groups(List, int)}, for a stage of a single-precision plan ({@code single}) with
     * automatic fusion: the width is the one {@link FloatCost} finds cheapest among those whose
     * blocks all have float kernels; the double choice when no width gives float kernels only
     * (the stage then widens to double anyway).
     */
    static List<Fuser.Group> groups(List<Operation.GateOp> ops, int fusionQubits, boolean single) {
        if (!single || fusionQubits != FastEngine.FUSION_AUTO) return groups(ops, fusionQubits, single, true);
        double[] alone = Fuser.costsAlone(ops, true);
        GateFacts facts = new GateFacts(ops, alone);
        List<Fuser.Group> best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int width = 1; width <= AUTO_MAX_WIDTH; width++) {
            List<Fuser.Group> groups = new Fuser(width, Fuser.MAX_DIAGONAL_QUBITS, true, true).group(facts);
            double cost = FloatCost.of(ops, groups);
            if (cost < bestCost) {
                bestCost = cost;
                best = groups;
            }
        }
        return best != null ? best : groups(ops, fusionQubits, true, false);
    }

    /** Widest dense block the cost model considers: wider ones never paid off in the measurements. */
    static final int AUTO_MAX_WIDTH = 4;

    /** A stage: its gates remapped onto the chunk's local qubits and fused there. */
    private static CompiledStep compileStage(long localMask, int[] indices, List<Operation.GateOp> stageOps, int n, int fusionQubits,
                                             boolean single) {
        // Local qubit j is the j-th lowest qubit of the mask.
        int[] toLocal = new int[n];
        for (int q = 0, j = 0; q < n; q++) if ((localMask >> q & 1) == 1) toLocal[q] = j++;
        List<Operation.GateOp> remapped = new ArrayList<>(stageOps.size());
        for (Operation.GateOp op : stageOps) {
            int[] q = op.qubits();
            for (int i = 0; i < q.length; i++) q[i] = toLocal[q[i]];
            remapped.add(new Operation.GateOp(op.gate(), q, null));
        }
        return CompiledStep.staged(stageOps, indices, remapped, groups(remapped, fusionQubits, single), localMask, n);
    }

    /**
     * Runs a stage: a chunk = runs of 2^run contiguous amplitudes (the local qubits 0..run-1),
     * one run for every value of the other local qubits; the non-local qubits pick the chunk.
     */
    static void runStaged(long localMask, Kernel[] kernels, int n, MemorySegment amps, ParallelRunner runner) {
        int[] positions = new int[Long.bitCount(localMask)];
        for (int q = 0, j = 0; q < n; q++) if ((localMask >> q & 1) == 1) positions[j++] = q;
        runGathered(positions, kernels, n, amps, runner);
    }

    /**
     * Runs kernels built for a chunk of {@code positions.length} qubits on every chunk of an
     * n-qubit state whose chunk-local qubit j is the state's qubit {@code positions[j]}, in any
     * order (a stage passes its mask's qubits in ascending order; the distributed engine a
     * relabelled placement). The chunk is gathered into scratch in chunk-local index order, so
     * the kernels see exactly the amplitudes, in exactly the places, they would see on a state
     * of {@code positions.length} qubits, and give them the same arithmetic wherever the qubits
     * lie. Copies move runs of the longest prefix j = 0, 1, … with {@code positions[j] == j}.
     */
    static void runGathered(int[] positions, Kernel[] kernels, int n, MemorySegment amps, ParallelRunner runner) {
        Gather g = Gather.of(positions, n);
        runner.forRange(g.chunks(), (g.chunkBytes() / Lanes.VECTOR_BYTES) * (kernels.length + 2),
                (from, to) -> g.run(amps, from, to, kernels, g.inPlace() ? null : SCRATCH.get()));
    }

    /**
     * How the chunks of a placed set of qubits are copied: chunk-local qubit j is the state's
     * qubit {@code positions[j]}; the first {@code run} of them are the lowest, in order, so each
     * chunk is 2^(local − run) contiguous runs of 2^run amplitudes, starting at the chunk's base
     * (its other qubits' bits) plus {@code runStart[r]}.
     */
    record Gather(int local, int n, long outside, long runBytes, long[] runStart, boolean inPlace) {
        static Gather of(int[] positions, int n) {
            int local = positions.length;
            if (local > CHUNK_QUBITS) throw new IllegalArgumentException("a chunk of " + local + " qubits exceeds the scratch buffer's " + CHUNK_QUBITS);
            int run = 0;
            while (run < local && positions[run] == run) run++;
            long localMask = 0;
            for (int q : positions) localMask |= 1L << q;
            long runs = 1L << (local - run);
            long[] runStart = new long[(int) runs];
            for (int r = 0; r < runs; r++) {
                long start = 0;
                for (int i = 0; run + i < local; i++) if ((r >> i & 1) == 1) start |= 1L << positions[run + i];
                runStart[r] = start;
            }
            // In place when the local qubits are the lowest ones, in order: chunks are contiguous.
            return new Gather(local, n, ~localMask & ((1L << n) - 1), 16L << run, runStart, run == local);
        }

        long chunks() { return 1L << (n - local); }

        long chunkBytes() { return 16L << local; }

        /** Runs the kernels on chunks [from, to), each gathered into {@code scratch} (unused when in place). */
        void run(MemorySegment amps, long from, long to, Kernel[] kernels, MemorySegment scratch) {
            for (long c = from; c < to; c++) {
                long base = Long.expand(c, outside);
                MemorySegment work = inPlace ? amps.asSlice(Lanes.amplitudeOffset(base), chunkBytes()) : load(amps, base, scratch);
                runTiled(kernels, work, local - Lanes.LOW_QUBITS);
                if (!inPlace) store(work, amps, base);
            }
        }

        /** Runs the kernels on a chunk of 2^chunkVectorBits vectors, in double tiles ({@link TileKernel#runTiled}). */
        static void runTiled(Kernel[] kernels, MemorySegment work, int chunkVectorBits) {
            TileKernel.runTiled(kernels, work, chunkVectorBits, TILE_QUBITS - Lanes.LOW_QUBITS);
        }

        /** Copies the chunk at {@code base} into the start of {@code scratch}, and returns that part. */
        MemorySegment load(MemorySegment amps, long base, MemorySegment scratch) {
            for (int r = 0; r < runStart.length; r++) {
                MemorySegment.copy(amps, Lanes.amplitudeOffset(base | runStart[r]), scratch, r * runBytes, runBytes);
            }
            return scratch.asSlice(0, chunkBytes());
        }

        void store(MemorySegment work, MemorySegment amps, long base) {
            for (int r = 0; r < runStart.length; r++) {
                MemorySegment.copy(work, r * runBytes, amps, Lanes.amplitudeOffset(base | runStart[r]), runBytes);
            }
        }
    }

    /** A second scratch buffer per thread, for the chunk that holds a group of placed plans ({@link FastState#runPlacedGroup}). */
    static final ThreadLocal<MemorySegment> GROUP_SCRATCH =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(16L << CHUNK_QUBITS, AmplitudeMemory.ALIGNMENT));
}
