package org.qise.qasm3;

import org.qise.qasm3.Ast.Pos;

/**
 * Classical operators on {@link Val}s, with OpenQASM 3's promotion: any float operand makes the
 * arithmetic float; integers stay integers (division truncates); comparisons and logic give bool.
 */
final class Ops {
    private Ops() {}

    static Val unary(String op, Val v, Interpreter in, Pos p) {
        return switch (op) {
            case "-" -> v.isFloat() ? Val.ofFloat(-v.f()) : Val.ofInt(-v.asLong());
            case "!" -> Val.ofBool(!v.truthy());
            case "~" -> {
                if (v.isFloat()) throw in.error(p, "'~' needs an integer or bits, not a float");
                yield v.kind() == Val.Kind.BIT || v.kind() == Val.Kind.UINT ? new Val(v.kind(), v.width(), ~v.i(), 0).convert(
                        v.kind() == Val.Kind.BIT ? "bit" : "uint", v.width()) : Val.ofInt(~v.i());
            }
            default -> throw in.error(p, "unknown operator '" + op + "'");
        };
    }

    static Val binary(String op, Val a, Val b, Interpreter in, Pos p) {
        boolean f = a.isFloat() || b.isFloat();
        switch (op) {
            case "+", "-", "*", "/", "%", "**" -> {
                if (f || op.equals("**") && b.asLong() < 0) {
                    double x = a.asDouble(), y = b.asDouble();
                    return Val.ofFloat(switch (op) {
                        case "+" -> x + y;
                        case "-" -> x - y;
                        case "*" -> x * y;
                        case "/" -> x / y;
                        case "%" -> x % y;
                        default -> Math.pow(x, y);
                    });
                }
                long x = a.asLong(), y = b.asLong();
                if ((op.equals("/") || op.equals("%")) && y == 0) throw in.error(p, "division by zero");
                long r = switch (op) {
                    case "+" -> x + y;
                    case "-" -> x - y;
                    case "*" -> x * y;
                    case "/" -> x / y;
                    case "%" -> x % y;
                    default -> {
                        long acc = 1;
                        for (long k = 0; k < Math.min(y, 64); k++) acc *= x;
                        yield acc;
                    }
                };
                boolean unsigned = (a.kind() == Val.Kind.UINT || a.kind() == Val.Kind.BIT) && (b.kind() == Val.Kind.UINT || b.kind() == Val.Kind.BIT);
                return unsigned ? new Val(Val.Kind.UINT, 0, r, 0) : Val.ofInt(r);
            }
            case "==", "!=", "<", "<=", ">", ">=" -> {
                int c = f ? Double.compare(a.asDouble(), b.asDouble()) : Long.compare(a.asLong(), b.asLong());
                return Val.ofBool(switch (op) {
                    case "==" -> c == 0;
                    case "!=" -> c != 0;
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    case ">" -> c > 0;
                    default -> c >= 0;
                });
            }
            case "&&" -> { return Val.ofBool(a.truthy() && b.truthy()); }
            case "||" -> { return Val.ofBool(a.truthy() || b.truthy()); }
            case "&", "|", "^", "<<", ">>" -> {
                if (f) throw in.error(p, "'" + op + "' needs integers or bits, not floats");
                long x = a.asLong(), y = b.asLong();
                long r = switch (op) {
                    case "&" -> x & y;
                    case "|" -> x | y;
                    case "^" -> x ^ y;
                    case "<<" -> y >= 64 ? 0 : x << y;
                    default -> y >= 64 ? (a.kind() == Val.Kind.INT && x < 0 ? -1 : 0) : a.kind() == Val.Kind.INT ? x >> y : x >>> y;
                };
                // bits stay bits of the left operand's width (c <<= 1 keeps c a bit register)
                if (a.kind() == Val.Kind.BIT) return Val.ofBits(r, a.width());
                if (a.kind() == Val.Kind.UINT) return new Val(Val.Kind.UINT, a.width(), r, 0).convert("uint", a.width());
                return Val.ofInt(r);
            }
            default -> throw in.error(p, "unknown operator '" + op + "'");
        }
    }
}
