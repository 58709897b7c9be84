package org.qise.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A heat map of a function of two variables on a grid (an energy landscape over two angles),
 * drawn as SVG: one coloured cell per grid point, a colour bar with the value range, and
 * optional labelled markers (an optimum found by an optimiser):
 *
 * <pre>{@code
 * HeatMap.of("⟨H⟩", "γ", "β").grid(gammas, betas, energy).mark("minimum", g, b)
 * }</pre>
 *
 * {@code values[j][i]} belongs to {@code (xs[i], ys[j])}; y grows upwards.
 */
public final class HeatMap {
    private static final int PLOT = 320;
    private static final int LEFT = 64;
    private static final int TOP = 40;
    private static final int BAR_WIDTH = 16;
    /** A perceptually ordered palette (dark blue → teal → yellow), interpolated linearly. */
    private static final int[][] PALETTE = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};

    private record Marker(String label, double x, double y) {}

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private double[] xs;
    private double[] ys;
    private double[][] values;
    private final List<Marker> markers = new ArrayList<>();

    private HeatMap(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** An empty heat map with a title and axis labels. */
    public static HeatMap of(String title, String xLabel, String yLabel) {
        return new HeatMap(title, xLabel, yLabel);
    }

    /** The grid: {@code values[j][i]} is the value at {@code (xs[i], ys[j])}; both axes ascending, at least two points each. */
    public HeatMap grid(double[] xs, double[] ys, double[][] values) {
        if (xs.length < 2 || ys.length < 2) {
            throw new IllegalArgumentException("a heat map needs at least 2 x and 2 y values, got " + xs.length + " and " + ys.length);
        }
        if (values.length != ys.length) {
            throw new IllegalArgumentException("values has " + values.length + " rows but there are " + ys.length + " y values");
        }
        for (int j = 0; j < ys.length; j++) {
            if (values[j].length != xs.length) {
                throw new IllegalArgumentException("values row " + j + " has " + values[j].length + " entries but there are " + xs.length + " x values");
            }
        }
        this.xs = xs.clone();
        this.ys = ys.clone();
        this.values = new double[ys.length][];
        for (int j = 0; j < ys.length; j++) this.values[j] = values[j].clone();
        return this;
    }

    /** A labelled marker at (x, y), drawn as a ring over the cells. */
    public HeatMap mark(String label, double x, double y) {
        markers.add(new Marker(label, x, y));
        return this;
    }

    /** The colour of a value at fraction {@code f} ∈ [0, 1] of the range, as {@code #rrggbb}. */
    static String colour(double f) {
        double s = Math.clamp(f, 0, 1) * (PALETTE.length - 1);
        int k = Math.min((int) s, PALETTE.length - 2);
        double t = s - k;
        int[] rgb = new int[3];
        for (int c = 0; c < 3; c++) rgb[c] = (int) Math.round(PALETTE[k][c] + t * (PALETTE[k + 1][c] - PALETTE[k][c]));
        return String.format(Locale.ROOT, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
    }

    /** The picture as a self-contained SVG document. */
    public String svg() {
        if (values == null) throw new IllegalStateException("heat map '" + title + "' has no grid; call grid(xs, ys, values) first");
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double[] row : values) for (double v : row) { min = Math.min(min, v); max = Math.max(max, v); }
        double range = max > min ? max - min : 1;
        int width = LEFT + PLOT + 24 + BAR_WIDTH + 64, height = TOP + PLOT + 50 + 18 * markers.size();
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"DejaVu Sans, sans-serif\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n", width, height, width, height));
        svg.append(text(LEFT + PLOT / 2.0, 22, "middle", 15, title));
        // Cells are centred on their grid points, so each spans half the gap to its neighbours.
        double cw = (double) PLOT / xs.length, ch = (double) PLOT / ys.length;
        for (int j = 0; j < ys.length; j++) {
            for (int i = 0; i < xs.length; i++) {
                double v = values[j][i];
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"><title>(%.4g, %.4g): %.6g</title></rect>%n",
                        LEFT + i * cw, TOP + PLOT - (j + 1) * ch, cw + 0.3, ch + 0.3, colour((v - min) / range), xs[i], ys[j], v));
            }
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n", LEFT, TOP, PLOT, PLOT));
        String f = "%.3g";
        svg.append(text(LEFT, TOP + PLOT + 16, "middle", 12, String.format(Locale.ROOT, f, xs[0])));
        svg.append(text(LEFT + PLOT, TOP + PLOT + 16, "middle", 12, String.format(Locale.ROOT, f, xs[xs.length - 1])));
        svg.append(text(LEFT + PLOT / 2.0, TOP + PLOT + 34, "middle", 12, xLabel));
        svg.append(text(LEFT - 6, TOP + PLOT, "end", 12, String.format(Locale.ROOT, f, ys[0])));
        svg.append(text(LEFT - 6, TOP + 10, "end", 12, String.format(Locale.ROOT, f, ys[ys.length - 1])));
        svg.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 18 %.1f)\">%s</text>%n",
                TOP + PLOT / 2.0, TOP + PLOT / 2.0, Table.escape(yLabel)));
        // The colour bar: value range from bottom (min) to top (max).
        int bx = LEFT + PLOT + 24, steps = 32;
        for (int k = 0; k < steps; k++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.2f\" width=\"%d\" height=\"%.2f\" fill=\"%s\"/>%n",
                    bx, TOP + PLOT - (k + 1) * (double) PLOT / steps, BAR_WIDTH, PLOT / (double) steps + 0.3, colour((k + 0.5) / steps)));
        }
        svg.append(text(bx + BAR_WIDTH + 4, TOP + 10, "start", 12, String.format(Locale.ROOT, f, max)));
        svg.append(text(bx + BAR_WIDTH + 4, TOP + PLOT, "start", 12, String.format(Locale.ROOT, f, min)));
        double x0 = xs[0], x1 = xs[xs.length - 1], y0 = ys[0], y1 = ys[ys.length - 1];
        for (int m = 0; m < markers.size(); m++) {
            Marker mk = markers.get(m);
            // Grid points sit at cell centres: map x0 → LEFT + cw/2 and x1 → LEFT + PLOT − cw/2.
            double px = LEFT + cw / 2 + (mk.x() - x0) / (x1 - x0) * (PLOT - cw);
            double py = TOP + PLOT - ch / 2 - (mk.y() - y0) / (y1 - y0) * (PLOT - ch);
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"6\" fill=\"none\" stroke=\"white\" stroke-width=\"2.5\"/>%n"
                    + "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"6\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"1.2\"/>%n", px, py, px, py));
            svg.append(text(LEFT, TOP + PLOT + 56 + 18 * m, "start", 12,
                    String.format(Locale.ROOT, "○ %s (%.4g, %.4g)", mk.label(), mk.x(), mk.y())));
        }
        return svg.append("</svg>\n").toString();
    }

    private static String text(double x, double y, String anchor, int size, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
                x, y, anchor, size, Table.escape(content));
    }

    @Override
    public String toString() {
        return "HeatMap '" + title + "' (" + (xs == null ? "no grid" : xs.length + " × " + ys.length) + ")";
    }
}
