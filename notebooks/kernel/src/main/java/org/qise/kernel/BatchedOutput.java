package org.qise.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Collects a cell's printed text and passes it on in batches, at most one every
 * {@link #FLUSH_MILLIS} ms, and at most {@code capBytes} per cell.
 *
 * <p>Why: the notebook VM's output arrives a line or so at a time, and each flush becomes one
 * Jupyter message. A Jupyter server drops a kernel's messages once they exceed 1,000 a second
 * (its default {@code iopub_msg_rate_limit}), so a 5,000-line loop lost lines in the browser.
 * Batching makes the same loop a few dozen messages. The cap keeps a runaway loop from
 * flooding the notebook file (and the server's byte-rate limit); what is cut is counted and a
 * note at the end of the cell says how much.
 *
 * <p>{@link #flush()} from the writers only asks for a batch soon; {@link #flushNow()} sends at
 * once (before a picture, so text and pictures keep their order, and at the end of a cell,
 * while Jupyter still routes output to it).
 */
final class BatchedOutput extends OutputStream {
    /**
     * How long text may wait before it is sent: 75 ms, or $QISE_OUTPUT_FLUSH_MILLIS (0 sends
     * every write at once, as the kernel did before batching; for comparisons).
     */
    static final long FLUSH_MILLIS = flushMillis();

    private static long flushMillis() {
        try {
            return Math.max(0, Long.parseLong(System.getenv().getOrDefault("QISE_OUTPUT_FLUSH_MILLIS", "75").strip()));
        } catch (NumberFormatException e) {
            return 75;
        }
    }
    /** The default most bytes of text one cell shows. */
    static final long DEFAULT_CAP_BYTES = 1_000_000;

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "qise-output-batcher");
        t.setDaemon(true);
        return t;
    });

    private final OutputStream target;
    private final long capBytes;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean flushScheduled;
    private long cellBytes;
    private long cutBytes;
    private long cutLines;
    private boolean cutMidLine;

    BatchedOutput(OutputStream target, long capBytes) {
        this.target = target;
        this.capBytes = capBytes;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        int kept = (int) Math.max(0, Math.min(length, capBytes - cellBytes));
        if (kept < length) {
            // Never split a UTF-8 character: back off to the start of the one at the boundary.
            while (kept > 0 && (bytes[offset + kept] & 0xC0) == 0x80) {
                kept--;
            }
            countCut(bytes, offset + kept, length - kept);
        }
        if (kept > 0) {
            pending.write(bytes, offset, kept);
            cellBytes += kept;
            if (FLUSH_MILLIS == 0) {
                flushQuietly();
            } else if (!flushScheduled) {
                flushScheduled = true;
                TIMER.schedule(this::flushQuietly, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void countCut(byte[] bytes, int offset, int length) {
        if (cutBytes == 0 && length > 0) {
            cutMidLine = offset > 0 && bytes[offset - 1] != '\n';
        }
        cutBytes += length;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') cutLines++;
        }
    }

    /** Asks for the pending text to be sent soon; the timer does it. */
    @Override
    public void flush() {
    }

    /** Sends the pending text now. */
    synchronized void flushNow() throws IOException {
        flushScheduled = false;
        if (pending.size() > 0) {
            target.write(pending.toByteArray());
            pending.reset();
        }
        target.flush();
    }

    private void flushQuietly() {
        try {
            flushNow();
        } catch (IOException | RuntimeException e) {
            // the front end went away; the text has nowhere to go
        }
    }

    /** A new cell starts: it may show {@code capBytes} again. */
    synchronized void startCell() {
        cellBytes = 0;
        cutBytes = 0;
        cutLines = 0;
        cutMidLine = false;
    }

    /** The cell ended: sends what is pending and, if text was cut, a note saying how much. */
    synchronized void endCell() throws IOException {
        if (cutBytes > 0) {
            pending.writeBytes(cutNote().getBytes(StandardCharsets.UTF_8));
        }
        flushNow();
    }

    /** The note that ends a cell whose output was cut. */
    synchronized String cutNote() {
        return (cutMidLine ? "\n" : "") + String.format(Locale.ROOT,
                "[output cut: %,d more bytes (%,d lines) were not shown; a cell shows at most %,d bytes."
                        + " Write long output to a file instead.]%n", cutBytes, cutLines, capBytes);
    }
}
