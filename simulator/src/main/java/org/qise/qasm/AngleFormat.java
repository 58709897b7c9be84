package org.qise.qasm;

/**
 * Writes gate parameters so that {@link QasmParser} reads back the identical double: a short
 * integer or rational multiple of pi ({@code pi/2}, {@code -3*pi/4}) when reading that text gives
 * exactly the same bits, else the shortest decimal that round-trips ({@link Double#toString}).
 */
final class AngleFormat {
    private AngleFormat() {}

    private static final int MAX_DENOMINATOR = 16;
    private static final int MAX_NUMERATOR = 64;

    static String format(double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException("parameter " + v + " cannot be written in OpenQASM 2.0");
        if (v == Math.rint(v) && Math.abs(v) < 1e6 && !isNegativeZero(v)) {
            String integer = Long.toString((long) v);
            if (readsBackAs(integer, v)) return integer;
        }
        String pi = piMultiple(v);
        if (pi != null) return pi;
        String decimal = Double.toString(v);
        if (!readsBackAs(decimal, v)) throw new IllegalStateException("cannot write " + v + " exactly");
        return decimal;
    }

    /** {@code n*pi/d} in lowest terms whose parse is bit-identical to v, or null. */
    private static String piMultiple(double v) {
        for (int d = 1; d <= MAX_DENOMINATOR; d++) {
            double n = Math.rint(v * d / Math.PI);
            if (n == 0 || Math.abs(n) > MAX_NUMERATOR || gcd((long) Math.abs(n), d) != 1) continue;
            if (Math.abs(v - n * Math.PI / d) > 1e-9 * Math.abs(v)) continue;
            long num = (long) n;
            String text = (num == 1 ? "" : num == -1 ? "-" : num + "*") + "pi" + (d == 1 ? "" : "/" + d);
            if (readsBackAs(text, v)) return text;
        }
        return null;
    }

    private static boolean readsBackAs(String text, double v) {
        return Double.doubleToRawLongBits(ExpressionParser.evaluateConstant(text)) == Double.doubleToRawLongBits(v);
    }

    private static boolean isNegativeZero(double v) {
        return Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(-0.0);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
