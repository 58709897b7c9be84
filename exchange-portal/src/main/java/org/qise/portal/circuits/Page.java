package org.qise.portal.circuits;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.qise.portal.PortalException;

/**
 * One page of a list and the opaque cursor of the next page (null on the last page). The
 * cursor is the sort key of the last row shown, so the next page starts right after it.
 */
public record Page<T>(List<T> items, String next) {
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 200;

    /** 400 unless 1 ≤ limit ≤ {@link #MAX_LIMIT}. */
    public static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) throw PortalException.badRequest("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        return limit;
    }

    /** Where a page ended: the (time, id) sort key of its last row. */
    public record Position(Instant at, long id) {
        public String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        /** The position a cursor names; null for none; 400 for one this server did not hand out. */
        public static Position decode(String cursor) {
            if (cursor == null || cursor.isBlank()) return null;
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
                int bar = text.lastIndexOf('|');
                return new Position(Instant.parse(text.substring(0, bar)), Long.parseLong(text.substring(bar + 1)));
            } catch (RuntimeException e) {
                throw PortalException.badRequest("cursor '" + cursor + "' is not one this server handed out; start from the first page");
            }
        }
    }
}
