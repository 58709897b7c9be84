package org.qise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.engine.Engine;
import org.qise.engine.StateTooLargeException;
import org.qise.engine.fast.FastEngine;

/** A run says what it needs before allocating, and a 30-qubit state fits a 24 GiB machine. */
class MemoryNeedTest {
    private static final long GIB = 1L << 30;

    /** The fast engine with a fixed figure for available memory, counting allocations. */
    private static CountingEngine withAvailable(long bytes) {
        return new CountingEngine(new FastEngine(1)) {
            @Override public long availableBytes() { return bytes; }
        };
    }

    @Test
    void aThirtyQubitDoubleStateFitsOnA24GibMachineAndTwoOfThemDoNot() {
        long state = new FastEngine(1).bytesFor(30);
        assertEquals(16 * GIB + 4095 * 4096L, state, "2^30 amplitudes of 16 bytes plus a 4 KiB gap between every two 4 MiB runs");
        long available = 24 * GIB - (512L << 20); // the machine, less the fast engine's margin
        assertTrue(new MemoryNeed(30, state, 1, available).fits());
        MemoryNeed twice = new MemoryNeed(30, state, 2, available);
        assertFalse(twice.fits());
        assertEquals("needs 32.0 GiB for 2 30-qubit states (shot by shot: the start state and each shot's copy; "
                + "2^30 amplitudes × 16 bytes = 16 GiB each, plus the engine's layout); 23.5 GiB available", twice.describe());
    }

    @Test
    void aRunThatDoesNotFitIsRefusedBeforeAnythingIsAllocatedAndSaysWhy() {
        CountingEngine engine = withAvailable(200L << 20);
        CircuitBuilder b = Circuit.builder(24, 1);
        for (int q = 0; q < 24; q++) b.h(q); // every qubit in superposition: the shot's state holds all 24
        b.measure(0, 0).reset(0).h(0);
        try (Simulator sim = Simulator.builder().engine(engine).shots(10).build()) {
            StateTooLargeException e = assertThrows(StateTooLargeException.class, () -> sim.run(b.build()));
            assertEquals(0, engine.allocations.get(), "nothing allocated");
            assertTrue(e.getMessage().startsWith("the run does not fit in memory: it needs 512.") && e.getMessage().contains("2 24-qubit states (shot by shot")
                    && e.getMessage().endsWith("; 200 MiB available"), e.getMessage());
        }
    }

    @Test
    void aShotByShotRunNeedsOnlyTheQubitsWhoseValueIsNotKnown() {
        CountingEngine engine = withAvailable(200L << 20);
        // q0 alone ever leaves |0⟩ (the other 23 are never touched): the shots run on one qubit.
        Circuit c = Circuit.builder(24, 1).h(0).measure(0, 0).reset(0).h(0).measure(0, 0).build();
        try (Simulator sim = Simulator.builder().engine(engine).shots(10).seed(1).build()) {
            MemoryNeed need = sim.memoryNeed(c);
            assertEquals(1, need.qubits());
            assertEquals(2, need.states());
            try (Result r = sim.run(c)) {
                assertEquals(10, r.counts().values().stream().mapToLong(Long::longValue).sum());
            }
        }
    }

    @Test
    void theNeedOfASampledRunIsOneState() {
        Engine engine = withAvailable(64 * GIB);
        try (Simulator sim = Simulator.builder().engine(engine).build()) {
            MemoryNeed need = sim.memoryNeed(Circuit.builder(26, 0).h(25).build());
            assertEquals(1, need.states());
            assertEquals(new FastEngine(1).bytesFor(26), need.totalBytes());
            assertTrue(need.describe().endsWith("; 64 GiB available"), need.describe());
        }
    }
}
