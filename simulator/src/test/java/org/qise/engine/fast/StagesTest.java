package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;
import org.qise.engine.QuantumState;
import org.qise.engine.exact.ExactEngine;

/**
 * Stage planning (every gate once, in an order that only swaps gates on disjoint qubits, within
 * the chunk size) and staged execution against the exact engine, on states large enough to be
 * split into gathered chunks.
 */
class StagesTest {
    private static final double TOL = 1e-12;

    /** Random gates spread over all n qubits, plus some wider than any chunk. */
    private static List<Operation.GateOp> spreadCircuit(Random rnd, int n, int length) {
        List<Operation.GateOp> ops = new ArrayList<>();
        for (int q = 0; q < n; q++) ops.add(new Operation.GateOp(Gates.h(), new int[]{q}, null));
        while (ops.size() < length) {
            Gate g = rnd.nextInt(25) == 0 ? Gates.x().controlled(n - 1) : RandomCircuits.randomGate(rnd, 4);
            if (g.qubits() > n) continue;
            ops.add(new Operation.GateOp(g, RandomCircuits.distinctQubits(rnd, n, g.qubits()), null));
        }
        return ops;
    }

    @Test
    void everyGateIsPlannedOnceAndGatesSharingAQubitKeepTheirOrder() {
        Random rnd = new Random(8);
        int n = 20, local = 12, always = 6;
        List<Operation.GateOp> ops = spreadCircuit(rnd, n, 300);
        List<Stages.Stage> stages = Stages.plan(ops, n, local, always);
        int[] position = new int[ops.size()];
        java.util.Arrays.fill(position, -1);
        int next = 0;
        for (Stages.Stage s : stages) {
            if (!s.wholeState()) {
                assertEquals(local, Long.bitCount(s.localMask()), "a chunk has exactly the local qubit count");
                assertEquals((1L << always) - 1, s.localMask() & ((1L << always) - 1), "the lowest qubits are always local");
            } else {
                assertEquals(1, s.gates().length);
            }
            for (int g : s.gates()) {
                assertEquals(-1, position[g], "gate " + g + " planned twice");
                position[g] = next++;
                long m = Stages.mask(ops.get(g));
                assertEquals(m, m & s.localMask(), "gate " + g + " touches a qubit outside its stage");
            }
        }
        assertEquals(ops.size(), next);
        for (int i = 0; i < ops.size(); i++) {
            for (int j = i + 1; j < ops.size(); j++) {
                if ((Stages.mask(ops.get(i)) & Stages.mask(ops.get(j))) != 0) {
                    assertTrue(position[i] < position[j], "gates " + i + " and " + j + " share a qubit but were reordered");
                }
            }
        }
        assertTrue(stages.size() < ops.size() / 4, "stages should hold many gates each, got " + stages.size());
    }

    @Test
    void stagedRunsMatchTheExactEngineAndDoNotDependOnThreads() {
        Random rnd = new Random(31);
        for (int n : new int[]{13, 14, 17}) {
            List<Operation.GateOp> ops = spreadCircuit(rnd, n, 12 * n);
            try (QuantumState exact = new ExactEngine().allocate(n);
                 QuantumState one = new FastEngine(1).allocate(n);
                 QuantumState two = new FastEngine(2, FastEngine.FUSION_AUTO, 1).allocate(n);
                 QuantumState wide = new FastEngine(2, 4, 1).allocate(n)) {
                exact.applyAll(ops);
                one.applyAll(ops);
                two.applyAll(ops);
                wide.applyAll(ops);
                for (long i = 0; i < 1L << n; i++) {
                    assertEquals(exact.re(i), one.re(i), TOL, "n=" + n + " re " + i);
                    assertEquals(exact.im(i), one.im(i), TOL, "n=" + n + " im " + i);
                    assertEquals(exact.re(i), wide.re(i), TOL, "n=" + n + " fusion 4, re " + i);
                    assertEquals(one.re(i), two.re(i), 0.0, "n=" + n + " one vs two threads, re " + i);
                    assertEquals(one.im(i), two.im(i), 0.0, "n=" + n + " one vs two threads, im " + i);
                }
            }
        }
    }

    /** qcbm's shape: a rotation on every qubit, then a ring of cx gates, {@code layers} times. */
    private static List<Operation.GateOp> rotationsAndRing(int n, int layers) {
        List<Operation.GateOp> ops = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (int q = 0; q < n; q++) ops.add(new Operation.GateOp(Gates.rx(0.1 * q + l), new int[]{q}, null));
            for (int q = 0; q < n; q++) ops.add(new Operation.GateOp(Gates.cx(), new int[]{q, (q + 1) % n}, null));
        }
        return ops;
    }

    private static double passCost(List<Stages.Stage> stages, int local) {
        return stages.stream().mapToDouble(s -> Stages.passCost(s, local)).sum();
    }

    @Test
    void aRingCircuitIsPlannedSoThatEveryOtherStageRunsInPlace() {
        int n = 24, local = 18;
        List<Operation.GateOp> ops = rotationsAndRing(n, 6);
        List<Stages.Stage> fewestLocal = Stages.plan(ops, n, local, 8);
        List<Stages.Stage> cheapest = Stages.cheapestPlan(ops, n, local, 8);
        long low = (1L << local) - 1;
        for (int i = 0; i < cheapest.size(); i += 2) {
            assertEquals(low, cheapest.get(i).localMask(), "stage " + i + " holds the lowest qubits, so it runs in place");
        }
        for (int i = 1; i < cheapest.size(); i += 2) {
            assertTrue(Long.numberOfTrailingZeros(~cheapest.get(i).localMask()) >= 10, "stage " + i + " copies runs of at least 2^10 amplitudes");
        }
        assertTrue(fewestLocal.stream().filter(s -> s.localMask() == low).count() < cheapest.size() / 2,
                "with only the lowest 8 qubits always local, fewer stages run in place");
        assertTrue(passCost(cheapest, local) < passCost(fewestLocal, local));
        assertEquals(cheapest.stream().mapToInt(s -> s.gates().length).sum(), ops.size(), "every gate is planned");
    }

    private static long copiedStages(List<Stages.Stage> stages, int local) {
        return stages.stream().filter(s -> Stages.passCost(s, local) > 1).count();
    }

    @Test
    void randomLayersAreCopiedInFewerStagesWhenFewerLowQubitsStayLocal() {
        // Layers of u3 and cz on neighbours touch every qubit: with the lowest 8 always local a
        // stage has 10 free slots and the layers need 7 copied stages at 24 qubits.
        int n = 24, local = 18;
        List<Operation.GateOp> ops = org.qise.bench.Workloads.circuit("random", n);
        List<Stages.Stage> eight = Stages.plan(ops, n, local, 8);
        List<Stages.Stage> cheapest = Stages.cheapestPlan(ops, n, local, 4);
        assertTrue(copiedStages(cheapest, local) * 2 <= copiedStages(eight, local),
                copiedStages(cheapest, local) + " copied stages against " + copiedStages(eight, local));
        assertTrue(cheapest.stream().anyMatch(s -> Long.numberOfTrailingZeros(~s.localMask()) < 8), "a stage keeps fewer than 8 low qubits");
        assertEquals(ops.size(), cheapest.stream().mapToInt(s -> s.gates().length).sum(), "every gate is planned");
    }

    @Test
    void noPlanOfAnotherAlwaysLocalCountIsModelledCheaperThanTheChosenOne() {
        List<Operation.GateOp> ops = spreadCircuit(new Random(5), 20, 200);
        List<Stages.Stage> cheapest = Stages.cheapestPlan(ops, 20, 14, 6);
        double best = passCost(cheapest, 14);
        for (int always = 6; always <= 10; always++) {
            assertTrue(best <= passCost(Stages.plan(ops, 20, 14, always), 14), "no plan is modelled cheaper, always local " + always);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "lowest qubits (in place),    3ffff, 3, 1.0",
            "one gate,                    ffc0ff, 1, 1.0",
            "runs of 2^4 amplitudes,      fffc0f, 3, 3.5",
            "runs of 2^8 amplitudes,      ffc0ff, 3, 2.0",
            "runs of 2^11 amplitudes,     fe07ff, 3, 1.6",
            "runs of 2^15 amplitudes,     e07fff, 3, 1.5",
    })
    void aStagesPassCostsMoreTheShorterTheRunsItCopies(String what, String mask, int gates, double cost) {
        Stages.Stage stage = new Stages.Stage(Long.parseLong(mask, 16), new int[gates], false);
        assertEquals(cost, Stages.passCost(stage, 18), 1e-12);
    }

    @Test
    void theFusionWidthIsChosenByCostNotFixed() {
        // Rotations with a cx chain: single-qubit blocks plus moves are cheaper than dense blocks,
        // and a rotation on a cx's target followed by that cx is a run (one pass, no dense 4×4).
        List<Operation.GateOp> chain = new ArrayList<>();
        for (int q = 0; q < 8; q++) chain.add(new Operation.GateOp(Gates.rx(0.3 + q), new int[]{q + 2}, null));
        for (int q = 0; q < 7; q++) chain.add(new Operation.GateOp(Gates.cx(), new int[]{q + 2, q + 3}, null));
        List<Fuser.Block> blocks = StageRunner.fuse(chain, FastEngine.FUSION_AUTO);
        for (Fuser.Block b : blocks) assertTrue(Long.bitCount(b.qubitMask()) <= 2, "no dense block wider than the cx: " + b);
        for (Fuser.Block b : blocks) assertTrue(b instanceof Fuser.Single || b instanceof Fuser.Run, "each gate its own block or in a run: " + b);
        assertEquals(7, blocks.stream().filter(b -> b instanceof Fuser.Run).count(), "each cx joins the rotation on its target");
    }
}
