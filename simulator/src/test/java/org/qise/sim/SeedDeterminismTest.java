package org.qise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.circuit.Circuit;

/** A seed fixes every random choice: same circuit, seed and options give identical counts. */
@ParameterizedClass(name = "{0}")
@MethodSource("org.qise.engine.Engines#names")
class SeedDeterminismTest {
    /** The engine under test: each engine in Engines.names() runs the whole class. */
    @Parameter
    String engine;


    /** Final measurements only: sampled from one simulation. */
    private static final Circuit SAMPLED = Circuit.builder(4, 4)
            .h(0).ry(0.8, 1).cx(0, 2).rx(1.9, 3).cu3(0.4, 0.2, 1.0, 1, 3).measureAll().build();

    /** A mid-circuit measurement and a condition: simulated shot by shot. */
    private static final Circuit SHOT_BY_SHOT = Circuit.builder().qreg("q", 3).creg("m", 1).creg("c", 2)
            .h(0).ry(1.2, 1).measure(0, 0)
            .ifEquals("m", 1, b -> b.x(2).ry(0.5, 1))
            .h(0).measure(1, 1).measure(2, 2).reset(0).build();

    private Map<String, Long> counts(Circuit c, long seed, int threads, boolean keepState) {
        try (Result r = Simulator.builder().engine(engine).shots(3000).seed(seed).threads(threads).keepState(keepState).build().run(c)) {
            return r.counts();
        }
    }

    @Test
    void sameSeedGivesIdenticalCountsInBothModes() {
        for (Circuit c : new Circuit[]{SAMPLED, SHOT_BY_SHOT}) {
            Map<String, Long> first = counts(c, 123, 1, true);
            assertEquals(first, counts(c, 123, 1, true));
            assertEquals(first, counts(c, 123, 4, true), "thread count must not change the counts");
            assertEquals(first, counts(c, 123, 0, false), "keeping the state must not change the counts");
            assertNotEquals(first, counts(c, 124, 1, true), "another seed gives other counts");
        }
    }

    @Test
    void modesAreWhatTheCircuitsNeed() {
        assertEquals(Result.Mode.SAMPLED, Simulator.builder().shots(10).seed(1).build().run(SAMPLED).mode());
        assertEquals(Result.Mode.SHOT_BY_SHOT, Simulator.builder().shots(10).seed(1).build().run(SHOT_BY_SHOT).mode());
    }

    @Test
    void anUnseededRunRecordsTheSeedThatReproducesIt() {
        for (Circuit c : new Circuit[]{SAMPLED, SHOT_BY_SHOT}) {
            Result unseeded = Simulator.builder().engine(engine).shots(3000).build().run(c);
            assertEquals(unseeded.seed(), unseeded.manifest().seed());
            Result again = Simulator.builder().engine(engine).shots(3000).seed(unseeded.seed()).build().run(c);
            assertEquals(unseeded.counts(), again.counts());
        }
    }

    @Test
    void manifestRecordsSeedShotsAndEngine() {
        Result r = Simulator.builder().engine(engine).shots(77).seed(5).build().run(SAMPLED);
        assertEquals(5, r.manifest().seed());
        assertEquals(77, r.manifest().shots());
        assertEquals(engine, r.manifest().engine());
        assertEquals(77, r.counts().values().stream().mapToLong(Long::longValue).sum());
    }
}
