package org.qise.qasm;

/**
 * Bounds that keep the parser safe on untrusted input. User gates are expanded into library
 * gates, and nested definitions can multiply a short file into billions of operations; the
 * parser stops with an error instead.
 *
 * @param maxOperations how many operations a program may expand to; every gate call visited
 *                      during expansion counts, so empty gates nested deeply are bounded too
 * @param maxNesting    how deeply expressions and gate definitions may nest (keeps recursion shallow)
 */
public record ParseLimits(long maxOperations, int maxNesting) {
    /** 10 million operations, nesting 200 deep. */
    public static final ParseLimits DEFAULT = new ParseLimits(10_000_000, 200);

    public ParseLimits {
        if (maxOperations < 1) throw new IllegalArgumentException("maxOperations must be positive");
        if (maxNesting < 1) throw new IllegalArgumentException("maxNesting must be positive");
    }
}
