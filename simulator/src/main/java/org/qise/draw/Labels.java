package org.qise.draw;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.qise.circuit.Gate;

/** Texts shown in drawings: gate names with pretty parameters, angles as fractions of π. */
final class Labels {
    private Labels() {}

    /** The gate a controlled library gate applies to its targets (cx → x, crz → rz). */
    private static final Map<String, String> TARGET_NAMES = Map.ofEntries(
            Map.entry("cx", "x"), Map.entry("CX", "x"), Map.entry("ccx", "x"), Map.entry("c3x", "x"),
            Map.entry("c4x", "x"), Map.entry("cy", "y"), Map.entry("cz", "z"), Map.entry("ch", "h"),
            Map.entry("csx", "sx"), Map.entry("c3sqrtx", "sx"), Map.entry("cswap", "swap"),
            Map.entry("crx", "rx"), Map.entry("cry", "ry"), Map.entry("crz", "rz"), Map.entry("cp", "p"),
            Map.entry("cu1", "u1"), Map.entry("cu3", "u3"), Map.entry("cu", "u"));

    /** Multi-qubit gates whose targets are interchangeable, so their pins need no numbers. */
    private static final Set<String> SYMMETRIC = Set.of("swap", "rxx", "ryy", "rzz");

    private static final int[] DENOMINATORS = {1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 32, 64};

    /** The name of what a gate does on its targets: the gate's own name without its controls. */
    static String targetName(Gate gate) {
        if (gate.controls() == 0) return gate.name();
        String known = TARGET_NAMES.get(gate.name());
        if (known != null) return known;
        // names built by Gate.controlled: "c" + base for one control, "c<n>_" + base for more
        return gate.name().replaceFirst("^c(\\d+_)?", "");
    }

    /** True when the targets of a multi-target gate need pin numbers to tell them apart. */
    static boolean needsPinNumbers(Gate gate) {
        return gate.targets() > 1 && !SYMMETRIC.contains(targetName(gate));
    }

    /** {@code rx(π/2)}: the target name with the parameters, or just the name. */
    static String gateLabel(Gate gate) {
        StringBuilder sb = new StringBuilder(targetName(gate));
        if (gate.paramCount() > 0) {
            sb.append('(');
            for (int i = 0; i < gate.paramCount(); i++) {
                if (i > 0) sb.append(',');
                var angle = gate.isParametric() ? gate.expressions().get(i) : null; // a parameter shows by name
                sb.append(angle != null && !angle.isConstant() ? angle.toString() : angle(gate.param(i)));
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** Digits as subscripts, for pin numbers of multi-target gates. */
    static String subscript(int n) {
        StringBuilder sb = new StringBuilder();
        for (char c : Integer.toString(n).toCharArray()) sb.append((char) ('₀' + (c - '0')));
        return sb.toString();
    }

    /**
     * An angle as a short text: an exact-looking multiple of π as a fraction ({@code π/2},
     * {@code -3π/4}, {@code 2π}), anything else as a number with four significant digits.
     */
    static String angle(double value) {
        if (value == 0) return "0";
        if (!Double.isFinite(value)) return Double.toString(value);
        for (int d : DENOMINATORS) {
            double k = value * d / Math.PI;
            long n = Math.round(k);
            if (n != 0 && Math.abs(n) <= 16L * d && Math.abs(k - n) < 1e-9 * Math.max(1, Math.abs(k))) {
                if (gcd(Math.abs(n), d) != 1) continue; // a smaller denominator matched already
                String sign = n < 0 ? "-" : "";
                String num = Math.abs(n) == 1 ? "π" : Math.abs(n) + "π";
                return sign + num + (d == 1 ? "" : "/" + d);
            }
        }
        return number(value);
    }

    /** A number with up to four significant digits and no trailing zeros. */
    static String number(double value) {
        double a = Math.abs(value);
        if (a >= 1e-3 && a < 1e5) {
            return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.3e", value);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** Number of characters a terminal shows for {@code s} (one per code point here). */
    static int width(String s) {
        return s.codePointCount(0, s.length());
    }
}
