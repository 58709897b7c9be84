package org.qise.portal.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.qise.portal.PortalException;

/**
 * The API names its fields in camelCase, as the circuits, search, credit and people APIs always
 * did. The runs API used snake_case ({@code noise_model}, {@code result_sha256}, …) until this
 * release; for one more release its answers carry each field under both names and its requests
 * accept the old names too (documented as deprecated in the OpenAPI document).
 *
 * <p>Only the API's own field names change. Documents that an answer carries as values keep their
 * own format: a run's manifest and result file (the simulator's files), counts, parameter values
 * and noise models.
 */
public final class ApiNames {
    private ApiNames() {}

    /** {@code result_sha256} → {@code resultSha256}. */
    public static String camel(String snake) {
        StringBuilder out = new StringBuilder(snake.length());
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /** {@code resultSha256} → {@code result_sha256}: the old name of a field. */
    public static String snake(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) out.append('_').append(Character.toLowerCase(c));
            else out.append(c);
        }
        return out.toString();
    }

    /**
     * The fields of {@code m} in order, each camelCase name of several words followed by its old
     * snake_case name with the same value (deprecated; dropped after one release). Top level
     * only: the values are left as they are.
     */
    public static Map<String, Object> withOldNames(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((name, value) -> {
            out.put(name, value);
            String old = snake(name);
            if (!old.equals(name)) out.put(old, value);
        });
        return out;
    }

    /**
     * A request field given under its name or under its deprecated old name; null when neither.
     * Both at once is 400 naming the two, since which one was meant cannot be known.
     */
    public static <T> T either(T value, String name, T oldValue, String oldName) {
        if (value != null && oldValue != null) {
            throw PortalException.badRequest("give \"" + name + "\" or its old name \"" + oldName + "\", not both");
        }
        return value != null ? value : oldValue;
    }
}
