package org.qise.draw;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.qise.circuit.Gate;
import org.qise.circuit.Operation;

/**
 * What an operation looks like, independent of the medium: a mark on each row it acts on and
 * the vertical links between them. The text and SVG renderers each draw these their own way.
 */
final class Glyphs {
    private Glyphs() {}

    /** What is drawn on one row. */
    sealed interface Mark {
        /** A gate box with a label such as {@code rx(π/2)}. */
        record Box(String label) implements Mark {}
        /** A control dot: the gate acts where this qubit is 1. */
        record Control() implements Mark {}
        /** The ⊕ of a controlled X. */
        record TargetX() implements Mark {}
        /** One end of a swap. */
        record Swap() implements Mark {}
        /** A measurement box on the measured qubit. */
        record Meter() implements Mark {}
        /** Where a measurement arrow lands on a classical register, with the bit it writes. */
        record MeasureEnd(int bit) implements Mark {}
        /** A reset to |0⟩. */
        record Reset() implements Mark {}
        /** A barrier on this qubit. */
        record Barrier() implements Mark {}
        /** The classical condition an operation waits for, e.g. {@code c==1}. */
        record Condition(String text) implements Mark {}
    }

    record RowMark(int row, Mark mark) {}

    /** A vertical line from row {@code from} down to row {@code to}; classical lines are double. */
    record Link(int from, int to, boolean classical) {}

    /** An operation as marks and links. */
    record Drawing(List<RowMark> marks, List<Link> links) {
        Mark markAt(int row) {
            for (RowMark m : marks) if (m.row() == row) return m.mark();
            return null;
        }
    }

    static Drawing of(Operation op, Layout layout) {
        List<RowMark> marks = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        int[] qubits = op.qubits();
        switch (op) {
            case Operation.GateOp g -> gate(g.gate(), qubits, marks);
            case Operation.Measure m -> {
                marks.add(new RowMark(m.qubit(), new Mark.Meter()));
                int row = layout.rowOfClbit(m.clbit());
                marks.add(new RowMark(row, new Mark.MeasureEnd(layout.indexInRegister(m.clbit()))));
                links.add(new Link(m.qubit(), row, true));
            }
            case Operation.Reset r -> marks.add(new RowMark(r.qubit(), new Mark.Reset()));
            case Operation.ChannelOp c -> {
                for (int i = 0; i < qubits.length; i++) {
                    marks.add(new RowMark(qubits[i], new Mark.Box(c.channel().name() + (qubits.length > 1 ? Labels.subscript(i) : ""))));
                }
            }
            case Operation.Barrier b -> {
                for (int q : qubits) marks.add(new RowMark(q, new Mark.Barrier()));
            }
            // classical control flow decided shot by shot: one labelled box across its qubits
            case Operation.Dynamic d -> {
                for (int q : qubits) marks.add(new RowMark(q, new Mark.Box("dyn")));
            }
        }
        int top = Arrays.stream(qubits).min().orElse(0);
        int lowestQubit = Arrays.stream(qubits).max().orElse(0);
        if ((op instanceof Operation.GateOp || op instanceof Operation.ChannelOp) && top != lowestQubit) links.add(new Link(top, lowestQubit, false));
        if (op.condition() != null) {
            int row = layout.conditionRow(op.condition());
            String text = op.condition().register().name() + "==" + op.condition().value();
            // a measurement that is itself conditioned on its own register shares the row
            marks.removeIf(m -> m.row() == row);
            marks.add(new RowMark(row, new Mark.Condition(text)));
            links.add(new Link(lowestQubit, row, true));
        }
        return new Drawing(marks, links);
    }

    private static void gate(Gate gate, int[] qubits, List<RowMark> marks) {
        int controls = gate.controls();
        for (int i = 0; i < controls; i++) marks.add(new RowMark(qubits[i], new Mark.Control()));
        String target = Labels.targetName(gate);
        boolean pins = Labels.needsPinNumbers(gate);
        for (int i = controls; i < qubits.length; i++) {
            Mark mark;
            if (controls > 0 && target.equals("x") && gate.targets() == 1) mark = new Mark.TargetX();
            else if (target.equals("swap")) mark = new Mark.Swap();
            else mark = new Mark.Box(Labels.gateLabel(gate) + (pins ? Labels.subscript(i - controls) : ""));
            marks.add(new RowMark(qubits[i], mark));
        }
    }
}
