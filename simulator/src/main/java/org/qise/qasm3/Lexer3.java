package org.qise.qasm3;

import org.qise.qasm.QasmException;

/**
 * Splits OpenQASM 3 source into tokens: identifiers (Unicode letters such as π and θ allowed),
 * numbers (decimal with {@code _} separators, hex, octal, binary, floats, imaginary and timing
 * literals), strings, {@code $n} physical qubits, operators, and whole {@code pragma} and
 * {@code @annotation} lines (which the reader then ignores, as the specification allows).
 * Comments and whitespace are skipped. Tokens are handed out one at a time ({@link #next}), as
 * the parser asks for them.
 */
final class Lexer3 {
    private final String src;
    private final String file;
    private int pos;
    private int line = 1;
    private int lineStart;
    private boolean lineHasToken;

    Lexer3(String src, String file) {
        this.src = src;
        this.file = file;
    }

    /** Whether an identifier {@code delay}, {@code box} or {@code stretch} has been read (the reader then notes timing). */
    private boolean sawTiming;

    boolean sawTiming() { return sawTiming; }

    /**
     * Recently seen identifiers by a hash of their characters. A program names the same few
     * gates and registers on every line; handing out one String for each spares a copy per token
     * and lets its hash code, computed once, serve every later keyword and scope look-up.
     */
    private final String[] seen = new String[512];

    /** The source text from start to end, shared with an earlier equal identifier where there is one. */
    private String shared(int start, int end) {
        int len = end - start;
        if (len > 16) return src.substring(start, end);
        int h = 0;
        for (int k = start; k < end; k++) h = 31 * h + src.charAt(k);
        int slot = (h ^ (h >>> 9)) & (seen.length - 1);
        String s = seen[slot];
        if (s != null && s.length() == len) { // compared by hand: regionMatches costs more on a few characters
            int k = 0;
            while (k < len && s.charAt(k) == src.charAt(start + k)) k++;
            if (k == len) return s;
        }
        s = src.substring(start, end);
        seen[slot] = s;
        return s;
    }

    private int column() { return pos - lineStart + 1; }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < src.length() ? src.charAt(i) : '\0';
    }

    private QasmException error(int l, int c, String msg) { return new QasmException(file, l, c, msg); }

    private void newline() {
        line++;
        lineStart = pos + 1;
        lineHasToken = false;
    }

    private void skip() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                newline();
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\r' || (c < ' ' || c > '~') && Character.isWhitespace(c)) {
                pos++;
            } else if (c == '/' && peek(1) == '/') {
                while (pos < src.length() && src.charAt(pos) != '\n') pos++;
            } else if (c == '/' && peek(1) == '*') {
                int l = line, col = column();
                pos += 2;
                while (pos < src.length() && !(src.charAt(pos) == '*' && peek(1) == '/')) {
                    if (src.charAt(pos) == '\n') newline();
                    pos++;
                }
                if (pos >= src.length()) throw error(l, col, "comment opened with '/*' is never closed with '*/'");
                pos += 2;
            } else {
                return;
            }
        }
    }

    private static final String[] OPS = {
        "<<=", ">>=", "**=", "++", "->", "==", "!=", "<=", ">=", "&&", "||", "<<", ">>", "**",
        "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "~=",
        "{", "}", "[", "]", "(", ")", ";", ",", ":", "=", "+", "-", "*", "/", "%", "<", ">",
        "!", "~", "&", "|", "^", "@", ".", "#"};

    private static final String[] TIME_UNITS = {"dt", "ns", "us", "µs", "ms", "s"};

    Tok next() {
        skip();
        int l = line, c = column();
        if (pos >= src.length()) return new Tok(Tok.Kind.EOF, "", l, c);
        boolean first = !lineHasToken;
        lineHasToken = true;
        char ch = src.charAt(pos);
        int start = pos;
        if (first && (startsWord("pragma") || ch == '#' && startsWord("#pragma"))) {
            while (pos < src.length() && src.charAt(pos) != '\n') pos++;
            return new Tok(Tok.Kind.PRAGMA, src.substring(start, pos), l, c);
        }
        if (ch == '@' && first && Character.isLetter(peek(1))) {
            while (pos < src.length() && src.charAt(pos) != '\n') pos++;
            return new Tok(Tok.Kind.ANNOTATION, src.substring(start, pos), l, c);
        }
        if (isIdentStart(ch)) {
            while (pos < src.length() && isIdentPart(src.charAt(pos))) pos++;
            String word = shared(start, pos);
            if (!sawTiming && (ch == 'd' || ch == 'b' || ch == 's') && (word.equals("delay") || word.equals("box") || word.equals("stretch"))) sawTiming = true;
            return new Tok(Tok.Kind.IDENT, word, l, c);
        }
        if (ch == '$') {
            pos++;
            if (!Character.isDigit(peek(0))) throw error(l, c, "'$' must be followed by a physical qubit number, as in $0");
            while (pos < src.length() && isDigit(src.charAt(pos))) pos++;
            return new Tok(Tok.Kind.HWQUBIT, src.substring(start, pos), l, c);
        }
        if (isDigit(ch) || ch == '.' && isDigit(peek(1))) return number(l, c);
        if (ch == '"' || ch == '\'') {
            pos++;
            while (pos < src.length() && src.charAt(pos) != ch && src.charAt(pos) != '\n') pos++;
            if (pos >= src.length() || src.charAt(pos) != ch) throw error(l, c, "string is not closed on its line");
            pos++;
            return new Tok(Tok.Kind.STRING, src.substring(start + 1, pos - 1), l, c);
        }
        String op = operator(ch);
        if (op != null) {
            pos += op.length();
            return new Tok(Tok.Kind.OP, op, l, c);
        }
        throw error(l, c, "unexpected character '" + new String(Character.toChars(src.codePointAt(pos))) + "'");
    }

    /** The longest operator starting here, or null; single-character punctuation is the common case. */
    private String operator(char ch) {
        switch (ch) {
            case '[': return "[";
            case ']': return "]";
            case ';': return ";";
            case ',': return ",";
            case '(': return "(";
            case ')': return ")";
            case '{': return "{";
            case '}': return "}";
            default: break;
        }
        for (String op : OPS) if (src.startsWith(op, pos)) return op;
        return null;
    }

    private boolean startsWord(String w) {
        return src.startsWith(w, pos) && !isIdentPart(peek(w.length()));
    }

    private Tok number(int l, int c) {
        int start = pos;
        if (peek(0) == '0' && "xXbBoO".indexOf(peek(1)) >= 0 && peek(1) != '\0') {
            char radix = Character.toLowerCase(peek(1));
            pos += 2;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) pos++;
            String digits = src.substring(start + 2, pos).replace("_", "");
            int base = radix == 'x' ? 16 : radix == 'b' ? 2 : 8;
            try {
                return new Tok(Tok.Kind.INT, Long.toString(Long.parseUnsignedLong(digits, base)), l, c);
            } catch (NumberFormatException e) {
                throw error(l, c, "malformed integer literal '" + src.substring(start, pos) + "'");
            }
        }
        boolean isFloat = false;
        digits();
        if (peek(0) == '.') {
            isFloat = true;
            pos++;
            digits();
        }
        if ((peek(0) == 'e' || peek(0) == 'E') && (Character.isDigit(peek(1))
                || (peek(1) == '+' || peek(1) == '-') && Character.isDigit(peek(2)))) {
            isFloat = true;
            pos += 2;
            digits();
        }
        String raw = shared(start, pos);
        String text = raw;
        if (raw.indexOf('_') >= 0) {
            if (raw.endsWith("_") || raw.contains("__")) throw error(l, c, "malformed number '" + raw + "'");
            text = raw.replace("_", "");
        }
        char after = peek(0);
        if (!(after == ' ' || after == '\t' || isIdentPart(after) || after == 'µ')) {
            return new Tok(isFloat ? Tok.Kind.FLOAT : Tok.Kind.INT, text, l, c); // the common case: no suffix
        }
        // suffixes: imaginary and timing literals
        int save = pos;
        while (pos < src.length() && src.charAt(pos) == ' ') pos++;
        if (startsWord("im")) {
            pos += 2;
            return new Tok(Tok.Kind.IMAGINARY, text, l, c);
        }
        pos = save;
        for (String unit : TIME_UNITS) {
            if (startsWord(unit)) {
                pos += unit.length();
                return new Tok(Tok.Kind.DURATION, text + unit, l, c);
            }
        }
        if (pos < src.length() && isIdentPart(src.charAt(pos))) {
            throw error(l, c, "malformed number '" + src.substring(start, pos + 1) + "'");
        }
        return new Tok(isFloat ? Tok.Kind.FLOAT : Tok.Kind.INT, text, l, c);
    }

    private void digits() {
        while (pos < src.length() && (isDigit(src.charAt(pos)) || src.charAt(pos) == '_' && isDigit(peek(1)))) pos++;
    }

    // ASCII is answered without Character's Unicode tables: nearly every character of a real
    // file is ASCII, and these three run on each of them (the answers are the same).
    private static boolean isDigit(char c) {
        return c < 128 ? c >= '0' && c <= '9' : Character.isDigit(c);
    }

    private static boolean isIdentStart(char c) {
        if (c < 128) return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
        return Character.isLetter(c) && c != 'µ' || c == 'ℇ';
    }

    private static boolean isIdentPart(char c) {
        if (c < 128) return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= '0' && c <= '9';
        return isIdentStart(c) || Character.isDigit(c);
    }
}
