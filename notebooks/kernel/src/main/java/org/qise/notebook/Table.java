package org.qise.notebook;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rows of named values shown as a table. The columns are the keys of all rows in the
 * order they first appear; a row without a key leaves that cell empty.
 */
public final class Table {
    private final List<String> columns;
    private final List<List<String>> cells;

    private Table(List<String> columns, List<List<String>> cells) {
        this.columns = columns;
        this.cells = cells;
    }

    /** A table with one row per map. */
    public static Table of(List<? extends Map<?, ?>> rows) {
        Set<Object> keys = new LinkedHashSet<>();
        rows.forEach(row -> keys.addAll(row.keySet()));
        List<String> columns = keys.stream().map(String::valueOf).toList();
        List<List<String>> cells = new ArrayList<>();
        for (Map<?, ?> row : rows) {
            List<String> line = new ArrayList<>();
            for (Object key : keys) {
                line.add(row.containsKey(key) ? Renderers.plainText(row.get(key)) : "");
            }
            cells.add(line);
        }
        return new Table(columns, cells);
    }

    /** An HTML table with every value escaped. */
    public String html() {
        StringBuilder html = new StringBuilder("<table>\n<thead><tr>");
        columns.forEach(c -> html.append("<th>").append(escape(c)).append("</th>"));
        html.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : cells) {
            html.append("<tr>");
            row.forEach(c -> html.append("<td>").append(escape(c)).append("</td>"));
            html.append("</tr>\n");
        }
        return html.append("</tbody>\n</table>").toString();
    }

    /** Columns padded to line up in a fixed-width font. */
    public String text() {
        int[] widths = new int[columns.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = columns.get(c).length();
            for (List<String> row : cells) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder text = new StringBuilder();
        appendLine(text, columns, widths);
        for (List<String> row : cells) {
            appendLine(text, row, widths);
        }
        return text.toString().stripTrailing();
    }

    private static void appendLine(StringBuilder text, List<String> values, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < values.size(); c++) {
            line.append(c == 0 ? "" : "  ").append(values.get(c))
                    .append(" ".repeat(widths[c] - values.get(c).length()));
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
