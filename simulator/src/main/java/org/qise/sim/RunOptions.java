package org.qise.sim;

/** The checks on run options that every simulator builder applies, so they say the same thing. */
public final class RunOptions {
    private RunOptions() {}

    /** Largest number of shots: sampling holds one double per shot in an array. */
    public static final long MAX_SHOTS = Integer.MAX_VALUE - 8;

    /** {@code shots}, or an error when it is negative or above {@link #MAX_SHOTS}. */
    public static long checkShots(long shots) {
        if (shots < 0 || shots > MAX_SHOTS) throw new IllegalArgumentException("shots must be between 0 and " + MAX_SHOTS);
        return shots;
    }

    /** {@code threads} (0 means all cores), or an error when it is negative. */
    public static int checkThreads(int threads) {
        if (threads < 0) throw new IllegalArgumentException("threads must be >= 0");
        return threads;
    }
}
