package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;

/**
 * Kernels walk their groups run by run ({@link GateGeometry#runGroups}): consecutive or strided
 * vectors between two gaps of the layout. Each kernel is checked against the controlled matrix
 * applied by definition on a random state, and run over ranges that start and end anywhere inside runs (as a
 * thread's share does) against one call over every group, bit for bit.
 */
class KernelRunsTest {
    private static final double TOL = 1e-12;

    @ParameterizedTest(name = "{0} on targets {1}, controls {2}, {3} qubits")
    @CsvSource(delimiter = ';', value = {
            "h; 2; ; 10", "h; 3; ; 10", "h; 5; ; 10", "h; 9; ; 10", "h; 0; ; 10",
            "h; 19; ; 20", "h; 18; ; 20", "h; 2; 19; 20", "h; 7; 18,19; 20",
            "x; 19; 0; 20", "x; 3; 2; 12", "x; 11; 10; 12", "x; 4; 5; 12", "x; 0; 1; 12",
            "u3; 1,2; ; 12", "u3; 1,6; ; 12", "u3; 2,3; ; 12", "u3; 3,4; ; 12", "u3; 6,7; ; 12", "u3; 2,5; ; 12", "u3; 18,19; ; 20", "u3; 2,19; ; 20",
            "u3; 4,9; 2; 12", "u3; 5; 2,3; 12",
            "rz; 4; ; 12", "cp; 19; 18; 20", "cp; 9; 3; 12",
            // Controlled diagonals are planned as diagonals on controls and targets together.
            "cp; 3; 1; 12", "cp; 1; 2; 12", "cp; 2; 0; 12", "cp; 5; 1,3; 12", "rz; 3; 1; 12", "cp; 1; 19; 20",
            // One diagonal target on the lowest vector bits: whole blocks column by column.
            "rz; 1; ; 12", "rz; 2; ; 12", "rz; 3; ; 12", "cp; 2; ; 12", "rz; 3; ; 20",
            "rx; 2; ; 10", "rx; 5; ; 10", "rx; 19; ; 20", "rx; 3; 19; 20", "rx; 9; 2,4; 12",
            "ry; 2; ; 10", "ry; 7; ; 10", "ry; 18; ; 20", "ry; 4; 0; 12", "ry; 11; 5; 12",
            // Both targets in the lanes where a vector holds four amplitudes (512-bit double), in
            // either order, across the layout's gaps at 20 qubits; with a high control not in-vector.
            "u3; 0,1; ; 10", "u3; 1,0; ; 12", "u3; 0,1; ; 20", "u3; 0,1; 5; 12"})
    void aKernelMatchesExactAndGivesTheSameBitsForEverySplit(String gate, String targets, String controls, int n) {
        int[] t = ints(targets), c = ints(controls);
        Matrix u = switch (gate) {
            case "h" -> Gates.h().targetMatrix();
            case "x" -> Gates.x().targetMatrix();
            case "rz" -> Gates.rz(0.7).targetMatrix();
            case "cp" -> Gates.p(0.9).targetMatrix();
            case "rx" -> Gates.rx(1.3).targetMatrix();
            case "ry" -> Gates.ry(-2.2).targetMatrix();
            default -> t.length == 1 ? Gates.u3(0.3, 1.1, -0.4).targetMatrix()
                    : Gates.u3(0.3, 1.1, -0.4).matrix().embed(2, 0).times(Gates.cx().matrix()).times(Gates.u3(-1.2, 0.5, 2.0).matrix().embed(2, 1));
        };
        Kernel k = KernelPlanner.plan(n, u, t, c);
        matchesDefinitionAndEverySplit(k, u, t, c, n, new Random(n * 31L + t[0]), TOL);
    }

    /**
     * The 4×4 on two qubits above the vector has two forms: one group a loop, which C1 compiles,
     * and two groups a loop, used where the JVM keeps kernels off tier 2 (as the test JVMs do, so
     * the table above runs that one). Both must match the definition, give the same bits, and
     * give them for ranges cut anywhere (the two-group form pairs groups k and k + 1 of a range).
     */
    @ParameterizedTest(name = "4x4 on targets {0}, controls {1}, {2} qubits: one and two groups a loop")
    @CsvSource(delimiter = ';', value = {"3,4; ; 12", "4,3; ; 12", "6,7; ; 12", "2,11; ; 12", "4,9; 2; 12", "2,19; ; 20", "18,19; 5; 20"})
    void bothFormsOfTheTwoQubitKernelGiveTheSameBits(String targets, String controls, int n) {
        int[] t = ints(targets), c = ints(controls);
        Matrix u = Gates.u3(0.3, 1.1, -0.4).matrix().embed(2, 0).times(Gates.cz().matrix()).times(Gates.u3(-1.2, 0.5, 2.0).matrix().embed(2, 1));
        GateGeometry g = new GateGeometry(n, t, c);
        Kernel one = new TwoQubitKernel.OneGroup(g, u), two = new TwoQubitKernel.TwoGroups(g, u);
        matchesDefinitionAndEverySplit(one, u, t, c, n, new Random(n * 17L + t[0]), TOL);
        matchesDefinitionAndEverySplit(two, u, t, c, n, new Random(n * 17L + t[0]), TOL);
        long bytes = AmplitudeMemory.bytesFor(n);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocate(bytes, 64), b = arena.allocate(bytes, 64);
            Random rnd = new Random(5);
            for (long i = 0; i < 1L << n; i++) {
                a.set(ValueLayout.JAVA_DOUBLE, Lanes.amplitudeOffset(i), rnd.nextGaussian());
                a.set(ValueLayout.JAVA_DOUBLE, Lanes.amplitudeOffset(i) + 8, rnd.nextGaussian());
            }
            b.copyFrom(a);
            one.run(a, 0, one.units());
            two.run(b, 0, two.units());
            assertEquals(-1L, a.mismatch(b), "one against two groups a loop");
        }
    }

    /**
     * A diagonal on many qubits (as the fuser makes of random's cz layers or qft's phases) is
     * walked run by run, column by column or block by block (by picks, or from a table of each
     * block's coefficients), by where its lowest targets sit.
     * Real entries (±1: products of cz) are multiplied without a re↔im swap, exactly, so they
     * must give the definition's values to the bit.
     */
    @ParameterizedTest(name = "{0} phases on qubits {1} of {2}")
    @CsvSource(delimiter = ';', value = {
            "real; 3,4,5,6,7,8,9,10,11,12; 14", "complex; 3,4,5,6,7,8,9,10,11,12; 14",
            "real; 0,1,11,12,13; 14", "complex; 0,1,11,12,13; 14",
            "real; 1,2; 12", "complex; 1,2; 12", "real; 2,3,9; 12", "complex; 4,2,3,9; 12",
            "real; 1,5,6,7,8,9,10; 13", "real; 0; 10", "complex; 3; 12",
            "real; 1,2,15,17,18,19; 20", "complex; 19,3,2,17; 20",
            // Every vector bit of a 256-vector block a target (qubits 1–10 on 256- and 512-bit
            // vectors, 0–9 on 128-bit ones): every vector of a block has its own coefficient.
            "real; 1,2,3,4,5,6,7,8,9,10; 14", "real; 0,1,2,3,4,5,6,7,8,9; 14", "real; 10,9,8,7,6,5,4,3,2,1; 20",
            // Complex entries read from a table of each block's coefficients (at most two targets above a block).
            "complex; 1,2,3,4,5,6,7,8,9,10; 14", "complex; 2,5,9,10; 20"})
    void aPhaseBlockOnManyQubitsMatchesTheDefinitionForEverySplit(String kind, String targets, int n) {
        int[] t = ints(targets);
        Random rnd = new Random(n * 131L + t.length);
        double[] ph = new double[1 << t.length];
        for (int j = 0; j < ph.length; j++) ph[j] = kind.equals("real") ? (rnd.nextBoolean() ? 0 : Math.PI) : rnd.nextDouble() * 6.28;
        Matrix u = Matrix.diagonalPhases(ph);
        if (kind.equals("real")) {
            // cos(π) is −1 and sin(π) is not 0 in doubles: write the signs out.
            double[] re = new double[ph.length * ph.length], im = new double[re.length];
            for (int j = 0; j < ph.length; j++) re[j * ph.length + j] = ph[j] == 0 ? 1 : -1;
            u = Matrix.of(ph.length, re, im);
        }
        Kernel k = KernelPlanner.plan(n, u, t, new int[0]);
        assertEquals("DiagonalKernel", k.getClass().getSimpleName());
        matchesDefinitionAndEverySplit(k, u, t, new int[0], n, rnd, kind.equals("real") ? 0 : TOL);
    }

    /**
     * Runs k over the whole state in one call and in ranges cut anywhere: the two must agree bit
     * for bit, and the first with the controlled matrix applied by definition to within tol.
     */
    private static void matchesDefinitionAndEverySplit(Kernel k, Matrix u, int[] t, int[] c, int n, Random rnd, double tol) {
        long bytes = AmplitudeMemory.bytesFor(n);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment whole = arena.allocate(bytes, 64), split = arena.allocate(bytes, 64);
            double[] re = new double[1 << n], im = new double[1 << n];
            for (int i = 0; i < re.length; i++) {
                re[i] = rnd.nextGaussian();
                im[i] = rnd.nextGaussian();
                long at = Lanes.amplitudeOffset(i);
                whole.set(ValueLayout.JAVA_DOUBLE, at, re[i]);
                whole.set(ValueLayout.JAVA_DOUBLE, at + 8, im[i]);
            }
            split.copyFrom(whole);
            double[][] expected = reference(re, im, u, t, c);

            k.run(whole, 0, k.units());
            // Ranges of random lengths (1 to 37 groups, or up to 700 so that some hold whole
            // blocks of the column walk) cut runs at arbitrary places.
            for (long from = 0; from < k.units(); ) {
                long to = Math.min(k.units(), from + 1 + rnd.nextInt(rnd.nextBoolean() ? 37 : 700));
                k.run(split, from, to);
                from = to;
            }
            for (long i = 0; i < 1L << n; i++) {
                long at = Lanes.amplitudeOffset(i);
                double wr = whole.get(ValueLayout.JAVA_DOUBLE, at), wi = whole.get(ValueLayout.JAVA_DOUBLE, at + 8);
                assertEquals(Double.doubleToRawLongBits(wr), Double.doubleToRawLongBits(split.get(ValueLayout.JAVA_DOUBLE, at)), "re " + i + " split");
                assertEquals(Double.doubleToRawLongBits(wi), Double.doubleToRawLongBits(split.get(ValueLayout.JAVA_DOUBLE, at + 8)), "im " + i + " split");
                assertEquals(expected[0][(int) i], wr, tol, "re " + i);
                assertEquals(expected[1][(int) i], wi, tol, "im " + i);
            }
        }
    }

    @ParameterizedTest(name = "chunk of {0} qubits, seed {1}")
    @CsvSource({"17, 1", "17, 2", "16, 3", "15, 4"})
    void kernelsRunTileByTileGiveTheBitsOfKernelsRunOneAfterAnother(int local, long seed) {
        Random rnd = new Random(seed);
        var ops = RandomCircuits.circuit(rnd, local, 60);
        var blocks = StageRunner.fuse(ops, FastEngine.FUSION_AUTO);
        Kernel[] kernels = blocks.stream().map(b -> b.kernel(local)).toArray(Kernel[]::new);
        long bytes = AmplitudeMemory.bytesFor(local);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment plain = arena.allocate(bytes, 64), tiled = arena.allocate(bytes, 64);
            for (long at = 0; at < bytes; at += 8) plain.set(ValueLayout.JAVA_DOUBLE, at, rnd.nextGaussian());
            tiled.copyFrom(plain);
            for (Kernel k : kernels) k.run(plain, 0, k.units());
            StageRunner.Gather.runTiled(kernels, tiled, local - Lanes.LOW_QUBITS);
            assertEquals(-1, plain.mismatch(tiled), "first differing byte");
        }
    }

    @ParameterizedTest(name = "{0} on a high qubit runs on {1}")
    @CsvSource({"rx, HighRx", "ry, High", "h, High", "u3, High", "rzrx, High"})
    void rotationsWithAnImaginaryOffDiagonalGetTheHalfKernel(String gate, String kernel) {
        Matrix u = switch (gate) {
            case "rx" -> Gates.rx(0.4).targetMatrix();
            case "ry" -> Gates.ry(0.4).targetMatrix();
            case "h" -> Gates.h().targetMatrix();
            case "rzrx" -> Gates.rz(0.3).targetMatrix().times(Gates.rx(0.4).targetMatrix());
            default -> Gates.u3(0.3, 1.1, -0.4).targetMatrix();
        };
        assertEquals(kernel, KernelPlanner.plan(12, u, new int[]{5}, new int[0]).getClass().getSimpleName());
    }

    /**
     * A dense 4×4 on qubits 0 and 1 runs inside each vector ({@link InVectorPairKernel}) exactly
     * where a vector holds both qubits (four amplitudes: double on 512-bit vectors) and nothing
     * else constrains it; with a control it stays on the general lane kernel.
     */
    @ParameterizedTest(name = "targets {0}, controls {1}")
    @CsvSource(delimiter = ';', value = {"0,1; ", "1,0; ", "0,1; 6", "0,2; "})
    void aDenseBlockOnTwoLaneQubitsRunsInsideEachVector(String targets, String controls) {
        int[] t = ints(targets), c = ints(controls);
        Matrix u = Gates.u3(0.3, 1.1, -0.4).matrix().embed(2, 0).times(Gates.u3(-1.2, 0.5, 2.0).matrix().embed(2, 1));
        boolean bothInLanes = t[0] < Lanes.LOW_QUBITS && t[1] < Lanes.LOW_QUBITS;
        Kernel k = KernelPlanner.plan(12, u, t, c);
        assertEquals(bothInLanes && c.length == 0, k instanceof InVectorPairKernel, k.getClass().getSimpleName());
    }

    /** The controlled matrix applied by definition: on every index with all controls 1, the targets' 2^k amplitudes times u. */
    private static double[][] reference(double[] re, double[] im, Matrix u, int[] t, int[] c) {
        double[] outRe = re.clone(), outIm = im.clone();
        int dim = 1 << t.length;
        for (int i = 0; i < re.length; i++) {
            boolean on = true;
            for (int q : c) on &= (i >> q & 1) == 1;
            boolean first = true;
            for (int q : t) first &= (i >> q & 1) == 0;
            if (!on || !first) continue;
            int[] idx = new int[dim];
            for (int m = 0; m < dim; m++) {
                int k = i;
                for (int j = 0; j < t.length; j++) if ((m >> j & 1) == 1) k |= 1 << t[j];
                idx[m] = k;
            }
            for (int r = 0; r < dim; r++) {
                double sr = 0, si = 0;
                for (int col = 0; col < dim; col++) {
                    sr += u.re(r, col) * re[idx[col]] - u.im(r, col) * im[idx[col]];
                    si += u.re(r, col) * im[idx[col]] + u.im(r, col) * re[idx[col]];
                }
                outRe[idx[r]] = sr;
                outIm[idx[r]] = si;
            }
        }
        return new double[][]{outRe, outIm};
    }

    private static int[] ints(String s) {
        if (s == null || s.isBlank()) return new int[0];
        return java.util.Arrays.stream(s.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }
}
