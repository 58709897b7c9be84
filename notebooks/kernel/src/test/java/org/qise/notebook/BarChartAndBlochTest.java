package org.qise.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Bar charts draw each value as a bar of proportional height from zero; Bloch spheres refuse impossible vectors. */
class BarChartAndBlochTest {
    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    @Test
    void barHeightsAreProportionalToTheValuesAndStartAtZero() throws Exception {
        Document svg = parse(BarChart.of("t", "x", "y").bars("p", new String[] {"a", "b", "c"}, new double[] {0.25, 0.5, 0.0}).svg());
        NodeList rects = svg.getElementsByTagName("rect");
        double[] heights = new double[3];
        double[] bottoms = new double[3];
        int found = 0;
        for (int i = 0; i < rects.getLength(); i++) {
            Element r = (Element) rects.item(i);
            if (r.getElementsByTagName("title").getLength() == 1) {
                heights[found] = Double.parseDouble(r.getAttribute("height"));
                bottoms[found] = Double.parseDouble(r.getAttribute("y")) + heights[found];
                found++;
            }
        }
        assertEquals(3, found);
        assertEquals(2 * heights[0], heights[1], 0.11);
        assertEquals(0, heights[2], 0.11);
        assertEquals(bottoms[0], bottoms[1], 0.11);
    }

    @ParameterizedTest(name = "{0} categories get {1} labels")
    @CsvSource({"8, 8", "16, 16", "32, 16", "256, 16", "100, 13"})
    void categoryLabelsAreThinnedToAtMostSixteen(int categories, int labels) throws Exception {
        Document svg = parse(BarChart.of("t", "x", "y").bars("p", new double[categories]).svg());
        NodeList texts = svg.getElementsByTagName("text");
        int numeric = 0;
        for (int i = 0; i < texts.getLength(); i++) {
            Element t = (Element) texts.item(i);
            // category labels sit below the bars, centred: the y-axis labels are end-anchored
            if ("middle".equals(t.getAttribute("text-anchor")) && t.getTextContent().matches("\\d+")) numeric++;
        }
        assertEquals(labels, numeric);
    }

    @Test
    void countsBecomeFrequenciesInKeyOrderAndMismatchedSeriesAreRefused() {
        BarChart chart = BarChart.of("t", "x", "y").frequencies("shots", Map.of("11", 30L, "00", 10L));
        assertTrue(chart.svg().contains("<title>00: 0.2500</title>") && chart.svg().contains("<title>11: 0.7500</title>"), chart.svg());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> chart.bars("other", new String[] {"00", "01"}, new double[] {1, 0}));
        assertEquals("bars 'other' name other categories than the series before them", e.getMessage());
    }

    @Test
    void aBlochVectorLongerThanOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlochSphere.of("t").vector("too long", 1, 1, 0));
        assertEquals("the Bloch vector of 'too long' has length 1.4142; a state's is at most 1", e.getMessage());
        assertTrue(BlochSphere.of("t").vector("|0>", 0, 0, 1).svg().contains("|0&gt;"));
    }
}
