package org.qise.qasm3;

/** One OpenQASM 3 token with its 1-based position. Keywords come out as identifiers. */
record Tok(Kind kind, String text, int line, int column) {
    enum Kind { IDENT, INT, FLOAT, IMAGINARY, DURATION, STRING, HWQUBIT, ANNOTATION, PRAGMA, OP, EOF }

    boolean is(String s) { return (kind == Kind.OP || kind == Kind.IDENT) && text.equals(s); }

    String describe() {
        return switch (kind) {
            case EOF -> "end of file";
            case STRING -> "string \"" + text + "\"";
            default -> "'" + text + "'";
        };
    }
}
