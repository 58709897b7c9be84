package org.qise.notebook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A bar chart for discrete distributions (outcome probabilities, counts per bitstring), drawn
 * as SVG. Several series stand side by side in each category, in the colours {@link Plot} uses;
 * the y axis starts at 0, since a bar's length is its value:
 *
 * <pre>{@code
 * BarChart.of("Phase estimation", "outcome m", "P(m)").bars("simulated", labels, p).bars("closed form", labels, q)
 * }</pre>
 */
public final class BarChart {
    private static final int WIDTH = 640;
    private static final int PLOT_HEIGHT = 260;
    private static final int LEFT = 64;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int LEGEND_ROW = 18;

    private record Bars(String name, double[] values) {}

    private record Reference(double y, String label) {}

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private String[] categories;
    private final List<Bars> series = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();

    private BarChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** An empty chart with a title and axis labels. */
    public static BarChart of(String title, String xLabel, String yLabel) {
        return new BarChart(title, xLabel, yLabel);
    }

    /** Adds a series: one bar per category. Every series must name the same categories. */
    public BarChart bars(String name, String[] categories, double[] values) {
        if (categories.length != values.length) {
            throw new IllegalArgumentException("bars '" + name + "' have " + categories.length + " categories but " + values.length + " values");
        }
        if (categories.length == 0) {
            throw new IllegalArgumentException("bars '" + name + "' have no categories");
        }
        if (this.categories != null && !Arrays.equals(this.categories, categories)) {
            throw new IllegalArgumentException("bars '" + name + "' name other categories than the series before them");
        }
        this.categories = categories.clone();
        series.add(new Bars(name, values.clone()));
        return this;
    }

    /** Adds a series whose categories are 0, 1, 2 …: the index of each value. */
    public BarChart bars(String name, double[] values) {
        String[] labels = new String[values.length];
        for (int i = 0; i < labels.length; i++) labels[i] = Integer.toString(i);
        return bars(name, labels, values);
    }

    /** Adds a series from counts (bitstring → count), as fractions of their total, in key order. */
    public BarChart frequencies(String name, Map<String, Long> counts) {
        List<String> keys = new ArrayList<>(counts.keySet());
        keys.sort(null);
        double total = counts.values().stream().mapToLong(Long::longValue).sum();
        double[] values = new double[keys.size()];
        for (int i = 0; i < values.length; i++) values[i] = counts.get(keys.get(i)) / total;
        return bars(name, keys.toArray(String[]::new), values);
    }

    /** Adds a labelled dashed horizontal line (a uniform level, a bound). */
    public BarChart reference(double y, String label) {
        references.add(new Reference(y, label));
        return this;
    }

    /** The chart as a self-contained SVG document. */
    public String svg() {
        if (series.isEmpty()) {
            throw new IllegalStateException("the bar chart '" + title + "' has no bars");
        }
        double yMax = 0, yMin = 0;
        for (Bars b : series) for (double v : b.values()) { yMax = Math.max(yMax, v); yMin = Math.min(yMin, v); }
        for (Reference r : references) { yMax = Math.max(yMax, r.y()); yMin = Math.min(yMin, r.y()); }
        Plot.Axis y = Plot.Axis.fitting(yMin, yMax == yMin ? yMin + 1 : yMax, 0.04);
        y = new Plot.Axis(yMin < 0 ? y.min() : 0, y.max(), y.step());
        int plotWidth = WIDTH - LEFT - RIGHT;
        int n = categories.length;
        double slot = (double) plotWidth / n;
        double barWidth = Math.max(1, slot * 0.8 / series.size());
        int labelEvery = 1;                 // at most 16 category labels, at round steps, so they never overlap
        while (n / labelEvery > 16) labelEvery *= 2;
        int entries = series.size() + references.size();
        int legendTop = TOP + PLOT_HEIGHT + 48;
        int height = legendTop + ((entries + 1) / 2) * LEGEND_ROW + 8;

        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(svg, WIDTH / 2.0, 22, "middle", "font-size=\"15\"", title);
        for (double t : y.ticks()) {
            double py = TOP + PLOT_HEIGHT - y.fraction(t) * PLOT_HEIGHT;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>%n",
                    LEFT, py, LEFT + plotWidth, py));
            text(svg, LEFT - 6, py + 4, "end", "", y.label(t));
        }
        double zero = TOP + PLOT_HEIGHT - y.fraction(0) * PLOT_HEIGHT;
        for (int k = 0; k < series.size(); k++) {
            String colour = Plot.COLOURS[k % Plot.COLOURS.length];
            double[] values = series.get(k).values();
            for (int i = 0; i < n; i++) {
                double x = LEFT + i * slot + slot * 0.1 + k * barWidth;
                double top = TOP + PLOT_HEIGHT - y.fraction(values[i]) * PLOT_HEIGHT;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s: %s</title></rect>%n",
                        x, Math.min(top, zero), barWidth, Math.abs(zero - top), colour, Table.escape(categories[i]),
                        String.format(Locale.ROOT, "%.4g", values[i])));
            }
        }
        for (int i = 0; i < n; i += labelEvery) {
            text(svg, LEFT + (i + 0.5) * slot, TOP + PLOT_HEIGHT + 16, "middle", "", categories[i]);
        }
        svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(plotWidth)
                .append("\" height=\"").append(PLOT_HEIGHT).append("\" fill=\"none\" stroke=\"#333\"/>\n");
        for (Reference r : references) {
            double py = TOP + PLOT_HEIGHT - y.fraction(r.y()) * PLOT_HEIGHT;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#222\" stroke-width=\"1.5\" stroke-dasharray=\"3 3\"/>%n",
                    LEFT, py, LEFT + plotWidth, py));
            text(svg, LEFT + plotWidth - 4, py - 4, "end", "fill=\"#222\"", r.label());
        }
        text(svg, LEFT + plotWidth / 2.0, TOP + PLOT_HEIGHT + 36, "middle", "", xLabel);
        double mid = TOP + PLOT_HEIGHT / 2.0;
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\">%s</text>%n",
                mid, mid, Table.escape(yLabel)));
        int entry = 0;
        for (int k = 0; k < series.size(); k++, entry++) {
            double lx = LEFT + (entry % 2) * (plotWidth / 2.0), ly = legendTop + (entry / 2) * LEGEND_ROW;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"10\" fill=\"%s\"/>%n",
                    lx, ly - 9, Plot.COLOURS[k % Plot.COLOURS.length]));
            text(svg, lx + 20, ly, "start", "", series.get(k).name());
        }
        for (Reference r : references) {
            double lx = LEFT + (entry % 2) * (plotWidth / 2.0), ly = legendTop + (entry / 2) * LEGEND_ROW;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#222\" stroke-width=\"1.5\" stroke-dasharray=\"3 3\"/>%n",
                    lx, ly - 4, lx + 28, ly - 4));
            text(svg, lx + 34, ly, "start", "", r.label());
            entry++;
        }
        return svg.append("</svg>\n").toString();
    }

    @Override
    public String toString() {
        return "BarChart '" + title + "' (" + series.size() + " series, " + (categories == null ? 0 : categories.length) + " categories)";
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String extra, String content) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>%n",
                x, y, anchor, extra.isEmpty() ? "" : " " + extra, Table.escape(content)));
    }
}
