package org.qise.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

class PlotTest {
    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    @Test
    void pointsLandWhereTheirValuesSayAndTextIsEscaped() throws Exception {
        Plot plot = Plot.of("S < 2√2 & more", "angle", "S")
                .series("line", new double[] {0, 1, 2}, new double[] {0, 5, 10})
                .reference(5, "middle");
        Document svg = parse(plot.svg()); // well-formed XML, so the markup is escaped
        assertEquals("svg", svg.getDocumentElement().getTagName());
        Element polyline = (Element) svg.getElementsByTagName("polyline").item(0);
        Matcher m = Pattern.compile("([0-9.]+),([0-9.]+)").matcher(polyline.getAttribute("points"));
        double[][] p = new double[3][2];
        for (int i = 0; i < 3; i++) {
            assertTrue(m.find());
            p[i][0] = Double.parseDouble(m.group(1));
            p[i][1] = Double.parseDouble(m.group(2));
        }
        // equally spaced in x, a straight line, rising upwards on screen
        assertEquals(p[1][0] - p[0][0], p[2][0] - p[1][0], 0.11);
        assertEquals(p[1][1] - p[0][1], p[2][1] - p[1][1], 0.11);
        assertTrue(p[2][1] < p[0][1]);
        // the dashed reference line at y = 5 is level with the middle point
        org.w3c.dom.NodeList lines = svg.getElementsByTagName("line");
        Element reference = null;
        for (int i = 0; i < lines.getLength() && reference == null; i++) {
            Element line = (Element) lines.item(i);
            if (line.hasAttribute("stroke-dasharray")) reference = line;
        }
        assertTrue(reference != null, "no dashed reference line");
        assertEquals(p[1][1], Double.parseDouble(reference.getAttribute("y1")), 0.11);
        assertTrue(plot.svg().contains("S &lt; 2√2 &amp; more"));
    }

    @Test
    void badSeriesAreRefusedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plot.of("t", "x", "y").series("energies", new double[] {1, 2}, new double[] {1}));
        assertEquals("series 'energies' has 2 x values but 1 y values", e.getMessage());
        assertThrows(IllegalStateException.class, () -> Plot.of("t", "x", "y").svg());
    }

    @Test
    void renderedAsSvgInNotebooks() {
        MimeBundle bundle = Renderers.render(Plot.of("t", "x", "y").series("s", new double[] {1, 2, 3}));
        assertTrue(bundle.get(MimeBundle.SVG).startsWith("<svg"));
    }
}
