package org.qise.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qise.notebook.DisplayWire;
import org.qise.notebook.MimeBundle;

class DisplayDemultiplexerTest {
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private final List<DisplayWire.Message> messages = new ArrayList<>();
    private final DisplayDemultiplexer demultiplexer = new DisplayDemultiplexer(text, messages::add);

    @Test
    void separatesDisplaysFromTextWhateverTheChunking() throws IOException {
        MimeBundle picture = MimeBundle.text("a circuit").with(MimeBundle.SVG, "<svg>ψ ⟩</svg>");
        byte[] stream = ("héllo\n" + DisplayWire.encode(DisplayWire.Kind.DISPLAY, picture) + "wörld "
                + DisplayWire.encode(DisplayWire.Kind.RESULT, MimeBundle.text("42")) + "end")
                .getBytes(StandardCharsets.UTF_8);
        for (int chunk : new int[] {1, 3, 7, stream.length}) {
            text.reset();
            messages.clear();
            for (int i = 0; i < stream.length; i += chunk) {
                demultiplexer.write(stream, i, Math.min(chunk, stream.length - i));
            }
            assertEquals("héllo\nwörld end", text.toString(StandardCharsets.UTF_8), "chunk " + chunk);
            assertEquals(List.of(new DisplayWire.Message(DisplayWire.Kind.DISPLAY, picture),
                    new DisplayWire.Message(DisplayWire.Kind.RESULT, MimeBundle.text("42"))), messages);
        }
    }

    @Test
    void aStrayMarkIsShownAsTextNotSwallowed() throws IOException {
        byte[] stray = (DisplayWire.MARK + "not a display\nnext").getBytes(StandardCharsets.UTF_8);
        demultiplexer.write(stray, 0, stray.length);
        assertEquals(DisplayWire.MARK + "not a display\nnext", text.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), messages);
    }
}
