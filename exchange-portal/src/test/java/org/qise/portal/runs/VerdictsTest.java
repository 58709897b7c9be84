package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a reproduction is judged: hashes when the seed and version are the same, a chi-square test otherwise. */
class VerdictsTest {
    private static final Map<String, Long> EVEN = Map.of("00", 500L, "11", 500L);
    private static final Map<String, Long> NEAR = Map.of("00", 510L, "11", 490L);
    private static final Map<String, Long> SKEWED = Map.of("00", 900L, "11", 100L);

    @Test
    void sameSeedAndVersionCompareHashes() {
        String h = ResultHash.sha256(1000, EVEN);
        var exact = Verdicts.judge("0.1.0", h, EVEN, "0.1.0", h, EVEN, false);
        assertEquals(Verification.BIT_EXACT, exact.verdict());
        assertEquals("sha256", exact.method());
        assertNull(exact.pValue());
        // Counts this close would pass a statistical test, but with the same seed they must be identical.
        var off = Verdicts.judge("0.1.0", ResultHash.sha256(1000, NEAR), NEAR, "0.1.0", h, EVEN, false);
        assertEquals(Verification.DIFFERENT, off.verdict());
    }

    @Test
    void anotherVersionOrAFreshSeedIsJudgedStatistically() {
        String h = ResultHash.sha256(1000, EVEN);
        var near = Verdicts.judge("0.0.9", ResultHash.sha256(1000, NEAR), NEAR, "0.1.0", h, EVEN, false);
        assertEquals("chi-square", near.method());
        assertEquals(Verification.CONSISTENT, near.verdict());
        // 2×2 table (510, 490 / 500, 500): expected 505 and 495 in each row, each cell off by 5, so
        // chi² = 2 · (25/505 + 25/495) ≈ 0.2 with 1 degree of freedom.
        double expected = 2 * (25.0 / 505 + 25.0 / 495);
        assertEquals(expected, near.statistic(), 1e-9);
        assertEquals(1, near.degreesOfFreedom());
        var skewed = Verdicts.judge("0.1.0", ResultHash.sha256(1000, SKEWED), SKEWED, "0.1.0", h, EVEN, true);
        assertEquals(Verification.DIFFERENT, skewed.verdict());
        assertTrue(skewed.pValue() < skewed.threshold());
        assertTrue(skewed.detail().contains("fresh seed"), skewed.detail());
    }
}
