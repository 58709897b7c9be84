package org.qise.qasm;

/**
 * Splits OpenQASM 2.0 source into tokens, skipping whitespace and comments ({@code //} to the
 * end of the line, {@code /* … *}{@code /} blocks). Keywords come out as identifiers; the parser
 * tells them apart by context.
 */
final class Lexer {
    private final String src;
    private final String file;
    private int pos;
    private int line = 1;
    private int lineStart;

    Lexer(String src, String file) {
        this.src = src;
        this.file = file;
        // A byte-order mark, which some Windows editors write at the start of UTF-8 files, is not
        // part of the program; skipping it keeps columns on line 1 counting from the first real character.
        if (src.startsWith("\uFEFF")) {
            pos = 1;
            lineStart = 1;
        }
    }

    /** The next token; at the end of the source, an EOF token (again on every later call). */
    Token nextToken() {
        skipSpaceAndComments();
        if (pos >= src.length()) return new Token(Token.Kind.EOF, "", line, column());
        return next();
    }

    private int column() { return pos - lineStart + 1; }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < src.length() ? src.charAt(i) : '\0';
    }

    private void advance() {
        if (src.charAt(pos) == '\n') {
            line++;
            lineStart = pos + 1;
        }
        pos++;
    }

    private void skipSpaceAndComments() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isWhitespace(c)) {
                advance();
            } else if (c == '/' && peek(1) == '/') {
                while (pos < src.length() && src.charAt(pos) != '\n') pos++;
            } else if (c == '/' && peek(1) == '*') {
                int startLine = line, startCol = column();
                advance();
                advance();
                while (pos < src.length() && !(src.charAt(pos) == '*' && peek(1) == '/')) advance();
                if (pos >= src.length()) {
                    throw new QasmException(file, startLine, startCol, "comment opened with '/*' is never closed with '*/'");
                }
                advance();
                advance();
            } else {
                return;
            }
        }
    }

    private Token next() {
        int startLine = line, startCol = column(), start = pos;
        char c = src.charAt(pos);
        if (isWordChar(c) && !isDigit(c)) {
            while (pos < src.length() && (isWordChar(src.charAt(pos)))) pos++;
            return new Token(Token.Kind.IDENTIFIER, src.substring(start, pos), startLine, startCol);
        }
        if (isDigit(c) || (c == '.' && isDigit(peek(1)))) return number(startLine, startCol);
        if (c == '"') {
            pos++;
            while (pos < src.length() && src.charAt(pos) != '"' && src.charAt(pos) != '\n') pos++;
            if (pos >= src.length() || src.charAt(pos) != '"') {
                throw new QasmException(file, startLine, startCol, "string is not closed with '\"' on the same line");
            }
            pos++;
            return new Token(Token.Kind.STRING, src.substring(start + 1, pos - 1), startLine, startCol);
        }
        Token.Kind kind = switch (c) {
            case ';' -> Token.Kind.SEMICOLON;
            case ',' -> Token.Kind.COMMA;
            case '(' -> Token.Kind.LPAREN;
            case ')' -> Token.Kind.RPAREN;
            case '[' -> Token.Kind.LBRACKET;
            case ']' -> Token.Kind.RBRACKET;
            case '{' -> Token.Kind.LBRACE;
            case '}' -> Token.Kind.RBRACE;
            case '+' -> Token.Kind.PLUS;
            case '*' -> Token.Kind.STAR;
            case '/' -> Token.Kind.SLASH;
            case '^' -> Token.Kind.CARET;
            case '-' -> peek(1) == '>' ? Token.Kind.ARROW : Token.Kind.MINUS;
            case '=' -> peek(1) == '=' ? Token.Kind.EQUALS : null;
            default -> null;
        };
        if (kind == null) {
            String shown = c == '=' ? "'=' (a condition compares with '==')" : "character '" + printable(c) + "'";
            throw new QasmException(file, startLine, startCol, "unexpected " + shown);
        }
        pos += (kind == Token.Kind.ARROW || kind == Token.Kind.EQUALS) ? 2 : 1;
        return new Token(kind, src.substring(start, pos), startLine, startCol);
    }

    /** Integer {@code 12}, or real {@code 1.5}, {@code .5}, {@code 2.}, {@code 1e-3}, {@code 1.0E10}. */
    private Token number(int startLine, int startCol) {
        int start = pos;
        boolean real = false;
        while (isDigit(peek(0))) pos++;
        if (peek(0) == '.') {
            real = true;
            pos++;
            while (isDigit(peek(0))) pos++;
        }
        if ((peek(0) == 'e' || peek(0) == 'E')
                && (isDigit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && isDigit(peek(2))))) {
            real = true;
            pos += 2;
            while (isDigit(peek(0))) pos++;
        }
        return new Token(real ? Token.Kind.REAL : Token.Kind.INTEGER, src.substring(start, pos), startLine, startCol);
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_';
    }

    private static String printable(char c) {
        return c < 32 || c > 126 ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
