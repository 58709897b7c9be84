package org.qise.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** A heat map draws one cell per grid point, coloured by value from the palette's ends, and refuses ragged grids. */
class HeatMapTest {
    @Test
    void eachGridPointIsOneCellAndTheExtremesGetThePalettesEnds() throws Exception {
        double[] xs = {0, 1, 2}, ys = {0, 1};
        double[][] v = {{1, 2, 3}, {4, 5, 6}};
        String svg = HeatMap.of("t", "x", "y").grid(xs, ys, v).mark("max", 2, 1).svg();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
        NodeList rects = doc.getElementsByTagName("rect");
        Map<String, String> fillByTitle = new HashMap<>();
        for (int i = 0; i < rects.getLength(); i++) {
            Element r = (Element) rects.item(i);
            if (r.getElementsByTagName("title").getLength() == 1) {
                fillByTitle.put(r.getElementsByTagName("title").item(0).getTextContent(), r.getAttribute("fill"));
            }
        }
        assertEquals(6, fillByTitle.size(), fillByTitle.toString());
        assertEquals(HeatMap.colour(0), fillByTitle.get(cell(0, 0, 1)));
        assertEquals(HeatMap.colour(1), fillByTitle.get(cell(2, 1, 6)));
        assertEquals(HeatMap.colour(0.6), fillByTitle.get(cell(0, 1, 4)), "4 lies at (4 − 1)/(6 − 1) of the range");
        assertNotEquals(HeatMap.colour(0), HeatMap.colour(1));
        assertEquals(1, doc.getElementsByTagName("circle").getLength() / 2, "one marker, drawn as two rings");
        assertTrue(svg.contains("max (2.000, 1.000)"), svg);
    }

    /** A cell's tooltip: its grid point and value. */
    private static String cell(double x, double y, double v) {
        return String.format(java.util.Locale.ROOT, "(%.4g, %.4g): %.6g", x, y, v);
    }

    @Test
    void aRaggedGridIsRefusedWithTheRowThatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HeatMap.of("t", "x", "y").grid(new double[] {0, 1}, new double[] {0, 1}, new double[][] {{1, 2}, {3}}));
        assertEquals("values row 1 has 1 entries but there are 2 x values", e.getMessage());
    }
}
