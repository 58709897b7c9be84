package org.qise.notebook;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress bar below the running cell that updates in place (Jupyter's
 * update_display_data), so a long computation never runs silently:
 *
 * <pre>{@code
 * try (ProgressBar bar = ProgressBar.start("trying bases", 20)) {
 *     for (...) { ...; bar.step(); }
 * }
 * }</pre>
 *
 * Updates are sent at most every {@link #MIN_INTERVAL_NANOS} ns, so a tight loop does not
 * flood the front end.
 */
public final class ProgressBar implements AutoCloseable {
    static final long MIN_INTERVAL_NANOS = 200_000_000L;
    private static final AtomicLong IDS = new AtomicLong();

    private final String label;
    private final long total;
    private final String displayId;
    private final long startNanos = System.nanoTime();
    private long done;
    private long lastSentNanos;

    private ProgressBar(String label, long total) {
        if (total <= 0) {
            throw new IllegalArgumentException("a progress bar needs a positive total, not " + total);
        }
        this.label = label;
        this.total = total;
        this.displayId = "qise-progress-" + ProcessHandle.current().pid() + "-" + IDS.incrementAndGet();
    }

    /** Shows a bar at 0 of {@code total}. */
    public static ProgressBar start(String label, long total) {
        ProgressBar bar = new ProgressBar(label, total);
        Display.display(bar.bundle(false), bar.displayId);
        bar.lastSentNanos = System.nanoTime();
        return bar;
    }

    /** One more step done. */
    public synchronized void step() {
        set(done + 1);
    }

    /** {@code done} of the total are done. */
    public synchronized void set(long done) {
        this.done = Math.min(done, total);
        long now = System.nanoTime();
        if (now - lastSentNanos >= MIN_INTERVAL_NANOS) {
            lastSentNanos = now;
            Display.update(displayId, bundle(false));
        }
    }

    /** Shows the final state with the time taken. */
    @Override
    public synchronized void close() {
        Display.update(displayId, bundle(true));
    }

    MimeBundle bundle(boolean finished) {
        double fraction = (double) done / total;
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String text = String.format(Locale.ROOT, "%s: %d of %d (%.0f%%), %.1f s%s", label, done, total,
                100 * fraction, seconds, finished ? ", finished" : "");
        String html = String.format(Locale.ROOT,
                "<div style=\"font-family:sans-serif\"><progress value=\"%d\" max=\"%d\" style=\"width:320px\"></progress> %s</div>",
                done, total, Table.escape(text));
        return MimeBundle.text(text).with(MimeBundle.HTML, html);
    }
}
