package org.qise.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.draw.SvgDocs.byClass;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class HistogramTest {

    private static Map<String, Long> counts(Object... pairs) {
        Map<String, Long> m = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], ((Number) pairs[i + 1]).longValue());
        return m;
    }

    /** 2^bits outcomes, outcome i counted i + 1 times. */
    private static Map<String, Long> ramp(int bits) {
        Map<String, Long> m = new TreeMap<>();
        for (int i = 0; i < 1 << bits; i++) {
            String s = String.format("%" + bits + "s", Integer.toBinaryString(i)).replace(' ', '0');
            m.put(s, i + 1L);
        }
        return m;
    }

    // ---- text ----

    @Test
    void textListsOutcomesByBitstringWithCountPercentageAndProportionalBars() {
        String t = Histogram.text(counts("11", 250, "00", 500, "01", 250), 60);
        List<String> lines = Arrays.asList(t.split("\n"));
        assertEquals(3, lines.size(), t);
        assertTrue(lines.get(0).startsWith("00 ") && lines.get(1).startsWith("01 ") && lines.get(2).startsWith("11 "), t);
        assertTrue(lines.get(0).contains("500") && lines.get(0).contains("50.00%"), t);
        assertTrue(lines.get(1).contains("250") && lines.get(1).contains("25.00%"), t);
        long full0 = lines.get(0).chars().filter(c -> c == '█').count();
        long full1 = lines.get(1).chars().filter(c -> c == '█').count();
        assertTrue(Math.abs(full0 - 2 * full1) <= 1, "bar of 500 twice that of 250: " + full0 + " vs " + full1);
        for (String l : lines) assertTrue(l.length() <= 60, "fits the width: " + l);
    }

    @Test
    void textShowsAPartialBlockForTinyCounts() {
        String t = Histogram.text(counts("0", 1000, "1", 1), 60);
        String one = t.lines().filter(l -> l.startsWith("1 ")).findFirst().orElseThrow();
        assertTrue(one.contains("▏"), "a non-zero count never gets an empty bar: " + one);
    }

    @Test
    void textKeepsTheMostFrequentWhenThereAreTooManyOutcomes() {
        Map<String, Long> c = ramp(6); // 64 outcomes, 000000 least frequent
        String t = Histogram.text(c, 80);
        List<String> lines = t.lines().toList();
        assertEquals(33, lines.size(), t);
        assertTrue(lines.getLast().contains("32 more outcomes"), lines.getLast());
        long omittedShots = 0;
        for (int i = 0; i < 32; i++) omittedShots += i + 1;
        assertTrue(lines.getLast().contains("(" + omittedShots + " shots"), lines.getLast());
        assertTrue(lines.get(0).startsWith("100000 "), "the 32 most frequent are 100000…111111, sorted: " + lines.get(0));
        assertTrue(t.lines().noneMatch(l -> l.startsWith("011111 ")));
    }

    // ---- svg ----

    @Test
    void svgHasOneBarPerOutcomeWithCountsAxisNoteAndEscapedTitle() {
        Map<String, Long> c = counts("00", 503, "11", 497, "01", 3);
        Document doc = SvgDocs.parseSafe(Histogram.svg(c, "Bell <run> & \"more\""));
        List<Element> bars = byClass(doc, "rect", "bar");
        assertEquals(3, bars.size());
        assertEquals(List.of("00", "01", "11"), byClass(doc, "text", "bar-label").stream().map(Element::getTextContent).toList());
        assertEquals(List.of("503", "3", "497"), byClass(doc, "text", "bar-count").stream().map(Element::getTextContent).toList());
        double h00 = Double.parseDouble(bars.get(0).getAttribute("height"));
        double h11 = Double.parseDouble(bars.get(2).getAttribute("height"));
        assertEquals(503.0 / 497.0, h00 / h11, 0.01, "bar heights proportional to counts");
        SvgDocs.assertHasText(doc, "Bell <run> & \"more\"");
        String note = byClass(doc, "text", "axis-note").getFirst().getTextContent();
        assertTrue(note.contains("c[n−1]…c[0]") && note.contains("bit 0 rightmost"), note);
        SvgDocs.assertHasText(doc, "counts");
    }

    @Test
    void svgFoldsOutcomesBeyondSixtyFourIntoOther() {
        Map<String, Long> c = ramp(7); // 128 outcomes
        Document doc = SvgDocs.parseSafe(Histogram.svg(c, "ramp"));
        assertEquals(64, byClass(doc, "rect", "bar").size());
        List<Element> labels = byClass(doc, "text", "bar-label");
        assertEquals("other", labels.getLast().getTextContent());
        // the 63 most frequent (counts 66..128) keep their bars; 65 outcomes with counts 1..65 are folded
        long folded = 65L * 66 / 2;
        assertEquals("other: " + folded, byClass(doc, "rect", "bar").getLast().getTextContent());
        assertTrue(labels.getFirst().getAttribute("transform").startsWith("rotate("), "many labels are rotated");
        String note = byClass(doc, "text", "axis-note").getFirst().getTextContent();
        assertTrue(note.contains("65 less frequent outcomes (" + folded + " counts)"), note);
    }

    @Test
    void svgNamesTheRegisterLayoutWhenBitstringsHaveSeveralRegisters() {
        Document doc = SvgDocs.parseSafe(Histogram.svg(counts("1 0", 5, "0 1", 5), "two registers"));
        String note = byClass(doc, "text", "axis-note").getFirst().getTextContent();
        assertTrue(note.contains("last declared leftmost"), note);
    }

    @Test
    void compareDrawsGroupedBarsWithAnEscapedLegend() {
        Map<String, Map<String, Long>> series = new LinkedHashMap<>();
        series.put("seed 1", counts("00", 510, "11", 490));
        series.put("<noisy & co>", counts("00", 450, "11", 450, "01", 100));
        Document doc = SvgDocs.parseSafe(Histogram.svgCompare(series, "runs"));
        assertEquals(2 * 3, byClass(doc, "rect", "bar").size(), "one bar per series per outcome");
        assertEquals(List.of("seed 1", "<noisy & co>"),
                byClass(doc, "text", "legend-label").stream().map(Element::getTextContent).toList());
        assertEquals(2, byClass(doc, "rect", "legend-swatch").size());
        List<String> fills = byClass(doc, "rect", "bar").stream().map(e -> e.getAttribute("fill")).distinct().toList();
        assertEquals(2, fills.size(), "a colour per series");
        SvgDocs.assertHasText(doc, "counts");
    }

    @Test
    void compareUsesFractionsWhenShotTotalsDiffer() {
        Map<String, Map<String, Long>> series = new LinkedHashMap<>();
        series.put("1000 shots", counts("0", 500, "1", 500));
        series.put("4000 shots", counts("0", 1000, "1", 3000));
        Document doc = SvgDocs.parseSafe(Histogram.svgCompare(series, "runs"));
        SvgDocs.assertHasText(doc, "fraction of shots");
        List<Element> bars = byClass(doc, "rect", "bar");
        // order: outcome 0 (series 1, series 2), outcome 1 (series 1, series 2): 0.5, 0.25, 0.5, 0.75
        double h0 = Double.parseDouble(bars.get(0).getAttribute("height"));
        assertEquals(0.5, Double.parseDouble(bars.get(1).getAttribute("height")) / h0, 1e-6);
        assertEquals(1.5, Double.parseDouble(bars.get(3).getAttribute("height")) / h0, 1e-6);
    }
}
