package org.qise.portal;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests that need something outside the JVM (a browser, a database server). On a developer's
 * machine without it they are skipped with the reason; in CI (CI=true), where .ci/run installs
 * everything, a missing prerequisite fails the build instead of quietly skipping the check.
 */
public final class Prerequisite {
    private Prerequisite() {}

    public static void require(boolean present, String what) {
        if (present) return;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI must run this test, but " + what + " (.ci/run should have provided it)");
        }
        assumeTrue(false, what);
    }
}
