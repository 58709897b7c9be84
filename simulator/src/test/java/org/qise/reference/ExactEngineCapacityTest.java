package org.qise.reference;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qise.engine.StateTooLargeException;
import org.qise.engine.exact.ExactEngine;

/** The exact engine's qubit limit is one it can really hold. */
class ExactEngineCapacityTest {

    @Test
    void theLargestAllowedStateFitsInOneJavaArray() {
        // The state is one double[] of 2·2^n entries (re, im interleaved); a Java array length is
        // an int, and HotSpot refuses lengths within a few of Integer.MAX_VALUE.
        long entries = 2L << ExactEngine.MAX_QUBITS;
        assertTrue(entries <= Integer.MAX_VALUE - 8,
                "MAX_QUBITS = " + ExactEngine.MAX_QUBITS + " needs an array of " + entries + " doubles");
    }

    @Test
    void oneQubitMoreIsRefusedWithAClearError() {
        StateTooLargeException e = assertThrows(StateTooLargeException.class,
                () -> new ExactEngine().allocate(ExactEngine.MAX_QUBITS + 1));
        assertTrue(e.getMessage().contains(String.valueOf(ExactEngine.MAX_QUBITS + 1)), e.getMessage());
    }
}
