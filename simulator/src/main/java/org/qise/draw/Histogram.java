package org.qise.draw;

import java.util.Map;

/** Bar charts of measurement counts. (Stub: being written.) */
public final class Histogram {
    private Histogram() {}

    /** A self-contained SVG bar chart; bitstrings are c[n-1]…c[0] and the axis says so. */
    public static String svg(Map<String, Long> counts, String title) {
        throw new UnsupportedOperationException("not written yet");
    }

    /** A bar chart for a terminal, one line per outcome. */
    public static String text(Map<String, Long> counts, int width) {
        throw new UnsupportedOperationException("not written yet");
    }
}
