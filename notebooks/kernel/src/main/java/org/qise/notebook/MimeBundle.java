package org.qise.notebook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One thing to show in a notebook, in one or more formats keyed by MIME type
 * ("text/plain", "text/html", "image/svg+xml" …). The notebook front end picks the richest
 * format it understands; text/plain is what plain-text exports show.
 */
public final class MimeBundle {
    public static final String TEXT = "text/plain";
    public static final String HTML = "text/html";
    public static final String SVG = "image/svg+xml";
    public static final String MARKDOWN = "text/markdown";

    private final Map<String, String> data;

    private MimeBundle(Map<String, String> data) {
        this.data = Collections.unmodifiableMap(data);
    }

    /** A bundle with a single format. */
    public static MimeBundle of(String mimeType, String content) {
        return new MimeBundle(new LinkedHashMap<>()).with(mimeType, content);
    }

    /** A plain-text bundle. */
    public static MimeBundle text(String text) {
        return of(TEXT, text);
    }

    /** A copy of this bundle that also (or instead) carries {@code content} as {@code mimeType}. */
    public MimeBundle with(String mimeType, String content) {
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(content, "content");
        if (mimeType.isBlank() || mimeType.chars().anyMatch(c -> c <= ' ' || c == '=')) {
            throw new IllegalArgumentException("not a MIME type: '" + mimeType + "'");
        }
        Map<String, String> copy = new LinkedHashMap<>(data);
        copy.put(mimeType, content);
        return new MimeBundle(copy);
    }

    /** The formats in the order they were added. */
    public Map<String, String> data() {
        return data;
    }

    /** The content for one format, or null when the bundle has none. */
    public String get(String mimeType) {
        return data.get(mimeType);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MimeBundle other && data.equals(other.data);
    }

    @Override
    public int hashCode() {
        return data.hashCode();
    }

    @Override
    public String toString() {
        String text = data.get(TEXT);
        return text != null ? text : "MimeBundle" + data.keySet();
    }
}
