package org.qise.qasm;

import org.qise.param.Expression;

/**
 * A parsed parameter expression. Inside a gate body it may name the gate's formal parameters,
 * which {@link #eval} reads from {@code args} by position; elsewhere it is a constant, or, when
 * the caller allows circuit parameters, it may name them ({@link Symbol}).
 */
sealed interface Expr {

    double eval(double[] args);

    /** The expression with formal parameter i replaced by {@code args[i]}, as a circuit-level {@link Expression}. */
    Expression symbolic(Expression[] args);

    /** Whether a circuit parameter appears (then only {@link #symbolic} can evaluate it). */
    default boolean hasSymbols() {
        return switch (this) {
            case Symbol s -> true;
            case Negate n -> n.operand().hasSymbols();
            case Binary b -> b.left().hasSymbols() || b.right().hasSymbols();
            case Chain c -> c.first().hasSymbols() || java.util.Arrays.stream(c.operands()).anyMatch(Expr::hasSymbols);
            case Function f -> f.argument().hasSymbols();
            default -> false;
        };
    }

    /** A literal number, or {@code pi}. */
    record Constant(double value) implements Expr {
        public double eval(double[] args) { return value; }
        public Expression symbolic(Expression[] args) { return Expression.constant(value); }
    }

    /** The gate's formal parameter at {@code index}. */
    record Parameter(String name, int index) implements Expr {
        public double eval(double[] args) { return args[index]; }
        public Expression symbolic(Expression[] args) { return args[index]; }
    }

    /** A circuit parameter (allowed only where the caller names the parameters, e.g. {@code qise sweep}). */
    record Symbol(String name) implements Expr {
        public double eval(double[] args) { throw new IllegalStateException("circuit parameter " + name + " has no value here"); }
        public Expression symbolic(Expression[] args) { return Expression.parameter(name); }
    }

    record Negate(Expr operand) implements Expr {
        public double eval(double[] args) { return -operand.eval(args); }
        public Expression symbolic(Expression[] args) { return operand.symbolic(args).negate(); }
    }

    record Binary(Expression.Operator op, Expr left, Expr right) implements Expr {
        public double eval(double[] args) { return op.apply(left.eval(args), right.eval(args)); }
        public Expression symbolic(Expression[] args) {
            return combine(op, left.symbolic(args), right.symbolic(args));
        }

        static Expression combine(Expression.Operator op, Expression l, Expression r) {
            return switch (op) {
                case ADD -> l.plus(r);
                case SUBTRACT -> l.minus(r);
                case MULTIPLY -> l.times(r);
                case DIVIDE -> l.dividedBy(r);
                case POWER -> l.power(r);
            };
        }
    }

    /**
     * A left-to-right run of one precedence level, {@code a + b - c} or {@code a * b / c}:
     * {@code ops[i]} combines the value so far with {@code operands[i]}. Evaluated in a loop,
     * because a sum of many thousand terms would overflow the stack as a left-deep tree of
     * {@link Binary} nodes evaluated by recursion.
     */
    record Chain(Expr first, Expression.Operator[] ops, Expr[] operands) implements Expr {
        public double eval(double[] args) {
            double value = first.eval(args);
            for (int i = 0; i < ops.length; i++) value = ops[i].apply(value, operands[i].eval(args));
            return value;
        }

        public Expression symbolic(Expression[] args) {
            Expression value = first.symbolic(args);
            for (int i = 0; i < ops.length; i++) value = Binary.combine(ops[i], value, operands[i].symbolic(args));
            return value;
        }
    }

    /** One of the built-in functions: sin, cos, tan, exp, ln, sqrt, asin, acos, atan. */
    record Function(Expression.Function function, Expr argument) implements Expr {
        public double eval(double[] args) { return function.apply(argument.eval(args)); }
        public Expression symbolic(Expression[] args) { return argument.symbolic(args).apply(function); }
    }
}
