package org.qise.portal.workshops;

import java.util.List;

/**
 * Workshop results as CSV for a spreadsheet: RFC 4180 (CRLF line ends, a field with a comma,
 * quote, CR or LF is quoted and its quotes doubled), and safe to open: a cell that a spreadsheet
 * would run as a formula (starting with = + - @, or the tab and carriage return OWASP also lists)
 * gets a leading apostrophe, since participants choose their own names and institutions.
 */
public final class ResultsCsv {
    public static final List<String> HEADER = List.of("participant", "institution", "exercise", "status", "score", "submitted at", "run id");

    private final StringBuilder out = new StringBuilder();

    public ResultsCsv() {
        row(HEADER);
    }

    public ResultsCsv row(List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) out.append(',');
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
        return this;
    }

    public String text() {
        return out.toString();
    }

    /** One field, defused and quoted as needed; null is the empty field. */
    static String cell(String value) {
        if (value == null || value.isEmpty()) return "";
        String v = value;
        char first = v.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') v = "'" + v;
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
