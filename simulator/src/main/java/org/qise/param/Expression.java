package org.qise.param;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleFunction;

/**
 * A gate angle that may name circuit parameters: {@code 2*theta + phi}, {@code -theta/2},
 * {@code sin(theta)}. Immutable; the factories fold constant sub-expressions, so an expression
 * with no parameter left is a {@link Constant}.
 *
 * <p>Values are looked up by name when an expression is {@linkplain #evaluate evaluated}, and
 * {@link #derivative} gives the partial derivative at a point (forward mode), which gradients
 * need for the chain rule through shared parameters and expressions.
 */
public sealed interface Expression {

    /** The value with every parameter looked up in {@code values}. */
    double evaluate(Map<String, Double> values);

    /** ∂(this)/∂{@code name} at the point {@code values}. */
    double derivative(String name, Map<String, Double> values);

    /** Replaces the parameters that {@code values} names by their values (the rest stay symbols). */
    Expression substitute(Map<String, Double> values);

    /** Text in OpenQASM syntax, constants written by {@code constant}. */
    String text(DoubleFunction<String> constant);

    /** Parameter names in order of first appearance. */
    default Set<String> parameters() {
        Set<String> names = new LinkedHashSet<>();
        collect(names);
        return names;
    }

    /** Adds this expression's parameter names to {@code names}. */
    void collect(Set<String> names);

    default boolean isConstant() { return this instanceof Constant; }

    // ---- building ----

    static Expression constant(double value) { return new Constant(value); }

    static Expression parameter(String name) { return new Parameter(name); }

    default Expression plus(Expression o) { return Binary.of(Operator.ADD, this, o); }

    default Expression plus(double v) { return plus(constant(v)); }

    default Expression minus(Expression o) { return Binary.of(Operator.SUBTRACT, this, o); }

    default Expression minus(double v) { return minus(constant(v)); }

    default Expression times(Expression o) { return Binary.of(Operator.MULTIPLY, this, o); }

    default Expression times(double v) { return times(constant(v)); }

    default Expression dividedBy(Expression o) { return Binary.of(Operator.DIVIDE, this, o); }

    default Expression dividedBy(double v) { return dividedBy(constant(v)); }

    default Expression power(Expression o) { return Binary.of(Operator.POWER, this, o); }

    default Expression negate() { return Negate.of(this); }

    default Expression apply(Function f) { return Call.of(f, this); }

    // ---- the forms ----

    /** A number (pi included). */
    record Constant(double value) implements Expression {
        public double evaluate(Map<String, Double> values) { return value; }
        public double derivative(String name, Map<String, Double> values) { return 0; }
        public Expression substitute(Map<String, Double> values) { return this; }
        public String text(DoubleFunction<String> constant) { return constant.apply(value); }
        public void collect(Set<String> names) { }
        @Override public String toString() { return text(Expression::defaultConstant); }
    }

    /** A named circuit parameter. */
    record Parameter(String name) implements Expression {
        public Parameter {
            Objects.requireNonNull(name);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) throw new IllegalArgumentException("'" + name + "' is not a parameter name (letters, digits and '_', not starting with a digit)");
        }

        public double evaluate(Map<String, Double> values) {
            Double v = values.get(name);
            if (v == null) throw new UnboundParameterException(Set.of(name));
            return v;
        }

        public double derivative(String n, Map<String, Double> values) { return n.equals(name) ? 1 : 0; }

        public Expression substitute(Map<String, Double> values) {
            Double v = values.get(name);
            return v == null ? this : new Constant(v);
        }

        public String text(DoubleFunction<String> constant) { return name; }
        public void collect(Set<String> names) { names.add(name); }
        @Override public String toString() { return name; }
    }

    record Negate(Expression operand) implements Expression {
        static Expression of(Expression e) {
            return e instanceof Constant c ? new Constant(-c.value()) : new Negate(e);
        }

        public double evaluate(Map<String, Double> values) { return -operand.evaluate(values); }
        public double derivative(String n, Map<String, Double> values) { return -operand.derivative(n, values); }
        public Expression substitute(Map<String, Double> values) { return of(operand.substitute(values)); }
        public String text(DoubleFunction<String> constant) { return "-" + wrap(operand, constant, 3); }
        public void collect(Set<String> names) { operand.collect(names); }
        @Override public String toString() { return text(Expression::defaultConstant); }
    }

    /** The binary operators of OpenQASM expressions, with their precedence (higher binds tighter). */
    enum Operator {
        ADD("+", 1), SUBTRACT("-", 1), MULTIPLY("*", 2), DIVIDE("/", 2), POWER("^", 4);

        final String symbol;
        final int precedence;

        Operator(String symbol, int precedence) {
            this.symbol = symbol;
            this.precedence = precedence;
        }

        public double apply(double a, double b) {
            return switch (this) {
                case ADD -> a + b;
                case SUBTRACT -> a - b;
                case MULTIPLY -> a * b;
                case DIVIDE -> a / b;
                case POWER -> Math.pow(a, b);
            };
        }
    }

    record Binary(Operator op, Expression left, Expression right) implements Expression {
        static Expression of(Operator op, Expression l, Expression r) {
            if (l instanceof Constant a && r instanceof Constant b) return new Constant(op.apply(a.value(), b.value()));
            return new Binary(op, l, r);
        }

        public double evaluate(Map<String, Double> values) { return op.apply(left.evaluate(values), right.evaluate(values)); }

        public double derivative(String n, Map<String, Double> values) {
            double da = left.derivative(n, values), db = right.derivative(n, values);
            return switch (op) {
                case ADD -> da + db;
                case SUBTRACT -> da - db;
                case MULTIPLY -> da * right.evaluate(values) + left.evaluate(values) * db;
                case DIVIDE -> {
                    double b = right.evaluate(values);
                    yield (da * b - left.evaluate(values) * db) / (b * b);
                }
                case POWER -> {
                    // d(a^b) = b·a^(b−1)·da + a^b·ln(a)·db; the second term only where b varies.
                    double a = left.evaluate(values), b = right.evaluate(values);
                    double d = da == 0 ? 0 : b * Math.pow(a, b - 1) * da;
                    yield db == 0 ? d : d + Math.pow(a, b) * Math.log(a) * db;
                }
            };
        }

        public Expression substitute(Map<String, Double> values) { return of(op, left.substitute(values), right.substitute(values)); }

        public String text(DoubleFunction<String> constant) {
            // ^ is right-associative, the others left-associative: parenthesise the other side on ties.
            boolean rightAssoc = op == Operator.POWER;
            String l = rightAssoc ? wrap(left, constant, op.precedence + 1) : wrap(left, constant, op.precedence);
            String r = rightAssoc ? wrap(right, constant, op.precedence) : wrap(right, constant, op.precedence + 1);
            return op.precedence == 1 ? l + " " + op.symbol + " " + r : l + op.symbol + r;
        }

        public void collect(Set<String> names) {
            left.collect(names);
            right.collect(names);
        }

        @Override public String toString() { return text(Expression::defaultConstant); }
    }

    /** The functions of OpenQASM 2.0 expressions. */
    enum Function {
        SIN, COS, TAN, EXP, LN, SQRT, ASIN, ACOS, ATAN;

        public String qasmName() { return name().toLowerCase(java.util.Locale.ROOT); }

        public double apply(double x) {
            return switch (this) {
                case SIN -> Math.sin(x);
                case COS -> Math.cos(x);
                case TAN -> Math.tan(x);
                case EXP -> Math.exp(x);
                case LN -> Math.log(x);
                case SQRT -> Math.sqrt(x);
                case ASIN -> Math.asin(x);
                case ACOS -> Math.acos(x);
                case ATAN -> Math.atan(x);
            };
        }

        /** f'(x). */
        double derivative(double x) {
            return switch (this) {
                case SIN -> Math.cos(x);
                case COS -> -Math.sin(x);
                case TAN -> 1 / (Math.cos(x) * Math.cos(x));
                case EXP -> Math.exp(x);
                case LN -> 1 / x;
                case SQRT -> 0.5 / Math.sqrt(x);
                case ASIN -> 1 / Math.sqrt(1 - x * x);
                case ACOS -> -1 / Math.sqrt(1 - x * x);
                case ATAN -> 1 / (1 + x * x);
            };
        }

        /** The function called {@code name} in OpenQASM ({@code sin}, {@code ln}, …), or null. */
        public static Function named(String name) {
            for (Function f : values()) if (f.qasmName().equals(name)) return f;
            return null;
        }
    }

    record Call(Function function, Expression argument) implements Expression {
        static Expression of(Function f, Expression a) {
            return a instanceof Constant c ? new Constant(f.apply(c.value())) : new Call(f, a);
        }

        public double evaluate(Map<String, Double> values) { return function.apply(argument.evaluate(values)); }

        public double derivative(String n, Map<String, Double> values) {
            double da = argument.derivative(n, values);
            return da == 0 ? 0 : function.derivative(argument.evaluate(values)) * da;
        }

        public Expression substitute(Map<String, Double> values) { return of(function, argument.substitute(values)); }
        public String text(DoubleFunction<String> constant) { return function.qasmName() + "(" + argument.text(constant) + ")"; }
        public void collect(Set<String> names) { argument.collect(names); }
        @Override public String toString() { return text(Expression::defaultConstant); }
    }

    private static String wrap(Expression e, DoubleFunction<String> constant, int precedence) {
        String t = e.text(constant);
        int own = switch (e) {
            case Binary b -> b.op().precedence;
            case Negate n -> 3;
            // a constant may be written as -3*pi/4: treat its text by what it contains
            case Constant c -> t.matches("[0-9.]+([eE][-+]?[0-9]+)?|pi") ? 5 : t.matches("-[0-9.]+([eE][-+]?[0-9]+)?|-pi") ? 3 : 2;
            default -> 5;
        };
        return own < precedence ? "(" + t + ")" : t;
    }

    /** How constants read in {@link #toString()}: pi by name, otherwise the shortest round-tripping decimal. */
    static String defaultConstant(double v) {
        return v == Math.PI ? "pi" : v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
