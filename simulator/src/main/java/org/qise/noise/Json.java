package org.qise.noise;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON that noise models need, so that the core library reads and writes them without
 * a JSON library on its classpath (Java users depend on the core alone; the CLI and the portal
 * bring Jackson for their own documents).
 *
 * <p>Values are plain Java objects: objects are {@link LinkedHashMap}s in document order (a key
 * given twice keeps its last value), arrays {@link List}s, strings {@link String}s, whole numbers
 * {@link Long}s (or {@link BigInteger}s beyond a long), other numbers {@link Double}s, true/false
 * {@link Boolean}s and JSON null {@link #NULL}, so that a key present as null differs from a key
 * that is missing.
 *
 * <p>The writer prints the compact form the canonical model text has always had (no spaces,
 * doubles as {@link Double#toString(double)} prints them), because that text's SHA-256 names a
 * model in manifests and must not change.
 */
final class Json {
    private Json() {}

    /** JSON null. */
    static final Object NULL = new Object() {
        @Override
        public String toString() { return "null"; }
    };

    // ---------------------------------------------------------------- reading

    /** The value of a whole document; malformed text is a {@link NoiseException} naming the line and column. */
    static Object parse(String text) {
        Parser p = new Parser(text);
        p.space();
        Object v = p.value(0);
        p.space();
        if (p.pos < text.length()) throw p.error("unexpected text after the end of the document");
        return v;
    }

    private static final class Parser {
        /** Deeper nesting than any model has; refused so that hostile input cannot exhaust the stack. */
        private static final int MAX_DEPTH = 200;
        final String s;
        int pos;

        Parser(String s) { this.s = s; }

        NoiseException error(String message) {
            int line = 1, col = 1;
            for (int i = 0; i < Math.min(pos, s.length()); i++) {
                if (s.charAt(i) == '\n') { line++; col = 1; } else col++;
            }
            return new NoiseException("not valid JSON at line " + line + ", column " + col + ": " + message);
        }

        void space() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
                pos++;
            }
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) throw error("nested deeper than " + MAX_DEPTH + " levels");
            if (pos >= s.length()) throw error("the document ends where a value was expected");
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> word("true", Boolean.TRUE);
                case 'f' -> word("false", Boolean.FALSE);
                case 'n' -> word("null", NULL);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) yield number();
                    throw error("unexpected character '" + c + "'; expected a value");
                }
            };
        }

        Object word(String w, Object v) {
            if (!s.startsWith(w, pos)) throw error("unexpected text; expected a value");
            pos += w.length();
            return v;
        }

        Map<String, Object> object(int depth) {
            Map<String, Object> out = new LinkedHashMap<>();
            pos++;
            space();
            if (pos < s.length() && s.charAt(pos) == '}') {
                pos++;
                return out;
            }
            while (true) {
                space();
                if (pos >= s.length() || s.charAt(pos) != '"') throw error("expected a field name in double quotes");
                String key = string();
                space();
                expect(':');
                space();
                out.put(key, value(depth + 1));
                space();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                expect('}');
                return out;
            }
        }

        List<Object> array(int depth) {
            List<Object> out = new ArrayList<>();
            pos++;
            space();
            if (pos < s.length() && s.charAt(pos) == ']') {
                pos++;
                return out;
            }
            while (true) {
                space();
                out.add(value(depth + 1));
                space();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                expect(']');
                return out;
            }
        }

        void expect(char c) {
            if (pos >= s.length()) throw error("the document ends where '" + c + "' was expected");
            if (s.charAt(pos) != c) throw error("unexpected character '" + s.charAt(pos) + "'; expected '" + c + "'");
            pos++;
        }

        String string() {
            pos++; // the opening quote
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) throw error("a string is not closed");
                char c = s.charAt(pos++);
                if (c == '"') return sb.toString();
                if (c < 0x20) {
                    pos--;
                    throw error("a control character (code " + (int) c + ") inside a string must be escaped");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos >= s.length()) throw error("a string is not closed");
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) throw error("\\u needs four hexadecimal digits");
                        int code = 0;
                        for (int i = 0; i < 4; i++) {
                            int d = Character.digit(s.charAt(pos + i), 16);
                            if (d < 0) throw error("\\u needs four hexadecimal digits");
                            code = code * 16 + d;
                        }
                        pos += 4;
                        sb.append((char) code);
                    }
                    default -> {
                        pos--;
                        throw error("unknown escape '\\" + e + "'");
                    }
                }
            }
        }

        Object number() {
            int start = pos;
            if (s.charAt(pos) == '-') pos++;
            int intStart = pos;
            digits();
            if (pos == intStart) throw error("a number needs digits");
            if (pos - intStart > 1 && s.charAt(intStart) == '0') {
                pos = intStart;
                throw error("a number must not start with 0");
            }
            boolean whole = true;
            if (pos < s.length() && s.charAt(pos) == '.') {
                whole = false;
                pos++;
                int f = pos;
                digits();
                if (pos == f) throw error("a number needs digits after its decimal point");
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                whole = false;
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
                int e = pos;
                digits();
                if (pos == e) throw error("a number needs digits in its exponent");
            }
            String text = s.substring(start, pos);
            if (!whole) return Double.parseDouble(text);
            BigInteger big = new BigInteger(text);
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }

        void digits() {
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') pos++;
        }
    }

    // ---------------------------------------------------------------- writing

    /** The compact text of a value (maps, lists, strings, numbers, booleans, {@link #NULL}). */
    static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v) {
        switch (v) {
            case null -> sb.append("null");
            case Map<?, ?> m -> {
                sb.append('{');
                boolean first = true;
                for (var e : m.entrySet()) {
                    if (!first) sb.append(',');
                    first = false;
                    quote(sb, String.valueOf(e.getKey()));
                    sb.append(':');
                    write(sb, e.getValue());
                }
                sb.append('}');
            }
            case List<?> l -> {
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) sb.append(',');
                    write(sb, l.get(i));
                }
                sb.append(']');
            }
            case String str -> quote(sb, str);
            case Double d -> sb.append(Double.toString(d));
            case Number n -> sb.append(n.toString());
            case Boolean b -> sb.append(b);
            default -> {
                if (v == NULL) sb.append("null");
                else throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
            }
        }
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 15]);
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
