package org.qise.task;

import java.util.Map;

/** The little JSON writing tasks need: strings, numbers and flat or nested maps, in the order given. */
public final class TaskJson {
    private TaskJson() {}

    public static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    /** Appends a value: a map (as an object, in its iteration order), a string, a number or a boolean. */
    public static void append(StringBuilder s, Object value) {
        switch (value) {
            case null -> s.append("null");
            case Map<?, ?> m -> {
                s.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    s.append(first ? "" : ",").append(string(String.valueOf(e.getKey()))).append(':');
                    append(s, e.getValue());
                    first = false;
                }
                s.append('}');
            }
            case String str -> s.append(string(str));
            case Number n -> s.append(n);
            case Boolean b -> s.append(b);
            default -> s.append(string(value.toString()));
        }
    }
}
