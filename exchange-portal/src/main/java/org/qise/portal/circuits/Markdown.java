package org.qise.portal.circuits;

import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders circuit descriptions and comments. Raw HTML in the input is escaped, not passed
 * through, and link targets with unsafe schemes (javascript: …) are dropped, so the output is
 * safe to embed in a page.
 */
public final class Markdown {
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true)
            // Links in user content get no search-engine credit and no handle on this page.
            .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                if (node instanceof Link) attributes.put("rel", "nofollow ugc noopener");
            })
            .build();

    private Markdown() {}

    public static String toSafeHtml(String markdown) {
        return RENDERER.render(PARSER.parse(markdown == null ? "" : markdown));
    }
}
