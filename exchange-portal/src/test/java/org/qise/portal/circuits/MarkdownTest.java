package org.qise.portal.circuits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
            "[x](DATA:text/html,hi)",
            "[x](JaVaScRiPt:alert(1))",
            "[x](&#106;avascript:alert(1))",
            "<javascript:alert(1)>",
            "[x](vbscript:msgbox(1))",
            "[x]: data:text/html,hi\n\n[y][x]",
            "[x](file:///etc/passwd)"})
    void onlyHttpHttpsMailtoAndRelativeTargetsSurvive(String markdown) {
        String html = Markdown.toSafeHtml(markdown.replace("\\n", "\n")).toLowerCase(java.util.Locale.ROOT);
        for (String scheme : new String[]{"data:", "javascript:", "vbscript:", "file:"}) {
            assertFalse(html.contains("href=\"" + scheme) || html.contains("src=\"" + scheme), html);
        }
    }

    @ParameterizedTest(name = "{0} keeps its target")
    @ValueSource(strings = {"https://qise.org/a", "http://example.org", "mailto:fellow@example.org", "/circuits/3", "#runs"})
    void safeTargetsAreKept(String target) {
        assertTrue(Markdown.toSafeHtml("[x](" + target + ")").contains("href=\"" + target + "\""), target);
    }

    @Test
    void inlineAndDisplayMathBecomeMathMl() {
        String html = Markdown.toSafeHtml("The state $\\ket{\\psi}$ with $a*b*c$:\n\n$$\\frac{1}{\\sqrt{2}}$$");
        assertEquals("<p>The state " + TexMath.toMathMl("\\ket{\\psi}", false) + " with " + TexMath.toMathMl("a*b*c", false)
                + ":</p>\n<p>" + TexMath.toMathMl("\\frac{1}{\\sqrt{2}}", true) + "</p>\n", html);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiterString = " => ", quoteCharacter = '\'', value = {
            "costs $5 and $6 => <p>costs $5 and $6</p>",
            "a \\$x$ b => <p>a $x$ b</p>",
            "`$x$` => <p><code>$x$</code></p>",
            "$ x$ => <p>$ x$</p>",
            "```\\n$x$\\n``` => <pre><code>$x$\\n</code></pre>",
            "'    $x$' => <pre><code>$x$\\n</code></pre>",
            "[a](/b \"$t$\") => <p><a rel=\"nofollow ugc noopener\" href=\"/b\" title=\"$t$\">a</a></p>",
            "\uE000i0\uE001 => <p>\uFFFDi0\uFFFD</p>"})
    void dollarsOutsideFormulasStayAsWritten(String markdown, String expected) {
        assertEquals(expected.replace("\\n", "\n") + "\n", Markdown.toSafeHtml(markdown.replace("\\n", "\n")));
    }

    @Test
    void formulasCannotSmuggleMarkup() {
        String html = Markdown.toSafeHtml("$</math><script>alert(1)</script>$ and $$\\text{<img src=x onerror=alert(1)>}$$");
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
    }

    @Test
    void manyFormulasAndUnclosedDollarsStayCheap() {
        // Linear work: 20 000 formulas, and a line of 20 000 dollars that never close.
        String many = "$x$ ".repeat(20_000);
        assertEquals(20_000, Markdown.toSafeHtml(many).split("<math>", -1).length - 1);
        String unclosed = "$a ".repeat(20_000);
        assertEquals("<p>" + unclosed.strip() + "</p>\n", Markdown.toSafeHtml(unclosed));
    }
}
