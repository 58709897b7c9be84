package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;

/**
 * One gate (or fused block) ready to run over a state: it updates the groups of vectors in a
 * range, each group independently, so any split of the range over threads gives the same bits.
 *
 * <p>Kernels walk a run of groups with a loop that counts them
 * ({@code for (u = grp; u < end; u++, b += step)}), not one that compares the moving byte offset
 * with the run's end ({@code for (; b < last; b += step)}). C2 treats only the first as a counted
 * loop: it unrolls it (several groups an iteration, the safepoint poll out of the inner loop).
 * The second it compiled one group an iteration, and when the kernel had been compiled while
 * running small states (as {@code qise bench} warms up, at 14 qubits) it also moved a spilled
 * value out of an XMM register and back in every iteration, a chain of dependent moves: cx at 20
 * qubits took 520–540 µs after such a warm-up and 310–350 µs without it. Counted, 280–300 µs
 * either way (docs/engine.md, "Counted loops").
 */
abstract class Kernel implements TileKernel {
    final GateGeometry geometry;

    Kernel(GateGeometry geometry) {
        this.geometry = geometry;
    }

    /** Number of independent units of work (groups of vectors, or single vectors for sweeps). */
    @Override
    public long units() { return geometry.groups; }

    /** Vectors read per group: a measure of work used to decide whether threads pay. */
    int vectorsPerGroup() { return geometry.offsets.length; }

    /**
     * Groups in each tile when the gate mixes vectors only inside tiles, else −1: every high
     * target and control must lie below the tile's bits (see {@link TileKernel#unitsPerTile}).
     */
    @Override
    public long tileUnits(int tileVectorBits) {
        return TileKernel.unitsPerTile(geometry.fixedVectorBits, tileVectorBits);
    }

    /** Applies the gate to groups (units) [from, to). */
    @Override
    public abstract void run(MemorySegment amplitudes, long from, long to);
}
