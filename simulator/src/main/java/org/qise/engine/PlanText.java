package org.qise.engine;

/** Short human figures for plan descriptions. */
final class PlanText {
    private PlanText() {}

    static String nanos(double ns) {
        if (ns <= 0) return "-";
        if (ns < 1e3) return String.format("%.0f ns", ns);
        if (ns < 1e6) return String.format("%.1f µs", ns / 1e3);
        if (ns < 1e9) return String.format("%.1f ms", ns / 1e6);
        return String.format("%.2f s", ns / 1e9);
    }
}
