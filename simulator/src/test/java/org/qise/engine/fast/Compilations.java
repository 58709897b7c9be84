package org.qise.engine.fast;

/** Test access to the fast engine's count of plans compiled from scratch (tests in other packages). */
public final class Compilations {
    private Compilations() {}

    public static long count() {
        return FastPlan.COMPILATIONS.get();
    }
}
