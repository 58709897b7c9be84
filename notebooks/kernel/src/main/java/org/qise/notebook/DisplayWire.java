package org.qise.notebook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How display bundles travel from the notebook VM to the kernel: as one line inside the
 * notebook VM's standard output, so that they keep their place among printed text.
 *
 * <p>A line starts with the ASCII record separator (never part of normal text output),
 * then the kind (with {@code #base64(id)} appended for a display that can be updated later),
 * then {@code mime=base64(content)} pairs separated by spaces.
 */
public final class DisplayWire {
    /** First character of every display line. */
    public static final char MARK = '\u001E';

    /**
     * Whether a bundle is an explicit {@code display(…)}, the value of a cell's last
     * expression, or new content for an earlier display with the same id.
     */
    public enum Kind { DISPLAY, RESULT, UPDATE }

    /** A bundle read back from the wire; {@code displayId} is null for a display that is never updated. */
    public record Message(Kind kind, MimeBundle bundle, String displayId) {
        public Message(Kind kind, MimeBundle bundle) {
            this(kind, bundle, null);
        }
    }

    private DisplayWire() {}

    /** The line (ending in a newline) that carries {@code bundle}. */
    public static String encode(Kind kind, MimeBundle bundle) {
        return encode(kind, bundle, null);
    }

    /** The line that carries {@code bundle} for the display {@code displayId} (null: none). */
    public static String encode(Kind kind, MimeBundle bundle, String displayId) {
        Base64.Encoder base64 = Base64.getEncoder();
        StringBuilder line = new StringBuilder().append(MARK).append(kind.name());
        if (displayId != null) {
            line.append('#').append(base64.encodeToString(displayId.getBytes(StandardCharsets.UTF_8)));
        }
        bundle.data().forEach((mime, content) -> line.append(' ').append(mime).append('=')
                .append(base64.encodeToString(content.getBytes(StandardCharsets.UTF_8))));
        return line.append('\n').toString();
    }

    /**
     * Reads a line written by {@link #encode}, without its leading mark and trailing newline.
     *
     * @throws IllegalArgumentException if the line is not a display line
     */
    public static Message decode(String line) {
        String[] fields = line.strip().split(" ");
        Kind kind;
        String displayId = null;
        Base64.Decoder base64 = Base64.getDecoder();
        String kindField = fields[0];
        int hash = kindField.indexOf('#');
        try {
            if (hash >= 0) {
                displayId = new String(base64.decode(kindField.substring(hash + 1)), StandardCharsets.UTF_8);
                kindField = kindField.substring(0, hash);
            }
            kind = Kind.valueOf(kindField);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a display line: unknown kind '" + fields[0] + "'");
        }
        if (fields.length < 2) {
            throw new IllegalArgumentException("display line without content");
        }
        MimeBundle bundle = null;
        for (int i = 1; i < fields.length; i++) {
            int eq = fields[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("malformed display field '" + fields[i] + "'");
            }
            String mime = fields[i].substring(0, eq);
            String content = new String(base64.decode(fields[i].substring(eq + 1)), StandardCharsets.UTF_8);
            bundle = bundle == null ? MimeBundle.of(mime, content) : bundle.with(mime, content);
        }
        return new Message(kind, bundle, displayId);
    }
}
