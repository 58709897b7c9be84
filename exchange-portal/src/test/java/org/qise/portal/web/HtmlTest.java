package org.qise.portal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The portal's one hand-called escaper: the five markup characters become references, nothing else changes. */
class HtmlTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            plain text                 | plain text
            a & b                      | a &amp; b
            <script>alert(1)</script>  | &lt;script&gt;alert(1)&lt;/script&gt;
            say "hi"                   | say &quot;hi&quot;
            it's                       | it&#39;s
            &amp; already              | &amp;amp; already
            ``                         | ``
            Müller ψ → ⟨0⟩             | Müller ψ → ⟨0⟩
            """)
    void replacesTheFiveMarkupCharactersAndKeepsTheRest(String text, String escaped) {
        assertEquals(escaped, Html.escape(text));
        StringBuilder out = new StringBuilder("<p>");
        Html.escape(text, out);
        assertEquals("<p>" + escaped, out.toString(), "appended to what is already there");
    }
}
