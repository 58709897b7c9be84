package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import org.qise.engine.Plan;
import org.qise.engine.QuantumState;

/**
 * The one window into the fast engine's memory layout that other engines may use: the
 * distributed engine ({@code org.qise.engine.mpi}) runs gates on its local slice with this
 * engine and moves amplitudes between ranks itself, so it needs to find them ({@link Lanes}).
 */
public final class FastStateMemory {
    private FastStateMemory() {}

    /** The memory of a state allocated by a {@link FastEngine}. */
    public static MemorySegment of(QuantumState state) {
        return doubleState(state).memory();
    }

    /**
     * The memory that holds a fast-engine state of either precision, for code that moves its
     * bytes without reading them as amplitudes (the bench sweeps a state's own memory between a
     * gate's passes); the layout of single-precision states is not {@link #amplitudeOffset}'s.
     */
    public static MemorySegment bytesOf(QuantumState state) {
        if (state instanceof FastState f) return f.memory();
        if (state instanceof FloatState f) return f.memory();
        throw notFast(state);
    }

    /** Byte offset of amplitude {@code index}'s real part (its imaginary part follows). */
    public static long amplitudeOffset(long index) {
        return Lanes.amplitudeOffset(index);
    }

    /**
     * Amplitudes that lie contiguously from any index that is a multiple of this count (runs
     * between two gaps of the layout).
     */
    public static long contiguousAmplitudes() {
        return Lanes.PAD_EVERY_VECTORS * Lanes.AMPS;
    }

    /** Smallest aligned run of amplitudes that is contiguous (one vector). */
    public static int vectorAmplitudes() {
        return Lanes.AMPS;
    }

    /**
     * Amplitudes per chunk of the fast engine's sums (sampling, expectation values): each chunk
     * is summed in index order and the chunks' sums added in order, so an engine that sums the
     * same chunks the same way gets the same bits.
     */
    public static long sumChunkAmplitudes() {
        return ParallelRunner.CHUNK_VECTORS * Lanes.AMPS;
    }

    /**
     * Runs {@code plan}, a fast-engine plan of m qubits, on amplitudes block·2^m … (block+1)·2^m − 1
     * of {@code state}, exactly as it would run on a state of m qubits holding them.
     */
    public static void runOnBlock(QuantumState state, Plan plan, long block) {
        FastState f = doubleState(state);
        if (!(plan instanceof FastPlan p)) throw new IllegalArgumentException("not a fast-engine plan: " + plan.engine());
        f.runOnBlock(p, block);
    }

    /**
     * Runs {@code plan}, a fast-engine plan of m qubits, with its qubit p at qubit
     * {@code place[p]} of {@code state}: on every block of 2^m amplitudes sharing the other
     * qubits' bits, with the arithmetic it has on a state of m qubits holding the block in
     * order, bit for bit, wherever the qubits lie. {@code place} must keep the lowest
     * {@link #laneQubits()} qubits in place when m is over {@link #gatheredQubits()}.
     */
    public static void runPlaced(QuantumState state, Plan plan, int[] place) {
        FastState f = doubleState(state);
        if (!(plan instanceof FastPlan p)) throw new IllegalArgumentException("not a fast-engine plan: " + plan.engine());
        f.runPlaced(p, place);
    }

    /** Qubits inside one vector (lanes): kernels treat them differently from the others. */
    public static int laneQubits() {
        return Lanes.LOW_QUBITS;
    }

    /** Widest plan whose steps {@link #runPlaced} always runs through the scratch buffer (any placement). */
    public static int gatheredQubits() {
        return StageRunner.CHUNK_QUBITS;
    }

    /**
     * Runs fast plans one after another, plan i with its qubits placed by {@code places.get(i)}
     * as in {@link #runPlaced}, with the same bits, in one memory pass when all their placed
     * qubits together number at most {@link #gatheredQubits()}.
     */
    public static void runPlacedGroup(QuantumState state, java.util.List<Plan> plans, java.util.List<int[]> places) {
        FastState f = doubleState(state);
        java.util.List<FastPlan> fps = new java.util.ArrayList<>(plans.size());
        for (Plan plan : plans) {
            if (!(plan instanceof FastPlan p)) throw new IllegalArgumentException("not a fast-engine plan: " + plan.engine());
            fps.add(p);
        }
        f.runPlacedGroup(fps, places);
    }

    /** The double-precision fast-engine state this window's layout describes, or a refusal that names what came instead. */
    private static FastState doubleState(QuantumState state) {
        if (state instanceof FastState f) return f;
        throw notFast(state);
    }

    private static IllegalArgumentException notFast(QuantumState state) {
        return new IllegalArgumentException("not a fast-engine state: " + state.getClass().getName());
    }
}
