package org.qise.portal.circuits;

import java.util.Map;
import org.qise.portal.web.Html;

/**
 * A small subset of LaTeX math turned into MathML on the server, so formulas in descriptions and
 * comments show without any script (browsers draw MathML Core themselves). Covered: letters,
 * numbers and operators; {@code ^} and {@code _}; groups; {@code \frac}, {@code \sqrt} (with an
 * index); Greek letters; common operators and relations; {@code \langle}, {@code \rangle},
 * {@code \ket}, {@code \bra}, {@code \braket}; accents; {@code \text}, {@code \mathrm},
 * {@code \mathbf}; {@code \left}/{@code \right}; and matrix environments.
 *
 * <p>Safety comes from construction: the output is built only from the element names in this
 * class, and every piece of the input is written as escaped text. An unknown command is shown
 * as its own text in {@code <mtext>}; nothing the author writes can become markup.
 */
public final class TexMath {
    /** Nesting deeper than this is shown as text (keeps recursion bounded on hostile input). */
    static final int MAX_DEPTH = 40;
    /** Longer formulas are shown as text. */
    static final int MAX_LENGTH = 4000;

    /** Commands that stand for a single identifier (letters: italic by MathML's default). */
    private static final Map<String, String> IDENTIFIERS = Map.ofEntries(
            Map.entry("alpha", "α"), Map.entry("beta", "β"), Map.entry("gamma", "γ"), Map.entry("delta", "δ"),
            Map.entry("epsilon", "ϵ"), Map.entry("varepsilon", "ε"), Map.entry("zeta", "ζ"), Map.entry("eta", "η"),
            Map.entry("theta", "θ"), Map.entry("vartheta", "ϑ"), Map.entry("iota", "ι"), Map.entry("kappa", "κ"),
            Map.entry("lambda", "λ"), Map.entry("mu", "μ"), Map.entry("nu", "ν"), Map.entry("xi", "ξ"),
            Map.entry("pi", "π"), Map.entry("varpi", "ϖ"), Map.entry("rho", "ρ"), Map.entry("sigma", "σ"),
            Map.entry("tau", "τ"), Map.entry("upsilon", "υ"), Map.entry("phi", "ϕ"), Map.entry("varphi", "φ"),
            Map.entry("chi", "χ"), Map.entry("psi", "ψ"), Map.entry("omega", "ω"),
            Map.entry("Gamma", "Γ"), Map.entry("Delta", "Δ"), Map.entry("Theta", "Θ"), Map.entry("Lambda", "Λ"),
            Map.entry("Xi", "Ξ"), Map.entry("Pi", "Π"), Map.entry("Sigma", "Σ"), Map.entry("Upsilon", "Υ"),
            Map.entry("Phi", "Φ"), Map.entry("Psi", "Ψ"), Map.entry("Omega", "Ω"),
            Map.entry("hbar", "ℏ"), Map.entry("ell", "ℓ"), Map.entry("infty", "∞"), Map.entry("partial", "∂"),
            Map.entry("nabla", "∇"), Map.entry("emptyset", "∅"));

    /** Commands that stand for an operator, relation or fence. */
    private static final Map<String, String> OPERATORS = Map.ofEntries(
            Map.entry("otimes", "⊗"), Map.entry("oplus", "⊕"), Map.entry("dagger", "†"), Map.entry("times", "×"),
            Map.entry("cdot", "⋅"), Map.entry("pm", "±"), Map.entry("mp", "∓"), Map.entry("div", "÷"),
            Map.entry("leq", "≤"), Map.entry("le", "≤"), Map.entry("geq", "≥"), Map.entry("ge", "≥"),
            Map.entry("neq", "≠"), Map.entry("ne", "≠"), Map.entry("approx", "≈"), Map.entry("equiv", "≡"),
            Map.entry("sim", "∼"), Map.entry("propto", "∝"), Map.entry("to", "→"), Map.entry("rightarrow", "→"),
            Map.entry("leftarrow", "←"), Map.entry("Rightarrow", "⇒"), Map.entry("Leftrightarrow", "⇔"),
            Map.entry("mapsto", "↦"), Map.entry("in", "∈"), Map.entry("notin", "∉"), Map.entry("subset", "⊂"),
            Map.entry("subseteq", "⊆"), Map.entry("cup", "∪"), Map.entry("cap", "∩"), Map.entry("forall", "∀"),
            Map.entry("exists", "∃"), Map.entry("neg", "¬"), Map.entry("wedge", "∧"), Map.entry("vee", "∨"),
            Map.entry("circ", "∘"), Map.entry("star", "⋆"), Map.entry("ast", "∗"), Map.entry("perp", "⊥"),
            Map.entry("sum", "∑"), Map.entry("prod", "∏"), Map.entry("int", "∫"), Map.entry("oint", "∮"),
            Map.entry("langle", "⟨"), Map.entry("rangle", "⟩"), Map.entry("lvert", "|"), Map.entry("rvert", "|"),
            Map.entry("vert", "|"), Map.entry("lVert", "‖"), Map.entry("rVert", "‖"), Map.entry("Vert", "‖"),
            Map.entry("|", "‖"), Map.entry("{", "{"), Map.entry("}", "}"), Map.entry("lbrace", "{"), Map.entry("rbrace", "}"),
            Map.entry("ldots", "…"), Map.entry("cdots", "⋯"), Map.entry("dots", "…"), Map.entry("vdots", "⋮"),
            Map.entry("ddots", "⋱"), Map.entry("prime", "′"), Map.entry("%", "%"), Map.entry("$", "$"),
            Map.entry("#", "#"), Map.entry("&", "&"), Map.entry("_", "_"));

    /** Function names, written upright. */
    private static final java.util.Set<String> FUNCTIONS = java.util.Set.of(
            "sin", "cos", "tan", "exp", "log", "ln", "det", "tr", "Tr", "max", "min", "lim", "arg", "sinh", "cosh",
            "tanh", "arcsin", "arccos", "arctan", "sup", "inf", "gcd", "dim", "ker", "Pr");

    /** Spacing commands and their widths. */
    private static final Map<String, String> SPACES = Map.of(",", "0.1667em", ":", "0.2222em", ";", "0.2778em",
            " ", "0.25em", "quad", "1em", "qquad", "2em", "!", "0em");

    /** Accents over their argument. */
    private static final Map<String, String> ACCENTS = Map.of("hat", "^", "bar", "¯", "vec", "→", "tilde", "~",
            "dot", "˙", "ddot", "¨", "overline", "¯", "widehat", "^", "widetilde", "~");

    /** Matrix environments and the fences around them. */
    private static final Map<String, String[]> MATRICES = Map.of("matrix", new String[] {"", ""},
            "pmatrix", new String[] {"(", ")"}, "bmatrix", new String[] {"[", "]"},
            "Bmatrix", new String[] {"{", "}"}, "vmatrix", new String[] {"|", "|"}, "Vmatrix", new String[] {"‖", "‖"},
            "cases", new String[] {"{", ""}, "aligned", new String[] {"", ""});

    private final String src;
    private int pos;
    private final StringBuilder out = new StringBuilder();

    private TexMath(String src) {
        this.src = src;
    }

    /** The formula as a {@code <math>} element; {@code display} for a block formula. */
    public static String toMathMl(String tex, boolean display) {
        String s = tex == null ? "" : tex.strip();
        StringBuilder html = new StringBuilder("<math").append(display ? " display=\"block\"" : "").append("><semantics>");
        if (s.length() > MAX_LENGTH) {
            html.append("<mtext>");
            Html.escape(s, html);
            html.append("</mtext>");
        } else {
            TexMath m = new TexMath(s);
            m.out.append("<mrow>");
            m.sequence(0, null);
            while (m.pos < s.length()) { // a stray closing brace or end of environment: show it and go on
                m.text(String.valueOf(s.charAt(m.pos++)), "mo");
                m.sequence(0, null);
            }
            m.out.append("</mrow>");
            html.append(m.out);
        }
        // The source rides along, so copying the formula gives back its TeX.
        html.append("<annotation encoding=\"application/x-tex\">");
        Html.escape(s, html);
        return html.append("</annotation></semantics></math>").toString();
    }

    /** Atoms until the end, a closing brace, or {@code stop} (e.g. {@code \right}, {@code &}). */
    private void sequence(int depth, String stop) {
        while (pos < src.length()) {
            skipSpaces();
            if (pos >= src.length() || src.charAt(pos) == '}') return;
            if (stop != null && atStop(stop)) return;
            scripted(depth);
        }
    }

    private boolean atStop(String stop) {
        for (String s : stop.split(" ")) {
            if (src.startsWith(s, pos)) {
                if (!s.startsWith("\\") || s.length() == 2) return true;
                int after = pos + s.length();
                if (after >= src.length() || !Character.isLetter(src.charAt(after))) return true;
            }
        }
        return false;
    }

    /** One atom with any sub- and superscript after it. */
    private void scripted(int depth) {
        int mark = out.length();
        atom(depth);
        String base = out.substring(mark);
        String sub = null;
        String sup = null;
        while (true) {
            skipSpaces();
            if (pos >= src.length()) break;
            char c = src.charAt(pos);
            if ((c == '_' && sub == null) || (c == '^' && sup == null)) {
                pos++;
                skipSpaces();
                out.setLength(mark);
                argument(depth);
                String script = out.substring(mark);
                if (c == '_') sub = script;
                else sup = script;
            } else if (c == '\'' && sup == null) {
                pos++;
                StringBuilder primes = new StringBuilder("′");
                while (pos < src.length() && src.charAt(pos) == '\'') {
                    primes.append('′');
                    pos++;
                }
                sup = "<mo>" + primes + "</mo>";
            } else {
                break;
            }
        }
        out.setLength(mark);
        if (base.isEmpty()) base = "<mrow></mrow>";
        if (sub != null && sup != null) out.append("<msubsup>").append(base).append(sub).append(sup).append("</msubsup>");
        else if (sub != null) out.append("<msub>").append(base).append(sub).append("</msub>");
        else if (sup != null) out.append("<msup>").append(base).append(sup).append("</msup>");
        else out.append(base);
    }

    /** Exactly one element (an {@code <mrow>} for a group). */
    private void atom(int depth) {
        if (depth > MAX_DEPTH) { // show the rest as text rather than recurse further
            text(src.substring(pos), "mtext");
            pos = src.length();
            return;
        }
        char c = src.charAt(pos);
        if (c == '{') {
            pos++;
            out.append("<mrow>");
            sequence(depth + 1, null);
            out.append("</mrow>");
            if (pos < src.length()) pos++; // the closing brace
        } else if (c == '\\') {
            command(depth);
        } else if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
            int start = pos;
            while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) pos++;
            text(src.substring(start, pos), "mn");
        } else if (Character.isLetter(c)) {
            int cp = src.codePointAt(pos);
            pos += Character.charCount(cp);
            text(new String(Character.toChars(cp)), "mi");
        } else if (c == '}' || c == '^' || c == '_') {
            // A script with nothing to attach to, or a brace where an argument was due.
            pos++;
            text(String.valueOf(c), "mo");
        } else {
            int cp = src.codePointAt(pos);
            pos += Character.charCount(cp);
            text(new String(Character.toChars(cp)), "mo");
        }
    }

    private void command(int depth) {
        int start = pos;
        pos++; // the backslash
        if (pos >= src.length()) {
            text("\\", "mtext");
            return;
        }
        String name;
        if (Character.isLetter(src.charAt(pos))) {
            int from = pos;
            while (pos < src.length() && Character.isLetter(src.charAt(pos))) pos++;
            name = src.substring(from, pos);
        } else {
            name = String.valueOf(src.charAt(pos++));
        }
        if (IDENTIFIERS.containsKey(name)) {
            text(IDENTIFIERS.get(name), "mi");
        } else if (OPERATORS.containsKey(name)) {
            text(OPERATORS.get(name), "mo");
        } else if (FUNCTIONS.contains(name)) {
            text(name, "mi");
        } else if (SPACES.containsKey(name)) {
            out.append("<mspace width=\"").append(SPACES.get(name)).append("\"></mspace>");
        } else if (ACCENTS.containsKey(name)) {
            out.append("<mover accent=\"true\">");
            argument(depth);
            text(ACCENTS.get(name), "mo");
            out.append("</mover>");
        } else {
            switch (name) {
                case "frac", "dfrac", "tfrac" -> {
                    out.append("<mfrac>");
                    argument(depth);
                    argument(depth);
                    out.append("</mfrac>");
                }
                case "sqrt" -> sqrt(depth);
                case "text", "textrm", "mbox", "operatorname", "mathrm" -> {
                    // Upright letters: \text keeps the words as text, the others name an identifier.
                    String words = rawGroup();
                    text(words, name.startsWith("text") || name.equals("mbox") ? "mtext" : "mi", " mathvariant=\"normal\"");
                }
                case "mathbf", "boldsymbol" -> text(rawGroup(), "mi", " mathvariant=\"bold\"");
                case "mathbb" -> text(rawGroup(), "mi", " mathvariant=\"double-struck\"");
                case "mathcal" -> text(rawGroup(), "mi", " mathvariant=\"script\"");
                case "ket" -> fenced(depth, "|", "⟩");
                case "bra" -> fenced(depth, "⟨", "|");
                case "braket" -> fenced(depth, "⟨", "⟩");
                case "left", "right", "bigl", "bigr", "Bigl", "Bigr", "big", "Big" -> delimiter();
                case "\\" -> { } // a line break outside a matrix: nothing to draw
                case "begin" -> environment(depth, start);
                default -> text(src.substring(start, pos), "mtext"); // unknown: shown as written
            }
        }
    }

    /** The delimiter after {@code \left} or {@code \right}; {@code .} means none. */
    private void delimiter() {
        skipSpaces();
        if (pos >= src.length()) return;
        if (src.charAt(pos) == '.') {
            pos++;
            return;
        }
        if (src.charAt(pos) == '\\') {
            command(MAX_DEPTH);
            return;
        }
        int cp = src.codePointAt(pos);
        pos += Character.charCount(cp);
        text(new String(Character.toChars(cp)), "mo");
    }

    private void fenced(int depth, String open, String close) {
        out.append("<mrow>");
        text(open, "mo");
        argument(depth);
        text(close, "mo");
        out.append("</mrow>");
    }

    private void sqrt(int depth) {
        skipSpaces();
        if (pos < src.length() && src.charAt(pos) == '[') {
            pos++;
            int mark = out.length();
            out.append("<mrow>");
            sequence(depth + 1, "]");
            out.append("</mrow>");
            String index = out.substring(mark);
            out.setLength(mark);
            if (pos < src.length() && src.charAt(pos) == ']') pos++;
            out.append("<mroot>");
            argument(depth);
            out.append(index).append("</mroot>");
        } else {
            out.append("<msqrt>");
            argument(depth);
            out.append("</msqrt>");
        }
    }

    /** {@code \begin{name} … \end{name}} for the matrix-like environments; others shown as text. */
    private void environment(int depth, int start) {
        int afterBegin = pos;
        String env = rawGroup();
        String[] fences = MATRICES.get(env);
        if (fences == null) {
            pos = afterBegin;
            text(src.substring(start, pos), "mtext");
            return;
        }
        out.append("<mrow>");
        if (!fences[0].isEmpty()) text(fences[0], "mo");
        out.append("<mtable>");
        boolean more = true;
        while (more) {
            out.append("<mtr>");
            boolean cells = true;
            while (cells) {
                out.append("<mtd>");
                sequence(depth + 1, "& \\\\ \\end");
                out.append("</mtd>");
                if (pos < src.length() && src.charAt(pos) == '&') pos++;
                else cells = false;
            }
            out.append("</mtr>");
            if (src.startsWith("\\\\", pos)) {
                pos += 2;
                skipSpaces();
                more = pos < src.length() && !atStop("\\end");
            } else {
                more = false;
            }
        }
        if (atStop("\\end")) {
            pos += 4;
            rawGroup();
        }
        out.append("</mtable>");
        if (!fences[1].isEmpty()) text(fences[1], "mo");
        out.append("</mrow>");
    }

    /** One argument (or script): a group, one digit or one atom; an empty row when there is none. */
    private void argument(int depth) {
        skipSpaces();
        if (pos >= src.length() || src.charAt(pos) == '}') {
            out.append("<mrow></mrow>");
        } else if (Character.isDigit(src.charAt(pos))) {
            text(String.valueOf(src.charAt(pos++)), "mn"); // as in TeX, x^23 raises only the 2
        } else {
            atom(depth + 1);
        }
    }

    /** The literal text of a braced group (for \text and environment names), or one character. */
    private String rawGroup() {
        skipSpaces();
        if (pos >= src.length()) return "";
        if (src.charAt(pos) != '{') {
            int cp = src.codePointAt(pos);
            pos += Character.charCount(cp);
            return new String(Character.toChars(cp));
        }
        int level = 0;
        int from = pos + 1;
        while (pos < src.length()) {
            char c = src.charAt(pos++);
            if (c == '{') level++;
            else if (c == '}' && --level == 0) return src.substring(from, pos - 1);
        }
        return src.substring(from);
    }

    private void skipSpaces() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) pos++;
    }

    private void text(String s, String element) {
        text(s, element, "");
    }

    private void text(String s, String element, String attributes) {
        out.append('<').append(element).append(attributes).append('>');
        Html.escape(s, out);
        out.append("</").append(element).append('>');
    }
}
