package org.qise.engine.fast;

/**
 * Where the amplitudes a gate mixes lie in the vector layout.
 *
 * <p>The target qubits split into <em>low</em> ones (inside a vector: they pick lanes) and
 * <em>high</em> ones (they pick vectors). A <em>group</em> is the set of 2^H vectors that differ
 * only in the H high target bits and have every high control bit set; a kernel visits each group
 * once. Low controls cannot be skipped that way, so kernels fold them into per-lane
 * coefficients (a lane whose low control bits are not all 1 keeps its amplitude).
 *
 * <p>Matrix indices follow {@link org.qise.circuit.Matrix}: bit j is the j-th target.
 */
final class GateGeometry {
    final int numTargets;
    /** Matrix bit positions of the low and the high targets, in target order. */
    final int[] lowBits, highBits;
    /** Qubit numbers of the low and the high targets. */
    final int[] lowQubits, highQubits;
    /** Lane bits (amplitude index bits below LOW_QUBITS) that must all be 1 for a lane to act. */
    final int lowControlMask;
    /** Vector-index bits forced to 1 (the high controls). */
    private final long controlVectorMask;
    /** Vector-index bits that vary between groups: all but the fixed ones. */
    private final long freeVectorBits;
    /** Vector-index bits fixed per group: the high targets and high controls. */
    final long fixedVectorBits;
    /** Vector offset of each high-target combination h within a group. */
    final long[] offsets;
    /** Number of groups, and of vectors in the state. */
    final long groups, vectors;
    /**
     * Groups per run (a power of two): the groups of a run, which starts at a multiple of it,
     * have base vectors {@link #runStride} apart that lie between two gaps of the layout, so a
     * kernel walks them with one byte offset stepping by {@link #stepBytes}. Consecutive
     * vectors (stride 1) when the lowest high target or control is above the run's bits; when
     * the lowest vector bits are all fixed (a gate on qubits 2, 3, …), the free bits just above
     * them form runs of stride 2^(fixed low bits).
     */
    final long runGroups;
    /** Vectors between the bases of consecutive groups of a run, and that in bytes. */
    final long runStride, stepBytes;
    /** {@link #offsets} in bytes ({@link Lanes#offset} adds over disjoint bits, gaps included). */
    final long[] byteOffsets;

    GateGeometry(int numQubits, int[] targets, int[] controls) {
        numTargets = targets.length;
        int low = 0;
        for (int q : targets) if (q < Lanes.LOW_QUBITS) low++;
        lowBits = new int[low];
        lowQubits = new int[low];
        highBits = new int[targets.length - low];
        highQubits = new int[targets.length - low];
        int li = 0, hi = 0;
        for (int j = 0; j < targets.length; j++) {
            if (targets[j] < Lanes.LOW_QUBITS) {
                lowBits[li] = j;
                lowQubits[li++] = targets[j];
            } else {
                highBits[hi] = j;
                highQubits[hi++] = targets[j];
            }
        }
        int lcm = 0;
        long cvm = 0;
        long fixed = 0; // vector-index bits fixed per group: the high targets and high controls
        for (int q : highQubits) fixed |= 1L << (q - Lanes.LOW_QUBITS);
        for (int c : controls) {
            if (c < Lanes.LOW_QUBITS) {
                lcm |= 1 << c;
            } else {
                fixed |= 1L << (c - Lanes.LOW_QUBITS);
                cvm |= 1L << (c - Lanes.LOW_QUBITS);
            }
        }
        lowControlMask = lcm;
        controlVectorMask = cvm;
        offsets = new long[1 << highQubits.length];
        for (int h = 0; h < offsets.length; h++) {
            for (int i = 0; i < highQubits.length; i++) {
                if ((h >> i & 1) == 1) offsets[h] |= 1L << (highQubits[i] - Lanes.LOW_QUBITS);
            }
        }
        int vectorBits = Math.max(0, numQubits - Lanes.LOW_QUBITS);
        groups = 1L << (vectorBits - Long.bitCount(fixed));
        vectors = 1L << vectorBits;
        freeVectorBits = (vectors - 1) & ~fixed;
        fixedVectorBits = fixed;
        int fixedLow = Long.numberOfTrailingZeros(~fixed); // vector bits 0.. that every group fixes
        int freeRun = Math.min(Long.numberOfTrailingZeros(fixed >>> fixedLow), Lanes.PAD_SHIFT - Math.min(fixedLow, Lanes.PAD_SHIFT));
        runStride = 1L << Math.min(fixedLow, 62);
        runGroups = Math.min(1L << freeRun, groups);
        stepBytes = Lanes.offset(runStride);
        byteOffsets = new long[offsets.length];
        for (int h = 0; h < offsets.length; h++) byteOffsets[h] = Lanes.offset(offsets[h]);
    }

    /**
     * Shortest run worth a loop of its own: kernels walk shorter runs group by group (a loop
     * nest whose inner loop runs once or twice cost twice the time per vector of the flat loop).
     */
    static final long MIN_RUN = 8;

    /** Whether kernels should walk the groups run by run (see {@link #runGroups}). */
    boolean longRuns() { return runGroups >= MIN_RUN; }

    /** The end of the run holding group g, at most {@code to}. */
    long runEnd(long g, long to) {
        return Math.min(to, (g | (runGroups - 1)) + 1);
    }

    /** Vector-index bits that the high controls require to be 1. */
    long controlVectorMask() { return controlVectorMask; }

    int highCount() { return highQubits.length; }

    int lowCount() { return lowQubits.length; }

    /**
     * Vector index of the first vector of group g: g's bits spread over the free (not fixed)
     * vector bits, one PDEP instruction on x86.
     */
    long base(long g) {
        return Long.expand(g, freeVectorBits) | controlVectorMask;
    }

    /** Whether lane amplitude a has every low control bit set. */
    boolean laneActive(int a) { return (a & lowControlMask) == lowControlMask; }

    /** The low-target local index of lane amplitude a. */
    int laneLocal(int a) {
        int l = 0;
        for (int i = 0; i < lowQubits.length; i++) l |= ((a >> lowQubits[i]) & 1) << i;
        return l;
    }

    /** The lane xor mask that flips the low targets selected by pattern p. */
    int laneXor(int p) {
        int x = 0;
        for (int i = 0; i < lowQubits.length; i++) if ((p >> i & 1) == 1) x |= 1 << lowQubits[i];
        return x;
    }

    /** Matrix index of high combination h and low combination l. */
    int matrixIndex(int h, int l) {
        int m = 0;
        for (int i = 0; i < highBits.length; i++) m |= ((h >> i) & 1) << highBits[i];
        for (int i = 0; i < lowBits.length; i++) m |= ((l >> i) & 1) << lowBits[i];
        return m;
    }
}
