package org.qise.qasm;

import java.util.List;

/** Reads a token list front to back and builds located errors. */
final class TokenCursor {
    private final List<Token> tokens;
    private final String file;
    private int index;

    TokenCursor(List<Token> tokens, String file) {
        this.tokens = tokens;
        this.file = file;
    }

    String file() { return file; }

    Token peek() { return tokens.get(index); }

    Token peek(int ahead) { return tokens.get(Math.min(index + ahead, tokens.size() - 1)); }

    Token next() {
        Token t = tokens.get(index);
        if (t.kind() != Token.Kind.EOF) index++;
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
