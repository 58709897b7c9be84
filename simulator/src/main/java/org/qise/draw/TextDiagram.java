package org.qise.draw;

import java.util.ArrayList;
import java.util.List;
import org.qise.draw.Glyphs.Link;
import org.qise.draw.Glyphs.Mark;
import org.qise.draw.Glyphs.RowMark;

/**
 * Draws a {@link Layout} with box-drawing characters. Each row takes two text lines: the wire
 * itself and a gap line below it that carries vertical links (and the bit numbers written
 * under a classical register). A column of the layout becomes a column of text as wide as its
 * widest mark; columns that do not fit the width continue in a further block.
 */
final class TextDiagram {
    private static final char QUANTUM_WIRE = '─';
    private static final char CLASSICAL_WIRE = '═';

    private final Layout layout;
    private final List<String[]> columns = new ArrayList<>(); // per column: text per line, null = plain wire
    private final List<Integer> widths = new ArrayList<>();

    TextDiagram(Layout layout) {
        this.layout = layout;
        for (List<Layout.Placed> column : layout.columns()) {
            String[] cells = new String[2 * layout.rows()];
            for (Layout.Placed p : column) place(Glyphs.of(p.op(), layout), cells);
            int w = 1;
            for (String c : cells) if (c != null) w = Math.max(w, Labels.width(c));
            columns.add(cells);
            widths.add(w);
        }
    }

    private void place(Glyphs.Drawing drawing, String[] cells) {
        for (RowMark rm : drawing.marks()) {
            int line = 2 * rm.row();
            switch (rm.mark()) {
                case Mark.Box b -> cells[line] = "┤" + b.label() + "├";
                case Mark.Control c -> cells[line] = "●";
                case Mark.TargetX t -> cells[line] = "⊕";
                case Mark.Swap s -> cells[line] = "×";
                case Mark.Meter m -> cells[line] = "┤M├";
                case Mark.Reset r -> cells[line] = "┤|0>├";
                case Mark.Barrier b -> {
                    cells[line] = "░";
                    if (drawing.markAt(rm.row() + 1) instanceof Mark.Barrier) cells[line + 1] = "░";
                }
                case Mark.MeasureEnd e -> {
                    cells[line] = "╩";
                    cells[line + 1] = Integer.toString(e.bit());
                }
                case Mark.Condition c -> cells[line] = "╡" + c.text() + "╞";
            }
        }
        for (Link link : drawing.links()) {
            for (int line = 2 * link.from() + 1; line < 2 * link.to(); line++) {
                if (cells[line] != null) continue;
                boolean gap = line % 2 == 1;
                boolean classicalRow = layout.isClassicalRow(line / 2);
                if (gap) cells[line] = link.classical() ? "║" : "│";
                else if (classicalRow) cells[line] = "╬";
                else cells[line] = link.classical() ? "╫" : "┼";
            }
        }
    }

    /** The drawing, continued in blocks so that no line is wider than {@code maxWidth}. */
    String render(int maxWidth) {
        String[] labels = new String[layout.rows()];
        int labelWidth = 0;
        for (int r = 0; r < labels.length; r++) {
            labels[r] = layout.rowLabel(r) + ": ";
            labelWidth = Math.max(labelWidth, Labels.width(labels[r]));
        }
        // label, "«" where continued, one wire char, the columns (each with a wire char either side), "»"
        int room = Math.max(1, maxWidth - labelWidth - 4);
        StringBuilder out = new StringBuilder();
        int from = 0;
        do {
            int to = from, used = 0;
            while (to < columns.size() && (to == from || used + widths.get(to) + 2 <= room)) {
                used += widths.get(to) + 2;
                to++;
            }
            if (from > 0) out.append('\n');
            block(out, labels, labelWidth, from, to);
            from = to;
        } while (from < columns.size());
        return out.toString();
    }

    private void block(StringBuilder out, String[] labels, int labelWidth, int from, int to) {
        boolean continued = from > 0, continues = to < columns.size();
        List<String> lines = new ArrayList<>();
        for (int line = 0; line < 2 * layout.rows(); line++) {
            int row = line / 2;
            boolean wire = line % 2 == 0;
            char fill = !wire ? ' ' : layout.isClassicalRow(row) ? CLASSICAL_WIRE : QUANTUM_WIRE;
            StringBuilder sb = new StringBuilder();
            String label = wire ? labels[row] : "";
            sb.append(" ".repeat(labelWidth - Labels.width(label))).append(label);
            if (continued) sb.append(wire ? '«' : ' ');
            sb.append(fill);
            for (int c = from; c < to; c++) {
                sb.append(fill);
                center(sb, columns.get(c)[line], widths.get(c), fill);
                sb.append(fill);
            }
            sb.append(fill);
            if (continues && wire) sb.append('»');
            lines.add(sb.toString().stripTrailing());
        }
        while (!lines.isEmpty() && lines.getLast().isEmpty()) lines.removeLast();
        for (String l : lines) out.append(l).append('\n');
    }

    private static void center(StringBuilder sb, String text, int width, char fill) {
        if (text == null) {
            sb.append(String.valueOf(fill).repeat(width));
            return;
        }
        // Align the middle of the text (left of centre for even lengths) with the column's middle,
        // where vertical links run, so that links meet boxes of any width at their centre.
        int length = Labels.width(text);
        int left = (width - 1) / 2 - (length - 1) / 2;
        sb.append(String.valueOf(fill).repeat(left)).append(text).append(String.valueOf(fill).repeat(width - length - left));
    }
}
