package org.qise.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.qise.param.Expression;
import org.qise.qasm.QasmException;
import org.qise.qasm.QasmParser;

/**
 * One swept parameter and its values, read from {@code NAME=START:STOP:COUNT} (COUNT evenly
 * spaced values from START to STOP, both included), {@code NAME=V1,V2,…} or {@code NAME=V}.
 * Values are constant OpenQASM expressions: {@code 2*pi}, {@code -pi/4}, {@code 0.5}.
 */
public record SweepAxis(String name, double[] values) {
    public SweepAxis {
        values = values.clone();
    }

    @Override public double[] values() { return values.clone(); }

    public int size() { return values.length; }

    public double value(int i) { return values[i]; }

    /** Reads {@code NAME=…}; throws IllegalArgumentException saying what is wrong with {@code spec}. */
    public static SweepAxis parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) throw new IllegalArgumentException("'" + spec + "' should read NAME=START:STOP:COUNT, NAME=V1,V2,… or NAME=VALUE");
        String name = spec.substring(0, eq).trim();
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) throw new IllegalArgumentException("'" + name + "' in '" + spec + "' is not a parameter name");
        String rest = spec.substring(eq + 1).trim();
        if (rest.isEmpty()) throw new IllegalArgumentException("'" + spec + "' gives no value for " + name);
        if (rest.contains(":")) {
            String[] parts = rest.split(":", -1);
            if (parts.length != 3) throw new IllegalArgumentException("range '" + rest + "' for " + name + " should read START:STOP:COUNT, e.g. 0:2*pi:64");
            double start = number(parts[0], name), stop = number(parts[1], name);
            int count;
            try {
                count = Integer.parseInt(parts[2].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the point count '" + parts[2].trim() + "' in range '" + rest + "' for " + name + " is not a whole number");
            }
            if (count < 1) throw new IllegalArgumentException("range '" + rest + "' for " + name + " has " + count + " points; it needs at least 1");
            double[] v = new double[count];
            for (int i = 0; i < count; i++) v[i] = count == 1 ? start : i == count - 1 ? stop : start + (stop - start) * i / (count - 1);
            return new SweepAxis(name, v);
        }
        List<Double> v = new ArrayList<>();
        for (String part : rest.split(",", -1)) v.add(number(part, name));
        return new SweepAxis(name, v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** A constant expression such as {@code 0.5} or {@code 3*pi/4}. */
    static double number(String text, String name) {
        String t = text.trim();
        if (t.isEmpty()) throw new IllegalArgumentException("an empty value for " + name);
        Expression e;
        try {
            e = QasmParser.parseExpression(t, Set.of());
        } catch (QasmException ex) {
            throw new IllegalArgumentException("'" + t + "' for " + name + " is not a number (numbers, pi, + - * / ^ and functions such as sin(…) are allowed)");
        }
        double v = e.evaluate(java.util.Map.of());
        if (!Double.isFinite(v)) throw new IllegalArgumentException("'" + t + "' for " + name + " evaluates to " + v);
        return v;
    }
}
