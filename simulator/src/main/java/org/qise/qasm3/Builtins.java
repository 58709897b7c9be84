package org.qise.qasm3;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.qasm3.Ast.Pos;

/**
 * What OpenQASM 3 builds in: the constants π/pi, τ/tau, ℇ/euler, the math functions, and the
 * gates of {@code stdgates.inc} (QISE's own {@link Gates}; {@code phase} and {@code cphase} are
 * stdgates' other names for p and cp). No file is ever read for them.
 */
final class Builtins {
    private Builtins() {}

    private static final Map<String, Double> CONSTANTS = Map.of(
            "pi", Math.PI, "π", Math.PI, "tau", 2 * Math.PI, "τ", 2 * Math.PI, "euler", Math.E, "ℇ", Math.E);

    private static final Set<String> FUNCTIONS = Set.of("sin", "cos", "tan", "arcsin", "arccos", "arctan", "exp", "log",
            "sqrt", "ceiling", "floor", "mod", "popcount", "pow", "rotl", "rotr");

    static boolean isConstant(String name) { return CONSTANTS.containsKey(name); }

    static double constant(String name) { return CONSTANTS.get(name); }

    static boolean isFunction(String name) { return FUNCTIONS.contains(name); }

    static Gates.Definition definition(String name) {
        return switch (name) {
            case "phase" -> Gates.lookup("p").orElseThrow();
            case "cphase" -> Gates.lookup("cp").orElseThrow();
            default -> Gates.lookup(name).orElse(null);
        };
    }

    /** Parameterless gates are immutable: one instance each serves every call. */
    private static final Map<String, Gate> FIXED = new java.util.concurrent.ConcurrentHashMap<>();

    static Gate gate(String name, double[] params) {
        if (params.length == 0) return FIXED.computeIfAbsent(name, n -> definition(n).create());
        return definition(name).create(params);
    }

    static Val call(String name, List<Val> args, Interpreter in, Pos p) {
        int want = switch (name) {
            case "mod", "pow", "rotl", "rotr" -> 2;
            default -> 1;
        };
        if (args.size() != want) throw in.error(p, name + " takes " + want + " argument(s), got " + args.size());
        Val a = args.get(0);
        double x = a.asDouble();
        return switch (name) {
            case "sin" -> Val.ofFloat(Math.sin(x));
            case "cos" -> Val.ofFloat(Math.cos(x));
            case "tan" -> Val.ofFloat(Math.tan(x));
            case "arcsin" -> Val.ofFloat(Math.asin(x));
            case "arccos" -> Val.ofFloat(Math.acos(x));
            case "arctan" -> Val.ofFloat(Math.atan(x));
            case "exp" -> Val.ofFloat(Math.exp(x));
            case "log" -> Val.ofFloat(Math.log(x));
            case "sqrt" -> Val.ofFloat(Math.sqrt(x));
            case "ceiling" -> a.isFloat() ? Val.ofInt((long) Math.ceil(x)) : a;
            case "floor" -> a.isFloat() ? Val.ofInt((long) Math.floor(x)) : a;
            case "popcount" -> Val.ofInt(Long.bitCount(a.asLong()));
            case "mod" -> {
                Val b = args.get(1);
                if (a.isFloat() || b.isFloat()) {
                    double y = b.asDouble();
                    yield Val.ofFloat(x - y * Math.floor(x / y));
                }
                if (b.asLong() == 0) throw in.error(p, "mod by zero");
                yield Val.ofInt(Math.floorMod(a.asLong(), b.asLong()));
            }
            case "pow" -> Ops.binary("**", a, args.get(1), in, p);
            default -> { // rotl, rotr on a bit register of the value's width
                int w = a.width() == 0 ? 64 : a.width();
                long v = a.asLong();
                int k = (int) Math.floorMod(args.get(1).asLong(), (long) w);
                if (name.equals("rotr")) k = (w - k) % w;
                long mask = w == 64 ? -1L : (1L << w) - 1;
                long r = w == 64 ? Long.rotateLeft(v, k) : ((v << k) | (v >>> (w - k))) & mask;
                yield new Val(a.kind(), a.width(), r, 0);
            }
        };
    }
}
