package org.qise.portal.circuits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MarkdownTest {
    @Test
    void rendersMarkdown() {
        assertEquals("<p>A <em>Bell</em> pair with <code>cx</code></p>\n", Markdown.toSafeHtml("A *Bell* pair with `cx`"));
    }

    @Test
    void rawHtmlIsEscaped() {
        String html = Markdown.toSafeHtml("<script>alert(1)</script>\n\ninline <img src=x onerror=alert(1)>");
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
    }

    @Test
    void unsafeLinkSchemesAreDropped() {
        String html = Markdown.toSafeHtml("[click](javascript:alert(1)) and [ok](https://qise.org)");
        assertFalse(html.contains("javascript:"), html);
        assertTrue(html.contains("href=\"https://qise.org\""), html);
        assertTrue(html.contains("rel=\"nofollow ugc noopener\""), html);
    }
}
