package org.qise.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.draw.SvgDocs.byClass;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qise.circuit.Circuit;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class CircuitDiagramSvgTest {

    @Test
    void oneBoxPerGateBoxAndADotPerControl() {
        // boxes: h, rx (cx, ccx have ⊕ targets, swap has crosses); controls: 1 (cx) + 2 (ccx) + 1 (crz)
        Circuit c = Circuit.builder(3, 3).h(0).cx(0, 1).rx(Math.PI / 2, 2).ccx(0, 1, 2).swap(1, 2)
                .crz(0.3, 2, 0).measureAll().build();
        Document doc = SvgDocs.parseSafe(CircuitDiagram.svg(c));
        assertEquals(3, byClass(doc, "rect", "gate").size(), "h, rx and the rz box of crz");
        assertEquals(4, byClass(doc, "circle", "control").size());
        assertEquals(2, byClass(doc, "circle", "target").size(), "⊕ of cx and ccx");
        assertEquals(2 * 2, byClass(doc, "line", "swap").size(), "two strokes per swap end");
        assertEquals(3, byClass(doc, "rect", "measure").size());
        assertEquals(3, byClass(doc, "polygon", "measure-arrow").size());
        assertEquals(2, byClass(doc, "line", "classical-wire").size(), "one register, drawn as a double line");
        assertEquals(3, byClass(doc, "line", "wire").size());
        SvgDocs.assertHasText(doc, "rx(π/2)");
        SvgDocs.assertHasText(doc, "rz(0.3)");
        SvgDocs.assertHasText(doc, "q[2]");
    }

    @Test
    void wireLabelsAndBoxesFollowQubitOrderTopToBottom() {
        Circuit c = Circuit.builder(3).h(2).x(0).build();
        Document doc = SvgDocs.parseSafe(CircuitDiagram.svg(c));
        List<Element> labels = byClass(doc, "text", "wire-label");
        assertEquals(List.of("q[0]", "q[1]", "q[2]"), labels.stream().map(Element::getTextContent).toList());
        double y0 = Double.parseDouble(labels.get(0).getAttribute("y")), y2 = Double.parseDouble(labels.get(2).getAttribute("y"));
        assertTrue(y0 < y2, "q[0] on top");
        List<Element> boxLabels = byClass(doc, "text", "gate-label");
        Element h = boxLabels.stream().filter(e -> e.getTextContent().equals("h")).findFirst().orElseThrow();
        assertEquals(y2, Double.parseDouble(h.getAttribute("y")), 1e-9, "h drawn on q[2]'s wire");
    }

    @Test
    void barriersAreDashedBandsAndConditionsAreLabelled() {
        Circuit c = Circuit.builder(2, 1).h(0).barrier().measure(0, 0).ifEquals("c", 1, b -> b.x(1)).build();
        Document doc = SvgDocs.parseSafe(CircuitDiagram.svg(c));
        List<Element> bands = byClass(doc, "rect", "barrier");
        assertEquals(1, bands.size(), "one band across the adjacent qubits 0 and 1");
        assertFalse(bands.get(0).getAttribute("stroke-dasharray").isEmpty());
        SvgDocs.assertHasText(doc, "c==1");
        assertEquals(2 + 2, byClass(doc, "line", "classical-link").size(), "measurement arrow and condition link, each a double line");
        assertEquals(1, byClass(doc, "circle", "condition").size());
    }

    @Test
    void registerNamesFromUsersAreEscaped() {
        String evil = "<script>alert('x')</script>";
        Circuit c = Circuit.builder().qreg(evil, 1).creg("a&b\"<", 1).h(0).measure(0, 0).build();
        String svg = CircuitDiagram.svg(c);
        assertFalse(svg.contains("<script"), svg);
        Document doc = SvgDocs.parseSafe(svg);
        SvgDocs.assertHasText(doc, evil + "[0]");
        SvgDocs.assertHasText(doc, "a&b\"<");
    }
}
