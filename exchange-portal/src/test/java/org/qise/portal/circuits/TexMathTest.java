package org.qise.portal.circuits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TexMathTest {
    /** The MathML inside the outer row, as the MathML Core elements a reader would write by hand. */
    private static String body(String tex) {
        String html = TexMath.toMathMl(tex, false);
        String head = "<math><semantics><mrow>";
        int tail = html.indexOf("</mrow><annotation");
        assertTrue(html.startsWith(head) && tail > 0, html);
        return html.substring(head.length(), tail);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "x => <mi>x</mi>",
            "12.5 => <mn>12.5</mn>",
            "a+b => <mi>a</mi><mo>+</mo><mi>b</mi>",
            "x^2 => <msup><mi>x</mi><mn>2</mn></msup>",
            "x_{ij} => <msub><mi>x</mi><mrow><mi>i</mi><mi>j</mi></mrow></msub>",
            "x_1^2 => <msubsup><mi>x</mi><mn>1</mn><mn>2</mn></msubsup>",
            "x^2_1 => <msubsup><mi>x</mi><mn>1</mn><mn>2</mn></msubsup>",
            "\\frac{1}{\\sqrt{2}} => <mfrac><mrow><mn>1</mn></mrow><mrow><msqrt><mrow><mn>2</mn></mrow></msqrt></mrow></mfrac>",
            "\\frac12 => <mfrac><mn>1</mn><mn>2</mn></mfrac>",
            "\\sqrt[3]{x} => <mroot><mrow><mi>x</mi></mrow><mrow><mn>3</mn></mrow></mroot>",
            "\\alpha\\Omega => <mi>α</mi><mi>Ω</mi>",
            "U^\\dagger => <msup><mi>U</mi><mo>†</mo></msup>",
            "H\\otimes I => <mi>H</mi><mo>⊗</mo><mi>I</mi>",
            "\\langle\\psi|\\phi\\rangle => <mo>⟨</mo><mi>ψ</mi><mo>|</mo><mi>ϕ</mi><mo>⟩</mo>",
            "\\ket{0} => <mrow><mo>|</mo><mrow><mn>0</mn></mrow><mo>⟩</mo></mrow>",
            "\\bra{+} => <mrow><mo>⟨</mo><mrow><mo>+</mo></mrow><mo>|</mo></mrow>",
            "e^{i\\pi} => <msup><mi>e</mi><mrow><mi>i</mi><mi>π</mi></mrow></msup>",
            "\\cos\\theta => <mi>cos</mi><mi>θ</mi>",
            "\\text{if } x => <mtext mathvariant=\"normal\">if </mtext><mi>x</mi>",
            "\\hat{H} => <mover accent=\"true\"><mrow><mi>H</mi></mrow><mo>^</mo></mover>",
            "a\\,b => <mi>a</mi><mspace width=\"0.1667em\"></mspace><mi>b</mi>",
            "\\left(x\\right) => <mo>(</mo><mi>x</mi><mo>)</mo>",
            "f' => <msup><mi>f</mi><mo>′</mo></msup>",
            "\\begin{pmatrix}1&0\\\\0&1\\end{pmatrix} => <mrow><mo>(</mo><mtable><mtr><mtd><mn>1</mn></mtd><mtd><mn>0</mn></mtd></mtr><mtr><mtd><mn>0</mn></mtd><mtd><mn>1</mn></mtd></mtr></mtable><mo>)</mo></mrow>",
            "\\unknown{x} => <mtext>\\unknown</mtext><mrow><mi>x</mi></mrow>",
            "\\begin{tikzpicture} => <mtext>\\begin</mtext><mrow><mi>t</mi><mi>i</mi><mi>k</mi><mi>z</mi><mi>p</mi><mi>i</mi><mi>c</mi><mi>t</mi><mi>u</mi><mi>r</mi><mi>e</mi></mrow>",
            "a<b => <mi>a</mi><mo>&lt;</mo><mi>b</mi>",
            "x} => <mi>x</mi><mo>}</mo>",
            "{x => <mrow><mi>x</mi></mrow>",
            "^2 => <mo>^</mo><mn>2</mn>",
            "x^23 => <msup><mi>x</mi><mn>2</mn></msup><mn>3</mn>"})
    void texBecomesMathMl(String tex, String expected) {
        assertEquals(expected, body(tex));
    }

    @Test
    void displayFormulasAreBlocksAndCarryTheirSource() {
        assertEquals("<math display=\"block\"><semantics><mrow><mi>x</mi></mrow>"
                + "<annotation encoding=\"application/x-tex\">x</annotation></semantics></math>", TexMath.toMathMl(" x ", true));
    }

    /** Every tag is one of MathML's, and no attribute but those this class writes. */
    private static final Pattern TAG = Pattern.compile("<(/?)([a-z]+)((?: [a-z]+=\"[^\"<>]*\")*)>");
    private static final java.util.Set<String> MATHML = java.util.Set.of("math", "semantics", "annotation", "mrow", "mi", "mn",
            "mo", "mtext", "msub", "msup", "msubsup", "mfrac", "msqrt", "mroot", "mover", "mspace", "mtable", "mtr", "mtd");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"</math><script>alert(1)</script>", "\\text{<img src=x onerror=alert(1)>}", "\\href{javascript:alert(1)}{x}",
            "\\mathrm{\"><script>}", "\\begin{pmatrix}<a>&\"\\end{pmatrix}", "\\sqrt[<b>]{'}", "{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{x",
            "\\left<\\right>", "\\", "\\frac", "x_", "\\begin{pmatrix}1&2\\\\"})
    void hostileInputYieldsOnlyMathMlElements(String tex) {
        String html = TexMath.toMathMl(tex, false);
        var m = TAG.matcher(html);
        int end = 0;
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            assertTrue(MATHML.contains(m.group(2)), m.group() + " in " + html);
            text.append(html, end, m.start());
            end = m.end();
        }
        text.append(html.substring(end));
        assertFalse(text.toString().contains("<") || text.toString().contains(">"), html);
        assertFalse(html.toLowerCase(java.util.Locale.ROOT).contains("<script"), html);
    }

    @Test
    void deepNestingIsCutShortAsText() {
        String deep = "{".repeat(10_000) + "x" + "}".repeat(10_000);
        String html = TexMath.toMathMl(deep.substring(0, 3_999), false);
        assertTrue(html.contains("<mtext>"), "nesting past the limit is shown as text");
    }
}
