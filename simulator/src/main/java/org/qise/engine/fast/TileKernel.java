package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;

/**
 * A kernel of either precision as a stage's chunk runs it: independent units of work that any
 * range split gives the same bits for, and whether the kernel mixes vectors only inside tiles.
 * One scheduler ({@link #runTiled}) serves the double kernels ({@link Kernel}) and the float ones
 * ({@link FloatBlocks.FloatKernel}), so both precisions tile a chunk the same way.
 */
interface TileKernel {
    /** Units of work over the whole state or chunk (groups of vectors, or single vectors). */
    long units();

    /** Applies the kernel to units [from, to). */
    void run(MemorySegment work, long from, long to);

    /**
     * Units in each tile of 2^tileVectorBits consecutive vectors when the kernel mixes vectors
     * only inside such tiles (units t·U … (t+1)·U − 1 are exactly tile t's), else −1.
     */
    long tileUnits(int tileVectorBits);

    /**
     * {@link #tileUnits} of a kernel whose unit k is the vector {@code Long.expand(k, free bits)}
     * with its {@code fixedVectorBits} (targets and controls above the vector) filled in: it stays
     * inside tiles when every fixed bit lies below the tile's bits, and then the free bits fill the
     * tile's bits first.
     */
    static long unitsPerTile(long fixedVectorBits, int tileVectorBits) {
        if ((fixedVectorBits >>> tileVectorBits) != 0) return -1;
        return 1L << (tileVectorBits - Long.bitCount(fixedVectorBits));
    }

    /**
     * Runs the kernels on a chunk of 2^vectorBits vectors. Consecutive kernels that mix vectors
     * only within tiles of 2^tileBits vectors run tile by tile, all of them on one tile before the
     * next, so they read and write L2 rather than the L3 that holds the chunk; the others run over
     * the whole chunk. Every amplitude gets the same kernels in the same order either way, so the
     * bits are those of running the kernels one after another.
     */
    static void runTiled(TileKernel[] kernels, MemorySegment work, int vectorBits, int tileBits) {
        runTiled(kernels, work, vectorBits, tileBits, null);
    }

    /**
     * As {@link #runTiled(TileKernel[], MemorySegment, int, int)}, with each kernel run alone and
     * the tiles of each tiled run shared out over the runner's threads (a whole-state step), or
     * all on the caller's thread when {@code runner} is null (a stage's chunk, which is already
     * one thread's share). A tile is the unit of sharing, so no two threads touch one, and every
     * amplitude still gets the kernels in order: the same bits on any number of threads. A double
     * {@link Kernel} run alone goes through {@link ParallelRunner#runKernel}, whose threshold for
     * sharing counts the vectors its groups touch (fewer than the state's for a controlled gate);
     * a float kernel's units are shared as they are (any split of them gives the same bits).
     */
    static void runTiled(TileKernel[] kernels, MemorySegment work, int vectorBits, int tileBits, ParallelRunner runner) {
        long tiles = vectorBits > tileBits ? 1L << (vectorBits - tileBits) : 1;
        for (int k = 0; k < kernels.length; ) {
            int end = k;
            while (tiles > 1 && end < kernels.length && kernels[end].tileUnits(tileBits) > 0) end++;
            if (end - k < 2) {
                TileKernel one = kernels[k++];
                if (runner == null) one.run(work, 0, one.units());
                else if (one instanceof Kernel shared) runner.runKernel(shared, work); // counts the vectors its groups really touch
                else runner.forRange(one.units(), Math.max(1, (1L << vectorBits) / one.units()), (from, to) -> one.run(work, from, to));
                continue;
            }
            final int first = k, last = end;
            ParallelRunner.RangeBody tileRange = (from, to) -> {
                for (long t = from; t < to; t++) {
                    for (int j = first; j < last; j++) {
                        long u = kernels[j].tileUnits(tileBits);
                        kernels[j].run(work, t * u, (t + 1) * u);
                    }
                }
            };
            if (runner == null) tileRange.run(0, tiles);
            else runner.forRange(tiles, (1L << tileBits) * (last - first), tileRange);
            k = end;
        }
    }
}
