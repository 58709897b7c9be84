package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;
import org.qise.bench.Workloads;
import org.qise.engine.Engine;
import org.qise.engine.Precision;
import org.qise.engine.QuantumState;

/**
 * Tiled float stages ({@link FloatBlocks#runTiled}, {@link TileKernel#runTiled}) give exactly the bytes of running the same
 * kernels one after another over the whole chunk, and a kernel that claims to stay inside tiles
 * ({@link FloatBlocks.FloatKernel#tileUnits}) changes, for the units of tile t, only tile t's
 * amplitudes, and those exactly as a whole pass does. The blocks are random: one-target gates with
 * and without controls, dense blocks of every float kernel shape, diagonals; on qubits below and
 * above the tile's.
 */
class FloatTilesTest {
    /** Chunk qubits and tile qubits (amplitudes per tile = 2^tile); the tile is at least one float vector. */
    @ParameterizedTest(name = "{0} qubits in tiles of 2^{1} amplitudes, seed {2}")
    @CsvSource({"10, 5, 1", "10, 6, 2", "12, 7, 3", "12, 9, 4", "14, 8, 5", "16, 10, 6", "18, 16, 7"})
    void tiledRunsEqualUntiledRunsByteForByte(int n, int tileQubits, long seed) {
        assumeTrue(FloatGateKernel.AMPS >= 2 && FloatGateKernel.LOW_QUBITS <= 3, "float kernels need vectors of 2 to 8 amplitudes");
        Random rnd = new Random(seed);
        FloatBlocks.FloatKernel[] kernels = randomKernels(n, tileQubits, rnd);
        int vectorBits = n - FloatGateKernel.LOW_QUBITS, tileBits = tileQubits - FloatGateKernel.LOW_QUBITS;
        long tileable = java.util.Arrays.stream(kernels).filter(k -> k.tileUnits(tileBits) > 0).count();
        assertTrue(tileable >= 2 && tileable < kernels.length, "the list mixes kernels inside and across tiles: " + tileable);

        AmplitudeMemory a = FloatState.allocateMemory(n), b = FloatState.allocateMemory(n);
        try {
            fill(a.segment, n, rnd);
            b.segment.copyFrom(a.segment);
            for (FloatBlocks.FloatKernel k : kernels) k.run(a.segment, 0, k.units());
            TileKernel.runTiled(kernels, b.segment, vectorBits, tileBits);
            assertArrayEquals(a.segment.toArray(ValueLayout.JAVA_BYTE), b.segment.toArray(ValueLayout.JAVA_BYTE));
        } finally {
            a.close();
            b.close();
        }
    }

    @ParameterizedTest(name = "{0} qubits, tiles of 2^{1} amplitudes, seed {2}")
    @CsvSource({"10, 5, 11", "12, 7, 12", "14, 9, 13"})
    void aKernelThatStaysInsideTilesChangesOnlyItsTile(int n, int tileQubits, long seed) {
        assumeTrue(FloatGateKernel.AMPS >= 2 && FloatGateKernel.LOW_QUBITS <= 3, "float kernels need vectors of 2 to 8 amplitudes");
        Random rnd = new Random(seed);
        int tileBits = tileQubits - FloatGateKernel.LOW_QUBITS;
        long tileBytes = 8L << tileQubits;
        int checked = 0;
        for (FloatBlocks.FloatKernel k : randomKernels(n, tileQubits, rnd)) {
            long u = k.tileUnits(tileBits);
            if (u <= 0) continue;
            checked++;
            long tiles = 1L << (n - tileQubits);
            assertEquals(k.units(), u * tiles, "units split evenly over tiles: " + k);
            AmplitudeMemory whole = FloatState.allocateMemory(n), part = FloatState.allocateMemory(n);
            try {
                fill(whole.segment, n, rnd);
                byte[] before = whole.segment.toArray(ValueLayout.JAVA_BYTE);
                k.run(whole.segment, 0, k.units());
                byte[] after = whole.segment.toArray(ValueLayout.JAVA_BYTE);
                long t = rnd.nextLong(tiles);
                part.segment.copyFrom(MemorySegment.ofArray(before));
                k.run(part.segment, t * u, (t + 1) * u);
                byte[] got = part.segment.toArray(ValueLayout.JAVA_BYTE);
                for (long i = 0; i < 8L << n; i++) {
                    boolean inTile = i / tileBytes == t;
                    byte want = inTile ? after[(int) i] : before[(int) i];
                    if (got[(int) i] != want) throw new AssertionError(k + ", tile " + t + ": byte " + i + (inTile ? " of the tile" : " outside the tile"));
                }
            } finally {
                whole.close();
                part.close();
            }
        }
        assertTrue(checked >= 2, "kernels that stay inside tiles: " + checked);
    }

    /** Thread shares cut a kernel's units anywhere, also inside the runs its loops walk: the bytes must not change. */
    @ParameterizedTest(name = "{0} qubits, seed {1}")
    @CsvSource({"10, 21", "13, 22", "16, 23"})
    void unitRangesCutAnywhereGiveTheBytesOfOneCall(int n, long seed) {
        assumeTrue(FloatGateKernel.AMPS >= 2 && FloatGateKernel.LOW_QUBITS <= 3, "float kernels need vectors of 2 to 8 amplitudes");
        Random rnd = new Random(seed);
        for (FloatBlocks.FloatKernel k : randomKernels(n, n, rnd)) {
            AmplitudeMemory whole = FloatState.allocateMemory(n), cut = FloatState.allocateMemory(n);
            try {
                fill(whole.segment, n, rnd);
                cut.segment.copyFrom(whole.segment);
                k.run(whole.segment, 0, k.units());
                long a = rnd.nextLong(k.units() + 1), b = rnd.nextLong(k.units() + 1);
                long lo = Math.min(a, b), hi = Math.max(a, b);
                k.run(cut.segment, hi, k.units());
                k.run(cut.segment, 0, lo);
                k.run(cut.segment, lo, hi);
                assertArrayEquals(whole.segment.toArray(ValueLayout.JAVA_BYTE), cut.segment.toArray(ValueLayout.JAVA_BYTE), k + " cut at " + lo + ", " + hi);
            } finally {
                whole.close();
                cut.close();
            }
        }
    }

    private static void fill(MemorySegment s, int n, Random rnd) {
        for (long i = 0; i < 2L << n; i++) s.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) rnd.nextGaussian());
    }

    /** About 24 kernels of every float shape, on random qubits; some above the tile, some not. */
    private static FloatBlocks.FloatKernel[] randomKernels(int n, int tileQubits, Random rnd) {
        List<Fuser.Block> blocks = new ArrayList<>();
        int low = FloatGateKernel.LOW_QUBITS;
        for (int i = 0; i < 24; i++) {
            // Mostly below the tile, so that runs of tileable kernels form; now and then anywhere.
            int span = rnd.nextInt(4) == 0 ? n : Math.max(tileQubits, low + 3);
            switch (i % 8) {
                case 0 -> {
                    // The first gate sits on the top qubit, so that every list has a kernel across
                    // tiles whatever the vector width (the draws alone left none at some widths).
                    int[] q = i == 0 && tileQubits < n ? new int[]{n - 1} : distinct(rnd, span, 1, 0);
                    blocks.add(new Fuser.Single(new Operation.GateOp(Gates.u3(rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()), q, null)));
                }
                case 1 -> blocks.add(new Fuser.Single(new Operation.GateOp(Gates.cx(), distinct(rnd, span, 2, 0), null)));
                case 2 -> blocks.add(new Fuser.Single(new Operation.GateOp(Gates.ccx(), distinct(rnd, span, 3, 0), null)));
                case 3 -> blocks.add(new Fuser.Dense(random(4, rnd), distinct(rnd, span, 2, 0)));
                case 4 -> blocks.add(new Fuser.Dense(random(4, rnd), distinct(rnd, span, 2, low)));
                case 5 -> blocks.add(new Fuser.Dense(random(8, rnd), distinct(rnd, span, 3, low)));
                case 6 -> {
                    int[] q = distinct(rnd, span, 3, 0);
                    q[0] = rnd.nextInt(low); // at least one in the vector, at most two above: a tile kernel
                    if (q[1] == q[0] || q[2] == q[0]) q = new int[]{0, 1, low + rnd.nextInt(span - low)};
                    blocks.add(new Fuser.Dense(random(8, rnd), q));
                }
                default -> {
                    int[] q = distinct(rnd, span, 2, 0);
                    java.util.Arrays.sort(q);
                    double[] re = new double[4], im = new double[4];
                    for (int j = 0; j < 4; j++) {
                        double phi = rnd.nextDouble() * 2 * Math.PI;
                        re[j] = Math.cos(phi);
                        im[j] = Math.sin(phi);
                    }
                    blocks.add(new Fuser.Diagonal(re, im, q));
                }
            }
        }
        FloatBlocks.FloatKernel[] kernels = FloatBlocks.forBlocks(blocks, n);
        assertNotNull(kernels, "float kernels for " + blocks);
        return kernels;
    }

    /** k distinct qubits in [min, span). */
    private static int[] distinct(Random rnd, int span, int k, int min) {
        int[] q = new int[k];
        for (int i = 0; i < k; i++) {
            int c;
            do c = min + rnd.nextInt(span - min);
            while (contains(q, i, c));
            q[i] = c;
        }
        return q;
    }

    private static boolean contains(int[] q, int len, int c) {
        for (int i = 0; i < len; i++) if (q[i] == c) return true;
        return false;
    }

    private static Matrix random(int dim, Random rnd) {
        double[] re = new double[dim * dim], im = new double[dim * dim];
        for (int i = 0; i < re.length; i++) {
            re[i] = rnd.nextGaussian() / dim;
            im[i] = rnd.nextGaussian() / dim;
        }
        return Matrix.of(dim, re, im);
    }

    /**
     * The bench circuits in single precision give the same bits on one, two and three threads:
     * the float kernels' runs are cut wherever a thread's share ends (a parallel threshold of one
     * vector splits every pass), and every amplitude still gets the same operations.
     */
    @ParameterizedTest(name = "{0} on {1} qubits")
    @CsvSource({"qft, 20", "qcbm, 20", "random, 20", "qcbm, 13"})
    void benchCircuitsGiveTheSameBitsOnOneTwoAndThreeThreads(String workload, int n) {
        List<Operation.GateOp> gates = Workloads.circuit(workload, n);
        double[][] amps = new double[3][];
        for (int t = 1; t <= 3; t++) {
            try (Engine e = new FastEngine(t, FastEngine.FUSION_AUTO, 1, Precision.SINGLE);
                 QuantumState s = e.allocate(n)) {
                s.applyAll(gates);
                amps[t - 1] = s.amplitudes();
            }
        }
        assertArrayEquals(amps[0], amps[1], "1 vs 2 threads");
        assertArrayEquals(amps[0], amps[2], "1 vs 3 threads");
    }
}
