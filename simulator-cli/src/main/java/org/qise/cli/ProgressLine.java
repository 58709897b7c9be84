package org.qise.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.qise.sim.Progress;

/**
 * Shows a long run's progress as one line on a terminal's stderr, rewritten in place
 * ({@code \r}) and cleared at the end. It stays silent for the first half second, so quick
 * runs print nothing, and redraws at most ten times a second.
 */
final class ProgressLine implements Progress {
    private static final long QUIET_NANOS = 500_000_000L, REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final LongSupplier clock;
    private final long start;
    private long lastDraw;
    private int drawnWidth;

    ProgressLine(PrintStream err, LongSupplier clock) {
        this.err = err;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    @Override
    public synchronized void update(long done, long total, String what) {
        long now = clock.getAsLong();
        if (now - start < QUIET_NANOS || (drawnWidth > 0 && now - lastDraw < REDRAW_NANOS && done < total)) return;
        lastDraw = now;
        double pct = total <= 0 ? 100 : 100.0 * done / total;
        String line = String.format(Locale.ROOT, "simulating: %5.1f%% (%d/%d %s)", pct, done, total, what);
        err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        err.flush();
        drawnWidth = line.length();
    }

    /** Removes the line, leaving the cursor at the start of an empty line. */
    synchronized void clear() {
        if (drawnWidth == 0) return;
        err.print("\r" + " ".repeat(drawnWidth) + "\r");
        err.flush();
        drawnWidth = 0;
    }
}
