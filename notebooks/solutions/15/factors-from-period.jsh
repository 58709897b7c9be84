long[] factorsFrom(long a, long r, long n) {
    if (r % 2 == 1) return null;                       // no square root of 1 to use
    java.math.BigInteger N = java.math.BigInteger.valueOf(n);
    java.math.BigInteger half = java.math.BigInteger.valueOf(a).modPow(java.math.BigInteger.valueOf(r / 2), N);
    if (half.equals(N.subtract(java.math.BigInteger.ONE))) return null;   // a^(r/2) ≡ −1: trivial factors
    return new long[] {half.subtract(java.math.BigInteger.ONE).gcd(N).longValue(), half.add(java.math.BigInteger.ONE).gcd(N).longValue()};
}
