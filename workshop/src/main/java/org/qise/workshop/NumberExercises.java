package org.qise.workshop;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/** Checkers for the classical parts of Simon's and Shor's algorithms. */
public final class NumberExercises {
    private NumberExercises() {}

    /** (a, r, N) → the two non-trivial factors of N, or null when the period r cannot give them. */
    @FunctionalInterface
    public interface FactorsFromPeriod {
        long[] factors(long a, long r, long n);
    }

    /** (m, t, N, a) → the period of a mod N guessed from an outcome m of t counting qubits, by continued fractions. */
    @FunctionalInterface
    public interface PeriodGuess {
        long period(long m, int t, long n, long a);
    }

    /**
     * Shor: with the period r of a^x mod N, gcd(a^(r/2) ± 1, N) are factors, unless r is odd or
     * a^(r/2) ≡ −1 (mod N), when the answer must be null.
     */
    public static Feedback factorsFromPeriod(FactorsFromPeriod answer) {
        String name = "factors-from-period";
        long[][] cases = {{7, 4, 15}, {2, 4, 15}, {4, 2, 15}, {11, 2, 15}, {14, 2, 15}, {5, 10, 33}, {2, 10, 33}, {2, 12, 35}, {3, 6, 21}, {2, 6, 21}};
        for (long[] c : cases) {
            long a = c[0], r = c[1], n = c[2];
            long[] expected = null;
            if (r % 2 == 0) {
                BigInteger half = BigInteger.valueOf(a).modPow(BigInteger.valueOf(r / 2), BigInteger.valueOf(n));
                if (!half.equals(BigInteger.valueOf(n - 1))) {
                    long f1 = half.subtract(BigInteger.ONE).gcd(BigInteger.valueOf(n)).longValue();
                    long f2 = half.add(BigInteger.ONE).gcd(BigInteger.valueOf(n)).longValue();
                    expected = new long[] {Math.min(f1, f2), Math.max(f1, f2)};
                }
            }
            long[] got = answer.factors(a, r, n);
            long[] sorted = got == null ? null : got.clone();
            if (sorted != null) Arrays.sort(sorted);
            if (expected == null && got != null) {
                return Feedback.wrong(name, String.format(Locale.ROOT, "a = %d, r = %d, N = %d: %s, so this period gives no factors (answer null), not %s",
                        a, r, n, r % 2 == 1 ? "r is odd" : "a^(r/2) ≡ −1 (mod N)", Arrays.toString(got)));
            }
            if (expected != null && !Arrays.equals(expected, sorted)) {
                return Feedback.wrong(name, String.format(Locale.ROOT, "a = %d, r = %d, N = %d: the factors are gcd(a^(r/2) − 1, N) and gcd(a^(r/2) + 1, N) = %s, not %s"
                        + " (compute a^(r/2) mod N with BigInteger.modPow, so it cannot overflow)", a, r, n, Arrays.toString(expected), Arrays.toString(got)));
            }
        }
        return Feedback.right(name, "the factors (or null) are right for " + cases.length + " periods");
    }

    /**
     * Shor: from an outcome m of t counting qubits, m/2^t ≈ s/r; the continued-fraction
     * convergents of m/2^t give candidate denominators r; the answer is the smallest r &lt; N
     * with a^r ≡ 1 (mod N) among them (here a is fixed by the case), or 0 when none works.
     */
    public static Feedback periodFromOutcome(PeriodGuess answer) {
        String name = "period-from-outcome";
        // (m, t, N, a): outcomes of period finding for a = 7, N = 15 (r = 4) and a = 2, N = 21 (r = 6).
        long[][] cases = {{64, 8, 15, 7}, {128, 8, 15, 7}, {192, 8, 15, 7}, {0, 8, 15, 7}, {43, 8, 21, 2}, {85, 8, 21, 2}, {213, 8, 21, 2}, {171, 8, 21, 2}, {128, 8, 21, 2}};
        for (long[] c : cases) {
            long m = c[0], n = c[2], a = c[3];
            int t = (int) c[1];
            long expected = referencePeriod(m, t, n, a);
            long got = answer.period(m, t, n, a);
            if (got != expected) {
                return Feedback.wrong(name, String.format(Locale.ROOT,
                        "outcome m = %d of %d qubits for N = %d: m/2^%d = %d/%d, whose convergents give %s; expected %d, got %d."
                                + " Try each convergent's denominator d in turn: the answer is the first d < N with a^d ≡ 1 (mod N).",
                        m, t, n, t, m, 1L << t, convergentDenominators(m, 1L << t), expected, got));
            }
        }
        return Feedback.right(name, "continued fractions recover the period, or 0 when the outcome carries none");
    }

    static long referencePeriod(long m, int t, long n, long a) {
        for (long d : convergentDenominators(m, 1L << t)) {
            if (d > 0 && d < n && BigInteger.valueOf(a).modPow(BigInteger.valueOf(d), BigInteger.valueOf(n)).equals(BigInteger.ONE)) {
                return d;
            }
        }
        return 0;
    }

    /**
     * Denominators of the convergents of p/q: with p/q = [a0; a1, a2, …], k_i = a_i k_{i−1} + k_{i−2}
     * from k_{−2} = 1, k_{−1} = 0.
     */
    static List<Long> convergentDenominators(long p, long q) {
        List<Long> denominators = new java.util.ArrayList<>();
        long before = 1, last = 0, num = p, den = q;
        while (den != 0) {
            long a = num / den;
            long k = a * last + before;
            denominators.add(k);
            before = last;
            last = k;
            long rest = num - a * den;
            num = den;
            den = rest;
        }
        return denominators;
    }

    /**
     * Simon: from equations y with y·s = 0 (mod 2), the non-zero n-bit secret s. {@code answer}
     * gets the equations and n.
     */
    public static Feedback simonSecret(BiFunction<List<Integer>, Integer, Integer> answer) {
        String name = "simon-secret";
        java.util.Random random = new java.util.Random(17);
        for (int trial = 0; trial < 30; trial++) {
            int n = 3 + trial % 4;
            int secret = 1 + random.nextInt((1 << n) - 1);
            // Random equations orthogonal to the secret, until they pin it down (rank n − 1).
            List<Integer> equations = new java.util.ArrayList<>();
            while (rank(equations, n) < n - 1) {
                int y = random.nextInt(1 << n);
                if (Integer.bitCount(y & secret) % 2 == 0) equations.add(y);
            }
            Integer got = answer.apply(List.copyOf(equations), n);
            if (got == null || got != secret) {
                String why = got == null ? "no answer"
                        : got == 0 ? "0, which satisfies every equation but is not allowed"
                        : equations.stream().filter(y -> Integer.bitCount(y & got) % 2 == 1).findFirst()
                                .map(y -> AlgorithmExercises.bits(got, n) + ", but y = " + AlgorithmExercises.bits(y, n) + " has y·s = 1")
                                .orElse(AlgorithmExercises.bits(got, n) + " (it has more than n bits?)");
                return Feedback.wrong(name, "n = " + n + ", equations " + equations.stream().map(y -> AlgorithmExercises.bits(y, n)).toList()
                        + ": the secret is " + AlgorithmExercises.bits(secret, n) + "; got " + why
                        + ". Try every non-zero s (2^n of them is few) or eliminate over GF(2).");
            }
        }
        return Feedback.right(name, "the secret is found from its equations in 30 random cases");
    }

    private static int rank(List<Integer> rows, int n) {
        int[] basis = new int[n];
        int rank = 0;
        for (int row : rows) {
            int v = row;
            for (int bit = n - 1; bit >= 0 && v != 0; bit--) {
                if (((v >> bit) & 1) == 0) continue;
                if (basis[bit] == 0) {
                    basis[bit] = v;
                    rank++;
                    v = 0;
                } else {
                    v ^= basis[bit];
                }
            }
        }
        return rank;
    }
}
