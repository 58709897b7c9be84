package org.qise.qasm;

/** One lexical token of OpenQASM source, with the 1-based line and column where it starts. */
record Token(Kind kind, String text, int line, int column) {

    enum Kind {
        IDENTIFIER, INTEGER, REAL, STRING,
        SEMICOLON, COMMA, LPAREN, RPAREN, LBRACKET, RBRACKET, LBRACE, RBRACE,
        ARROW, EQUALS, PLUS, MINUS, STAR, SLASH, CARET,
        EOF
    }

    boolean is(Kind k) { return kind == k; }

    /** Whether this is the identifier or keyword {@code word}. */
    boolean isWord(String word) { return kind == Kind.IDENTIFIER && text.equals(word); }

    /** How the token reads in an error message: {@code 'qreg'}, or "end of file". */
    String describe() {
        return switch (kind) {
            case EOF -> "end of file";
            case STRING -> "string \"" + text + "\"";
            default -> "'" + text + "'";
        };
    }
}
