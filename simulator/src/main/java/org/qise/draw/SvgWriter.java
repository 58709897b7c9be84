package org.qise.draw;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes SVG markup. Every attribute value and text goes through {@link #escape}, so names
 * typed by users (register names, series names, titles) cannot break out of the document.
 *
 * <p>The output is meant to be inlined in HTML as well as saved as a file: it has no scripts,
 * no external references, no ids (two drawings on one page must not clash) and no style
 * sheet (a {@code <style>} inside inline SVG would restyle the whole page), only presentation
 * attributes.
 */
final class SvgWriter {
    static final String FONT = "DejaVu Sans Mono, Menlo, Consolas, monospace";

    private final StringBuilder sb = new StringBuilder();

    SvgWriter(double width, double height, String title) {
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(num(width))
                .append("\" height=\"").append(num(height))
                .append("\" viewBox=\"0 0 ").append(num(width)).append(' ').append(num(height))
                .append("\" font-family=\"").append(escape(FONT)).append("\" role=\"img\">\n");
        sb.append("<title>").append(escape(title)).append("</title>\n");
        element("rect", "x", "0", "y", "0", "width", num(width), "height", num(height), "fill", "#ffffff");
    }

    /** An empty element; {@code attributes} alternate name and value. */
    SvgWriter element(String name, String... attributes) {
        open(name, attributes);
        sb.append("/>\n");
        return this;
    }

    /** An element holding text, e.g. {@code text} or {@code title}. */
    SvgWriter text(String name, String content, String... attributes) {
        open(name, attributes);
        sb.append('>').append(escape(content)).append("</").append(name).append(">\n");
        return this;
    }

    /** An element with a tooltip ({@code <title>} child), for bars. */
    SvgWriter withTooltip(String name, String tooltip, String... attributes) {
        open(name, attributes);
        sb.append("><title>").append(escape(tooltip)).append("</title></").append(name).append(">\n");
        return this;
    }

    void line(double x1, double y1, double x2, double y2, String stroke, double width, String... extra) {
        String[] base = {"x1", num(x1), "y1", num(y1), "x2", num(x2), "y2", num(y2), "stroke", stroke, "stroke-width", num(width)};
        element("line", concat(base, extra));
    }

    /** Text centred at (x, y) (y is the baseline's middle). */
    void label(double x, double y, String content, double size, String... extra) {
        String[] base = {"x", num(x), "y", num(y), "font-size", num(size), "text-anchor", "middle", "dominant-baseline", "central"};
        text("text", content, concat(base, extra));
    }

    private void open(String name, String... attributes) {
        if (attributes.length % 2 != 0) throw new IllegalArgumentException("attributes come in name/value pairs");
        // a later value for the same attribute replaces an earlier one (XML forbids repeats)
        Map<String, String> merged = new LinkedHashMap<>();
        for (int i = 0; i < attributes.length; i += 2) merged.put(attributes[i], attributes[i + 1]);
        sb.append('<').append(name);
        merged.forEach((k, v) -> sb.append(' ').append(k).append("=\"").append(escape(v)).append('"'));
    }

    String finish() {
        return sb.append("</svg>\n").toString();
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A coordinate with at most two decimals and no locale surprises. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.2f", v).replaceFirst("0$", "");
    }

    /**
     * XML escaping for text and attribute values. Characters XML 1.0 cannot carry at all
     * (most control characters, lone surrogates) are replaced by U+FFFD.
     */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || Character.isSurrogate(c)
                            || c == 0xFFFE || c == 0xFFFF) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Rough width of monospace text at a font size: about 0.6 em per character. */
    static double textWidth(String s, double fontSize) {
        return Labels.width(s) * fontSize * 0.6;
    }
}
