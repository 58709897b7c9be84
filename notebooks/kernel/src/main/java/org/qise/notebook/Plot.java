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
 * Plot.of("CHSH value", "angle", "S").series("quantum", xs, ys).reference(2, "classical bound")
 * }</pre>
 */
public final class Plot {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;
    private static final int LEFT = 64;
    private static final int RIGHT = 150;
    private static final int TOP = 40;
    private static final int BOTTOM = 48;
    private static final String[] COLOURS = {"#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#555555"};

    private record Series(String name, double[] xs, double[] ys) {}

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

    /** Adds a series of points joined by lines, in the order given. */
    public Plot series(String name, double[] xs, double[] ys) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("series '" + name + "' has " + xs.length + " x values but " + ys.length + " y values");
        }
        if (xs.length == 0) {
            throw new IllegalArgumentException("series '" + name + "' has no points");
        }
        series.add(new Series(name, xs.clone(), ys.clone()));
        return this;
    }

    /** Adds a series whose x values are 0, 1, 2 … (steps of an iteration). */
    public Plot series(String name, double[] ys) {
        double[] xs = new double[ys.length];
        for (int i = 0; i < xs.length; i++) xs[i] = i;
        return series(name, xs, ys);
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
        Axis x = Axis.covering(xMin, xMax);
        Axis y = Axis.covering(yMin, yMax);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;

        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(svg, WIDTH / 2.0 - RIGHT / 2.0, 22, "middle", "font-size=\"15\"", title);
        // grid and tick labels
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
        text(svg, LEFT + plotWidth / 2.0, HEIGHT - 10, "middle", "", xLabel);
        svg.append("<text x=\"16\" y=\"").append(fmt(TOP + plotHeight / 2.0)).append("\" text-anchor=\"middle\" transform=\"rotate(-90 16 ")
                .append(fmt(TOP + plotHeight / 2.0)).append(")\">").append(Table.escape(yLabel)).append("</text>\n");

        int legendY = TOP + 8;
        for (Reference r : references) {
            double py = TOP + plotHeight - y.fraction(r.y()) * plotHeight;
            line(svg, LEFT, py, LEFT + plotWidth, py, "#777", " stroke-dasharray=\"6 4\"");
            line(svg, LEFT + plotWidth + 10, legendY - 4, LEFT + plotWidth + 30, legendY - 4, "#777", " stroke-dasharray=\"6 4\"");
            text(svg, LEFT + plotWidth + 34, legendY, "start", "", r.label());
            legendY += 18;
        }
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            String colour = COLOURS[k % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < s.xs().length; i++) {
                points.append(fmt(LEFT + x.fraction(s.xs()[i]) * plotWidth)).append(',')
                        .append(fmt(TOP + plotHeight - y.fraction(s.ys()[i]) * plotHeight)).append(' ');
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"")
                    .append(points.toString().strip()).append("\"/>\n");
            if (s.xs().length <= 40) {
                for (int i = 0; i < s.xs().length; i++) {
                    svg.append("<circle cx=\"").append(fmt(LEFT + x.fraction(s.xs()[i]) * plotWidth)).append("\" cy=\"")
                            .append(fmt(TOP + plotHeight - y.fraction(s.ys()[i]) * plotHeight))
                            .append("\" r=\"3\" fill=\"").append(colour).append("\"/>\n");
                }
            }
            line(svg, LEFT + plotWidth + 10, legendY - 4, LEFT + plotWidth + 30, legendY - 4, colour, " stroke-width=\"2\"");
            text(svg, LEFT + plotWidth + 34, legendY, "start", "", s.name());
            legendY += 18;
        }
        return svg.append("</svg>\n").toString();
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

    /** An axis range widened to round numbers, with its tick marks. */
    private record Axis(double min, double max, double step) {
        static Axis covering(double lo, double hi) {
            if (lo == hi) {
                double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
                lo -= pad;
                hi += pad;
            }
            double raw = (hi - lo) / 5;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = magnitude * (raw / magnitude <= 1 ? 1 : raw / magnitude <= 2 ? 2 : raw / magnitude <= 5 ? 5 : 10);
            return new Axis(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step);
        }

        double fraction(double v) {
            return (v - min) / (max - min);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            for (double t = min; t <= max + step / 2; t += step) {
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
