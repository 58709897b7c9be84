package org.qise.portal.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Where a page may send a person after signing in: only a path on this site. Anything that a
 * browser could read as another site ("//evil.example", "/\evil.example", "https://…", a
 * "javascript:" address) is refused, so a link to the sign-in page cannot become an open
 * redirect.
 */
public final class LocalPath {
    private LocalPath() {}

    public static Optional<String> of(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 2000) return Optional.empty();
        if (raw.charAt(0) != '/' || raw.startsWith("//")) return Optional.empty();
        // Browsers treat a backslash as a slash and drop tabs and line breaks, so "/\host" is "//host".
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' || c < 0x20 || c == 0x7f) return Optional.empty();
        }
        try {
            URI uri = new URI(raw);
            if (uri.getScheme() != null || uri.getRawAuthority() != null) return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        return Optional.of(raw);
    }
}
