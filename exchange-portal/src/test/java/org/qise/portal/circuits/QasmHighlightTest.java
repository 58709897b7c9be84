package org.qise.portal.circuits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QasmHighlightTest {
    /** Tokens written as kind:text joined by '|', plain tokens bare; the expectation is spelled out by hand. */
    private static String shape(String qasm) {
        return QasmHighlight.tokenize(qasm).stream()
                .map(t -> t.kind() == QasmHighlight.Kind.PLAIN ? t.text() : t.kind().name().toLowerCase() + ":" + t.text())
                .collect(Collectors.joining("|"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "OPENQASM 2.0; => keyword:OPENQASM| |number:2.0|;",
            "include \"qelib1.inc\"; => keyword:include| |string:\"qelib1.inc\"|;",
            "qreg q[2]; h q[0]; => keyword:qreg| |register:q|[|number:2|]; |gate:h| |register:q|[|number:0|];",
            "rz(pi/4) q[1]; => gate:rz|(|number:pi|/|number:4|) q[|number:1|];",
            "measure q[0] -> c[0]; => keyword:measure| q[|number:0|] |keyword:->| c[|number:0|];",
            "x q; // flip it => gate:x| q; |comment:// flip it",
            "/* two\\nlines */ u3(1e-3,0,.5) => comment:/* two\\nlines */| |gate:u3|(|number:1e-3|,|number:0|,|number:.5|)",
            "gate bell a, b { h a; cx a, b; } bell q[0], q[1]; => keyword:gate| |gate:bell| a, b { |gate:h| a; |gate:cx| a, b; } |gate:bell| q[|number:0|], q[|number:1|];",
            "qubit[3] qs; bit[3] out; => keyword:qubit|[|number:3|] |register:qs|; |keyword:bit|[|number:3|] |register:out|;",
            "ctrl @ x qs[0], qs[1]; => keyword:ctrl| @ |gate:x| qs[|number:0|], qs[|number:1|];",
            "delay[100ns] q; float θ = 2.5; => keyword:delay|[|number:100ns|] q; |keyword:float| θ = |number:2.5|;",
            "\"unclosed\\nx => string:\"unclosed|\\n|gate:x",
            "/* unclosed => comment:/* unclosed"})
    void tokensAreClassified(String qasm, String expected) {
        assertEquals(expected.replace("\\n", "\n"), shape(qasm.replace("\\n", "\n")));
    }

    @ParameterizedTest(name = "[{index}]")
    @ValueSource(strings = {"OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[2] q;\nh q[0];\n", "", "  \n\t", "$$ ¤ 𝔸 // ü\n/*", "1e", "1.2.3", "'a'"})
    void tokensJoinBackToTheInput(String qasm) {
        assertEquals(qasm, QasmHighlight.tokenize(qasm).stream().map(QasmHighlight.Token::text).collect(Collectors.joining()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"</pre><script>alert(1)</script>", "// </code></pre><script>x</script>",
            "\"</pre><img src=x onerror=alert(1)>\"", "qreg <b>[1]; & \"'"})
    void hostileTextStaysText(String qasm) {
        String html = QasmHighlight.toHtml(qasm);
        assertTrue(html.startsWith("<pre class=\"qasm\"><code>") && html.endsWith("</code></pre>"), html);
        String inner = html.substring("<pre class=\"qasm\"><code>".length(), html.length() - "</code></pre>".length());
        // Only our own spans remain as tags once they are taken out.
        String withoutSpans = inner.replaceAll("<span class=\"tok-[a-z]+\">", "").replace("</span>", "");
        assertFalse(withoutSpans.contains("<"), withoutSpans);
        assertFalse(withoutSpans.contains(">"), withoutSpans);
        assertFalse(withoutSpans.contains("\""), withoutSpans);
        String decoded = withoutSpans.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
        assertEquals(qasm, decoded);
    }

    @org.junit.jupiter.api.Test
    void htmlWrapsEachColouredTokenInItsClass() {
        assertEquals("<pre class=\"qasm\"><code><span class=\"tok-gate\">h</span> <span class=\"tok-reg\">q</span>;"
                        + " <span class=\"tok-com\">// a &lt;b&gt;</span>\n<span class=\"tok-kw\">qreg</span> "
                        + "<span class=\"tok-reg\">q</span>[<span class=\"tok-num\">1</span>];</code></pre>",
                QasmHighlight.toHtml("h q; // a <b>\nqreg q[1];"));
    }

    @org.junit.jupiter.api.Test
    void aVeryLongSourceIsShownEscapedButUncoloured() {
        String qasm = "h q[0]; // <x>\n".repeat(QasmHighlight.MAX_HIGHLIGHTED_CHARS / 10);
        String html = QasmHighlight.toHtml(qasm);
        assertFalse(html.contains("<span"), "no spans past the limit");
        assertEquals("<pre class=\"qasm\"><code>" + qasm.replace("<", "&lt;").replace(">", "&gt;") + "</code></pre>", html);
    }
}
