package org.qise.draw;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An SVG bar chart of outcome counts, one or several series (grouped bars with a legend).
 *
 * <p>At most {@link #MAX_BARS} outcomes get a bar of their own: when there are more, the most
 * frequent keep theirs and the rest are summed into one "other" bar, and a note says so.
 */
final class BarChartSvg {
    static final int MAX_BARS = 64;
    static final String OTHER = "other";
    private static final String[] PALETTE = {"#3b6bc4", "#e07b39", "#3a9a5b", "#b8475a", "#7c5cbf", "#8a6d3b", "#c25fa8", "#5b7d8a"};
    private static final double PLOT_HEIGHT = 260, LEFT = 78, RIGHT = 24, FONT = 12;

    private final String title;
    private final List<String> seriesNames;
    private final List<String> outcomes = new ArrayList<>();
    private final double[][] values; // [series][outcome]
    private final boolean fractions;
    private final String note;

    /**
     * @param seriesByName counts per outcome for each series, in legend order
     */
    BarChartSvg(Map<String, Map<String, Long>> seriesByName, String title) {
        this.title = title;
        this.seriesNames = new ArrayList<>(seriesByName.keySet());
        // Totals differ between runs with different shot counts; bars are then comparable only as fractions.
        long[] totals = seriesByName.values().stream()
                .mapToLong(m -> m.values().stream().mapToLong(Long::longValue).sum()).toArray();
        boolean sameTotals = java.util.Arrays.stream(totals).distinct().count() <= 1;
        this.fractions = !sameTotals;

        Map<String, Long> combined = new HashMap<>();
        seriesByName.values().forEach(m -> m.forEach((k, v) -> combined.merge(k, v, Long::sum)));
        List<String> kept = new ArrayList<>(combined.keySet());
        int foldedOutcomes = 0;
        long foldedCount = 0;
        if (kept.size() > MAX_BARS) {
            kept = new ArrayList<>(MostFrequent.top(combined, MAX_BARS - 1).stream().map(Map.Entry::getKey).toList());
            foldedOutcomes = combined.size() - kept.size();
            foldedCount = combined.values().stream().mapToLong(Long::longValue).sum();
            for (String k : kept) foldedCount -= combined.get(k);
        }
        kept.sort(null); // bars in bitstring order
        outcomes.addAll(kept);
        if (foldedOutcomes > 0) outcomes.add(OTHER);

        Map<String, Integer> barOf = new HashMap<>();
        for (int i = 0; i < kept.size(); i++) barOf.put(kept.get(i), i);
        values = new double[seriesNames.size()][outcomes.size()];
        int s = 0;
        for (Map<String, Long> counts : seriesByName.values()) {
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                // outcomes without a bar of their own were folded into "other", the last bar
                values[s][barOf.getOrDefault(e.getKey(), outcomes.size() - 1)] += e.getValue();
            }
            if (fractions && totals[s] > 0) for (int i = 0; i < outcomes.size(); i++) values[s][i] /= totals[s];
            s++;
        }

        boolean manyRegisters = combined.keySet().stream().anyMatch(k -> k.contains(" "));
        String order = "bitstring c[n−1]…c[0] (bit 0 rightmost" + (manyRegisters ? "; registers separated by spaces, last declared leftmost)" : ")");
        if (foldedOutcomes > 0) {
            order += String.format(Locale.ROOT, " — %d less frequent outcomes (%d counts) summed in “%s”", foldedOutcomes, foldedCount, OTHER);
        }
        this.note = order;
    }

    String render() {
        int k = seriesNames.size(), n = outcomes.size();
        double barWidth = k == 1 ? 28 : Math.max(6, 36.0 / k);
        double slot = k * barWidth + 8;
        if (k == 1 && n > 16) slot = Math.max(14, Math.min(36, 900.0 / n)); // many bars: narrower
        if (k == 1) barWidth = slot - 8;
        int longest = outcomes.stream().mapToInt(Labels::width).max().orElse(1);
        boolean rotate = n > 16 || SvgWriter.textWidth("x".repeat(longest), FONT) > slot - 2;
        double labelDepth = rotate ? SvgWriter.textWidth("x".repeat(longest), FONT) * 0.87 + 16 : 22;
        double legendWidth = k > 1 ? seriesNames.stream().mapToDouble(s -> SvgWriter.textWidth(s, FONT)).max().orElse(0) + 40 : 0;
        double plotWidth = Math.max(n * slot, 240);
        double width = Math.max(LEFT + plotWidth + RIGHT + legendWidth, SvgWriter.textWidth(note, FONT - 1) + 40);
        double top = 44, bottom = top + PLOT_HEIGHT;
        double height = bottom + labelDepth + 46;

        SvgWriter svg = new SvgWriter(width, height, title);
        svg.label(width / 2, 20, title, FONT + 3, "font-weight", "bold", "fill", "#111827", "class", "chart-title");

        double max = 0;
        for (double[] row : values) for (double v : row) max = Math.max(max, v);
        double step = niceStep(max <= 0 ? 1 : max / 5, fractions);
        double axisMax = Math.max(step, Math.ceil(max / step) * step);

        // grid, ticks and axes
        long ticks = Math.round(axisMax / step);
        for (long i = 0; i <= ticks; i++) {
            double t = i * step;
            double y = bottom - t / axisMax * PLOT_HEIGHT;
            svg.line(LEFT, y, LEFT + plotWidth, y, "#e5e7eb", 1, "class", "grid");
            svg.label(LEFT - 6, y, tick(t, fractions), FONT - 1, "text-anchor", "end", "fill", "#374151", "class", "tick");
        }
        svg.line(LEFT, top, LEFT, bottom, "#111827", 1, "class", "axis");
        svg.line(LEFT, bottom, LEFT + plotWidth, bottom, "#111827", 1, "class", "axis");
        String yTitle = fractions ? "fraction of shots" : "counts";
        svg.text("text", yTitle, "x", SvgWriter.num(18), "y", SvgWriter.num(top + PLOT_HEIGHT / 2), "font-size", SvgWriter.num(FONT),
                "text-anchor", "middle", "transform", "rotate(-90 18 " + SvgWriter.num(top + PLOT_HEIGHT / 2) + ")",
                "fill", "#111827", "class", "axis-title");

        double x0 = LEFT + (plotWidth - n * slot) / 2;
        for (int i = 0; i < n; i++) {
            double slotX = x0 + i * slot;
            for (int s = 0; s < k; s++) {
                double v = values[s][i];
                double h = axisMax == 0 ? 0 : v / axisMax * PLOT_HEIGHT;
                double x = slotX + 4 + s * barWidth;
                String value = fractions ? String.format(Locale.ROOT, "%.3f", v) : Long.toString(Math.round(v));
                String tip = outcomes.get(i) + (k > 1 ? " — " + seriesNames.get(s) : "") + ": " + value;
                svg.withTooltip("rect", tip, "x", SvgWriter.num(x), "y", SvgWriter.num(bottom - h), "width", SvgWriter.num(barWidth - (k > 1 ? 1 : 0)),
                        "height", SvgWriter.num(h), "fill", PALETTE[s % PALETTE.length], "class", "bar");
                if (SvgWriter.textWidth(value, FONT - 2) <= barWidth + 2) {
                    svg.label(x + barWidth / 2, bottom - h - 8, value, FONT - 2, "fill", "#111827", "class", "bar-count");
                } else if (v > 0) {
                    double cx = x + barWidth / 2, cy = bottom - h - 4;
                    svg.text("text", value, "x", SvgWriter.num(cx), "y", SvgWriter.num(cy), "font-size", SvgWriter.num(FONT - 3),
                            "text-anchor", "start", "dominant-baseline", "central",
                            "transform", "rotate(-90 " + SvgWriter.num(cx) + " " + SvgWriter.num(cy) + ")", "fill", "#111827", "class", "bar-count");
                }
            }
            double cx = slotX + slot / 2, ly = bottom + 12;
            if (rotate) {
                svg.text("text", outcomes.get(i), "x", SvgWriter.num(cx), "y", SvgWriter.num(ly), "font-size", SvgWriter.num(FONT),
                        "text-anchor", "end", "dominant-baseline", "central",
                        "transform", "rotate(-60 " + SvgWriter.num(cx) + " " + SvgWriter.num(ly) + ")", "fill", "#111827", "class", "bar-label");
            } else {
                svg.label(cx, ly, outcomes.get(i), FONT, "fill", "#111827", "class", "bar-label");
            }
        }
        svg.label(LEFT + plotWidth / 2, bottom + labelDepth + 22, note, FONT - 1, "fill", "#374151", "class", "axis-note");

        if (k > 1) {
            double lx = LEFT + plotWidth + 16;
            for (int s = 0; s < k; s++) {
                double ly = top + 8 + s * 20;
                svg.element("rect", "x", SvgWriter.num(lx), "y", SvgWriter.num(ly - 6), "width", "12", "height", "12",
                        "fill", PALETTE[s % PALETTE.length], "class", "legend-swatch");
                svg.text("text", seriesNames.get(s), "x", SvgWriter.num(lx + 18), "y", SvgWriter.num(ly), "font-size", SvgWriter.num(FONT),
                        "dominant-baseline", "central", "fill", "#111827", "class", "legend-label");
            }
        }
        return svg.finish();
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}; whole numbers for counts. */
    static double niceStep(double rough, boolean fractions) {
        double p = Math.pow(10, Math.floor(Math.log10(rough)));
        double step = rough <= p ? p : rough <= 2 * p ? 2 * p : rough <= 5 * p ? 5 * p : 10 * p;
        return fractions ? step : Math.max(1, Math.rint(step));
    }

    private static String tick(double t, boolean fractions) {
        if (t == 0) return "0";
        return fractions ? Labels.number(t) : Long.toString(Math.round(t));
    }

    static Map<String, Map<String, Long>> single(Map<String, Long> counts) {
        Map<String, Map<String, Long>> m = new LinkedHashMap<>();
        m.put("counts", counts);
        return m;
    }
}
