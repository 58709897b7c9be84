package org.qise.portal.circuits;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff laid out in two columns, old on the left and new on the right: kept lines side by
 * side, and within each changed stretch the removed lines paired in order with the added ones,
 * the shorter side padded with empty cells.
 */
public final class SideBySide {
    /** One half of a row: its 1-based line number and text, or none (an empty cell). */
    public record Cell(Integer number, String text, String cssClass) {
        static final Cell EMPTY = new Cell(null, "", "empty");
    }

    public record Row(Cell left, Cell right) {}

    private SideBySide() {}

    public static List<Row> rows(List<LineDiff.Line> lines) {
        List<Row> rows = new ArrayList<>();
        int left = 0;
        int right = 0;
        int i = 0;
        while (i < lines.size()) {
            LineDiff.Line line = lines.get(i);
            if (line.kind() == ' ') {
                rows.add(new Row(new Cell(++left, line.text(), "same"), new Cell(++right, line.text(), "same")));
                i++;
                continue;
            }
            List<String> removed = new ArrayList<>();
            List<String> added = new ArrayList<>();
            while (i < lines.size() && lines.get(i).kind() != ' ') {
                (lines.get(i).kind() == '-' ? removed : added).add(lines.get(i).text());
                i++;
            }
            for (int k = 0; k < Math.max(removed.size(), added.size()); k++) {
                Cell l = k < removed.size() ? new Cell(++left, removed.get(k), "del") : Cell.EMPTY;
                Cell r = k < added.size() ? new Cell(++right, added.get(k), "add") : Cell.EMPTY;
                rows.add(new Row(l, r));
            }
        }
        return rows;
    }
}
