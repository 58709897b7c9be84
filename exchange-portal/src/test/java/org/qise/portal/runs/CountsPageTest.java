package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qise.portal.PortalException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A run page, and the API, list a run's counts a page at a time, most frequent first. */
class CountsPageTest {
    /** 600 outcomes: "i" in binary occurring i + 1 times, so the order is known. */
    private static Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < 600; i++) m.put(String.format("%10s", Integer.toBinaryString(i)).replace(' ', '0'), i + 1L);
        return m;
    }

    @ParameterizedTest(name = "page {0} shows page {1} with {2} rows, first count {3}")
    @CsvSource({"1, 1, 256, 600", "2, 2, 256, 344", "3, 3, 88, 88", "0, 1, 256, 600", "99, 3, 88, 88"})
    void pagesHoldTheMostFrequentFirst(int asked, int shown, int rows, long firstCount) {
        CountsPage p = CountsPage.of(counts(), asked);
        assertEquals(shown, p.page());
        assertEquals(3, p.pages());
        assertEquals(600, p.total());
        assertEquals(rows, p.rows().size());
        assertEquals(firstCount, p.rows().getFirst().getValue());
    }

    @ParameterizedTest(name = "limit {0}: {1} pages")
    @CsvSource({"256, 3", "600, 1", "599, 2", "1, 600", "4096, 1"})
    void apiPagesFollowedByCursorGiveEveryOutcomeOnceInOrder(int limit, int expectedPages) {
        Map<String, Long> all = counts();
        Map<String, Long> seen = new LinkedHashMap<>();
        List<Long> order = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            CountsPage.Slice s = CountsPage.slice(all, cursor, limit);
            assertEquals(600, s.total());
            assertTrue(s.counts().size() <= limit);
            s.counts().forEach((k, v) -> {
                assertNull(seen.put(k, v), "outcome " + k + " repeated");
                order.add(v);
            });
            cursor = s.next();
            pages++;
        } while (cursor != null);
        assertEquals(expectedPages, pages);
        assertEquals(all, seen, "every outcome with its count");
        // "i" occurs i + 1 times, so most frequent first is 600, 599, … 1.
        for (int i = 0; i < order.size(); i++) assertEquals(600 - i, order.get(i));
    }

    @ParameterizedTest(name = "limit {0}, cursor {1} is refused")
    @CsvSource(value = {"0, ''", "4097, ''", "10, '%%%'", "10, MTE"}, nullValues = "''")
    void badLimitsAndForeignCursorsAre400(int limit, String cursor) {
        // "MTE" is the cursor of bitstring "11", which is not among these 10-bit outcomes.
        PortalException e = assertThrows(PortalException.class, () -> CountsPage.slice(counts(), cursor, limit));
        assertEquals(400, e.status());
    }
}
