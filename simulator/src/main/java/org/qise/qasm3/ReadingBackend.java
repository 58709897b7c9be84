package org.qise.qasm3;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.qise.circuit.CircuitBuilder;
import org.qise.circuit.Condition;
import org.qise.circuit.Gate;
import org.qise.circuit.Operation;
import org.qise.qasm3.Ast.Pos;

/**
 * Records what the program does while it is read: operations into a list, registers into the
 * builder, and what is known of every circuit bit (0 at the start, unknown once measured).
 * Anything that needs an unknown bit stops the reading ({@link Interpreter.NeedsDynamic}).
 */
final class ReadingBackend implements Backend, Interpreter.Allocator {
    static final int UNKNOWN = -1;

    final CircuitBuilder builder;
    final List<Operation> ops;
    int[] bits = new int[0];
    Interpreter in;

    ReadingBackend(CircuitBuilder builder, int statements) {
        this.builder = builder;
        this.ops = new ArrayList<>(Math.max(16, statements)); // about one operation per statement
    }

    private Condition condition() {
        Object[] c = in.condition;
        if (c == null) return null;
        Interpreter.CReg reg = (Interpreter.CReg) c[0];
        return new Condition(builder.creg(reg.name()), (Long) c[1]);
    }

    private void add(Operation op) {
        if (ops.size() >= in.limits.maxOperations()) {
            throw new Interpreter.LimitReached("the program expands to more than " + in.limits.maxOperations() + " operations");
        }
        ops.add(op);
    }

    @Override public void gate(Gate gate, int[] qubits) { add(new Operation.GateOp(gate, qubits, condition())); }

    @Override public void globalPhase(double phi) { } // unobservable outside a controlled gate

    @Override public void measure(int qubit, int clbit) {
        add(new Operation.Measure(qubit, clbit, condition()));
        bits[clbit] = UNKNOWN;
    }

    @Override public int measureValue(int qubit) { throw new Interpreter.NeedsDynamic(); }

    @Override public void reset(int qubit) { add(new Operation.Reset(qubit, condition())); }

    @Override public void barrier(int[] qubits) { add(new Operation.Barrier(qubits)); }

    @Override public int readBit(int clbit) {
        if (bits[clbit] == UNKNOWN) throw new Interpreter.NeedsDynamic();
        return bits[clbit];
    }

    @Override public void writeBit(int clbit, int value) {
        if (bits[clbit] != value || in.condition != null) throw new Interpreter.NeedsDynamic();
    }

    @Override public int[] qubits(String name, int size, Pos pos) {
        int first = builder.numQubits();
        try {
            builder.qreg(name, size);
        } catch (IllegalArgumentException e) {
            throw in.error(pos, "'" + name + "' is already declared");
        }
        int[] out = new int[size];
        for (int k = 0; k < size; k++) out[k] = first + k;
        return out;
    }

    @Override public int[] clbits(String name, int size, Pos pos) {
        int first = builder.numClbits();
        try {
            builder.creg(name, size);
        } catch (IllegalArgumentException e) {
            throw in.error(pos, "'" + name + "' is already declared");
        }
        bits = Arrays.copyOf(bits, first + size);
        int[] out = new int[size];
        for (int k = 0; k < size; k++) out[k] = first + k;
        return out;
    }
}
