package org.qise.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qise.notebook.MimeBundle;

/**
 * What a cell sends to the front end stays within what a Jupyter server passes on: printed text
 * in batches rather than one message per line, at most a megabyte of it per cell, and large
 * values abbreviated.
 */
class CellOutputLimitsTest {
    /** Counts the flushes that reach the front end: each one becomes a Jupyter stream message. */
    private static final class CountingStream extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AtomicInteger messages = new AtomicInteger();
        private boolean dirty;

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            dirty = true;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            dirty = len > 0 || dirty;
        }

        @Override
        public synchronized void flush() {
            if (dirty) messages.incrementAndGet();
            dirty = false;
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        synchronized void reset() {
            bytes.reset();
            messages.set(0);
        }
    }

    private static final CountingStream OUT = new CountingStream();
    private static final CountingStream ERR = new CountingStream();
    private static final List<MimeBundle> DISPLAYS = new CopyOnWriteArrayList<>();
    private static EvaluationEngine engine;
    private static int cellNumber;
    private static volatile String textWhenLastPictureCame;
    private static volatile String shownId;
    private static final List<String> UPDATES = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startNotebookVm() {
        engine = new EvaluationEngine(EvaluationEngine.currentClasspath(), OUT, ERR,
                InputStream.nullInputStream(), new DisplaySink() {
                    @Override
                    public void show(MimeBundle bundle, String displayId) {
                        textWhenLastPictureCame = OUT.text();
                        DISPLAYS.add(bundle);
                        if (displayId != null) shownId = displayId;
                    }

                    @Override
                    public void update(String displayId, MimeBundle bundle) {
                        UPDATES.add(displayId + " " + bundle.get(MimeBundle.TEXT));
                    }
                });
    }

    @AfterAll
    static void stopNotebookVm() {
        engine.close();
    }

    @BeforeEach
    void clearOutputs() {
        OUT.reset();
        ERR.reset();
        DISPLAYS.clear();
    }

    @Test
    void aFiveThousandLinePrintLoopArrivesWholeInAFewMessages() throws Exception {
        engine.execute("for (int i = 0; i < 5000; i++) System.out.println(\"line \" + i);", ++cellNumber);
        String[] lines = OUT.text().split("\n");
        assertEquals(5000, lines.length);
        for (int i = 0; i < lines.length; i++) {
            assertEquals("line " + i, lines[i]);
        }
        // One message per line was the old behaviour; batches every 75 ms make a handful.
        assertTrue(OUT.messages.get() < 200, OUT.messages.get() + " stream messages for 5,000 lines");
    }

    @Test
    void aCellPrintingMoreThanTheCapShowsTheCapAndSaysHowMuchWasCut() throws Exception {
        // 3,000,000 bytes: 100,000 lines of 29 characters and a newline.
        engine.execute("String row = \"x\".repeat(29);\nfor (int i = 0; i < 100_000; i++) System.out.println(row);", ++cellNumber);
        String text = OUT.text();
        // The cap falls inside a line, so the note starts on a line of its own.
        int noteStart = text.lastIndexOf("\n[output cut");
        assertEquals(BatchedOutput.DEFAULT_CAP_BYTES, noteStart);
        String note = text.substring(noteStart + 1);
        assertTrue(note.startsWith("[output cut: 2,000,000 more bytes (66,667 lines) were not shown"), note);
    }

    @Test
    void theNextCellMayPrintAgainAfterACut() throws Exception {
        engine.execute("for (int i = 0; i < 40_000; i++) System.out.println(\"y\".repeat(40));", ++cellNumber);
        OUT.reset();
        engine.execute("System.out.println(\"still here\");", ++cellNumber);
        assertEquals("still here\n", OUT.text());
    }

    @Test
    void textPrintedBeforeAPictureArrivesBeforeIt() throws Exception {
        engine.execute("System.out.println(\"before\");\ndisplay(html(\"<b>picture</b>\"));", ++cellNumber);
        assertEquals(1, DISPLAYS.size());
        assertEquals("before\n", textWhenLastPictureCame);
    }

    @Test
    void timeReportsTheWallTimeAfterTheCellsOutput() throws Exception {
        engine.execute("%time\nThread.sleep(300);\nSystem.out.println(\"slept\");", ++cellNumber);
        String[] lines = OUT.text().split("\n");
        assertEquals("slept", lines[0]);
        double seconds = Double.parseDouble(lines[1].replace("Wall time: ", "").replace(" s", ""));
        assertTrue(seconds >= 0.3, lines[1]);
    }

    @Test
    void aProgressBarIsOneDisplayUpdatedInPlace() throws Exception {
        UPDATES.clear();
        engine.execute("""
                try (ProgressBar bar = ProgressBar.start("counting", 3)) {
                    for (int i = 0; i < 3; i++) { Thread.sleep(250); bar.step(); }
                }""", ++cellNumber);
        assertEquals(1, DISPLAYS.size(), DISPLAYS + " / " + UPDATES);
        assertTrue(DISPLAYS.getFirst().get(MimeBundle.TEXT).startsWith("counting: 0 of 3 (0%)"));
        assertTrue(UPDATES.size() >= 2, UPDATES.toString());
        String last = UPDATES.getLast();
        assertTrue(last.startsWith(shownId + " counting: 3 of 3 (100%)") && last.endsWith(", finished"), last);
    }

    @Test
    void aTwentyFourQubitStateVectorAsACellValueIsUnderAHundredKilobytes() throws Exception {
        engine.execute("""
                CircuitBuilder b = Circuit.builder(24, 0);
                for (int q = 0; q < 24; q++) b.h(q);
                Result big = Simulator.builder().build().run(b.build());""", ++cellNumber);
        MimeBundle value = engine.execute("big.statevector()", ++cellNumber).orElseThrow();
        int size = value.data().values().stream().mapToInt(String::length).sum() + OUT.text().length() + ERR.text().length();
        assertTrue(size < 100_000, size + " characters of output");
        String text = value.get(MimeBundle.TEXT);
        assertTrue(text.startsWith("double[33,554,432], first 16 shown: [2.44140625"), text);
        engine.execute("big.close();", ++cellNumber);
    }
}
