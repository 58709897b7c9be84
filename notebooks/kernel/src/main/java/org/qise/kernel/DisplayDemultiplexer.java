package org.qise.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.qise.notebook.DisplayWire;

/**
 * Receives the notebook VM's standard output: ordinary text passes straight through to
 * {@code text}; display lines (see {@link DisplayWire}) are taken out and handed to
 * {@code displays}. Text written before a display is flushed first so the order holds.
 *
 * <p>The mark byte cannot occur inside a multi-byte UTF-8 character, so the stream can be
 * split at any byte.
 */
final class DisplayDemultiplexer extends OutputStream {
    private final OutputStream text;
    private final Consumer<DisplayWire.Message> displays;
    private final ByteArrayOutputStream displayLine = new ByteArrayOutputStream();
    private boolean inDisplayLine;

    DisplayDemultiplexer(OutputStream text, Consumer<DisplayWire.Message> displays) {
        this.text = text;
        this.displays = displays;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        int textStart = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (inDisplayLine) {
                if (b == '\n') {
                    inDisplayLine = false;
                    deliver();
                    textStart = i + 1;
                } else {
                    displayLine.write(b);
                }
            } else if (b == DisplayWire.MARK) {
                text.write(bytes, textStart, i - textStart);
                text.flush();
                inDisplayLine = true;
            }
        }
        if (!inDisplayLine && textStart < end) {
            text.write(bytes, textStart, end - textStart);
        }
        text.flush();
    }

    @Override
    public synchronized void flush() throws IOException {
        text.flush();
    }

    private void deliver() throws IOException {
        String line = displayLine.toString(StandardCharsets.ISO_8859_1);
        displayLine.reset();
        DisplayWire.Message message;
        try {
            message = DisplayWire.decode(line);
        } catch (IllegalArgumentException e) {
            // Not ours after all (a program printed the mark character): show it as text.
            text.write(DisplayWire.MARK);
            text.write((line + "\n").getBytes(StandardCharsets.ISO_8859_1));
            return;
        }
        displays.accept(message);
    }
}
