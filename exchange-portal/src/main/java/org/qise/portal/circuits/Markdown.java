package org.qise.portal.circuits;

import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders circuit descriptions and comments. Raw HTML in the input is escaped, not passed
 * through, and link and image targets with any scheme but http, https and mailto (javascript:, data: …) are dropped, so the output is
 * safe to embed in a page. LaTeX math between {@code $…$} (inline) or {@code $$…$$} (display) is
 * drawn as MathML by {@link TexMath}; dollars in code spans and fenced code stay as written, and
 * {@code \$} is a plain dollar.
 */
public final class Markdown {
    private static final Parser PARSER = Parser.builder().build();
    /**
     * Link and image targets keep only these schemes (or none: a relative link). The library's
     * default list also lets data: through, which can carry a whole HTML page.
     */
    static final java.util.List<String> SAFE_SCHEMES = java.util.List.of("http", "https", "mailto");

    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true)
            .urlSanitizer(new org.commonmark.renderer.html.DefaultUrlSanitizer(SAFE_SCHEMES))
            // Links in user content get no search-engine credit and no handle on this page.
            .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                if (node instanceof Link) attributes.put("rel", "nofollow ugc noopener");
            })
            .build();

    private Markdown() {}

    public static String toSafeHtml(String markdown) {
        // Formulas are taken out before Markdown reads the text (its emphasis and backslash rules
        // would mangle "a*b*c" or "\\"), left as placeholders, and put back as MathML after.
        var formulas = new java.util.ArrayList<String>();
        String text = MathSpans.extract(markdown == null ? "" : markdown, formulas);
        String html = RENDERER.render(PARSER.parse(text));
        return formulas.isEmpty() ? html : MathSpans.restore(html, formulas);
    }
}
