package org.qise.circuit;

import java.util.List;

/**
 * An immutable quantum circuit: registers and an ordered list of operations.
 *
 * <p>Qubits and classical bits are numbered flat, register after register in declaration
 * order; qubit 0 is the least significant bit of a basis-state index.
 */
public final class Circuit {
    private final List<Register> qregs;
    private final List<Register> cregs;
    private final List<Operation> operations;
    private final int numQubits;
    private final int numClbits;

    Circuit(List<Register> qregs, List<Register> cregs, List<Operation> operations) {
        this.qregs = List.copyOf(qregs);
        this.cregs = List.copyOf(cregs);
        this.operations = List.copyOf(operations);
        this.numQubits = qregs.stream().mapToInt(Register::size).sum();
        this.numClbits = cregs.stream().mapToInt(Register::size).sum();
    }

    /** A builder with no registers yet. */
    public static CircuitBuilder builder() {
        return new CircuitBuilder();
    }

    /** A builder with {@code qreg q[qubits]} and, if {@code clbits > 0}, {@code creg c[clbits]}. */
    public static CircuitBuilder builder(int qubits, int clbits) {
        CircuitBuilder b = new CircuitBuilder().qreg("q", qubits);
        return clbits > 0 ? b.creg("c", clbits) : b;
    }

    /** A builder with {@code qreg q[qubits]} only. */
    public static CircuitBuilder builder(int qubits) {
        return builder(qubits, 0);
    }

    /** A builder that starts as a copy of this circuit. */
    public CircuitBuilder toBuilder() {
        return new CircuitBuilder(this);
    }

    public List<Register> qregs() { return qregs; }

    public List<Register> cregs() { return cregs; }

    public List<Operation> operations() { return operations; }

    public int numQubits() { return numQubits; }

    public int numClbits() { return numClbits; }

    /** Number of gate applications (barriers, measurements and resets not counted). */
    public int gateCount() {
        return (int) operations.stream().filter(o -> o instanceof Operation.GateOp).count();
    }

    /** Whether any operation is a measurement. */
    public boolean hasMeasurements() {
        return operations.stream().anyMatch(o -> o instanceof Operation.Measure);
    }

    /** The classical register that holds flat classical bit {@code clbit}. */
    public Register cregOf(int clbit) {
        return cregs.stream().filter(r -> r.contains(clbit)).findFirst()
                .orElseThrow(() -> new IndexOutOfBoundsException("no classical bit " + clbit));
    }

    /** The quantum register that holds flat qubit {@code qubit}. */
    public Register qregOf(int qubit) {
        return qregs.stream().filter(r -> r.contains(qubit)).findFirst()
                .orElseThrow(() -> new IndexOutOfBoundsException("no qubit " + qubit));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Circuit c && c.qregs.equals(qregs) && c.cregs.equals(cregs) && c.operations.equals(operations);
    }

    @Override
    public int hashCode() {
        return 31 * operations.hashCode() + qregs.hashCode();
    }

    @Override
    public String toString() {
        return "Circuit[" + numQubits + " qubits, " + numClbits + " clbits, " + operations.size() + " operations]";
    }
}
