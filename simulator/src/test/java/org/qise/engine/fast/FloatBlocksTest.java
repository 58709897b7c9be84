package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.complex.ComplexField;
import org.apache.commons.math3.linear.Array2DRowFieldMatrix;
import org.apache.commons.math3.linear.ArrayFieldVector;
import org.apache.commons.math3.linear.FieldMatrix;
import org.apache.commons.math3.linear.FieldVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;

/**
 * The float kernels of fused blocks ({@link FloatBlocks}) against a dense Commons Math
 * reference: a random k-qubit matrix (dense) or diagonal, placed on the chosen qubits of an
 * n-qubit operator by definition (entry (r, c) is the block's entry for the block bits of r
 * and c when every other bit agrees, else 0), times a random state. Qubit sets cover blocks
 * entirely inside a float vector, entirely above it, mixed, and listed out of order.
 */
class FloatBlocksTest {
    /** Seven qubits: every lane qubit of a float vector (three with AVX-512) and at least four above. */
    static final int N = Math.max(7, FloatGateKernel.LOW_QUBITS + 4);

    /** Qubit sets, written as lists ("0 1"): qubit 0 … LOW−1 are in-vector on this machine (0–2 with AVX-512). */
    @ParameterizedTest(name = "dense block on {0}")
    @ValueSource(strings = {"0 1", "1 0", "0 2", "1 2", "2 1", "0 5", "5 0", "2 3", "3 6", "4 5", "6 3", "0 1 2", "2 0 1", "1 0 2", "1 4 6", "0 5 2", "6 1 4", "3 4 5", "6 3 5",
            "0 1 2 3", "2 6 1 5", "1 2 0 4", "3 0 1 2", "0 1 4 6", "5 1 0 6"})
    void aDenseBlockMatchesTheDenseOperator(String set) {
        int[] qubits = Arrays.stream(set.split(" ")).mapToInt(Integer::parseInt).toArray();
        Random rnd = new Random(set.hashCode());
        int dim = 1 << qubits.length;
        double[] re = new double[dim * dim], im = new double[dim * dim];
        for (int i = 0; i < re.length; i++) {
            re[i] = rnd.nextGaussian() / dim;
            im[i] = rnd.nextGaussian() / dim;
        }
        Matrix m = Matrix.of(dim, re, im);
        // Narrower vectors (AVX2) put more of a set above the vector; such blocks have no float kernel (tested below).
        assumeTrue(FloatDenseKernels.fits(qubits), "more than two qubits above the vector on this machine");
        check(FloatDenseKernels.of(N, m, qubits), qubits, (r, c) -> new Complex(m.re(r, c), m.im(r, c)), rnd);
    }

    /**
     * Blocks whose qubits all pick lanes get the kernels that permute each pattern's products
     * inside the vector (a pass about 2.5× faster than the general lane kernel's).
     */
    @ParameterizedTest(name = "dense block on {0}")
    @ValueSource(strings = {"0 1", "1 0", "2 0", "0 1 2", "2 1 0"})
    void blocksInsideTheVectorGetTheInVectorKernels(String set) {
        int[] qubits = Arrays.stream(set.split(" ")).mapToInt(Integer::parseInt).toArray();
        assumeTrue(Arrays.stream(qubits).allMatch(q -> q < FloatGateKernel.LOW_QUBITS), "every qubit inside the vector on this machine");
        Matrix m = Matrix.identity(1 << qubits.length);
        FloatBlocks.FloatKernel k = FloatDenseKernels.of(N, m, qubits);
        assertEquals(qubits.length == 2 ? FloatDenseKernels.InVector2.class : FloatDenseKernels.InVector3.class, k.getClass());
        assertEquals(1L << (N - FloatGateKernel.LOW_QUBITS), k.units(), "every vector its own group");
    }

    /**
     * Dense kernels walk runs of units with one stepping byte offset (strided when a block qubit is
     * the lowest vector bit): ranges cut anywhere, as thread shares and tiles cut them, must give
     * the bits of one call. Ten qubits, sets written for AVX-512 (qubit 3 the lowest vector bit).
     */
    @ParameterizedTest(name = "dense block on {0}, ranges cut anywhere")
    @ValueSource(strings = {"3 4", "3 9", "5 8", "0 3", "1 7", "3 4 5", "4 6 9", "0 1 3", "2 3 8", "0 4 1 7", "1 0", "2 0 1"})
    void rangesCutInsideRunsGiveTheBitsOfOneCall(String set) {
        int n = 10;
        int[] qubits = Arrays.stream(set.split(" ")).mapToInt(Integer::parseInt).toArray();
        assumeTrue(FloatDenseKernels.fits(qubits), "more than two qubits above the vector on this machine");
        Random rnd = new Random(set.hashCode());
        int dim = 1 << qubits.length;
        double[] re = new double[dim * dim], im = new double[dim * dim];
        for (int i = 0; i < re.length; i++) {
            re[i] = rnd.nextGaussian() / dim;
            im[i] = rnd.nextGaussian() / dim;
        }
        FloatBlocks.FloatKernel kernel = FloatDenseKernels.of(n, Matrix.of(dim, re, im), qubits);
        try (SameFloatStates states = new SameFloatStates(n, 2, rnd)) {
            kernel.runAll(states.get(0));
            SameFloatStates.runInRanges(kernel, states.get(1), rnd, 5);
            states.assertSameBits(0, 1, "ranges cut anywhere");
        }
    }

    /**
     * The 4×4 on two qubits above the vector has two forms: one group a loop, which C1 compiles,
     * and two groups a loop, used where the JVM keeps kernels off tier 2 (as the test JVMs do, so
     * the tests above run that one). Both must give the same bits, the two-group form whether its
     * ranges are cut between the groups it pairs or not, and with a range of odd length.
     */
    @ParameterizedTest(name = "4x4 on {0}: one and two groups a loop, ranges cut anywhere")
    @ValueSource(strings = {"3 4", "4 3", "3 9", "5 8", "9 4", "8 9"})
    void bothFormsOfTheTwoQubitKernelAboveTheVectorGiveTheSameBits(String set) {
        int n = 10;
        int[] qubits = Arrays.stream(set.split(" ")).mapToInt(Integer::parseInt).toArray();
        Random rnd = new Random(set.hashCode());
        double[] re = new double[16], im = new double[16];
        for (int i = 0; i < 16; i++) {
            re[i] = rnd.nextGaussian() / 4;
            im[i] = rnd.nextGaussian() / 4;
        }
        Matrix m = Matrix.of(4, re, im);
        FloatDenseKernels.Shape shape = new FloatDenseKernels.Shape(n, m, qubits, 1);
        var one = new FloatDenseKernels.Q2Uniform.OneGroup(shape, m, qubits);
        var two = new FloatDenseKernels.Q2Uniform.TwoGroups(shape, m, qubits);
        try (SameFloatStates states = new SameFloatStates(n, 3, rnd)) {
            one.runAll(states.get(0));
            two.runAll(states.get(1));
            SameFloatStates.runInRanges(two, states.get(2), rnd, 5);
            states.assertSameBits(0, 1, "one against two groups a loop");
            states.assertSameBits(0, 2, "two groups a loop, ranges cut");
        }
    }

    /**
     * Every two-qubit set with both qubits inside the float vector ({@link FloatDenseKernels.InVector2})
     * or one inside and one above it ({@link FloatDenseKernels.LaneHigh}), in both orders, on this
     * machine's vector width.
     */
    static List<int[]> laneQubitPairs() {
        int low = FloatGateKernel.LOW_QUBITS;
        List<int[]> pairs = new ArrayList<>();
        for (int a = 0; a < low; a++) {
            for (int b = 0; b < low; b++) if (a != b) pairs.add(new int[]{a, b});
            for (int h : new int[]{low, low + 2}) {
                pairs.add(new int[]{a, h});
                pairs.add(new int[]{h, a});
            }
        }
        return pairs;
    }

    /**
     * The kernels for 2-qubit blocks on lane qubits hold their coefficients in registers on
     * machines with 32 vector registers and load them in the loop elsewhere: the two forms must
     * give the same bits, over the whole state and with ranges cut anywhere.
     */
    @ParameterizedTest(name = "2-qubit block on {0}: coefficients held and loaded")
    @org.junit.jupiter.params.provider.MethodSource("laneQubitPairs")
    void coefficientsHeldInRegistersAndLoadedInTheLoopGiveTheSameBits(int[] qubits) {
        int n = 10;
        Random rnd = new Random(Arrays.hashCode(qubits));
        double[] re = new double[16], im = new double[16];
        for (int i = 0; i < 16; i++) {
            re[i] = rnd.nextGaussian() / 4;
            im[i] = rnd.nextGaussian() / 4;
        }
        Matrix m = Matrix.of(4, re, im);
        FloatBlocks.FloatKernel held, loaded;
        if (FloatDenseKernels.InVector2.takes(qubits)) {
            held = new FloatDenseKernels.InVector2(n, m, qubits, true);
            loaded = new FloatDenseKernels.InVector2(n, m, qubits, false);
        } else {
            FloatDenseKernels.Shape shape = new FloatDenseKernels.Shape(n, m, qubits, 1);
            held = new FloatDenseKernels.LaneHigh(shape, m, qubits, true);
            loaded = new FloatDenseKernels.LaneHigh(shape, m, qubits, false);
        }
        assertEquals(held.getClass(), FloatDenseKernels.of(n, m, qubits).getClass(), "the kernel the planner picks for " + Arrays.toString(qubits));
        try (SameFloatStates states = new SameFloatStates(n, 4, rnd)) {
            held.runAll(states.get(0));
            loaded.runAll(states.get(1));
            SameFloatStates.runInRanges(held, states.get(2), rnd, 5);
            SameFloatStates.runInRanges(loaded, states.get(3), rnd, 5);
            states.assertSameBits(0, 1, "held against loaded");
            states.assertSameBits(0, 2, "held, ranges cut");
            states.assertSameBits(0, 3, "loaded, ranges cut");
        }
    }

    /** Four-qubit sets with three or four qubits above a float vector (written for AVX-512, where qubits 3 and up are; shifted down on narrower vectors). */
    @ParameterizedTest(name = "dense block on {0} widens to double")
    @ValueSource(strings = {"0 3 4 5", "5 2 3 4", "3 4 5 6", "6 5 4 3"})
    void aFourQubitBlockWithThreeOrFourQubitsAboveTheVectorHasNoFloatKernel(String set) {
        int[] qubits = Arrays.stream(set.split(" ")).mapToInt(Integer::parseInt).map(q -> q >= 3 ? q - 3 + FloatGateKernel.LOW_QUBITS : q).toArray();
        int dim = 1 << qubits.length;
        Matrix m = Matrix.of(dim, new double[dim * dim], new double[dim * dim]);
        assertNull(FloatBlocks.forBlocks(java.util.List.of(new Fuser.Dense(m, qubits)), N), set);
    }

    @ParameterizedTest(name = "diagonal block on {0}")
    @ValueSource(strings = {"0", "2", "5", "0 1", "1 4", "3 6", "0 1 2", "0 2 3 5 6", "0 1 2 3 4 5 6"})
    void aDiagonalBlockMatchesTheDenseOperator(String set) {
        int[] qubits = Arrays.stream(set.split(" ")).mapToInt(Integer::parseInt).toArray();
        Random rnd = new Random(set.hashCode());
        int dim = 1 << qubits.length;
        double[] re = new double[dim], im = new double[dim];
        for (int i = 0; i < dim; i++) {
            double phi = rnd.nextDouble() * 2 * Math.PI;
            re[i] = Math.cos(phi);
            im[i] = Math.sin(phi);
        }
        check(new FloatBlocks.Diagonal(N, re, im, qubits), qubits, (r, c) -> r == c ? new Complex(re[r], im[r]) : Complex.ZERO, rnd);
    }

    /**
     * On a state of many 256-vector blocks, a diagonal walks each block whole (no target on its
     * bits), column by column (targets on vector bits 0–2) or vector by vector (the rest: from a
     * table of each block's coefficients where at most two targets lie above the block). Checked
     * against each amplitude times its entry by definition, real ±1 entries exactly, and ranges cut
     * anywhere against one call bit for bit. Qubits count from the lanes up (q ↦ q − 2 + LOW).
     */
    @ParameterizedTest(name = "{0} phases on qubits {1} of 14, ranges cut anywhere")
    @CsvSource(delimiter = ';', value = {"real; 0 1 11 12 13", "complex; 0 1 11 12 13", "real; 3 4 5 6 7 8 9 10 11 12",
            "complex; 3 5 6 12", "real; 2 3 4", "complex; 2 4 13", "complex; 3 12", "real; 0 1", "complex; 7",
            "real; 3 4 5 6 7 8 9 10", "complex; 2 3 4 5 6 7 8 9 10 11", "complex; 0 4 9 10"})
    void aDiagonalOnALargeStateMatchesTheDefinitionForEverySplit(String kind, String set) {
        final int n = 14;
        int[] qubits = Arrays.stream(set.split(" ")).mapToInt(Integer::parseInt).map(q -> q >= 2 ? q - 2 + FloatGateKernel.LOW_QUBITS : q).toArray();
        Random rnd = new Random(set.hashCode() + kind.length());
        int dim = 1 << qubits.length;
        double[] re = new double[dim], im = new double[dim];
        for (int i = 0; i < dim; i++) {
            double phi = rnd.nextDouble() * 2 * Math.PI;
            re[i] = kind.equals("real") ? (rnd.nextBoolean() ? 1 : -1) : Math.cos(phi);
            im[i] = kind.equals("real") ? 0 : Math.sin(phi);
        }
        FloatBlocks.Diagonal kernel = new FloatBlocks.Diagonal(n, re, im, qubits);
        AmplitudeMemory whole = FloatState.allocateMemory(n), split = FloatState.allocateMemory(n);
        try {
            float[][] psi = new float[2][1 << n];
            for (int i = 0; i < 1 << n; i++) {
                psi[0][i] = (float) rnd.nextGaussian();
                psi[1][i] = (float) rnd.nextGaussian();
                whole.segment.set(FloatLayout.FLOAT, FloatLayout.amplitudeOffset(i, n), psi[0][i]);
                whole.segment.set(FloatLayout.FLOAT, FloatLayout.amplitudeOffset(i, n) + 4, psi[1][i]);
            }
            split.segment.copyFrom(whole.segment);
            kernel.runAll(whole.segment);
            for (long from = 0; from < kernel.units(); ) {
                long to = Math.min(kernel.units(), from + 1 + rnd.nextInt(rnd.nextBoolean() ? 37 : 700));
                kernel.run(split.segment, from, to);
                from = to;
            }
            assertEquals(-1, whole.segment.mismatch(split.segment), "first byte where a split run differs");
            double tol = kind.equals("real") ? 0 : 1e-6;
            for (int i = 0; i < 1 << n; i++) {
                int d = bits(i, qubits);
                double wantRe = psi[0][i] * re[d] - psi[1][i] * im[d], wantIm = psi[0][i] * im[d] + psi[1][i] * re[d];
                assertEquals(wantRe, whole.segment.get(FloatLayout.FLOAT, FloatLayout.amplitudeOffset(i, n)), tol * (1 + Math.abs(wantRe)), "re of amplitude " + i);
                assertEquals(wantIm, whole.segment.get(FloatLayout.FLOAT, FloatLayout.amplitudeOffset(i, n) + 4), tol * (1 + Math.abs(wantIm)), "im of amplitude " + i);
            }
        } finally {
            whole.close();
            split.close();
        }
    }

    /**
     * Every stage of qft, qcbm and random runs in float: a float stage's fusion width is chosen
     * among those whose blocks all have float kernels ({@link FloatCost}), so random's 4-qubit
     * blocks above the vector, which have none, are no longer fused there (they used to widen a
     * stage to double).
     */
    @ParameterizedTest(name = "every stage of {0} on {1} qubits runs in float")
    @CsvSource({"qft, 20", "qcbm, 20", "random, 20", "qft, 26", "qcbm, 26", "random, 26"})
    void theBenchWorkloadsStagesRunInFloat(String workload, int n) {
        FastPlan plan = FastPlan.compile(n, org.qise.bench.Workloads.circuit(workload, n), FastEngine.FUSION_AUTO, true);
        for (CompiledStep step : plan.compiled) {
            if (step instanceof CompiledStep.FloatGate) continue;
            assertTrue(step.floatKernels(step.kernelQubits(n)) != null, () -> "widened to double: " + step.describe(n));
        }
        long inFloat = plan.steps().stream().filter(s -> s.kind().contains("in float") || s.kind().contains("(float)")).count();
        assertEquals(plan.steps().size(), inFloat, "steps in float");
    }

    /** A grouping with a block that has no float kernel is never the cheapest for a float stage. */
    @Test
    void aGroupingWithABlockThatHasNoFloatKernelCostsInfinity() {
        assumeTrue(FloatGateKernel.AMPS >= 2 && FloatGateKernel.LOW_QUBITS <= 3, "float kernels need vectors of 2 to 8 amplitudes");
        List<Operation.GateOp> ops = new ArrayList<>();
        Random rnd = new Random(7);
        // u3 on four qubits above an 8-amplitude vector, entangled: at width 4 one block with no float kernel.
        for (int q = 3; q < 7; q++) ops.add(new Operation.GateOp(Gates.u3(rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()), new int[]{q}, null));
        for (int q = 3; q < 6; q++) ops.add(new Operation.GateOp(Gates.cz(), new int[]{q, q + 1}, null));
        double[] alone = Fuser.costsAlone(ops);
        List<Fuser.Group> wide = new Fuser(4, Fuser.MAX_DIAGONAL_QUBITS).group(ops, alone);
        assertEquals(1, wide.size(), "one 4-qubit block");
        assertEquals(Double.POSITIVE_INFINITY, FloatCost.of(ops, wide));
        List<Fuser.Group> chosen = StageRunner.groups(ops, FastEngine.FUSION_AUTO, true);
        assertTrue(Double.isFinite(FloatCost.of(ops, chosen)), "the chosen grouping has float kernels");
        List<Fuser.Block> blocks = Fuser.build(ops, chosen);
        assertTrue(FloatBlocks.forBlocks(blocks, 10) != null, "float kernels for " + blocks);
    }

    private interface Entry {
        Complex at(int row, int col);
    }

    private static void check(FloatBlocks.FloatKernel kernel, int[] qubits, Entry block, Random rnd) {
        int dim = 1 << N;
        long others = (dim - 1) & ~Fuser.mask(qubits);
        Complex[][] op = new Complex[dim][dim];
        for (int r = 0; r < dim; r++)
            for (int c = 0; c < dim; c++) op[r][c] = (r & others) == (c & others) ? block.at(bits(r, qubits), bits(c, qubits)) : Complex.ZERO;
        FieldMatrix<Complex> operator = new Array2DRowFieldMatrix<>(ComplexField.getInstance(), op);
        Complex[] psi = new Complex[dim];
        AmplitudeMemory memory = FloatState.allocateMemory(N);
        try {
            for (int i = 0; i < dim; i++) {
                float re = (float) rnd.nextGaussian(), im = (float) rnd.nextGaussian();
                psi[i] = new Complex(re, im);
                memory.segment.set(FloatLayout.FLOAT, FloatLayout.amplitudeOffset(i, N), re);
                memory.segment.set(FloatLayout.FLOAT, FloatLayout.amplitudeOffset(i, N) + 4, im);
            }
            kernel.runAll(memory.segment);
            FieldVector<Complex> want = operator.operate(new ArrayFieldVector<>(psi));
            for (int i = 0; i < dim; i++) {
                assertEquals(want.getEntry(i).getReal(), memory.segment.get(FloatLayout.FLOAT, FloatLayout.amplitudeOffset(i, N)), 1e-5, "re of amplitude " + i);
                assertEquals(want.getEntry(i).getImaginary(), memory.segment.get(FloatLayout.FLOAT, FloatLayout.amplitudeOffset(i, N) + 4), 1e-5, "im of amplitude " + i);
            }
        } finally {
            memory.close();
        }
    }

    /** Bit j of the block index is the bit of qubits[j] in the state index. */
    private static int bits(int index, int[] qubits) {
        int b = 0;
        for (int j = 0; j < qubits.length; j++) b |= ((index >> qubits[j]) & 1) << j;
        return b;
    }
}
