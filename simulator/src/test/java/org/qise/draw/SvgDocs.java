package org.qise.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/** Parses SVG output with the JDK's XML parser and checks it is safe to inline in a page. */
final class SvgDocs {
    private SvgDocs() {}

    static final String SVG_NS = "http://www.w3.org/2000/svg";

    /** Parses the document (failing the test on malformed XML) and checks the safety rules. */
    static Document parseSafe(String svg) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + svg, e);
        }
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals(SVG_NS, root.getNamespaceURI());
        assertEquals(0, doc.getElementsByTagNameNS("*", "script").getLength(), "no script elements");
        assertEquals(0, doc.getElementsByTagNameNS("*", "style").getLength(), "no style sheet (it would restyle the host page)");
        assertEquals(0, doc.getElementsByTagNameNS("*", "foreignObject").getLength());
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            NamedNodeMap attrs = all.item(i).getAttributes();
            for (int a = 0; a < attrs.getLength(); a++) {
                String name = attrs.item(a).getNodeName().toLowerCase(Locale.ROOT);
                String value = attrs.item(a).getNodeValue();
                assertFalse(name.startsWith("on"), "event handler attribute " + name);
                assertFalse(name.endsWith("href"), "reference attribute " + name);
                assertFalse(name.equals("id"), "ids clash when two drawings share a page");
                assertFalse(value.contains("url("), "external or id reference in " + name);
            }
        }
        return doc;
    }

    /** Elements with the given tag whose class attribute is exactly {@code cls}. */
    static List<Element> byClass(Document doc, String tag, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagNameNS(SVG_NS, tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (cls.equals(e.getAttribute("class"))) out.add(e);
        }
        return out;
    }

    /** Text content of all {@code text} elements. */
    static List<String> texts(Document doc) {
        List<String> out = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagNameNS(SVG_NS, "text");
        for (int i = 0; i < nodes.getLength(); i++) out.add(nodes.item(i).getTextContent());
        return out;
    }

    static void assertHasText(Document doc, String expected) {
        assertTrue(texts(doc).contains(expected), "expected a text element '" + expected + "' among " + texts(doc));
    }
}
