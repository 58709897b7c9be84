package org.qise.draw;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.qise.circuit.Circuit;
import org.qise.circuit.Condition;
import org.qise.circuit.Operation;
import org.qise.circuit.Register;

/**
 * Where each operation goes in a drawing, shared by the text and SVG renderers.
 *
 * <p>Rows ("wires") are the qubits, qubit 0 on top, then one row per classical register (a
 * register is drawn as one bundled wire; measurements name the bit they write). An operation
 * covers every row between its topmost and bottommost row, because its connecting line crosses
 * them: a measurement reaches down to its classical register, a condition to the register it
 * tests. Operations are packed greedily into columns: each goes into the first column after the
 * last one used on any row it covers, so operations on disjoint spans share a column.
 */
final class Layout {

    /** One operation placed in a column, with the rows its drawing covers. */
    record Placed(Operation op, int column, int top, int bottom) {}

    private final Circuit circuit;
    private final List<List<Placed>> columns = new ArrayList<>();

    Layout(Circuit circuit) {
        this.circuit = circuit;
        int[] nextFree = new int[rows()];
        for (Operation op : circuit.operations()) {
            int[] span = span(op);
            int column = 0;
            for (int r = span[0]; r <= span[1]; r++) column = Math.max(column, nextFree[r]);
            for (int r = span[0]; r <= span[1]; r++) nextFree[r] = column + 1;
            while (columns.size() <= column) columns.add(new ArrayList<>());
            columns.get(column).add(new Placed(op, column, span[0], span[1]));
        }
    }

    Circuit circuit() { return circuit; }

    int qubitRows() { return circuit.numQubits(); }

    /** Qubit rows, then one row per classical register. */
    int rows() { return circuit.numQubits() + circuit.cregs().size(); }

    List<List<Placed>> columns() { return columns; }

    boolean isClassicalRow(int row) { return row >= circuit.numQubits(); }

    /** The row of the classical register that holds flat classical bit {@code clbit}. */
    int rowOfClbit(int clbit) {
        return rowOfRegister(circuit.cregOf(clbit));
    }

    int rowOfRegister(Register creg) {
        return circuit.numQubits() + circuit.cregs().indexOf(creg);
    }

    /** Label of a row: {@code q[0]} for a qubit, the register name for a classical register. */
    String rowLabel(int row) {
        if (row < circuit.numQubits()) {
            Register r = circuit.qregOf(row);
            return r.name() + "[" + (row - r.offset()) + "]";
        }
        return circuit.cregs().get(row - circuit.numQubits()).name();
    }

    /** Index of a flat classical bit inside its register. */
    int indexInRegister(int clbit) {
        return clbit - circuit.cregOf(clbit).offset();
    }

    /** The row of the register a condition tests, or −1 for none. */
    int conditionRow(Condition condition) {
        return condition == null ? -1 : rowOfRegister(condition.register());
    }

    private int[] span(Operation op) {
        int[] qubits = op.qubits();
        int top = Arrays.stream(qubits).min().orElse(0);
        int bottom = Arrays.stream(qubits).max().orElse(0);
        if (op instanceof Operation.Measure m) bottom = Math.max(bottom, rowOfClbit(m.clbit()));
        if (op.condition() != null) bottom = Math.max(bottom, conditionRow(op.condition()));
        return new int[]{top, bottom};
    }
}
