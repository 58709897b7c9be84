package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Operation;

/**
 * Double states of {@link StageRunner#CHUNK_QUBITS} to {@link StageRunner#WHOLE_STATE_QUBITS}
 * qubits compile to one whole-state step, whose kernels run tile by tile where they mix only
 * inside L2 tiles, with the tiles shared out over threads. Neither may change a bit: the step
 * must give exactly what its kernels give run one after another over the whole state.
 */
class WholeStateStepTest {

    @ParameterizedTest(name = "{0} qubits, {1} thread(s)")
    @CsvSource({"18, 1", "18, 2", "20, 2"})
    void aWholeStateStepGivesTheBitsOfItsKernelsRunOneAfterAnother(int n, int threads) {
        Random rnd = new Random(n * 31L + threads);
        // Mostly gates on the low qubits (tiled runs), some anywhere (whole passes between them).
        List<Operation.GateOp> ops = new java.util.ArrayList<>(RandomCircuits.circuit(rnd, StageRunner.TILE_QUBITS, 50));
        ops.addAll(RandomCircuits.circuit(rnd, n, 20));
        ops.addAll(RandomCircuits.circuit(rnd, StageRunner.TILE_QUBITS, 50));
        List<CompiledStep> steps = StageRunner.compile(ops, n, FastEngine.FUSION_AUTO);
        assertEquals(1, steps.size(), "steps");
        CompiledStep step = steps.get(0);
        assertInstanceOf(CompiledStep.WholeState.class, step);
        long tiled = java.util.Arrays.stream(step.kernels).filter(k -> k.tileUnits(StageRunner.TILE_QUBITS - Lanes.LOW_QUBITS) > 0).count();
        assertTrue(tiled >= 2 && tiled < step.kernels.length, "the circuit must give tiled and whole kernels: " + tiled);

        long bytes = AmplitudeMemory.bytesFor(n);
        try (Arena arena = Arena.ofShared(); Gang gang = threads > 1 ? new Gang(threads) : null) {
            MemorySegment plain = arena.allocate(bytes, 64), stepped = arena.allocate(bytes, 64);
            for (long i = 0; i < 1L << n; i++) {
                plain.set(ValueLayout.JAVA_DOUBLE, Lanes.amplitudeOffset(i), rnd.nextGaussian());
                plain.set(ValueLayout.JAVA_DOUBLE, Lanes.amplitudeOffset(i) + 8, rnd.nextGaussian());
            }
            stepped.copyFrom(plain);
            for (Kernel k : step.kernels) k.run(plain, 0, k.units());
            // Split every range that can be split, so that both threads take tiles.
            step.run(stepped, new ParallelRunner(threads, () -> gang, 1), n);
            assertEquals(-1, plain.mismatch(stepped), "first differing byte");
        }
    }

    @ParameterizedTest(name = "{0} qubits")
    @CsvSource({"13", "17", "21"})
    void otherSizesKeepTheirStages(int n) {
        Random rnd = new Random(n);
        List<Operation.GateOp> ops = RandomCircuits.circuit(rnd, n, 8 * n);
        List<CompiledStep> steps = StageRunner.compile(ops, n, FastEngine.FUSION_AUTO);
        assertTrue(steps.stream().anyMatch(s -> !(s instanceof CompiledStep.WholeState)), "a staged step at " + n + " qubits");
    }
}
