package org.qise.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;
import org.qise.engine.exact.ExactEngine;
import org.qise.engine.fast.FastEngine;

/**
 * The fast engine's one-pass reset and measurement, its bulk amplitude copy and the common
 * validation, against the exact engine's plain loops (collapse, then flip).
 */
class ResetMeasureAndBulkReadTest {

    /** Random rotations and entangling gates, so that every qubit is in superposition. */
    private static List<Operation.GateOp> scramble(int n, long seed) {
        Random rnd = new Random(seed);
        List<Operation.GateOp> ops = new ArrayList<>();
        for (int layer = 0; layer < 3; layer++) {
            for (int q = 0; q < n; q++) ops.add(new Operation.GateOp(Gates.u3(rnd.nextDouble() * 3, rnd.nextDouble() * 3, rnd.nextDouble() * 3), new int[]{q}, null));
            for (int q = 0; q + 1 < n; q++) ops.add(new Operation.GateOp(Gates.cx(), new int[]{q, q + 1}, null));
        }
        return ops;
    }

    private static void assertSameState(QuantumState expected, QuantumState actual, String what) {
        int n = expected.numQubits();
        double[] re = new double[1 << n], im = new double[1 << n];
        actual.copyAmplitudes(0, 1 << n, re, im);
        for (int i = 0; i < 1 << n; i++) {
            assertEquals(expected.re(i), re[i], 1e-12, what + ": re " + i);
            assertEquals(expected.im(i), im[i], 1e-12, what + ": im " + i);
        }
    }

    @ParameterizedTest(name = "n={0}, qubit {1}, uniform {2}")
    @CsvSource({
            "5, 0, 0.01", "5, 0, 0.99", "5, 1, 0.5", "5, 4, 0.01", "5, 4, 0.99",
            "14, 0, 0.2", "14, 2, 0.01", "14, 2, 0.99", "14, 13, 0.01", "14, 13, 0.99", "14, 7, 0.6"})
    void resetAndMeasureGiveTheExactEnginesStateOnEveryQubit(int n, int qubit, double uniform) {
        List<Operation.GateOp> ops = scramble(n, 31L * n + qubit);
        try (FastEngine fastEngine = new FastEngine(2);
             QuantumState exact = new ExactEngine().allocate(n); QuantumState fast = fastEngine.allocate(n);
             QuantumState exactM = new ExactEngine().allocate(n); QuantumState fastM = fastEngine.allocate(n)) {
            for (QuantumState s : List.of(exact, fast, exactM, fastM)) s.applyAll(ops);
            exact.reset(qubit, uniform);
            fast.reset(qubit, uniform);
            assertSameState(exact, fast, "reset");
            assertEquals(0.0, fast.probabilityOfOne(qubit), 1e-15, "a reset qubit reads 0");
            assertEquals(exactM.measure(qubit, uniform), fastM.measure(qubit, uniform), "same outcome");
            assertSameState(exactM, fastM, "measure");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"exact", "fast"})
    void aQubitThatCertainlyReadsZeroIsLeftUntouchedAndOneThatReadsOneMovesToZero(String name) {
        try (Engine engine = Engines.create(name, 1); QuantumState s = engine.allocate(14)) {
            s.applyAll(List.of(new Operation.GateOp(Gates.h(), new int[]{0}, null), new Operation.GateOp(Gates.x(), new int[]{12}, null)));
            s.reset(5, 0.3); // |0⟩ already: nothing changes
            assertEquals(Math.sqrt(0.5), s.re(1L << 12), 1e-15);
            assertEquals(Math.sqrt(0.5), s.re((1L << 12) | 1), 1e-15);
            s.reset(12, 0.3); // certainly 1: becomes 0, amplitudes carried over
            assertEquals(Math.sqrt(0.5), s.re(0), 1e-15);
            assertEquals(Math.sqrt(0.5), s.re(1), 1e-15);
            assertEquals(0.0, s.re(1L << 12), 0.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"exact", "fast"})
    void everyEngineRefusesGatesAndQubitsOutsideTheStateWithTheSameMessage(String name) {
        try (Engine engine = Engines.create(name, 1); QuantumState s = engine.allocate(3)) {
            List<Operation.GateOp> bad = List.of(new Operation.GateOp(Gates.h(), new int[]{0}, null), new Operation.GateOp(Gates.cx(), new int[]{1, 3}, null));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engine.compile(3, bad));
            assertEquals("gate 1 (cx) acts on qubit 3, outside the 3-qubit state", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> s.probabilityOfOne(3));
            assertThrows(IllegalArgumentException.class, () -> s.flip(-1));
            e = assertThrows(IllegalArgumentException.class, () -> s.copyAmplitudes(6, 4, new double[4], new double[4]));
            assertTrue(e.getMessage().contains("amplitudes 6 to 9 are outside the 3-qubit state"), e.getMessage());
        }
    }
}
