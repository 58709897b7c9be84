package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;

/**
 * One gate (or fused block) ready to run over a state: it updates the groups of vectors in a
 * range, each group independently, so any split of the range over threads gives the same bits.
 *
 * <p>The one-gate kernels ({@link SingleQubitKernels}, {@link PermutationKernel}) walk a run of
 * groups with a loop that counts them in an int
 * ({@code for (int u = 0; u < units; u++, b += step)}: a run lies between two gaps of the layout,
 * so it holds at most 2^18 groups), not one that compares the moving byte offset with the run's
 * end ({@code for (; b < last; b += step)}). C2 unrolls the counted loop. The other it compiled
 * one group an iteration, and when the kernel had been compiled while running small states (as
 * {@code qise bench} warms up, at 14 qubits) it also moved a spilled value out of an XMM register
 * and back every iteration, a chain of dependent moves: cx at 20 qubits took 520–540 µs after such
 * a warm-up and 310–350 µs without one; counted, 280–300 µs either way. The block kernels
 * ({@link RunKernel}, {@link TwoQubitKernel}) and {@link DiagonalKernel}'s runs keep the plain
 * loop: their runs are often a few groups long (a pair on qubits 3 and 4: runs of 4), and there
 * the counted loop's set-up cost more than it saved (a run on qubits 3, 4: 1160–1222 against
 * 1593–1599 µs). See docs/engine.md, "Counted loops".
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
