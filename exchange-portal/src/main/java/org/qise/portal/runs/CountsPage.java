package org.qise.portal.runs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qise.portal.PortalException;

/**
 * One page of a run's counts for the run page, most frequent first: a run of 300 000 shots on
 * 20 qubits has as many distinct outcomes, and a page listing them all would be megabytes. The
 * full counts stay available as CSV and JSON downloads.
 *
 * @param rows   the outcomes on this page (bitstring → count)
 * @param page   this page, from 1
 * @param pages  how many pages there are (at least 1)
 * @param total  distinct outcomes in all
 */
public record CountsPage(List<Map.Entry<String, Long>> rows, int page, int pages, int total) {
    public static final int ROWS_PER_PAGE = 256;

    /** The API's default and largest counts page (the run page shows {@link #ROWS_PER_PAGE}). */
    public static final int API_DEFAULT_LIMIT = ROWS_PER_PAGE;
    public static final int API_MAX_LIMIT = 4096;

    /** The given page (clamped to those that exist) of the counts, sorted by count descending, then bitstring. */
    public static CountsPage of(Map<String, Long> counts, int page) {
        List<Map.Entry<String, Long>> all = sorted(counts);
        int pages = Math.max(1, (all.size() + ROWS_PER_PAGE - 1) / ROWS_PER_PAGE);
        int p = Math.max(1, Math.min(page, pages));
        int from = (p - 1) * ROWS_PER_PAGE;
        return new CountsPage(List.copyOf(all.subList(from, Math.min(all.size(), from + ROWS_PER_PAGE))), p, pages, all.size());
    }

    /**
     * The API's page of counts: up to {@code limit} outcomes after the one the cursor names, in
     * the run page's order, and the cursor of the next page (null on the last). A run's counts
     * never change once it is done, so the cursor is simply the last bitstring shown.
     *
     * @param counts bitstring → count, most frequent first on this page
     */
    public record Slice(Map<String, Long> counts, int total, String next) {}

    public static Slice slice(Map<String, Long> counts, String cursor, int limit) {
        if (limit < 1 || limit > API_MAX_LIMIT) {
            throw PortalException.badRequest("limit must be between 1 and " + API_MAX_LIMIT + ", got " + limit);
        }
        List<Map.Entry<String, Long>> all = sorted(counts);
        int from = 0;
        if (cursor != null && !cursor.isBlank()) {
            String last = decode(cursor);
            if (!counts.containsKey(last)) throw badCursor(cursor);
            Map.Entry<String, Long> key = Map.entry(last, counts.get(last));
            from = java.util.Collections.binarySearch(all, key, ORDER) + 1;
        }
        int to = Math.min(all.size(), from + limit);
        Map<String, Long> page = new LinkedHashMap<>();
        for (var e : all.subList(from, to)) page.put(e.getKey(), e.getValue());
        String next = to < all.size() ? encode(all.get(to - 1).getKey()) : null;
        return new Slice(page, all.size(), next);
    }

    private static final Comparator<Map.Entry<String, Long>> ORDER =
            Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey());

    private static List<Map.Entry<String, Long>> sorted(Map<String, Long> counts) {
        List<Map.Entry<String, Long>> all = new ArrayList<>(counts.entrySet());
        all.sort(ORDER);
        return all;
    }

    private static String encode(String bitstring) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bitstring.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw badCursor(cursor);
        }
    }

    private static PortalException badCursor(String cursor) {
        return PortalException.badRequest("cursor '" + cursor + "' is not one of this run's counts cursors; start from the first page");
    }
}
