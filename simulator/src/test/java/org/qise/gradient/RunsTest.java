package org.qise.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Circuit;

/**
 * The runs of the backward pass: every unit un-applied exactly once, only after every later
 * unit that shares a qubit with it (so the order is exact), each run within one tile; and the
 * cx staircase of a hardware-efficient ansatz in as few passes as worked out by hand.
 */
class RunsTest {
    /**
     * Tiles of 14 qubits with qubits 0–2 always in, so 11 more: on 20 qubits the first run takes
     * the units on qubits 9–19 of every layer it can reach (a parallelogram: the top layer from
     * cx(9, 10) up, each earlier layer from one qubit higher), and the first layer's units left
     * reach qubit 13, so the lowest 14 qubits take the rest. On 24 qubits the first run is
     * 13–23, the first layer's rest reaches qubit 17: one run of 7–17 first, then the lowest 14.
     */
    @ParameterizedTest(name = "{0} qubits, {1} layers: {2} runs")
    @CsvSource({"20, 5, 2", "16, 4, 2", "24, 5, 3", "14, 6, 1"})
    void aCxStaircaseTakesTheFewestPasses(int n, int layers, int expected) {
        List<Runs.Run> runs = plan(GradientThreadsTest.ansatz(n, layers, false), n);
        assertEquals(expected, runs.size());
    }

    @ParameterizedTest(name = "{0} qubits, seed {1}")
    @CsvSource({"20, 1", "16, 2", "18, 3", "15, 4"})
    void everyUnitComesOnceAfterEveryLaterUnitOnItsQubits(int n, long seed) {
        Circuit circuit = GradientAgreementTest.randomCircuit(n, new Random(seed));
        checkOrder(circuit, n);
        checkOrder(GradientThreadsTest.ansatz(n, 6, true), n);
    }

    private static void checkOrder(Circuit circuit, int n) {
        long[] masks = masks(circuit);
        List<Runs.Run> runs = Runs.plan(masks, 0, n, Math.min(n, AdjointGradient.TILE_QUBITS), AdjointGradient.LOW_QUBITS);
        List<Integer> order = new ArrayList<>(); // un-applied first to last
        for (Runs.Run r : runs) {
            assertTrue(Long.bitCount(r.tile()) <= AdjointGradient.TILE_QUBITS, "a tile of " + Long.bitCount(r.tile()) + " qubits");
            for (int k = r.units().size() - 1; k >= 0; k--) {
                int u = r.units().get(k);
                assertEquals(0, masks[u] & ~r.tile(), "unit " + u + " outside its run's tile");
                order.add(u);
            }
        }
        assertEquals(masks.length, order.size(), "units un-applied");
        int[] at = new int[masks.length];
        java.util.Arrays.fill(at, -1);
        for (int k = 0; k < order.size(); k++) {
            assertEquals(-1, at[order.get(k)], "unit " + order.get(k) + " twice");
            at[order.get(k)] = k;
        }
        for (int a = 0; a < masks.length; a++) {
            for (int b = a + 1; b < masks.length; b++) {
                if ((masks[a] & masks[b]) != 0) assertTrue(at[b] < at[a], "unit " + b + " shares a qubit with earlier unit " + a + " but comes after it");
            }
        }
    }

    private static List<Runs.Run> plan(Circuit circuit, int n) {
        return Runs.plan(masks(circuit), 0, n, Math.min(n, AdjointGradient.TILE_QUBITS), AdjointGradient.LOW_QUBITS);
    }

    private static long[] masks(Circuit circuit) {
        Map<String, Double> point = new HashMap<>();
        for (String p : circuit.parameters()) point.put(p, 0.3);
        Differentiable d = Differentiable.of(circuit, point);
        List<Units.Unit> units = Units.of(d.gates);
        long[] masks = new long[units.size()];
        for (int i = 0; i < masks.length; i++) for (int q : units.get(i).op().qubits()) masks[i] |= 1L << q;
        return masks;
    }
}
