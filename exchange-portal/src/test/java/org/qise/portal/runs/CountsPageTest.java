package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A run page lists its counts a page at a time, most frequent first. */
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
}
