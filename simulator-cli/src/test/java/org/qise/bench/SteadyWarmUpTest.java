package org.qise.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When the bench's untimed runs stop: once a run is within 5% of the fastest before it. */
class SteadyWarmUpTest {

    @ParameterizedTest(name = "runs {0} (at least {1}): steady {2}")
    @CsvSource({
        "'2.6', 1, false", // one run compares with nothing
        "'2.6 1.1', 1, false", // far faster than before: compiled code may have just arrived
        "'2.6 1.1 1.12', 1, true", // within 5% of 1.1
        "'2.6 1.1 1.2', 1, false", // 9% slower than 1.1: not yet
        "'1.0 1.0', 5, false", // settled, but fewer runs than asked for
        "'1.0 1.0 1.0 1.0 1.0', 5, true",
        "'1.0 0.5 0.5', 2, true"})
    void aRunIsSteadyWithinFivePercentOfTheFastestBeforeIt(String runs, int min, boolean steady) {
        double[] walls = Arrays.stream(runs.split(" ")).mapToDouble(Double::parseDouble).toArray();
        assertEquals(steady, Bench.steady(walls, walls.length, min));
    }
}
