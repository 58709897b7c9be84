package org.qise.qasm3;

import org.qise.circuit.Gate;

/**
 * Where the {@link Interpreter} sends quantum operations: into a circuit being built (while
 * reading), into a dense matrix (a gate body under a modifier), or onto a state (one shot of a
 * dynamic circuit). Classical bits of the circuit are read and written through it too.
 */
interface Backend {
    void gate(Gate gate, int[] qubits);

    /** e^{iφ} on the whole state: observable only inside a gate that is later controlled. */
    void globalPhase(double phi);

    /** Measures a qubit into circuit bit {@code clbit}. */
    void measure(int qubit, int clbit);

    /** Measures a qubit and returns the outcome (for a value that is not a circuit bit). */
    int measureValue(int qubit);

    void reset(int qubit);

    void barrier(int[] qubits);

    /** The circuit bit's value; while reading, a measured bit is unknown and this throws {@link Interpreter.NeedsDynamic}. */
    int readBit(int clbit);

    void writeBit(int clbit, int value);
}
