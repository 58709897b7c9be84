package org.qise.draw;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts as terminal bars: one line per outcome, sorted by bitstring, with the count and its
 * share of all shots. Bars use full blocks and eighth blocks for the remainder.
 */
final class HistogramText {
    private HistogramText() {}

    static final int MAX_LINES = 32;
    private static final String EIGHTHS = "▏▎▍▌▋▊▉";

    static String render(Map<String, Long> counts, int width) {
        if (counts.isEmpty()) return "(no counts)\n";
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        List<Map.Entry<String, Long>> shown = new ArrayList<>(counts.entrySet());
        int omitted = 0;
        long omittedShots = 0;
        if (shown.size() > MAX_LINES) {
            shown = new ArrayList<>(MostFrequent.top(counts, MAX_LINES));
            omitted = counts.size() - MAX_LINES;
            omittedShots = total - shown.stream().mapToLong(Map.Entry::getValue).sum();
        }
        shown.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));

        long max = shown.stream().mapToLong(Map.Entry::getValue).max().orElse(1);
        int labelWidth = shown.stream().mapToInt(e -> Labels.width(e.getKey())).max().orElse(1);
        int countWidth = Long.toString(max).length();
        // "label │bar count  pct%"
        int barWidth = Math.max(10, width - labelWidth - 2 - 1 - countWidth - 8);

        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Long> e : shown) {
            long n = e.getValue();
            String bar = bar(n, max, barWidth);
            sb.append(e.getKey()).append(" ".repeat(labelWidth - Labels.width(e.getKey()))).append(" │")
                    .append(bar).append(" ".repeat(barWidth - Labels.width(bar))).append(' ')
                    .append(String.format(Locale.ROOT, "%" + countWidth + "d %6.2f%%", n, percent(n, total)))
                    .append('\n');
        }
        if (omitted > 0) {
            sb.append(String.format(Locale.ROOT, "… %d more outcome%s (%d shots, %.2f%%) not shown; the %d most frequent are listed\n",
                    omitted, omitted == 1 ? "" : "s", omittedShots, percent(omittedShots, total), MAX_LINES));
        }
        return sb.toString();
    }

    /** A bar of {@code n / max} of {@code width} cells, to an eighth of a cell; never empty for n > 0. */
    static String bar(long n, long max, int width) {
        long eighths = Math.round((double) n / max * width * 8);
        if (n > 0 && eighths == 0) eighths = 1;
        StringBuilder sb = new StringBuilder("█".repeat((int) (eighths / 8)));
        if (eighths % 8 != 0) sb.append(EIGHTHS.charAt((int) (eighths % 8) - 1));
        return sb.toString();
    }

    private static double percent(long n, long total) {
        return total == 0 ? 0 : 100.0 * n / total;
    }
}
