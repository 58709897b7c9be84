package org.qise.circuit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    /** Parameter names, computed on first use (benign race: every thread computes the same list). */
    private List<String> parameters;

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

    /** The names of the parameters that parametric gates use, in order of first appearance. */
    public List<String> parameters() {
        List<String> p = parameters;
        if (p == null) {
            Set<String> names = new LinkedHashSet<>();
            for (Operation op : operations) {
                if (op instanceof Operation.GateOp g && g.gate().isParametric()) names.addAll(g.gate().parameterNames());
            }
            parameters = p = List.copyOf(names);
        }
        return p;
    }

    /**
     * This circuit with the named parameters set: only the parametric gates are rebuilt (their
     * matrices recomputed), every other operation is shared. Parameters not named stay symbolic.
     *
     * @throws IllegalArgumentException when {@code values} names a parameter the circuit does not have
     */
    public Circuit bind(Map<String, Double> values) {
        List<String> known = parameters();
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "': the circuit's parameters are "
                        + (known.isEmpty() ? "none" : String.join(", ", known)));
            }
        }
        List<Operation> bound = new ArrayList<>(operations.size());
        for (Operation op : operations) {
            if (op instanceof Operation.GateOp g && g.gate().isParametric()) {
                bound.add(new Operation.GateOp(g.gate().bind(values), g.qubits(), g.condition()));
            } else {
                bound.add(op);
            }
        }
        return new Circuit(qregs, cregs, bound);
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
