package org.qise.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart of one or more series, drawn as SVG: for energies over optimiser steps,
 * correlations over angles and the like. Build it in steps and leave it as a cell's value
 * (or pass it to {@code display}) to see it:
 *
 * <pre>{@code
 * Plot.of("CHSH value", "angle", "S").series("simulated", xs, ys).formula("2√2 cos", xs, exact).reference(2, "classical bound")
 * }</pre>
 *
 * Made to read on a projector: simulated series are solid lines with a marker per point (a
 * different marker shape per series), formulas are dashed lines drawn on top, so a formula and
 * a simulation that agree are both visible; reference lines are labelled on the line; the axes
 * leave a margin around the data so that nothing lies on the frame; the legend sits below the
 * chart, inside the picture, however long its names. For discrete distributions use {@link BarChart}.
 */
public final class Plot {
    private static final int WIDTH = 640;
    private static final int PLOT_HEIGHT = 272;
    private static final int LEFT = 64;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int AXIS_TITLE = 48;
    private static final int LEGEND_ROW = 18;
    static final String[] COLOURS = {"#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#555555"};

    private record Series(String name, double[] xs, double[] ys, boolean formula) {}

    private record Reference(double y, String label) {}

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();

    private Plot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** An empty chart with a title and axis labels. */
    public static Plot of(String title, String xLabel, String yLabel) {
        return new Plot(title, xLabel, yLabel);
    }

    /** Adds a series of points (a simulation, a measurement) joined by lines, in the order given. */
    public Plot series(String name, double[] xs, double[] ys) {
        return add(name, xs, ys, false);
    }

    /** Adds a series whose x values are 0, 1, 2 … (steps of an iteration). */
    public Plot series(String name, double[] ys) {
        double[] xs = new double[ys.length];
        for (int i = 0; i < xs.length; i++) xs[i] = i;
        return series(name, xs, ys);
    }

    /** Adds a closed-form curve: a dashed line without markers, drawn over the simulated series. */
    public Plot formula(String name, double[] xs, double[] ys) {
        return add(name, xs, ys, true);
    }

    private Plot add(String name, double[] xs, double[] ys, boolean formula) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("series '" + name + "' has " + xs.length + " x values but " + ys.length + " y values");
        }
        if (xs.length == 0) {
            throw new IllegalArgumentException("series '" + name + "' has no points");
        }
        series.add(new Series(name, xs.clone(), ys.clone(), formula));
        return this;
    }

    /** Adds a dashed horizontal line, such as a bound the data should stay under or beat. */
    public Plot reference(double y, String label) {
        references.add(new Reference(y, label));
        return this;
    }

    /** The chart as a self-contained SVG document. */
    public String svg() {
        if (series.isEmpty()) {
            throw new IllegalStateException("the plot '" + title + "' has no series");
        }
        double xMin = Double.POSITIVE_INFINITY, xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.xs().length; i++) {
                xMin = Math.min(xMin, s.xs()[i]);
                xMax = Math.max(xMax, s.xs()[i]);
                yMin = Math.min(yMin, s.ys()[i]);
                yMax = Math.max(yMax, s.ys()[i]);
            }
        }
        for (Reference r : references) {
            yMin = Math.min(yMin, r.y());
            yMax = Math.max(yMax, r.y());
        }
        Axis x = Axis.fitting(xMin, xMax, 0.02);
        Axis y = Axis.fitting(yMin, yMax, 0.08);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = PLOT_HEIGHT;
        int entries = series.size() + references.size();
        int legendTop = TOP + plotHeight + AXIS_TITLE;
        int height = legendTop + ((entries + 1) / 2) * LEGEND_ROW + 8;

        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(svg, WIDTH / 2.0, 22, "middle", "font-size=\"15\"", title);
        for (double t : x.ticks()) {
            double px = LEFT + x.fraction(t) * plotWidth;
            line(svg, px, TOP, px, TOP + plotHeight, "#e5e5e5", "");
            text(svg, px, TOP + plotHeight + 16, "middle", "", x.label(t));
        }
        for (double t : y.ticks()) {
            double py = TOP + plotHeight - y.fraction(t) * plotHeight;
            line(svg, LEFT, py, LEFT + plotWidth, py, "#e5e5e5", "");
            text(svg, LEFT - 6, py + 4, "end", "", y.label(t));
        }
        svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(plotWidth)
                .append("\" height=\"").append(plotHeight).append("\" fill=\"none\" stroke=\"#333\"/>\n");
        text(svg, LEFT + plotWidth / 2.0, TOP + plotHeight + 36, "middle", "", xLabel);
        svg.append("<text x=\"16\" y=\"").append(fmt(TOP + plotHeight / 2.0)).append("\" text-anchor=\"middle\" transform=\"rotate(-90 16 ")
                .append(fmt(TOP + plotHeight / 2.0)).append(")\">").append(Table.escape(yLabel)).append("</text>\n");

        int entry = 0;
        // Simulated series first, formulas over them: a dashed line stays visible on a solid one.
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < series.size(); k++) if (!series.get(k).formula()) order.add(k);
        for (int k = 0; k < series.size(); k++) if (series.get(k).formula()) order.add(k);
        for (int k : order) {
            Series s = series.get(k);
            String colour = COLOURS[k % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < s.xs().length; i++) {
                points.append(fmt(LEFT + x.fraction(s.xs()[i]) * plotWidth)).append(',')
                        .append(fmt(TOP + plotHeight - y.fraction(s.ys()[i]) * plotHeight)).append(' ');
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(colour)
                    .append(s.formula() ? "\" stroke-width=\"2.5\" stroke-dasharray=\"8 5\"" : "\" stroke-width=\"2\"")
                    .append(" points=\"").append(points.toString().strip()).append("\"/>\n");
            if (!s.formula() && s.xs().length <= 60) {
                for (int i = 0; i < s.xs().length; i++) {
                    marker(svg, k, LEFT + x.fraction(s.xs()[i]) * plotWidth, TOP + plotHeight - y.fraction(s.ys()[i]) * plotHeight, colour);
                }
            }
        }
        for (Reference r : references) {
            double py = TOP + plotHeight - y.fraction(r.y()) * plotHeight;
            line(svg, LEFT, py, LEFT + plotWidth, py, "#222", " stroke-width=\"1.5\" stroke-dasharray=\"3 3\"");
            text(svg, LEFT + plotWidth - 4, py - 4, "end", "fill=\"#222\"", r.label());
        }
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            String colour = COLOURS[k % COLOURS.length];
            double lx = LEFT + (entry % 2) * (plotWidth / 2.0), ly = legendTop + (entry / 2) * LEGEND_ROW;
            line(svg, lx, ly - 4, lx + 28, ly - 4, colour, s.formula() ? " stroke-width=\"2.5\" stroke-dasharray=\"8 5\"" : " stroke-width=\"2\"");
            if (!s.formula()) marker(svg, k, lx + 14, ly - 4, colour);
            text(svg, lx + 34, ly, "start", "", s.name() + (s.formula() ? " (formula)" : ""));
            entry++;
        }
        for (Reference r : references) {
            double lx = LEFT + (entry % 2) * (plotWidth / 2.0), ly = legendTop + (entry / 2) * LEGEND_ROW;
            line(svg, lx, ly - 4, lx + 28, ly - 4, "#222", " stroke-width=\"1.5\" stroke-dasharray=\"3 3\"");
            text(svg, lx + 34, ly, "start", "", r.label());
            entry++;
        }
        return svg.append("</svg>\n").toString();
    }

    /** A circle, square, triangle or diamond, by series number, so overlapping series stay apart. */
    private static void marker(StringBuilder svg, int k, double cx, double cy, String colour) {
        switch (k % 4) {
            case 0 -> svg.append("<circle cx=\"").append(fmt(cx)).append("\" cy=\"").append(fmt(cy)).append("\" r=\"3.5\" fill=\"").append(colour).append("\"/>\n");
            case 1 -> svg.append("<rect x=\"").append(fmt(cx - 3.5)).append("\" y=\"").append(fmt(cy - 3.5))
                    .append("\" width=\"7\" height=\"7\" fill=\"white\" stroke-width=\"1.5\" stroke=\"").append(colour).append("\"/>\n");
            case 2 -> svg.append("<polygon points=\"").append(fmt(cx)).append(',').append(fmt(cy - 4.5)).append(' ').append(fmt(cx + 4.5)).append(',')
                    .append(fmt(cy + 3.5)).append(' ').append(fmt(cx - 4.5)).append(',').append(fmt(cy + 3.5)).append("\" fill=\"").append(colour).append("\"/>\n");
            default -> svg.append("<polygon points=\"").append(fmt(cx)).append(',').append(fmt(cy - 4.5)).append(' ').append(fmt(cx + 4.5)).append(',')
                    .append(fmt(cy)).append(' ').append(fmt(cx)).append(',').append(fmt(cy + 4.5)).append(' ').append(fmt(cx - 4.5)).append(',')
                    .append(fmt(cy)).append("\" fill=\"white\" stroke-width=\"1.5\" stroke=\"").append(colour).append("\"/>\n");
        }
    }

    @Override
    public String toString() {
        return "Plot '" + title + "' (" + series.size() + " series)";
    }

    private static void line(StringBuilder svg, double x1, double y1, double x2, double y2, String colour, String extra) {
        svg.append("<line x1=\"").append(fmt(x1)).append("\" y1=\"").append(fmt(y1)).append("\" x2=\"").append(fmt(x2))
                .append("\" y2=\"").append(fmt(y2)).append("\" stroke=\"").append(colour).append('"').append(extra).append("/>\n");
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String extra, String content) {
        svg.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" text-anchor=\"").append(anchor)
                .append('"').append(extra.isEmpty() ? "" : " " + extra).append('>').append(Table.escape(content)).append("</text>\n");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * An axis range: the data's range with a margin (a fraction of the range) on each side, so
     * that no point or reference line lies on the frame, and tick marks at round numbers inside.
     */
    record Axis(double min, double max, double step) {
        static Axis fitting(double lo, double hi, double margin) {
            if (lo == hi) {
                double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
                lo -= pad;
                hi += pad;
            }
            double pad = (hi - lo) * margin;
            lo -= pad;
            hi += pad;
            double raw = (hi - lo) / 5;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = magnitude * (raw / magnitude <= 1 ? 1 : raw / magnitude <= 2 ? 2 : raw / magnitude <= 5 ? 5 : 10);
            return new Axis(lo, hi, step);
        }

        double fraction(double v) {
            return (v - min) / (max - min);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            for (double t = Math.ceil(min / step - 1e-9) * step; t <= max + step * 1e-9; t += step) {
                ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
            }
            return ticks;
        }

        String label(double v) {
            int decimals = (int) Math.max(0, -Math.floor(Math.log10(step)));
            return String.format(Locale.ROOT, "%." + decimals + "f", v);
        }
    }
}
