package org.qise.qasm;

/** Reads tokens front to back with one token of lookahead, and builds located errors. */
final class TokenCursor {
    private final Lexer lexer;
    private final String file;
    private Token current;

    TokenCursor(String source, String file) {
        this.lexer = new Lexer(source, file);
        this.file = file;
        this.current = lexer.nextToken();
    }

    String file() { return file; }

    Token peek() { return current; }

    Token next() {
        Token t = current;
        if (t.kind() != Token.Kind.EOF) current = lexer.nextToken();
        return t;
    }

    /** Consumes the next token if it has this kind. */
    boolean accept(Token.Kind kind) {
        if (!peek().is(kind)) return false;
        next();
        return true;
    }

    /** The next token, which must have this kind; {@code what} says what was expected, e.g. "';'". */
    Token expect(Token.Kind kind, String what) {
        Token t = peek();
        if (!t.is(kind)) throw error(t, "expected " + what + " but found " + t.describe());
        return next();
    }

    /** The next token, which must be the keyword {@code word}. */
    Token expectWord(String word) {
        Token t = peek();
        if (!t.isWord(word)) throw error(t, "expected '" + word + "' but found " + t.describe());
        return next();
    }

    QasmException error(Token at, String message) {
        return new QasmException(file, at.line(), at.column(), message);
    }
}
