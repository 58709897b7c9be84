package org.qise.notebook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How display bundles travel from the notebook VM to the kernel: as one line inside the
 * notebook VM's standard output, so that they keep their place among printed text.
 *
 * <p>A line starts with the ASCII record separator (never part of normal text output),
 * then the kind, then {@code mime=base64(content)} pairs separated by spaces.
 */
public final class DisplayWire {
    /** First character of every display line. */
    public static final char MARK = '\u001E';

    /** Whether a bundle is an explicit {@code display(…)} or the value of a cell's last expression. */
    public enum Kind { DISPLAY, RESULT }

    /** A bundle read back from the wire. */
    public record Message(Kind kind, MimeBundle bundle) {}

    private DisplayWire() {}

    /** The line (ending in a newline) that carries {@code bundle}. */
    public static String encode(Kind kind, MimeBundle bundle) {
        StringBuilder line = new StringBuilder().append(MARK).append(kind.name());
        Base64.Encoder base64 = Base64.getEncoder();
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
        try {
            kind = Kind.valueOf(fields[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a display line: unknown kind '" + fields[0] + "'");
        }
        if (fields.length < 2) {
            throw new IllegalArgumentException("display line without content");
        }
        Base64.Decoder base64 = Base64.getDecoder();
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
        return new Message(kind, bundle);
    }
}
