package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.circuit.Operation;
import org.qise.engine.Engine;
import org.qise.engine.Engines;
import org.qise.engine.Plan;
import org.qise.engine.QuantumState;
import org.qise.param.Param;

/**
 * Re-binding a compiled plan to new angles keeps its stages and groupings and rebuilds only the
 * blocks holding a changed gate; the refreshed plan runs bit for bit like a fresh compilation,
 * and both agree with the exact engine.
 */
class PlanRebindTest {

    /** Rotations on every qubit with their own parameters, a cx ladder, and h/cz between layers. */
    static Circuit ansatz(int n) {
        CircuitBuilder b = Circuit.builder(n);
        for (int l = 0; l < 3; l++) {
            for (int q = 0; q < n; q++) b.ry(Param.of("t" + l + "_" + q), q).rz(Param.of("s" + l + "_" + q).times(2), q);
            for (int q = 0; q + 1 < n; q++) b.cx(q, q + 1);
            b.h(0).cz(n - 1, 0);
        }
        return b.build();
    }

    static Map<String, Double> point(Circuit c, double shift) {
        Map<String, Double> m = new HashMap<>();
        int i = 0;
        for (String p : c.parameters()) m.put(p, 0.3 + 0.17 * i++ + shift);
        return m;
    }

    static List<Operation.GateOp> gates(Circuit bound) {
        List<Operation.GateOp> g = new ArrayList<>();
        for (Operation op : bound.operations()) if (op instanceof Operation.GateOp x) g.add(x);
        return g;
    }

    static double[] run(Engine engine, Plan plan) {
        try (QuantumState s = engine.allocate(plan.numQubits())) {
            s.run(plan);
            double[] a = new double[2 << plan.numQubits()];
            for (int i = 0; i < (1 << plan.numQubits()); i++) {
                a[2 * i] = s.re(i);
                a[2 * i + 1] = s.im(i);
            }
            return a;
        }
    }

    @ParameterizedTest(name = "{0} qubits")
    @ValueSource(ints = {8, 14}) // 14: staged, blocks on a chunk's local qubits
    void changingOneAngleRebuildsOneBlockAndRunsLikeAFreshCompilation(int n) {
        Circuit c = ansatz(n);
        Map<String, Double> p = point(c, 0);
        Map<String, Double> q = new HashMap<>(p);
        q.put("t1_" + (n / 2), 1.234);
        try (Engine fast = Engines.create("fast", 1); Engine exact = Engines.create("exact", 1)) {
            Plan plan = fast.compile(n, gates(c.bind(p)));
            long before = FastPlan.COMPILATIONS.get();
            FastPlan rebound = (FastPlan) fast.rebind(plan, gates(c.bind(q)));
            assertEquals(before, FastPlan.COMPILATIONS.get(), "no compilation");
            assertEquals(1, rebound.refreshedBlocks, "one gate changed, so one block is rebuilt");

            double[] refreshed = run(fast, rebound);
            double[] fresh = run(fast, fast.compile(n, gates(c.bind(q))));
            for (int i = 0; i < fresh.length; i++) assertEquals(fresh[i], refreshed[i], 0.0, "amplitude part " + i + ", bit for bit");
            double[] reference = run(exact, exact.compile(n, gates(c.bind(q))));
            for (int i = 0; i < fresh.length; i++) assertEquals(reference[i], refreshed[i], 1e-12, "amplitude part " + i + " vs the exact engine");
        }
    }

    @Test
    void changingEveryAngleRebuildsOnlyTheBlocksWithRotationsAndNothingElse() {
        int n = 14;
        Circuit c = ansatz(n);
        try (Engine fast = Engines.create("fast", 1)) {
            FastPlan plan = (FastPlan) fast.compile(n, gates(c.bind(point(c, 0))));
            FastPlan same = (FastPlan) fast.rebind(plan, gates(c.bind(point(c, 0))));
            assertEquals(0, same.refreshedBlocks, "identical angles: nothing to rebuild");
            for (int i = 0; i < plan.compiled.length; i++) assertSame(plan.compiled[i], same.compiled[i]);

            FastPlan moved = (FastPlan) fast.rebind(plan, gates(c.bind(point(c, 0.5))));
            int withRotation = 0, blocks = 0;
            for (CompiledStep s : plan.compiled) {
                blocks += s.groups.size();
                for (Fuser.Group g : s.groups) {
                    boolean rotation = false;
                    for (int m : g.members()) rotation |= s.fused.get(m).gate().name().startsWith("r");
                    if (rotation) withRotation++;
                }
            }
            assertEquals(withRotation, moved.refreshedBlocks);
            assertEquals(true, withRotation < blocks, "blocks of cx/h/cz only are kept");
            double[] fresh = run(fast, fast.compile(n, gates(c.bind(point(c, 0.5)))));
            double[] refreshed = run(fast, moved);
            for (int i = 0; i < fresh.length; i++) assertEquals(fresh[i], refreshed[i], 0.0, "amplitude part " + i);
        }
    }

    @Test
    void anAngleThatMakesARotationDiagonalCompilesAfresh() {
        int n = 10;
        Circuit c = ansatz(n);
        Map<String, Double> q = point(c, 0);
        q.put("t0_3", 0.0); // ry(0) is the identity, a diagonal matrix: fusion could group it differently
        try (Engine fast = Engines.create("fast", 1)) {
            Plan plan = fast.compile(n, gates(c.bind(point(c, 0))));
            long before = FastPlan.COMPILATIONS.get();
            FastPlan rebound = (FastPlan) fast.rebind(plan, gates(c.bind(q)));
            assertEquals(before + 1, FastPlan.COMPILATIONS.get());
            assertEquals(-1, rebound.refreshedBlocks);
        }
    }
}
