package org.qise.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderersTest {
    record Point(int x, int y) {}

    record Failing() {}

    @Test
    void tableHasTheUnionOfKeysAndEscapesValues() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("state", "|0>");
        first.put("p", 0.5);
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("state", "|1>");
        second.put("note", "a & b");
        Table table = Table.of(List.of(first, second));
        assertEquals("""
                <table>
                <thead><tr><th>state</th><th>p</th><th>note</th></tr></thead>
                <tbody>
                <tr><td>|0&gt;</td><td>0.5</td><td></td></tr>
                <tr><td>|1&gt;</td><td></td><td>a &amp; b</td></tr>
                </tbody>
                </table>""", table.html());
        assertEquals("""
                state  p    note
                |0>    0.5
                |1>         a & b""", table.text());
    }

    @Test
    void listsThatAreNotTablesStayText() {
        MimeBundle bundle = Renderers.render(List.of(1, 2, 3));
        assertEquals(Map.of(MimeBundle.TEXT, "[1, 2, 3]"), bundle.data());
    }

    @Test
    void newestRegistrationWinsAndArraysAreSpelledOut() {
        Renderers.register(Point.class, p -> MimeBundle.of(MimeBundle.HTML, "<i>" + p.x() + "," + p.y() + "</i>"));
        assertEquals("<i>1,2</i>", Renderers.render(new Point(1, 2)).get(MimeBundle.HTML));
        assertEquals("[[1, 2], [3]]", Renderers.render(new int[][] {{1, 2}, {3}}).get(MimeBundle.TEXT));
        assertEquals("null", Renderers.render(null).get(MimeBundle.TEXT));
    }

    @Test
    void aFailingRendererFallsBackToText() {
        Renderers.register(Failing.class, f -> {
            throw new IllegalStateException("broken drawer");
        });
        assertEquals(Map.of(MimeBundle.TEXT, "Failing[]"), Renderers.render(new Failing()).data());
    }

    @Test
    void wireRoundTripsAnyText() {
        MimeBundle bundle = MimeBundle.text("line 1\nline 2 = \u001E odd").with(MimeBundle.SVG, "<svg/>");
        String line = DisplayWire.encode(DisplayWire.Kind.DISPLAY, bundle);
        assertEquals(1, line.lines().count());
        assertEquals(new DisplayWire.Message(DisplayWire.Kind.DISPLAY, bundle), DisplayWire.decode(line.substring(1)));
        assertThrows(IllegalArgumentException.class, () -> DisplayWire.decode("NOPE text/plain=eA=="));
        assertThrows(IllegalArgumentException.class, () -> MimeBundle.of("text plain", "x"));
    }
}
