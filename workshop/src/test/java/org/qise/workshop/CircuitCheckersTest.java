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
    void aCheckpointThatThrowsStopsALongCheck() {
        String program = String.join("\n", "OPENQASM 3.0;", "include \"stdgates.inc\";", "qubit[3] q;", "bit[2] m;",
                "m[0] = measure q[0];", "m[1] = measure q[1];", "if (m[1]) x q[2];", "");
        int[] calls = {0};
        class Stop extends RuntimeException {}
        Runnable checkpoint = () -> {
            if (++calls[0] > 20) throw new Stop();
        };
        assertThrows(Stop.class, () -> CircuitCheckers.check("teleportation-program",
                org.qise.qasm.QasmParser.parse(program, "stop.qasm"), checkpoint));
        assertEquals(21, calls[0], "the check stopped at the first checkpoint that threw");
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CircuitCheckers.check("teleport", Circuit.builder(1).build()));
        assertTrue(e.getMessage().contains("'teleport'") && e.getMessage().contains("teleportation-program"), e.getMessage());
    }
}
