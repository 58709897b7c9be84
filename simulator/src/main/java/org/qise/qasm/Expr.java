package org.qise.qasm;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A parsed parameter expression. Inside a gate body it may name the gate's formal parameters,
 * which {@link #eval} reads from {@code args} by position; elsewhere it is a constant.
 */
sealed interface Expr {

    double eval(double[] args);

    /** A literal number, or {@code pi}. */
    record Constant(double value) implements Expr {
        public double eval(double[] args) { return value; }
    }

    /** The gate's formal parameter at {@code index}. */
    record Parameter(String name, int index) implements Expr {
        public double eval(double[] args) { return args[index]; }
    }

    record Negate(Expr operand) implements Expr {
        public double eval(double[] args) { return -operand.eval(args); }
    }

    record Binary(DoubleBinaryOperator op, Expr left, Expr right) implements Expr {
        public double eval(double[] args) { return op.applyAsDouble(left.eval(args), right.eval(args)); }
    }

    /**
     * A left-to-right run of one precedence level, {@code a + b - c} or {@code a * b / c}:
     * {@code ops[i]} combines the value so far with {@code operands[i]}. Evaluated in a loop,
     * because a sum of many thousand terms would overflow the stack as a left-deep tree of
     * {@link Binary} nodes evaluated by recursion.
     */
    record Chain(Expr first, DoubleBinaryOperator[] ops, Expr[] operands) implements Expr {
        public double eval(double[] args) {
            double value = first.eval(args);
            for (int i = 0; i < ops.length; i++) value = ops[i].applyAsDouble(value, operands[i].eval(args));
            return value;
        }
    }

    /** One of the built-in functions: sin, cos, tan, exp, ln, sqrt, asin, acos, atan. */
    record Function(DoubleUnaryOperator function, Expr argument) implements Expr {
        public double eval(double[] args) { return function.applyAsDouble(argument.eval(args)); }
    }
}
