package org.qise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.engine.exact.ExactEngine;
import org.qise.engine.fast.FastEngine;

/**
 * Planning happens once per circuit: however many shots or progress slices a run has, each
 * distinct run of gates is compiled once (counted through a wrapping engine).
 */
class PlanReuseTest {

    /** h, measure, reset, gates, measure: a prefix, then one run of gates between mid-circuit operations. */
    private static Circuit midCircuit() {
        return Circuit.builder(3, 3).h(0).measure(0, 0).reset(0).h(1).cx(1, 2).x(0).measure(1, 1).measure(2, 2).measure(0, 2).build();
    }

    @Test
    void aTenThousandShotShotByShotRunCompilesEachRunOfGatesOnce() {
        CountingEngine engine = new CountingEngine(new FastEngine(2));
        try (Simulator sim = Simulator.builder().engine(engine).shots(10_000).seed(5).build(); Result r = sim.run(midCircuit())) {
            assertEquals(Result.Mode.SHOT_BY_SHOT, r.mode());
            assertEquals(2, engine.compilations.get(), "the prefix (h) and the run h, cx, x: compiled once each for 10,000 shots");
            long total = r.counts().values().stream().mapToLong(Long::longValue).sum();
            assertEquals(10_000, total);
            // c0 is a fair coin; c1 = c2 (Bell pair); c2 is then overwritten by q0, which the reset and x made 1.
            for (String key : r.counts().keySet()) assertEquals('1', key.charAt(0), "c2 = 1 always: " + r.counts());
            long c0 = r.counts().entrySet().stream().filter(e -> e.getKey().charAt(2) == '1').mapToLong(e -> e.getValue()).sum();
            assertTrue(Math.abs(c0 - 5000) < 4 * 50, "c0 is a fair coin: " + c0);
        }
        assertTrue(engine.closed, "closing the simulator closes its engine");
    }

    @Test
    void aSampledRunWithManyProgressSlicesCompilesOnce() {
        // 14 qubits: the fast engine plans stages; random two-qubit gates across all qubits give many of them.
        Random rnd = new Random(3);
        CircuitBuilder b = Circuit.builder(14, 0);
        for (int i = 0; i < 2400; i++) {
            int a = rnd.nextInt(14), c = (a + 1 + rnd.nextInt(13)) % 14;
            b.ry(rnd.nextDouble(), a).cx(a, c);
        }
        Circuit circuit = b.build();
        CountingEngine engine = new CountingEngine(new FastEngine(2));
        List<Long> reports = new ArrayList<>();
        try (Simulator sim = Simulator.builder().engine(engine).shots(100).seed(1).progress((done, total, what) -> reports.add(done)).build();
             Result r = sim.run(circuit)) {
            assertTrue(reports.size() >= 64, "at least 64 progress slices, got " + reports.size());
            assertEquals(1, engine.compilations.get(), "one plan for all the slices");
            assertEquals(circuit.gateCount(), reports.get(reports.size() - 1), "the last report counts every gate");
            // The plan, run slice by slice, gives the exact engine's state.
            try (Simulator exact = Simulator.builder().engine(new ExactEngine()).shots(100).seed(1).build(); Result e = exact.run(circuit)) {
                double[] a = r.statevector(), x = e.statevector();
                for (int i = 0; i < a.length; i++) assertEquals(x[i], a[i], 1e-12, "amplitude part " + i);
            }
        }
    }

    @Test
    void theExplanationShowsOnePlanForASampledRunAndTheProgramForAShotByShotRun() {
        try (Simulator sim = Simulator.builder().engine(new FastEngine(1)).shots(10_000).build()) {
            String sampled = sim.explain(Circuit.builder(2, 2).h(0).cx(0, 1).measureAll().build());
            assertEquals(1, sampled.lines().filter(l -> l.startsWith("plan ")).count(), sampled);
            String program = sim.explain(midCircuit());
            assertTrue(program.contains("2 plans compiled once and replayed every shot"), program);
            assertTrue(program.contains("1 reset(s)") && program.contains("4 measurement(s)"), program);
        }
    }
}
