package org.qise.engine;

import java.util.List;
import org.qise.circuit.Operation;

/**
 * The one place that checks what an engine is asked to do, so that kernels can trust their
 * inputs: every plan is built through {@link #gates} and every qubit or amplitude argument of a
 * state goes through {@link #qubit} / {@link #index}. (A {@link Operation.GateOp} already
 * guarantees its arity and distinct qubits when it is built.)
 */
public final class GateChecks {
    private GateChecks() {}

    /** Most qubits any engine addresses: amplitude indices are longs. */
    public static final int MAX_QUBITS = 62;

    /** Checks a state size. */
    public static void size(int numQubits) {
        if (numQubits < 0 || numQubits > MAX_QUBITS) {
            throw new IllegalArgumentException("a state has 0 to " + MAX_QUBITS + " qubits, not " + numQubits);
        }
    }

    /** Checks that every gate fits an n-qubit state. */
    public static void gates(int numQubits, List<Operation.GateOp> gates) {
        size(numQubits);
        for (int i = 0; i < gates.size(); i++) {
            Operation.GateOp op = gates.get(i);
            if (op == null) throw new IllegalArgumentException("gate " + i + " is null");
            for (int q : op.qubits()) {
                if (q < 0 || q >= numQubits) {
                    throw new IllegalArgumentException("gate " + i + " (" + op.gate().name() + ") acts on qubit " + q
                            + ", outside the " + numQubits + "-qubit state");
                }
            }
        }
    }

    public static void qubit(int numQubits, int qubit) {
        if (qubit < 0 || qubit >= numQubits) throw new IllegalArgumentException("qubit " + qubit + " is outside the " + numQubits + "-qubit state");
    }

    public static void index(int numQubits, long index) {
        if (index < 0 || index >= 1L << numQubits) {
            throw new IllegalArgumentException("amplitude index " + index + " is outside the " + numQubits + "-qubit state");
        }
    }

    /** Checks a range of amplitudes [from, from + count). */
    public static void range(int numQubits, long from, int count) {
        if (count < 0 || from < 0 || from + count > 1L << numQubits) {
            throw new IllegalArgumentException("amplitudes " + from + " to " + (from + count - 1) + " are outside the " + numQubits + "-qubit state");
        }
    }
}
