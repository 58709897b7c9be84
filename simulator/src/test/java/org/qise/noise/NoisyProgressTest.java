package org.qise.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.qise.circuit.Circuit;
import org.qise.noise.run.Method;
import org.qise.noise.run.NoisyResult;
import org.qise.noise.run.NoisySimulator;
import org.qise.sim.Progress;

/**
 * A noisy run reports its progress (trajectories done, or ρ's operations applied step by step),
 * listening changes nothing in the result, and a listener that throws stops the run there: what
 * the portal relies on to cancel noisy runs midway.
 */
class NoisyProgressTest {
    static final RuntimeException STOP = new RuntimeException("stop");

    static Circuit circuit() {
        return TrajectoriesTest.randomCircuit(4, new Random(3), 40);
    }

    static NoisySimulator.Builder sim(Method method, Progress progress) {
        return NoisySimulator.builder().model(TrajectoriesTest.randomModel(4, new Random(4))).method(method).shots(300).seed(9)
                .threads(2).progress(progress);
    }

    @ParameterizedTest(name = "{0}: progress climbs to the end and listening changes no bit")
    @EnumSource(value = Method.class, names = {"DENSITY_MATRIX", "TRAJECTORIES"})
    void progressClimbsToTheEndAndListeningChangesNothing(Method method) {
        List<long[]> reports = new ArrayList<>();
        try (NoisyResult heard = sim(method, (done, total, what) -> reports.add(new long[]{done, total})).build().run(circuit());
             NoisyResult quiet = NoisySimulator.builder().model(TrajectoriesTest.randomModel(4, new Random(4))).method(method).shots(300)
                     .seed(9).threads(2).build().run(circuit())) {
            assertEquals(quiet.counts(), heard.counts());
            if (method == Method.DENSITY_MATRIX) {
                for (int i = 0; i < 16; i++) for (int j = 0; j < 16; j++) {
                    assertEquals(quiet.densityMatrix().re(i, j), heard.densityMatrix().re(i, j), 0.0);
                    assertEquals(quiet.densityMatrix().im(i, j), heard.densityMatrix().im(i, j), 0.0);
                }
            }
        }
        assertTrue(method == Method.DENSITY_MATRIX ? !reports.isEmpty() : reports.size() == 300, reports.size() + " reports");
        long[] last = reports.getLast();
        assertEquals(last[1], last[0], "the last report is the end");
        for (int i = 1; i < reports.size(); i++) assertTrue(reports.get(i)[0] >= reports.get(i - 1)[0], "progress never goes back");
        if (method == Method.TRAJECTORIES) assertEquals(300, last[1]);
    }

    @ParameterizedTest(name = "{0}: a listener that throws stops the run")
    @EnumSource(value = Method.class, names = {"DENSITY_MATRIX", "TRAJECTORIES"})
    void aListenerThatThrowsStopsTheRun(Method method) {
        AtomicLong calls = new AtomicLong();
        RuntimeException e = assertThrows(RuntimeException.class, () -> sim(method, (done, total, what) -> {
            calls.incrementAndGet();
            throw STOP;
        }).build().run(circuit()));
        assertSame(STOP, e);
        // on two threads each shot-runner stops at its own first report
        assertTrue(calls.get() <= 2, "stopped at once: " + calls.get() + " reports");
    }
}
