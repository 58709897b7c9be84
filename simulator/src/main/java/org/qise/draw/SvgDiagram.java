package org.qise.draw;

import java.util.ArrayList;
import java.util.List;
import org.qise.draw.Glyphs.Link;
import org.qise.draw.Glyphs.Mark;
import org.qise.draw.Glyphs.RowMark;

/**
 * Draws a {@link Layout} as SVG: wires as lines (classical registers as double lines), gate
 * boxes with their labels, control dots joined to targets, ⊕ for controlled X, measurement
 * boxes with an arrow down to the classical register, barriers as dashed grey bands.
 *
 * <p>Elements carry a {@code class} naming what they are (gate, control, target, measure,
 * barrier …) so that pages and tests can find them.
 */
final class SvgDiagram {
    private static final double ROW = 50, TOP = 36, BOX = 32, GAP = 14, FONT = 13, MARGIN = 12;
    private static final String INK = "#1f2937", BOX_FILL = "#e0ecff", BOX_STROKE = "#3b6bc4";
    private static final String CLASSICAL = "#6b7280";

    private final Layout layout;
    private final List<Glyphs.Drawing[]> drawings = new ArrayList<>();
    private final double[] columnCenter;
    private final double labelWidth, width, height;

    SvgDiagram(Layout layout) {
        this.layout = layout;
        double lw = 0;
        for (int r = 0; r < layout.rows(); r++) lw = Math.max(lw, SvgWriter.textWidth(layout.rowLabel(r), FONT));
        labelWidth = lw + 2 * MARGIN;
        columnCenter = new double[layout.columns().size()];
        double x = labelWidth + GAP;
        for (int c = 0; c < layout.columns().size(); c++) {
            List<Layout.Placed> column = layout.columns().get(c);
            Glyphs.Drawing[] ds = new Glyphs.Drawing[column.size()];
            double w = BOX;
            for (int i = 0; i < column.size(); i++) {
                ds[i] = Glyphs.of(column.get(i).op(), layout);
                for (RowMark rm : ds[i].marks()) w = Math.max(w, markWidth(rm.mark()));
            }
            drawings.add(ds);
            columnCenter[c] = x + w / 2;
            x += w + GAP;
        }
        width = Math.max(x + GAP, labelWidth + 80);
        height = TOP + (layout.rows() - 1) * ROW + 40;
    }

    private static double markWidth(Mark mark) {
        return switch (mark) {
            case Mark.Box b -> SvgWriter.textWidth(b.label(), FONT) + 16;
            case Mark.Condition c -> SvgWriter.textWidth(c.text(), FONT - 2) + 8;
            case Mark.Reset r -> 40;
            default -> BOX;
        };
    }

    private double y(int row) { return TOP + row * ROW; }

    String render() {
        var c = layout.circuit();
        SvgWriter svg = new SvgWriter(width, height,
                "circuit: " + c.numQubits() + " qubits, " + c.numClbits() + " classical bits, " + c.operations().size() + " operations");
        wires(svg);
        for (int col = 0; col < drawings.size(); col++) {
            double x = columnCenter[col];
            for (Glyphs.Drawing d : drawings.get(col)) {
                for (Link link : d.links()) link(svg, x, link);
            }
            for (Glyphs.Drawing d : drawings.get(col)) {
                barrier(svg, x, d);
                for (RowMark rm : d.marks()) mark(svg, x, y(rm.row()), rm.mark());
            }
        }
        return svg.finish();
    }

    private void wires(SvgWriter svg) {
        for (int r = 0; r < layout.rows(); r++) {
            double y = y(r);
            svg.label(labelWidth - MARGIN, y, layout.rowLabel(r), FONT, "text-anchor", "end", "fill", INK, "class", "wire-label");
            if (layout.isClassicalRow(r)) {
                svg.line(labelWidth, y - 1.5, width - MARGIN, y - 1.5, CLASSICAL, 1, "class", "classical-wire");
                svg.line(labelWidth, y + 1.5, width - MARGIN, y + 1.5, CLASSICAL, 1, "class", "classical-wire");
            } else {
                svg.line(labelWidth, y, width - MARGIN, y, INK, 1, "class", "wire");
            }
        }
    }

    private void link(SvgWriter svg, double x, Link link) {
        double y1 = y(link.from()), y2 = y(link.to());
        if (link.classical()) {
            // stop short of the register so the arrowhead or condition dot sits on it
            svg.line(x - 1.5, y1, x - 1.5, y2 - 6, CLASSICAL, 1, "class", "classical-link");
            svg.line(x + 1.5, y1, x + 1.5, y2 - 6, CLASSICAL, 1, "class", "classical-link");
        } else {
            svg.line(x, y1, x, y2, INK, 1.5, "class", "link");
        }
    }

    /** One dashed band per run of adjacent barrier qubits. */
    private void barrier(SvgWriter svg, double x, Glyphs.Drawing d) {
        for (RowMark rm : d.marks()) {
            if (!(rm.mark() instanceof Mark.Barrier)) continue;
            if (d.markAt(rm.row() - 1) instanceof Mark.Barrier) continue; // not the start of a run
            int end = rm.row();
            while (d.markAt(end + 1) instanceof Mark.Barrier) end++;
            double top = y(rm.row()) - ROW / 2 + 4, bottom = y(end) + ROW / 2 - 4;
            svg.element("rect", "x", SvgWriter.num(x - 7), "y", SvgWriter.num(top), "width", "14",
                    "height", SvgWriter.num(bottom - top), "fill", "#9ca3af", "fill-opacity", "0.35",
                    "stroke", "#6b7280", "stroke-dasharray", "4 3", "class", "barrier");
        }
    }

    private void mark(SvgWriter svg, double x, double y, Mark mark) {
        switch (mark) {
            case Mark.Box b -> {
                double w = markWidth(b);
                box(svg, x, y, w, "gate");
                svg.label(x, y, b.label(), FONT, "fill", INK, "class", "gate-label");
            }
            case Mark.Control c -> svg.element("circle", "cx", SvgWriter.num(x), "cy", SvgWriter.num(y), "r", "5",
                    "fill", INK, "class", "control");
            case Mark.TargetX t -> {
                svg.element("circle", "cx", SvgWriter.num(x), "cy", SvgWriter.num(y), "r", "11",
                        "fill", "#ffffff", "stroke", INK, "stroke-width", "1.5", "class", "target");
                svg.line(x - 11, y, x + 11, y, INK, 1.5, "class", "target");
                svg.line(x, y - 11, x, y + 11, INK, 1.5, "class", "target");
            }
            case Mark.Swap s -> {
                svg.line(x - 7, y - 7, x + 7, y + 7, INK, 2, "class", "swap");
                svg.line(x - 7, y + 7, x + 7, y - 7, INK, 2, "class", "swap");
            }
            case Mark.Meter m -> {
                box(svg, x, y, BOX, "measure");
                svg.element("path", "d", "M " + SvgWriter.num(x - 10) + " " + SvgWriter.num(y + 6)
                        + " A 10 10 0 0 1 " + SvgWriter.num(x + 10) + " " + SvgWriter.num(y + 6),
                        "fill", "none", "stroke", INK, "stroke-width", "1.2", "class", "measure");
                svg.line(x, y + 6, x + 7, y - 8, INK, 1.2, "class", "measure");
            }
            case Mark.MeasureEnd e -> {
                svg.element("polygon", "points", SvgWriter.num(x - 6) + "," + SvgWriter.num(y - 9) + " "
                        + SvgWriter.num(x + 6) + "," + SvgWriter.num(y - 9) + " " + SvgWriter.num(x) + "," + SvgWriter.num(y),
                        "fill", CLASSICAL, "class", "measure-arrow");
                svg.label(x + 10, y + 12, Integer.toString(e.bit()), FONT - 2, "fill", CLASSICAL, "class", "clbit-index");
            }
            case Mark.Reset r -> {
                box(svg, x, y, markWidth(r), "reset");
                svg.label(x, y, "|0⟩", FONT, "fill", INK);
            }
            case Mark.Barrier b -> { } // drawn as bands before the marks
            case Mark.Condition c -> {
                svg.element("circle", "cx", SvgWriter.num(x), "cy", SvgWriter.num(y), "r", "5",
                        "fill", CLASSICAL, "class", "condition");
                svg.label(x, y + 15, c.text(), FONT - 2, "fill", INK, "class", "condition-label");
            }
        }
    }

    private static void box(SvgWriter svg, double x, double y, double w, String cls) {
        svg.element("rect", "x", SvgWriter.num(x - w / 2), "y", SvgWriter.num(y - BOX / 2), "width", SvgWriter.num(w),
                "height", SvgWriter.num(BOX), "rx", "3", "fill", cls.equals("gate") ? BOX_FILL : "#f3f4f6",
                "stroke", cls.equals("gate") ? BOX_STROKE : INK, "stroke-width", "1.2", "class", cls);
    }
}
