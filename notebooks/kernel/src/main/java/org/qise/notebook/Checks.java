package org.qise.notebook;

import java.util.Locale;

/**
 * Claims a lesson makes about its own results, checked where they are made: a claim that
 * holds prints a line starting with ✓, one that does not stops the notebook with an error.
 * The course runner relies on this to tell a working lesson from a broken one.
 */
public final class Checks {
    /** The mark printed before every claim that holds. */
    public static final String HOLDS = "✓ ";

    private Checks() {}

    /** States {@code claim} and fails unless {@code holds}. */
    public static void check(String claim, boolean holds) {
        if (!holds) {
            throw new ClaimFailedException("claim does not hold: " + claim);
        }
        System.out.println(HOLDS + claim);
    }

    /** States that {@code actual} is {@code expected} within {@code tolerance}, showing both. */
    public static void check(String claim, double actual, double expected, double tolerance) {
        String numbers = String.format(Locale.ROOT, "%.6f (expected %.6f ± %.1e)", actual, expected, tolerance);
        if (!(Math.abs(actual - expected) <= tolerance)) {
            throw new ClaimFailedException("claim does not hold: " + claim + ": got " + numbers);
        }
        System.out.println(HOLDS + claim + ": " + numbers);
    }
}
