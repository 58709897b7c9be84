package org.qise.portal.runs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

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

    /** The given page (clamped to those that exist) of the counts, sorted by count descending, then bitstring. */
    public static CountsPage of(Map<String, Long> counts, int page) {
        List<Map.Entry<String, Long>> all = new ArrayList<>(counts.entrySet());
        all.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
        int pages = Math.max(1, (all.size() + ROWS_PER_PAGE - 1) / ROWS_PER_PAGE);
        int p = Math.max(1, Math.min(page, pages));
        int from = (p - 1) * ROWS_PER_PAGE;
        return new CountsPage(List.copyOf(all.subList(from, Math.min(all.size(), from + ROWS_PER_PAGE))), p, pages, all.size());
    }
}
