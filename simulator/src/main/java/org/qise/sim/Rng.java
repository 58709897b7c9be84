package org.qise.sim;

/**
 * The random number generator behind every random choice (sampling, mid-circuit measurement).
 *
 * <p>xoshiro256** (Blackman and Vigna), seeded through SplitMix64. It is written out here rather
 * than taken from {@code java.util.random} so that a seed gives the same numbers on every Java
 * version and platform: reproducible results are the point of a seed.
 */
public final class Rng {
    private long s0, s1, s2, s3;

    /** A generator for {@code seed}. */
    public Rng(long seed) {
        long x = seed;
        s0 = splitMix(x += 0x9E3779B97F4A7C15L);
        s1 = splitMix(x += 0x9E3779B97F4A7C15L);
        s2 = splitMix(x += 0x9E3779B97F4A7C15L);
        s3 = splitMix(x + 0x9E3779B97F4A7C15L);
    }

    /**
     * An independent generator for stream {@code index} of {@code seed} (e.g. one per shot), so
     * that the numbers a shot sees do not depend on how shots are spread over threads.
     */
    public static Rng stream(long seed, long index) {
        return new Rng(splitMix(seed ^ splitMix(index + 0x632BE59BD9B4E019L)));
    }

    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** A uniform double in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }
}
