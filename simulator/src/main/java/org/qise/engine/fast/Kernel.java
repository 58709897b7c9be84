package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;

/**
 * One gate (or fused block) ready to run over a state: it updates the groups of vectors in a
 * range, each group independently, so any split of the range over threads gives the same bits.
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
