package org.qise.draw;

import java.util.Map;

/**
 * Bar charts of measurement counts. Bitstrings are read c[n-1]…c[0] (bit 0 rightmost), with
 * classical registers separated by spaces, last declared leftmost; the SVG axis says so.
 */
public final class Histogram {
    private Histogram() {}

    /**
     * A self-contained SVG bar chart (no scripts, text escaped): a bar per outcome sorted by
     * bitstring with its count on top; beyond 64 outcomes the least frequent are summed into
     * one "other" bar.
     */
    public static String svg(Map<String, Long> counts, String title) {
        return new BarChartSvg(BarChartSvg.single(counts), title).render();
    }

    /**
     * Several count sets on one chart (e.g. runs of one circuit with different seeds or
     * engines): grouped bars per outcome, one colour per series, with a legend in the map's
     * iteration order. When the series have different totals the bars show fractions of shots.
     */
    public static String svgCompare(Map<String, Map<String, Long>> seriesByName, String title) {
        if (seriesByName.isEmpty()) throw new IllegalArgumentException("no series to compare");
        return new BarChartSvg(seriesByName, title).render();
    }

    /**
     * A bar chart for a terminal, one line per outcome sorted by bitstring, with count and
     * percentage, fitted to {@code width} characters; beyond 32 outcomes only the most frequent
     * are listed and a last line says how many are left out.
     */
    public static String text(Map<String, Long> counts, int width) {
        return HistogramText.render(counts, width);
    }
}
