package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.bench.Workloads;
import org.qise.circuit.Circuit;
import org.qise.circuit.Operation;
import org.qise.corpus.SharedCorpus;
import org.qise.engine.Engine;
import org.qise.engine.Plan;
import org.qise.engine.Precision;
import org.qise.engine.QuantumState;
import org.qise.engine.exact.ExactEngine;
import org.qise.qasm.QasmParser;
import org.qise.sim.MemoryNeed;
import org.qise.sim.Simulator;

/**
 * Single precision against double: the same gates on a complex64 state and on a complex128
 * reference (the exact engine's plain loops, or the double fast engine for the 20-qubit
 * workloads) give states with 1 − |⟨ψ_single|ψ_double⟩|² below 1e-6, and a single-precision run
 * gives the same bits on one thread and on two.
 */
class SinglePrecisionTest {

    /** The unconditioned gates of every valid corpus circuit of at most 16 qubits. */
    static Stream<Arguments> corpusCircuits() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (Path f : SharedCorpus.valid()) {
            Circuit c = QasmParser.parse(Files.readString(f), f.getFileName().toString());
            if (c.numQubits() > 16 || c.numQubits() < 1) continue;
            List<Operation.GateOp> gates = new ArrayList<>();
            for (Operation op : c.operations()) if (op instanceof Operation.GateOp g && g.condition() == null) gates.add(g);
            out.add(Arguments.of(SharedCorpus.name(f), c.numQubits(), gates));
        }
        assertTrue(out.size() >= 40, "expected most of the corpus, found " + out.size() + " circuits");
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusCircuits")
    void corpusCircuitsAgreeWithDoublePrecision(String name, int n, List<Operation.GateOp> gates) {
        try (Engine single = new FastEngine(1, Precision.SINGLE); ExactEngine exact = new ExactEngine()) {
            assertFidelity(name, n, gates, single, exact);
        }
    }

    @ParameterizedTest(name = "{0} on {1} qubits")
    @CsvSource({"qft, 14", "qcbm, 14", "random, 14", "qft, 20", "qcbm, 20", "random, 20"})
    void benchWorkloadsAgreeWithDoublePrecision(String workload, int n) {
        try (Engine single = new FastEngine(2, Precision.SINGLE); Engine dbl = n <= 14 ? new ExactEngine() : new FastEngine(2)) {
            assertFidelity(workload, n, Workloads.circuit(workload, n), single, dbl);
        }
    }

    /** Wide random gates and unfused runs take the stage-of-its-own and whole-state paths. */
    @ParameterizedTest(name = "n = {0}, fusion {1}")
    @CsvSource({"3, -1", "8, 0", "15, -1", "15, 0", "19, 0", "19, -1"})
    void randomCircuitsAgreeWithTheExactEngine(int n, int fusion) {
        List<Operation.GateOp> gates = RandomCircuits.circuit(new Random(n * 31L + fusion), n, 60);
        try (Engine single = new FastEngine(1, fusion, ParallelRunner.DEFAULT_MIN_PARALLEL_VECTORS, Precision.SINGLE);
             ExactEngine exact = new ExactEngine()) {
            assertFidelity("random " + n, n, gates, single, exact);
        }
    }

    /** A gate on more qubits than a stage holds becomes a stage of its own, with a larger buffer past 18 qubits. */
    @ParameterizedTest(name = "n = {0}, a gate on {1} qubits")
    @CsvSource({"14, 13", "20, 20"})
    void gatesWiderThanAStageAgreeWithDoublePrecision(int n, int width) {
        List<Operation.GateOp> gates = new ArrayList<>();
        // Every qubit near |1⟩, so that the controls are all 1 on most of the state and the wide gate matters.
        for (int q = 0; q < n; q++) {
            gates.add(new Operation.GateOp(org.qise.circuit.Gates.u3(Math.PI - 0.1, 0.2 * q, -0.4), new int[]{q}, null));
        }
        int[] qubits = new int[width];
        for (int i = 0; i < width; i++) qubits[i] = n - 1 - i; // controls on the top qubits, target lowest
        gates.add(new Operation.GateOp(org.qise.circuit.Gates.ry(1.1).controlled(width - 1), qubits, null));
        gates.add(new Operation.GateOp(org.qise.circuit.Gates.h(), new int[]{n - 1}, null));
        try (Engine single = new FastEngine(2, Precision.SINGLE); Engine dbl = new FastEngine(2)) {
            assertFidelity("wide gate", n, gates, single, dbl);
        }
    }

    @ParameterizedTest(name = "n = {0}")
    @CsvSource({"9", "16", "20", "21"})
    void oneAndTwoThreadsGiveTheSameBits(int n) {
        List<Operation.GateOp> gates = Workloads.circuit("random", n);
        double[] sorted = new double[5000];
        Random rnd = new Random(7);
        for (int i = 0; i < sorted.length; i++) sorted[i] = rnd.nextDouble();
        java.util.Arrays.sort(sorted);
        double[][] amps = new double[2][];
        long[][] samples = new long[2][];
        double[][] reductions = new double[2][];
        for (int t = 1; t <= 2; t++) {
            // A parallel threshold of one vector: even the 9-qubit state is split over the threads.
            try (Engine e = new FastEngine(t, FastEngine.FUSION_AUTO, 1, Precision.SINGLE); QuantumState s = e.allocate(n)) {
                s.applyAll(gates);
                amps[t - 1] = s.amplitudes();
                samples[t - 1] = s.sampleSorted(sorted);
                reductions[t - 1] = new double[]{s.probabilityOfOne(n - 1), s.expectationPauli(0b11, 0b110)};
            }
        }
        assertArrayEquals(amps[0], amps[1], "amplitudes, 1 vs 2 threads");
        assertArrayEquals(samples[0], samples[1], "samples, 1 vs 2 threads");
        assertArrayEquals(reductions[0], reductions[1], "reductions, 1 vs 2 threads");
    }

    @Test
    void aSingleStateTakesEightBytesAnAmplitude() {
        try (FastEngine single = new FastEngine(1, Precision.SINGLE); FastEngine dbl = new FastEngine(1)) {
            assertEquals(8L << 24, single.bytesFor(24) - 31 * 4096L, "2^24 amplitudes with 31 gaps of a page");
            assertEquals(8L << 20, single.bytesFor(20), "a state of 20 qubits (8 MiB, in cache) has no gap");
            assertEquals((8L << 21) + 3 * 4096L, single.bytesFor(21), "from 21 qubits, a gap after every 2^19 amplitudes");
            assertTrue(single.bytesFor(31) <= dbl.bytesFor(30), "31 qubits in single take no more than 30 in double");
        }
        Circuit wide = Circuit.builder(31, 1).h(0).measure(0, 0).build();
        try (Simulator sim = Simulator.builder().precision(Precision.SINGLE).threads(1).build()) {
            MemoryNeed need = sim.memoryNeed(wide);
            assertEquals((8L << 31) + 4095 * 4096L, need.stateBytes(), "2^31 amplitudes of 8 bytes and 4095 page gaps");
            assertTrue(need.describe().contains("2^31 amplitudes × 8 bytes = 16 GiB"), need.describe());
        }
    }

    /**
     * From 18 to 20 qubits a single-precision plan is one whole-state step of float kernels, as a
     * double one is (no chunks gathered into a scratch buffer and copied back).
     */
    @ParameterizedTest(name = "{0} on {1} qubits")
    @CsvSource({"qcbm, 18", "random, 19", "qft, 20", "qcbm, 20", "random, 20"})
    void aSingleStateOfEighteenToTwentyQubitsRunsAsOneStepOfFloatKernels(String workload, int n) {
        try (FastEngine single = new FastEngine(1, Precision.SINGLE)) {
            List<Plan.Step> steps = single.compile(n, Workloads.circuit(workload, n)).steps();
            assertEquals(1, steps.size(), steps.toString());
            assertTrue(steps.get(0).kind().startsWith("in-cache blocks"), steps.get(0).kind());
            for (String block : steps.get(0).blocks()) assertTrue(block.contains("-> Float"), block);
        }
    }

    /**
     * From 21 qubits a single-precision stage holds 19 qubits (2^19 floats, the bytes of an
     * 18-qubit double chunk): at 22 qubits every third of qcbm's stages holds the lowest 19
     * qubits and runs in place.
     */
    @Test
    void aSingleStageHoldsNineteenQubitsAndQcbmRunsAThirdOfItsStagesInPlace() {
        int n = 22;
        List<Operation.GateOp> gates = Workloads.circuit("qcbm", n);
        try (FastEngine single = new FastEngine(2, Precision.SINGLE); Engine dbl = new FastEngine(2)) {
            List<Plan.Step> steps = single.compile(n, gates).steps();
            for (Plan.Step step : steps) assertTrue(step.kind().startsWith("stage of 19 local qubits"), step.kind());
            long inPlace = steps.stream().filter(step -> step.kind().contains("{0-18}")).count();
            assertTrue(inPlace * 3 >= steps.size(), inPlace + " of " + steps.size() + " stages in place");
            assertFidelity("qcbm " + n, n, gates, single, dbl);
        }
    }

    /**
     * A block with no float kernel (a swap with two controls, four qubits above the vector)
     * cannot run on a 20-qubit float state whole, since no double buffer that large exists to
     * widen it into: the plan goes to stages and still agrees with double precision. At 21 qubits
     * its stage holds 19 qubits, more than the double scratch, and widens into a buffer of its own.
     */
    @ParameterizedTest(name = "n = {0}")
    @CsvSource({"20", "21"})
    void aBlockWithNoFloatKernelSendsAPlanToStagesWidenedToDouble(int n) {
        List<Operation.GateOp> gates = new ArrayList<>();
        for (int q = 0; q < n; q++) gates.add(new Operation.GateOp(org.qise.circuit.Gates.u3(1.9 + 0.05 * q, 0.3 * q, -0.7), new int[]{q}, null));
        gates.add(new Operation.GateOp(org.qise.circuit.Gates.swap().controlled(2), new int[]{n - 1, 6, 12, 17}, null));
        for (int q = 0; q < n; q++) gates.add(new Operation.GateOp(org.qise.circuit.Gates.cx(), new int[]{q, (q + 1) % n}, null));
        try (FastEngine single = new FastEngine(2, Precision.SINGLE); Engine dbl = new FastEngine(2)) {
            List<Plan.Step> steps = single.compile(n, gates).steps();
            assertTrue(steps.stream().anyMatch(s -> s.kind().startsWith("stage")), steps.toString());
            if (n == 21) {
                assertTrue(steps.stream().anyMatch(s -> s.kind().startsWith("stage of 19 local qubits") && s.kind().endsWith("widened to double")),
                        steps.toString());
            }
            assertFidelity("controlled swap", n, gates, single, dbl);
        }
    }

    @Test
    void measurementAndCollapseRenormaliseInDouble() {
        try (Engine e = new FastEngine(1, Precision.SINGLE); QuantumState s = e.allocate(3)) {
            s.apply(new Operation.GateOp(org.qise.circuit.Gates.h(), new int[]{0}, null));
            s.apply(new Operation.GateOp(org.qise.circuit.Gates.cx(), new int[]{0, 2}, null));
            assertEquals(0.5, s.probabilityOfOne(2), 1e-7);
            assertEquals(1, s.measure(2, 0.1));
            assertEquals(1.0, s.re(0b101), 1e-7);
            assertEquals(0.0, s.re(0), 0);
            s.reset(0, 0.3);
            assertEquals(1.0, s.re(0b100), 1e-7);
        }
    }

    private static void assertFidelity(String name, int n, List<Operation.GateOp> gates, Engine single, Engine reference) {
        try (QuantumState s = single.allocate(n); QuantumState r = reference.allocate(n)) {
            s.applyAll(gates);
            r.applyAll(gates);
            double[] a = s.amplitudes(), b = r.amplitudes();
            double re = 0, im = 0, na = 0, nb = 0;
            for (int i = 0; i < a.length; i += 2) {
                re += a[i] * b[i] + a[i + 1] * b[i + 1];
                im += a[i] * b[i + 1] - a[i + 1] * b[i];
                na += a[i] * a[i] + a[i + 1] * a[i + 1];
                nb += b[i] * b[i] + b[i + 1] * b[i + 1];
            }
            double fidelity = (re * re + im * im) / (na * nb);
            assertTrue(1 - fidelity < 1e-6, name + ": 1 - F = " + (1 - fidelity));
            assertEquals(1.0, na, 1e-5, name + ": norm of the single-precision state");
        }
    }
}
