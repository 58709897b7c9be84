package org.qise.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qise.circuit.Circuit;

/** The by-name table the portal's grader uses gives the same verdicts as the checkers themselves. */
class CircuitCheckersTest {

    @Test
    void aCheckerFoundByNameJudgesAsTheCheckerItself() {
        Circuit minus = Circuit.builder(1).x(0).h(0).build();
        Circuit plus = Circuit.builder(1).h(0).build();
        assertTrue(CircuitCheckers.check("minus-state", minus).correct());
        Feedback wrong = CircuitCheckers.check("minus-state", plus);
        assertFalse(wrong.correct());
        assertEquals(FirstStepsExercises.minusState(plus), wrong);
    }

    @Test
    void theTableListsEveryCircuitExerciseOfTheCourse() {
        assertEquals(java.util.List.of("minus-state", "singlet", "teleportation-program"), java.util.List.copyOf(CircuitCheckers.names()));
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CircuitCheckers.check("teleport", Circuit.builder(1).build()));
        assertTrue(e.getMessage().contains("'teleport'") && e.getMessage().contains("teleportation-program"), e.getMessage());
    }
}
