package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;

/**
 * One gate (or fused block) ready to run over a state: it updates the groups of vectors in a
 * range, each group independently, so any split of the range over threads gives the same bits.
 */
abstract class Kernel {
    final GateGeometry geometry;

    Kernel(GateGeometry geometry) {
        this.geometry = geometry;
    }

    /** Number of independent units of work (groups of vectors, or single vectors for sweeps). */
    long groupCount() { return geometry.groups; }

    /** Vectors read per group: a measure of work used to decide whether threads pay. */
    int vectorsPerGroup() { return geometry.offsets.length; }

    /**
     * Groups in each tile of 2^tileVectorBits consecutive vectors when the kernel mixes vectors
     * only inside such tiles (groups t·G … (t+1)·G − 1 are exactly tile t's), else −1: then
     * every high target and control lies below the tile's bits, and the free bits of a group
     * index fill the tile's bits first.
     */
    long tileGroups(int tileVectorBits) {
        if ((geometry.fixedVectorBits >>> tileVectorBits) != 0) return -1;
        return 1L << (tileVectorBits - Long.bitCount(geometry.fixedVectorBits));
    }

    /** Applies the gate to groups (units) [from, to). */
    abstract void run(MemorySegment amplitudes, long from, long to);
}
