package org.qise.portal.web;

/**
 * The one escaper for HTML and XML text the portal writes by hand, outside the jte templates
 * (which escape their own output): highlighted source, maths, an SVG placeholder, the HTML
 * description Zenodo is sent. All five markup characters are replaced, so the result is safe as
 * element text and inside a quoted attribute alike.
 */
public final class Html {
    private Html() {}

    /** The text with {@code & < > " '} replaced by their character references. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        escape(text, out);
        return out.toString();
    }

    /** Appends the escaped text to {@code out}, for renderers that build a page piece by piece. */
    public static void escape(CharSequence text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }
}
