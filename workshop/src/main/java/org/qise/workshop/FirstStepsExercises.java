package org.qise.workshop;

import java.util.function.BiFunction;
import org.qise.circuit.Circuit;
import org.qise.sim.Bitstrings;

/** Checkers for the Java primer and lessons 1 and 2: bitstrings, |−⟩, the singlet. */
public final class FirstStepsExercises {
    private FirstStepsExercises() {}

    /**
     * Primer: {@code bits(value, width)} writes value in binary with exactly width digits, the
     * most significant first (as QISE prints bitstrings: c[n-1]…c[0]).
     */
    public static Feedback bits(BiFunction<Integer, Integer, String> bits) {
        String name = "primer-bits";
        int[][] cases = {{5, 3}, {5, 5}, {0, 2}, {1, 1}, {6, 4}, {255, 8}, {1023, 10}};
        for (int[] c : cases) {
            String expected = Bitstrings.ofIndex(c[0], c[1]);
            String got;
            try {
                got = bits.apply(c[0], c[1]);
            } catch (RuntimeException e) {
                return Feedback.wrong(name, "bits(" + c[0] + ", " + c[1] + ") threw " + e);
            }
            if (!expected.equals(got)) {
                return Feedback.wrong(name, "bits(" + c[0] + ", " + c[1] + ") should be \"" + expected + "\" but is \"" + got + "\""
                        + (got != null && got.length() != c[1] ? " (it must have exactly " + c[1] + " digits: pad with leading zeros)" : ""));
            }
        }
        return Feedback.right(name, "every value is written with its width, most significant bit first");
    }

    /** Lesson 1: a one-qubit circuit, without measurement, that prepares |−⟩ = (|0⟩ − |1⟩)/√2. */
    public static Feedback minusState(Circuit circuit) {
        String name = "minus-state";
        if (circuit.numQubits() != 1) {
            return Feedback.wrong(name, "the circuit should have 1 qubit, not " + circuit.numQubits());
        }
        double[] state;
        try {
            state = States.finalState(circuit);
        } catch (IllegalStateException e) {
            return Feedback.wrong(name, "leave the measurement out, so that the state itself can be checked (" + e.getMessage() + ")");
        }
        double h = Math.sqrt(0.5);
        double p1 = state[2] * state[2] + state[3] * state[3];
        if (Math.abs(p1 - 0.5) > 1e-9) {
            return Feedback.wrong(name, "the state is " + States.ket(state, 1) + ": P(1) = " + String.format(java.util.Locale.ROOT, "%.3f", p1)
                    + ", but |−⟩ gives 0 and 1 with probability 1/2 each (H makes equal superpositions)");
        }
        if (States.overlap(new double[] {h, 0, -h, 0}, state) < 1 - 1e-9) {
            return Feedback.wrong(name, "the state is " + States.ket(state, 1) + ": the probabilities are right but the relative phase"
                    + " between |0⟩ and |1⟩ is not −1 (|+⟩ has +1). A Z after the H flips the sign of |1⟩.");
        }
        return Feedback.right(name, "the circuit prepares |−⟩ = " + States.ket(state, 1));
    }

    /** Lesson 2: a two-qubit circuit, without measurement, that prepares (|01⟩ − |10⟩)/√2. */
    public static Feedback singlet(Circuit circuit) {
        String name = "singlet";
        if (circuit.numQubits() != 2) {
            return Feedback.wrong(name, "the circuit should have 2 qubits, not " + circuit.numQubits());
        }
        double[] state;
        try {
            state = States.finalState(circuit);
        } catch (IllegalStateException e) {
            return Feedback.wrong(name, "leave the measurements out, so that the state itself can be checked");
        }
        double h = Math.sqrt(0.5);
        double[] singlet = {0, 0, h, 0, -h, 0, 0, 0}; // index 1 = q0=1,q1=0 = |01⟩ printed q1q0
        if (States.overlap(singlet, state) > 1 - 1e-9) {
            return Feedback.right(name, "the circuit prepares the singlet " + States.ket(state, 2));
        }
        double p01 = state[2] * state[2] + state[3] * state[3] + state[4] * state[4] + state[5] * state[5];
        if (Math.abs(p01 - 1) < 1e-9) {
            return Feedback.wrong(name, "the state is " + States.ket(state, 2) + ": the two qubits always disagree, as they should,"
                    + " but the sign between |01⟩ and |10⟩ must be − (a Z on either qubit changes it)");
        }
        return Feedback.wrong(name, "the state is " + States.ket(state, 2) + "; the singlet (|01⟩ − |10⟩)/√2 has its qubits always"
                + " disagreeing: start from a Bell pair (H, CX) and flip one qubit with X");
    }
}
