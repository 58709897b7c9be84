package org.qise.noise;

import java.util.List;
import java.util.Map;

/**
 * Writes the compact JSON text of the values {@link JsonTree} reads (ordered maps, lists, strings,
 * numbers, booleans, {@link JsonTree#NULL}): no spaces, keys in map order, doubles as
 * {@link Double#toString(double)} prints them. That text's SHA-256 names a noise model in
 * manifests, so its bytes must stay those the Jackson-based writer gave.
 *
 * <p>Why not Gson's {@code JsonWriter}, which the reader's library brings: it escapes a control
 * character with lower-case hex digits (backslash, u, 001f) where Jackson wrote upper-case ones
 * (001F), and it escapes U+2028 and U+2029, which Jackson wrote as they are; either would change the
 * hash, and so the name, of a model whose name holds such a character. Writing is the easy half of
 * JSON, so these few lines stay.
 */
final class CanonicalJson {
    private CanonicalJson() {}

    /** The compact text of a value (maps, lists, strings, numbers, booleans, {@link JsonTree#NULL}). */
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
                if (v == JsonTree.NULL) sb.append("null");
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
