package org.qise.sweep;

import java.util.List;
import java.util.Locale;

/**
 * An SVG picture of a sweep's expectation values: one line per observable against a single
 * swept parameter, or a heat map of the first observable over a grid of two parameters.
 */
public final class SweepPlot {
    private SweepPlot() {}

    private static final int W = 640, H = 400, LEFT = 70, RIGHT = 150, TOP = 30, BOTTOM = 50;
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf"};

    /**
     * @param results the points' results, in index order
     * @throws IllegalArgumentException without observables, or for anything but one parameter or a two-parameter grid
     */
    public static String svg(SweepPoints points, List<String> expectations, List<Sweep.PointResult> results, String title) {
        if (expectations.isEmpty()) throw new IllegalArgumentException("--plot draws expectation values: add --expect");
        if (points.names().size() == 1) return lines(points, expectations, results, title);
        if (points.names().size() == 2 && points.axes() != null) return heatMap(points, expectations.getFirst(), results, title);
        throw new IllegalArgumentException("--plot draws one swept parameter (lines) or a grid of two (heat map); this sweep has "
                + points.names().size() + (points.axes() == null ? " parameters given as a table of points" : " parameters"));
    }

    private static String lines(SweepPoints points, List<String> expectations, List<Sweep.PointResult> results, String title) {
        double xMin = Double.POSITIVE_INFINITY, xMax = Double.NEGATIVE_INFINITY, yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
        for (Sweep.PointResult r : results) {
            xMin = Math.min(xMin, r.values()[0]);
            xMax = Math.max(xMax, r.values()[0]);
            for (double e : r.expectations()) {
                yMin = Math.min(yMin, e);
                yMax = Math.max(yMax, e);
            }
        }
        if (xMax == xMin) { xMin -= 0.5; xMax += 0.5; }
        if (yMax - yMin < 1e-12) { yMin -= 0.5; yMax += 0.5; }
        StringBuilder s = start(title);
        axes(s, points.names().getFirst(), "⟨H⟩", xMin, xMax, yMin, yMax);
        for (int e = 0; e < expectations.size(); e++) {
            s.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(COLORS[e % COLORS.length]).append("\" points=\"");
            for (Sweep.PointResult r : results) {
                s.append(f(x(r.values()[0], xMin, xMax))).append(',').append(f(y(r.expectations()[e], yMin, yMax))).append(' ');
            }
            s.append("\"/>\n");
            int ly = TOP + 20 + 20 * e;
            s.append("<line x1=\"").append(W - RIGHT + 10).append("\" y1=\"").append(ly).append("\" x2=\"").append(W - RIGHT + 30)
                    .append("\" y2=\"").append(ly).append("\" stroke-width=\"2\" stroke=\"").append(COLORS[e % COLORS.length]).append("\"/>\n");
            text(s, W - RIGHT + 35, ly + 4, "start", expectations.get(e));
        }
        return s.append("</svg>\n").toString();
    }

    private static String heatMap(SweepPoints points, String expectation, List<Sweep.PointResult> results, String title) {
        SweepAxis ax = points.axes().get(0), ay = points.axes().get(1);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Sweep.PointResult r : results) {
            lo = Math.min(lo, r.expectations()[0]);
            hi = Math.max(hi, r.expectations()[0]);
        }
        if (hi - lo < 1e-12) { lo -= 0.5; hi += 0.5; }
        StringBuilder s = start(title + " — " + expectation);
        int pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
        double cw = (double) pw / ax.size(), ch = (double) ph / ay.size();
        for (Sweep.PointResult r : results) {
            int i = r.index() / ay.size(), j = r.index() % ay.size(); // the grid varies the last axis fastest
            double t = (r.expectations()[0] - lo) / (hi - lo);
            s.append("<rect x=\"").append(f(LEFT + i * cw)).append("\" y=\"").append(f(TOP + ph - (j + 1) * ch)).append("\" width=\"")
                    .append(f(cw + 0.5)).append("\" height=\"").append(f(ch + 0.5)).append("\" fill=\"").append(color(t)).append("\"/>\n");
        }
        s.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(pw).append("\" height=\"").append(ph)
                .append("\" fill=\"none\" stroke=\"#333\"/>\n");
        text(s, LEFT, H - BOTTOM + 18, "start", ax.name() + " = " + f(ax.value(0)));
        text(s, LEFT + pw, H - BOTTOM + 18, "end", f(ax.value(ax.size() - 1)));
        text(s, LEFT - 6, TOP + ph, "end", ay.name() + " = " + f(ay.value(0)));
        text(s, LEFT - 6, TOP + 10, "end", f(ay.value(ay.size() - 1)));
        for (int k = 0; k <= 10; k++) { // colour scale
            double t = k / 10.0;
            s.append("<rect x=\"").append(W - RIGHT + 20).append("\" y=\"").append(f(TOP + ph - (k + 1) * ph / 11.0)).append("\" width=\"20\" height=\"")
                    .append(f(ph / 11.0 + 0.5)).append("\" fill=\"").append(color(t)).append("\"/>\n");
        }
        text(s, W - RIGHT + 45, TOP + ph, "start", f(lo));
        text(s, W - RIGHT + 45, TOP + 10, "start", f(hi));
        return s.append("</svg>\n").toString();
    }

    /** Blue (low) through white to red (high). */
    private static String color(double t) {
        int r = t < 0.5 ? (int) Math.round(255 * 2 * t) : 255;
        int b = t > 0.5 ? (int) Math.round(255 * 2 * (1 - t)) : 255;
        int g = (int) Math.round(255 * (1 - Math.abs(2 * t - 1)));
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    private static StringBuilder start(String title) {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(s, W / 2.0, 18, "middle", title);
        return s;
    }

    private static void axes(StringBuilder s, String xName, String yName, double xMin, double xMax, double yMin, double yMax) {
        int pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
        s.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(pw).append("\" height=\"").append(ph)
                .append("\" fill=\"none\" stroke=\"#333\"/>\n");
        for (int k = 0; k <= 4; k++) {
            double xv = xMin + (xMax - xMin) * k / 4, yv = yMin + (yMax - yMin) * k / 4;
            text(s, x(xv, xMin, xMax), H - BOTTOM + 16, "middle", f(xv));
            text(s, LEFT - 6, y(yv, yMin, yMax) + 4, "end", f(yv));
        }
        text(s, LEFT + pw / 2.0, H - 12, "middle", xName);
        text(s, 14, TOP + ph / 2.0, "middle", yName);
    }

    private static double x(double v, double lo, double hi) { return LEFT + (v - lo) / (hi - lo) * (W - LEFT - RIGHT); }

    private static double y(double v, double lo, double hi) { return TOP + (hi - v) / (hi - lo) * (H - TOP - BOTTOM); }

    private static void text(StringBuilder s, double x, double y, String anchor, String t) {
        s.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" text-anchor=\"").append(anchor).append("\">")
                .append(t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")).append("</text>\n");
    }

    private static String f(double v) { return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1"); }
}
