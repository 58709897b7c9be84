package org.qise.param;

/** Short names for building parameterised gates: {@code builder.rx(Param.of("theta"), 0)}. */
public final class Param {
    private Param() {}

    /** The circuit parameter called {@code name}. */
    public static Expression of(String name) {
        return Expression.parameter(name);
    }

    /** A constant angle, for gates whose other angles are parameters. */
    public static Expression constant(double value) {
        return Expression.constant(value);
    }
}
