package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qise.engine.QuantumState;

/**
 * Large fast-engine states that nobody closes give their off-heap memory back once unreachable,
 * and closing one frees it at once and exactly once. Nothing here is timed: memory is read from
 * {@link AmplitudeMemory#liveBytes()}, and waits for the garbage collector are bounded only so
 * that a broken cleaner fails the test instead of hanging it.
 */
class UnclosedStateMemoryTest {
    private static final int QUBITS = 20; // 16 MiB per state, above the garbage-collected-arena size
    private static final long STATE_BYTES = AmplitudeMemory.bytesFor(QUBITS);
    private static final int MAX_GC_ROUNDS = 200;

    private static FastEngine engine;

    @BeforeAll
    static void engine() {
        engine = new FastEngine(1);
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @Test
    void aTwentyQubitStateIsLargeEnoughToBeCounted() {
        long before = AmplitudeMemory.liveBytes();
        try (QuantumState s = engine.allocate(QUBITS)) {
            assertEquals(before + STATE_BYTES, AmplitudeMemory.liveBytes());
            assertEquals(1.0, s.re(0));
        }
        assertEquals(before, AmplitudeMemory.liveBytes(), "close() frees the memory at once");
    }

    @Test
    void droppedStatesThatWereNeverClosedAreFreedSoMemoryStaysWithinABudget() {
        long baseline = AmplitudeMemory.liveBytes();
        long budget = 4 * STATE_BYTES;
        int states = 40; // 640 MiB in all: far over the budget unless dropped states are freed
        for (int i = 0; i < states; i++) {
            QuantumState s = engine.allocate(QUBITS);
            s.flip(i % QUBITS);
            assertEquals(1.0, s.re(1L << (i % QUBITS)));
            s = null; // dropped without close()
            if (AmplitudeMemory.liveBytes() - baseline > budget) {
                collectUntil(() -> AmplitudeMemory.liveBytes() - baseline, budget);
            }
            assertTrue(AmplitudeMemory.liveBytes() - baseline <= budget,
                    "after state " + i + ": " + (AmplitudeMemory.liveBytes() - baseline) + " bytes still live");
        }
        collectUntil(() -> AmplitudeMemory.liveBytes() - baseline, 0);
        assertTrue(AmplitudeMemory.liveBytes() <= baseline, "every dropped state came back");
    }

    @Test
    void aClosedStateIsNotFreedAgainWhenCollected() {
        long baseline = AmplitudeMemory.liveBytes();
        for (int i = 0; i < 8; i++) {
            QuantumState s = engine.allocate(QUBITS);
            s.close();
            s.close(); // idempotent
            assertThrows(IllegalStateException.class, () -> s.re(0));
        }
        assertEquals(baseline, AmplitudeMemory.liveBytes());
        // A second release would subtract again and take the figure below the baseline.
        for (int round = 0; round < 5; round++) {
            System.gc();
            sleepBriefly();
        }
        assertEquals(baseline, AmplitudeMemory.liveBytes());
    }

    @Test
    void aStateStillReferencedKeepsItsMemoryThroughCollections() {
        try (QuantumState s = engine.allocate(QUBITS)) {
            s.flip(3);
            for (int round = 0; round < 5; round++) {
                System.gc();
                sleepBriefly();
            }
            assertEquals(1.0, s.re(8));
            assertEquals(0.0, s.re(0));
        }
    }

    /** Requests collections until {@code live} is at most {@code target}, giving up after a bounded number of rounds. */
    private static void collectUntil(LongSupplier live, long target) {
        for (int round = 0; round < MAX_GC_ROUNDS && live.getAsLong() > target; round++) {
            System.gc();
            sleepBriefly();
        }
    }

    /** Lets the cleaner's thread run; not a timing assumption (the loops above poll). */
    private static void sleepBriefly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
