int solve(List<Integer> equations, int n) {
    for (int s = 1; s < (1 << n); s++) {
        final int candidate = s;
        if (equations.stream().allMatch(y -> Integer.bitCount(y & candidate) % 2 == 0)) return s;
    }
    throw new IllegalArgumentException("no non-zero s satisfies " + equations);
}
