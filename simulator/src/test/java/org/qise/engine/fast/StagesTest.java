package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
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
