package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.complex.Complex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.qise.circuit.Operation;
import org.qise.engine.Plan;
import org.qise.engine.Precision;
import org.qise.engine.QuantumState;

/**
 * Float runs of gates on two qubits above the float vector ({@link FloatRunKernel}): against the
 * gates applied one by one by definition (Commons Math complex arithmetic on their full
 * matrices), ranges cut anywhere against one call bit for bit, and whole qcbm circuits in single
 * precision bit-identical on 1, 2 and 3 threads and agreeing with double to 1 − F &lt; 1e-6.
 */
class FloatRunKernelTest {
    /** Float arithmetic on amplitudes of order 1: a few roundings of 6e-8 each. */
    private static final double TOL = 2e-5;

    /**
     * A run written as gate:qubits items for 8-amplitude float vectors (AVX-512: qubits 3 and up
     * lie above the vector); every qubit q ≥ 3 is moved to q − 3 + the lane qubits of this machine.
     */
    private static List<Operation.GateOp> run(String spec, Random rnd) {
        return RunKernelTest.run(spec, rnd, q -> q - 3 + FloatGateKernel.LOW_QUBITS);
    }

    @ParameterizedTest(name = "{0} on {1} qubits")
    @CsvSource(delimiter = ';', value = {
            "cx:3,4 u3:3; 8", "cx:4,3 u3:4; 8", "u3:5 cz:5,9; 12", "rz:4 rx:4 rz:4 cx:4,8 cz:4,8 rz:8; 12",
            "x:6 cx:6,3 u3:3 swap:3,6 cp:6,3; 12", "cz:3,4 u3:4 cz:3,4; 10", "cx:16,17 u3:16; 18", "cx:17,3 u3:17; 18",
            "u3:3 cx:3,17 rz:17; 18", "cx:10,11 u3:11 cx:10,11; 12"})
    void aFloatRunMatchesItsGatesAppliedByDefinitionAndGivesTheSameBitsForEverySplit(String spec, int n) {
        Random rnd = new Random(spec.hashCode());
        List<Operation.GateOp> ops = run(spec, rnd);
        FloatBlocks.FloatKernel k = FloatRunKernel.of(n, ops, RunKernelTest.runQubits(ops));
        assertInstanceOf(FloatRunKernel.class, k, "the run pairs the vectors");

        Complex[] psi = new Complex[1 << n];
        AmplitudeMemory whole = FloatState.allocateMemory(n), cut = FloatState.allocateMemory(n);
        try {
            for (int i = 0; i < psi.length; i++) {
                float re = (float) rnd.nextGaussian(), im = (float) rnd.nextGaussian();
                psi[i] = new Complex(re, im);
                whole.segment.set(FloatLayout.FLOAT, FloatLayout.amplitudeOffset(i, n), re);
                whole.segment.set(FloatLayout.FLOAT, FloatLayout.amplitudeOffset(i, n) + 4, im);
            }
            cut.segment.copyFrom(whole.segment);
            for (Operation.GateOp o : ops) psi = RunKernelTest.apply(psi, o.gate().matrix(), o.qubits());

            k.runAll(whole.segment);
            for (long from = 0; from < k.units(); ) {
                long to = Math.min(k.units(), from + 1 + rnd.nextInt(37));
                k.run(cut.segment, from, to);
                from = to;
            }
            assertEquals(-1L, whole.segment.asSlice(0, 8L << n).mismatch(cut.segment.asSlice(0, 8L << n)), "ranges cut anywhere give the bits of one call");
            for (int i = 0; i < psi.length; i++) {
                assertEquals(psi[i].getReal(), whole.segment.get(FloatLayout.FLOAT, FloatLayout.amplitudeOffset(i, n)), TOL, "re " + i);
                assertEquals(psi[i].getImaginary(), whole.segment.get(FloatLayout.FLOAT, FloatLayout.amplitudeOffset(i, n) + 4), TOL, "im " + i);
            }
        } finally {
            whole.close();
            cut.close();
        }
    }

    /**
     * A run whose two pairs share one 2×2 (qcbm's) has two kernels: {@link FloatRunKernel.Shared}
     * loads the shared coefficients in its loop, {@link FloatRunKernel.Two} holds both pairs' in
     * registers (where the machine has 32 of them). With the shared pairing they must give the
     * same bits, so that a plan's results do not depend on which one the machine picks.
     */
    @ParameterizedTest(name = "{0} on {1} qubits")
    @CsvSource(delimiter = ';', value = {"cx:3,4 u3:3; 8", "cx:4,3 u3:4; 10", "cx:16,17 u3:16; 18", "rz:5 rx:5 rz:5 cx:5,6; 12"})
    void aSharedRunGivesTheSameBitsFromLoadedAndHeldCoefficients(String spec, int n) {
        Random rnd = new Random(spec.hashCode());
        List<Operation.GateOp> ops = run(spec, rnd);
        int[] qubits = RunKernelTest.runQubits(ops);
        org.qise.circuit.Matrix m = RunKernel.product(ops, qubits[0], qubits[1]);
        int[][] same = RunKernel.sharedPairing(m, RunKernel.pairing(m));
        assertTrue(same != null, "the pairs share one 2x2");
        FloatBlocks.FloatKernel loaded = new FloatRunKernel.Shared(n, m, qubits, same[0], same[1]);
        FloatBlocks.FloatKernel held = new FloatRunKernel.Two(n, m, qubits, same[0], same[1]);
        try (SameFloatStates states = new SameFloatStates(n, 2, rnd)) {
            loaded.runAll(states.get(0));
            held.runAll(states.get(1));
            states.assertSameBits(0, 1, "coefficients loaded against held");
        }
    }

    @ParameterizedTest(name = "no float run on {0}")
    @ValueSource(strings = {"u3:3 u3:4", "u3:3 cx:3,4 u3:3"})
    void gatesWhoseProductMixesAllFourVectorsGetTheDenseFloatKernel(String spec) {
        List<Operation.GateOp> ops = run(spec, new Random(3));
        int lo = FloatGateKernel.LOW_QUBITS;
        assertNull(RunKernel.pairing(RunKernel.product(ops, lo, lo + 1)));
        assertTrue(FloatRunKernel.of(10, ops, new int[]{lo, lo + 1}) instanceof FloatDenseKernels.Q2Uniform);
    }

    /**
     * qcbm layers at 20 qubits (staged: chunks of 18) and 14 (one whole-state step): the planner
     * makes runs in single precision, never on a float vector's qubits; results are the same bits
     * on 1, 2 and 3 threads and agree with double.
     */
    @ParameterizedTest(name = "qcbm layers on {0} qubits")
    @ValueSource(ints = {14, 20})
    void singlePrecisionQcbmWithRunsIsTheSameOnEveryThreadCountAndAgreesWithDouble(int n) {
        List<Operation.GateOp> ops = RunKernelTest.qcbm(n, 3, 11);
        double[][] out = new double[3][];
        for (int t = 1; t <= 3; t++) {
            try (FastEngine e = new FastEngine(t, Precision.SINGLE); QuantumState s = e.allocate(n)) {
                Plan p = e.compile(n, ops);
                long runs = 0, floatRuns = 0;
                for (Plan.Step step : p.steps())
                    for (String b : step.blocks()) {
                        if (!b.startsWith("gate run")) continue;
                        runs++;
                        // --explain names the kernel that runs: the float one in a float step.
                        if (step.kind().endsWith("in float")) {
                            String kernel = LoopConstants.WIDE_REGISTER_FILE ? "-> FloatRunKernel$Two" : "-> FloatRunKernel$Shared";
                            assertTrue(b.endsWith(kernel), step.kind() + ": " + b);
                            floatRuns++;
                        }
                        String qubits = b.substring(b.indexOf('[') + 1, b.indexOf(']'));
                        int lowest = Arrays.stream(qubits.split(", ")).mapToInt(Integer::parseInt).min().orElseThrow();
                        assertTrue(lowest >= FloatGateKernel.LOW_QUBITS, "a float run never holds a qubit inside the float vector: " + b);
                    }
                assertTrue(runs >= 2 * (n - FloatGateKernel.LOW_QUBITS - 2), "cx and the next rotation form runs, got " + runs + "\n" + p.explain());
                assertEquals(runs, floatRuns, "every run is in a float step, and named as the float kernel\n" + p.explain());
                s.run(p);
                out[t - 1] = s.amplitudes();
            }
        }
        for (int t = 1; t < 3; t++)
            for (int i = 0; i < out[0].length; i++)
                assertEquals(Double.doubleToRawLongBits(out[0][i]), Double.doubleToRawLongBits(out[t][i]), (t + 1) + " threads, bits " + i);
        double[] ref;
        try (FastEngine e = new FastEngine(1); QuantumState s = e.allocate(n)) {
            s.run(e.compile(n, ops));
            ref = s.amplitudes();
        }
        double dotRe = 0, dotIm = 0, norm = 0;
        for (int i = 0; i < ref.length; i += 2) {
            dotRe += ref[i] * out[0][i] + ref[i + 1] * out[0][i + 1];
            dotIm += ref[i] * out[0][i + 1] - ref[i + 1] * out[0][i];
            norm += out[0][i] * out[0][i] + out[0][i + 1] * out[0][i + 1];
        }
        double fidelity = (dotRe * dotRe + dotIm * dotIm) / norm;
        assertTrue(1 - fidelity < 1e-6, "1 - F = " + (1 - fidelity));
    }
}
