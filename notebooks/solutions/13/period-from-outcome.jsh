long periodFrom(long m, int t, long n, long a) {
    long num = m, den = 1L << t;
    long before = 1, last = 0;                     // k_{-2}, k_{-1}
    while (den != 0) {
        long c = num / den;                        // next continued-fraction term
        long k = c * last + before;                // next convergent's denominator
        if (k < n && java.math.BigInteger.valueOf(a).modPow(java.math.BigInteger.valueOf(k), java.math.BigInteger.valueOf(n)).equals(java.math.BigInteger.ONE)) {
            return k;
        }
        before = last;
        last = k;
        long rest = num - c * den;
        num = den;
        den = rest;
    }
    return 0;
}
