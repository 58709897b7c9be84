package org.qise.noise;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JSON document into plain Java values with Gson's streaming reader in strict mode (RFC 8259
 * only: no comments, single quotes, unquoted names, NaN or trailing commas; one value per document;
 * Gson skips a leading byte-order mark, which some editors write).
 *
 * <p>Values: objects are {@link LinkedHashMap}s in document order (a key given twice keeps its last
 * value), arrays {@link List}s, strings {@link String}s, whole numbers {@link Long}s (or
 * {@link BigInteger}s beyond a long) so that a qubit number can be told from 1.0, other numbers
 * {@link Double}s, true/false {@link Boolean}s and JSON null {@link #NULL}, so that a key present as
 * null differs from a key that is missing. Gson's own tree is not used: its numbers do not say
 * whether they were written whole, and its parser entry point relaxes strict mode.
 */
final class JsonTree {
    private JsonTree() {}

    /** JSON null. */
    static final Object NULL = new Object() {
        @Override
        public String toString() { return "null"; }
    };

    /** Deeper nesting than any model has; refused so that hostile input cannot exhaust the stack. */
    static final int MAX_DEPTH = 200;

    /** Gson's message: "REASON at line L column C path P", then maybe a line pointing to its troubleshooting page. */
    private static final Pattern WHERE = Pattern.compile("(.*?)\\s*at line (\\d+) column (\\d+) path (.*?)(?:\\R.*)?", Pattern.DOTALL);

    /** The value of a whole document; malformed text is a {@link NoiseException} naming the line and column. */
    static Object parse(String text) {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        reader.setNestingLimit(MAX_DEPTH);
        Walk walk = new Walk(reader);
        try {
            Object value = walk.value();
            walk.place = Place.AFTER_DOCUMENT;
            reader.peek(); // END_DOCUMENT, or an error for text after the value
            return value;
        } catch (MalformedJsonException | EOFException e) {
            throw malformed(e.getMessage(), walk.place);
        } catch (IOException e) {
            throw new NoiseException("could not read the JSON text: " + e.getMessage());
        }
    }

    /** Where the reader was when Gson stopped: its message alone does not say whether a name was due. */
    private enum Place { VALUE, NAME, AFTER_DOCUMENT }

    private static final class Walk {
        final JsonReader r;
        Place place = Place.VALUE;

        Walk(JsonReader r) { this.r = r; }

        Object value() throws IOException {
            place = Place.VALUE;
            return switch (r.peek()) {
                case BEGIN_OBJECT -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    r.beginObject();
                    while (next(true)) {
                        String key = r.nextName();
                        out.put(key, value());
                    }
                    r.endObject();
                    yield out;
                }
                case BEGIN_ARRAY -> {
                    List<Object> out = new ArrayList<>();
                    r.beginArray();
                    while (next(false)) out.add(value());
                    r.endArray();
                    yield out;
                }
                case STRING -> r.nextString();
                case NUMBER -> number(r.nextString()); // strict mode has checked the number's grammar
                case BOOLEAN -> r.nextBoolean();
                case NULL -> {
                    r.nextNull();
                    yield NULL;
                }
                default -> throw new IllegalStateException("Gson gave " + r.peek() + " where a value was expected"); // cannot happen
            };
        }

        /** Whether another member follows; in an object, what follows a comma must be a name. */
        boolean next(boolean inObject) throws IOException {
            place = inObject ? Place.NAME : Place.VALUE;
            boolean more = r.hasNext();
            place = Place.VALUE;
            return more;
        }
    }

    private static Object number(String text) {
        if (text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0) return Double.parseDouble(text);
        BigInteger big = new BigInteger(text);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    /**
     * Gson's message in the project's form: "not valid JSON at line L, column C: what (at path P)".
     * Gson's column is that of the next character it would have read, which is the offending
     * character itself or the one after it, depending on how far it had to read to know.
     */
    private static NoiseException malformed(String gsonMessage, Place place) {
        String message = gsonMessage == null ? "" : gsonMessage;
        Matcher m = WHERE.matcher(message);
        if (!m.matches()) return new NoiseException("not valid JSON: " + message);
        String reason = m.group(1), path = m.group(4);
        boolean badName = place == Place.NAME && (reason.startsWith("Use JsonReader") || reason.startsWith("Expected name"));
        String what = place == Place.AFTER_DOCUMENT ? "unexpected text after the end of the document"
                : badName ? "expected a field name in double quotes"
                : explain(reason);
        // Gson's path is that of the last value read; it helps except where a name was due (it
        // would name the previous field) or the path is the whole (deep) document.
        boolean showPath = !badName && !reason.startsWith("Nesting limit") && !path.equals("$") && !path.equals("$.");
        return new NoiseException("not valid JSON at line " + m.group(2) + ", column " + m.group(3) + ": " + what
                + (showPath ? " (at " + path + ")" : ""));
    }

    /** Gson's reasons in words for someone editing a model file (Gson's own text where none fits). */
    private static String explain(String reason) {
        if (reason.startsWith("Use JsonReader.setStrictness")) {
            return "not strict JSON here (names and strings in double quotes; numbers without a leading 0, '+' or"
                    + " a bare '.'; no NaN, comments or trailing commas)";
        }
        if (reason.startsWith("End of input")) return "the document ends too early";
        if (reason.startsWith("Expected ':'")) return "expected ':' after a field name";
        if (reason.startsWith("Unterminated object")) return "expected ',' or '}'";
        if (reason.startsWith("Unterminated array")) return "expected ',' or ']'";
        if (reason.startsWith("Unterminated string")) return "a string is not closed";
        if (reason.startsWith("Unescaped control characters")) return "a control character inside a string must be escaped";
        if (reason.startsWith("Invalid escape sequence")) return "unknown escape in a string";
        if (reason.startsWith("Malformed Unicode escape")) return "\\u needs four hexadecimal digits";
        if (reason.startsWith("Nesting limit")) return "nested deeper than " + MAX_DEPTH + " levels";
        return reason;
    }
}
