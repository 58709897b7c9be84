package org.qise.qasm;

/**
 * Malformed or invalid OpenQASM. The message reads {@code file:line:column: what is wrong},
 * where line and column are 1-based and point at the offending token.
 */
public class QasmException extends RuntimeException {
    private final String file;
    private final int line;
    private final int column;

    public QasmException(String file, int line, int column, String message) {
        super(file + ":" + line + ":" + column + ": " + message);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public String file() { return file; }

    public int line() { return line; }

    public int column() { return column; }
}
