package org.qise.portal.runs;

import java.time.Instant;

/**
 * The outcome of reproducing a run: the rerun's result compared with the recorded one.
 *
 * @param verdict   "bit-exact", "statistically-consistent", "different" or "inconclusive"
 * @param method    "sha256" (result hashes compared) or "chi-square" (homogeneity test)
 * @param pValue    the chi-square test's p-value; null for hash comparison
 * @param threshold the significance level the p-value was judged against; null for hashes
 * @param rerunPublicId the public id of the rerun (what URLs name it by); null without one
 */
public record Verification(long id, long runId, Long rerunId, String verdict, String method, Double pValue,
                           Double statistic, Integer degreesOfFreedom, Double threshold, String detail,
                           Instant createdAt, String rerunPublicId) {
    public static final String BIT_EXACT = "bit-exact";
    public static final String CONSISTENT = "statistically-consistent";
    public static final String DIFFERENT = "different";
    public static final String INCONCLUSIVE = "inconclusive";

    /** Whether the recorded result was confirmed. */
    public boolean confirmed() {
        return verdict.equals(BIT_EXACT) || verdict.equals(CONSISTENT);
    }
}
