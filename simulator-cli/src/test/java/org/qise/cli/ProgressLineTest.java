package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line against a fake clock (no real time involved). */
class ProgressLineTest {

    @Test
    void quietAtFirstThenOneRewrittenLineThenCleared() {
        AtomicLong now = new AtomicLong(0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get);

        line.update(10, 100, "gates");
        assertEquals("", bytes.toString(StandardCharsets.UTF_8), "a quick run prints nothing");

        now.set(600_000_000L);
        line.update(50, 100, "gates");
        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(shown.startsWith("\r") && shown.contains("50.0%") && !shown.contains("\n"), shown);

        now.set(650_000_000L);
        line.update(60, 100, "gates");
        assertEquals(shown, bytes.toString(StandardCharsets.UTF_8), "no redraw within 0.1 s");

        now.set(800_000_000L);
        line.update(100, 100, "gates");
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("100.0%"));

        line.clear();
        String all = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(all.endsWith("\r") && all.substring(all.lastIndexOf("gates)") + 6).isBlank(), "cleared with spaces");
        assertTrue(!all.contains("\n"), "never a new line");
    }
}
