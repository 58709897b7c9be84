package org.qise.portal.search;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.qise.portal.PortalException;

/**
 * Where a search page ended: the sort key of its last row and the row's id, opaque to clients.
 * It names its order, so a cursor from one order is refused (400) by another instead of
 * silently skipping rows. A relevance score is written with {@link Double#toString}, which reads
 * back to the very same double, so the next page starts exactly after the last row.
 */
record SearchCursor(SearchQuery.Sort sort, double score, Instant at, long id) {
    static SearchCursor ofScore(double score, long id) {
        return new SearchCursor(SearchQuery.Sort.RELEVANCE, score, null, id);
    }

    static SearchCursor ofTime(SearchQuery.Sort sort, Instant at, long id) {
        return new SearchCursor(sort, 0, at, id);
    }

    String encode() {
        String key = sort == SearchQuery.Sort.RELEVANCE ? Double.toString(score) : at.toString();
        return Base64.getUrlEncoder().withoutPadding().encodeToString((sort.label() + "|" + key + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor names for this order; null for none; 400 for anything this server did not hand out for it. */
    static SearchCursor decode(String cursor, SearchQuery.Sort sort) {
        if (cursor == null || cursor.isBlank()) return null;
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length == 3 && parts[0].equals(sort.label())) {
                long id = Long.parseLong(parts[2]);
                return sort == SearchQuery.Sort.RELEVANCE ? ofScore(Double.parseDouble(parts[1]), id) : ofTime(sort, Instant.parse(parts[1]), id);
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw PortalException.badRequest("cursor '" + cursor + "' is not one this server handed out for sort=" + sort.label()
                + "; start from the first page");
    }
}
