package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;
import org.qise.engine.Precision;
import org.qise.engine.QuantumState;
import org.qise.engine.exact.ExactEngine;

/** The window onto a fast-engine state's memory that code outside the engine may use ({@link FastStateMemory#bytesOf}). */
class FastStateMemoryTest {

    @ParameterizedTest(name = "{0}, {1} qubits: at least {2} bytes an amplitude, and the amplitudes are in it")
    @CsvSource({"DOUBLE, 5, 16", "DOUBLE, 17, 16", "SINGLE, 5, 8", "SINGLE, 17, 8"})
    void theMemoryOfAStateOfEitherPrecisionHoldsItsAmplitudes(Precision p, int n, int bytesPerAmplitude) {
        try (FastEngine e = new FastEngine(1, p); QuantumState s = e.allocate(n)) {
            var memory = FastStateMemory.bytesOf(s);
            assertTrue(memory.byteSize() >= (long) bytesPerAmplitude << n, memory.byteSize() + " bytes");
            // |0…0⟩: only amplitude 0's real part is nonzero, and it is 1 in the state's own precision.
            boolean single = p == Precision.SINGLE;
            double first = single ? memory.get(ValueLayout.JAVA_FLOAT, 0) : memory.get(ValueLayout.JAVA_DOUBLE, 0);
            assertEquals(1.0, first);
            s.apply(new Operation.GateOp(Gates.x(), new int[] {0}, null));
            double after = single ? memory.get(ValueLayout.JAVA_FLOAT, 0) : memory.get(ValueLayout.JAVA_DOUBLE, 0);
            assertEquals(0.0, after, "the same memory the engine's kernels write");
        }
    }

    @Test
    void aStateOfAnotherEngineIsRefusedByName() {
        try (QuantumState s = new ExactEngine().allocate(3)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FastStateMemory.bytesOf(s));
            assertTrue(e.getMessage().contains("not a fast-engine state"), e.getMessage());
        }
    }
}
