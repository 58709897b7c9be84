package org.qise.kernel;

/** The text of one cell, with offsets turned into the line and column people see. */
final class CellText {
    private final String text;

    CellText(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    /** 1-based line of a character offset. */
    int lineOf(int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') line++;
        }
        return line;
    }

    /** 1-based column of a character offset. */
    int columnOf(int offset) {
        int clamped = Math.min(offset, text.length());
        return clamped - (text.lastIndexOf('\n', clamped - 1) + 1) + 1;
    }

    /** The text of a 1-based line, without its line break. */
    String line(int line) {
        String[] lines = text.split("\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1].stripTrailing() : "";
    }
}
