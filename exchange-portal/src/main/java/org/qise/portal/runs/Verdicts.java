package org.qise.portal.runs;

import java.util.Locale;
import java.util.Map;
import org.qise.sim.CountsComparison;

/**
 * Judges a reproduction. With the same seed and the same simulator version a result must come
 * out bit for bit the same, so the result hashes are compared: equal is "bit-exact", anything
 * else "different". With a fresh seed, or when the simulator version changed (its random
 * streams or kernels may have), only the distribution can be expected to agree: a chi-square
 * test of homogeneity on the two sets of counts says "statistically-consistent" or "different".
 */
final class Verdicts {
    private Verdicts() {}

    /** A verdict with how it was reached. */
    record Outcome(String verdict, String method, Double pValue, Double statistic, Integer degreesOfFreedom,
                   Double threshold, String detail) {}

    static Outcome judge(String recordedVersion, String recordedHash, Map<String, Long> recordedCounts,
                         String rerunVersion, String rerunHash, Map<String, Long> rerunCounts, boolean freshSeed) {
        boolean sameVersion = rerunVersion.equals(recordedVersion);
        if (sameVersion && !freshSeed) {
            if (rerunHash.equals(recordedHash)) {
                return new Outcome(Verification.BIT_EXACT, "sha256", null, null, null, null,
                        "the rerun with the same seed on qise " + rerunVersion + " gave the same result hash " + rerunHash);
            }
            return new Outcome(Verification.DIFFERENT, "sha256", null, null, null, null,
                    "the rerun with the same seed on the same qise version " + rerunVersion + " gave result hash " + rerunHash
                            + ", but the recorded result has " + recordedHash + ": the recorded counts are not what this"
                            + " circuit, seed and shots produce");
        }
        CountsComparison c = CountsComparison.of(recordedCounts, rerunCounts);
        String why = freshSeed ? "rerun with a fresh seed" : "recorded with qise " + recordedVersion + ", rerun with qise " + rerunVersion;
        String detail = String.format(Locale.ROOT, "%s; chi-square homogeneity test: statistic %.4g with %d degrees of freedom,"
                + " p-value %.4g against threshold %.4g", why, c.statistic(), c.degreesOfFreedom(), c.pValue(), c.threshold());
        return new Outcome(c.consistent() ? Verification.CONSISTENT : Verification.DIFFERENT, "chi-square", c.pValue(),
                c.statistic(), c.degreesOfFreedom(), c.threshold(), detail);
    }

    /**
     * Whether a verification lets the portal call the run's counts verified. A pushed result is
     * verified only when the portal's own re-run reproduced it byte for byte: counts a pusher
     * edited a little still pass a chi-square test, so "statistically-consistent" only says they
     * are plausible. For the portal's own runs (which it computed itself) a consistent re-run
     * with a fresh seed confirms them.
     */
    static boolean verified(Origin origin, Verification v) {
        if (v.verdict().equals(Verification.BIT_EXACT)) return true;
        return origin != Origin.PUSHED && v.verdict().equals(Verification.CONSISTENT);
    }

    /** When the rerun itself did not finish. */
    static Outcome inconclusive(RunStatus rerunStatus, String message) {
        return new Outcome(Verification.INCONCLUSIVE, "none", null, null, null, null,
                "the rerun ended " + rerunStatus.label() + (message == null ? "" : ": " + message));
    }

    /** When no rerun could be queued at all. */
    static Outcome notReproduced(String why) {
        return new Outcome(Verification.INCONCLUSIVE, "none", null, null, null, null, "could not be reproduced: " + why);
    }
}
