package org.qise.qasm3;

/**
 * A classical value: {@code int}, {@code uint}, {@code bool}, {@code bit[n]} (integers in
 * {@code i}) or {@code float} (in {@code f}). {@code width} is the declared size in bits, 0 when
 * the type has none (unsized int, bool, float).
 */
record Val(Kind kind, int width, long i, double f) {
    enum Kind { INT, UINT, FLOAT, BOOL, BIT }

    static Val ofInt(long v) { return new Val(Kind.INT, 0, v, 0); }

    static Val ofFloat(double v) { return new Val(Kind.FLOAT, 0, 0, v); }

    static Val ofBool(boolean b) { return new Val(Kind.BOOL, 0, b ? 1 : 0, 0); }

    static Val ofBits(long v, int width) { return new Val(Kind.BIT, width, width >= 64 ? v : v & ((1L << width) - 1), 0); }

    boolean isFloat() { return kind == Kind.FLOAT; }

    double asDouble() { return kind == Kind.FLOAT ? f : kind == Kind.UINT || kind == Kind.BIT ? unsigned(i) : i; }

    long asLong() { return kind == Kind.FLOAT ? (long) f : i; }

    boolean truthy() { return kind == Kind.FLOAT ? f != 0 : i != 0; }

    private static double unsigned(long v) { return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1); }

    /** This value converted to a declared type (name and width), wrapping integers to the width. */
    Val convert(String type, int w) {
        return switch (type) {
            case "float" -> ofFloat(asDouble());
            case "bool" -> ofBool(truthy());
            case "bit" -> ofBits(kind == Kind.FLOAT ? (long) f : i, Math.max(1, w));
            case "uint" -> new Val(Kind.UINT, w, w == 0 || w >= 64 ? asLong() : asLong() & ((1L << w) - 1), 0);
            default -> { // int: two's complement wrap to w bits
                long v = asLong();
                if (w > 0 && w < 64) {
                    v &= (1L << w) - 1;
                    if ((v >> (w - 1) & 1) == 1) v -= 1L << w;
                }
                yield new Val(Kind.INT, w, v, 0);
            }
        };
    }

    /** Written as OpenQASM 3 source. */
    String literal() {
        return switch (kind) {
            case FLOAT -> org.qise.qasm3.Printer.number(f);
            case BOOL -> i != 0 ? "true" : "false";
            case BIT -> '"' + org.qise.sim.Bitstrings.ofIndex(i, Math.max(1, width)) + '"';
            case UINT -> Long.toUnsignedString(i);
            case INT -> Long.toString(i);
        };
    }

    @Override
    public String toString() { return literal(); }
}
