package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The engine's threads: every index of a pass is run exactly once, failures reach the caller, a busy or closed gang declines. */
class GangTest {
    @ParameterizedTest(name = "{0} threads, {1} items in {2} pieces")
    @CsvSource({"2, 1000, 8", "2, 7, 7", "3, 100003, 12", "4, 5, 5"})
    void everyIndexRunsExactlyOnceInEveryPass(int threads, int count, int pieces) {
        try (Gang gang = new Gang(threads)) {
            for (int pass = 0; pass < 50; pass++) {
                AtomicIntegerArray hits = new AtomicIntegerArray(count);
                assertTrue(gang.run(count, pieces, (from, to) -> {
                    for (long i = from; i < to; i++) hits.incrementAndGet((int) i);
                }));
                for (int i = 0; i < count; i++) assertEquals(1, hits.get(i), "pass " + pass + ", index " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @CsvSource({"2", "3"})
    void aFailureInAnyPieceReachesTheCallerAndTheGangStaysUsable(int threads) {
        try (Gang gang = new Gang(threads)) {
            IllegalArgumentException boom = new IllegalArgumentException("piece failed");
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> gang.run(64, 8, (from, to) -> {
                if (from <= 40 && 40 < to) throw boom;
            }));
            assertSame(boom, thrown);
            AtomicIntegerArray hits = new AtomicIntegerArray(64);
            assertTrue(gang.run(64, 8, (from, to) -> {
                for (long i = from; i < to; i++) hits.incrementAndGet((int) i);
            }));
            for (int i = 0; i < 64; i++) assertEquals(1, hits.get(i));
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @CsvSource({"2"})
    void aNestedPassAndAClosedGangAreDeclinedSoTheCallerRunsThemAlone(int threads) {
        Gang gang = new Gang(threads);
        boolean[] nested = new boolean[1];
        assertTrue(gang.run(2, 2, (from, to) -> {
            if (from == 0) nested[0] = gang.run(4, 2, (a, b) -> { });
        }));
        // The piece [0, 1) ran on the caller or on the helper: either way the gang was busy.
        assertFalse(nested[0]);
        gang.close();
        assertFalse(gang.run(4, 2, (a, b) -> { }));
    }
}
