package org.qise.portal.circuits;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.qise.portal.web.Html;

/**
 * Splits OpenQASM 2 or 3 text into tokens for syntax colouring and renders them as HTML spans,
 * so a page shows highlighted source without any script. The tokenizer never fails: text it
 * does not understand is passed through as plain (escaped) text, and the tokens always join
 * back to the input exactly.
 */
public final class QasmHighlight {
    /** What a token is; {@link #cssClass()} is what the style sheet colours. */
    public enum Kind {
        PLAIN(null), KEYWORD("tok-kw"), GATE("tok-gate"), NUMBER("tok-num"), STRING("tok-str"),
        COMMENT("tok-com"), REGISTER("tok-reg");

        private final String cssClass;

        Kind(String cssClass) { this.cssClass = cssClass; }

        public String cssClass() { return cssClass; }
    }

    public record Token(Kind kind, String text) {}

    /** Words of the language (both versions), not names a program chooses. */
    static final Set<String> KEYWORDS = Set.of(
            "OPENQASM", "include", "qreg", "creg", "gate", "opaque", "measure", "reset", "barrier", "if",
            "qubit", "bit", "int", "uint", "float", "angle", "bool", "complex", "duration", "stretch", "const",
            "input", "output", "def", "return", "for", "while", "in", "break", "continue", "else", "let", "box",
            "delay", "defcal", "defcalgrammar", "cal", "extern", "array", "mutable", "readonly", "true", "false",
            "ctrl", "negctrl", "inv", "pow", "gphase", "switch", "case", "default", "end", "pragma");

    /** The gates of qelib1.inc and stdgates.inc plus the built-in U and CX. */
    static final Set<String> STANDARD_GATES = Set.of(
            "U", "CX", "u", "u0", "u1", "u2", "u3", "p", "phase", "cphase", "id", "x", "y", "z", "h", "s", "sdg", "t", "tdg",
            "sx", "sxdg", "rx", "ry", "rz", "cx", "cy", "cz", "ch", "csx", "crx", "cry", "crz", "cu", "cu1", "cu3", "cp",
            "swap", "cswap", "ccx", "rxx", "ryy", "rzz", "rzx", "iswap", "ecr", "c3x", "c4x", "rccx", "rc3x", "c3sqrt2x");

    /** Named constants, coloured like numbers. */
    static final Set<String> CONSTANTS = Set.of("pi", "π", "tau", "τ", "euler", "ℇ");

    /** Keywords after which the next name declares a register. */
    private static final Set<String> DECLARES_REGISTER = Set.of("qreg", "creg", "qubit", "bit");
    /** Keywords after which the next name declares a gate. */
    private static final Set<String> DECLARES_GATE = Set.of("gate", "opaque", "def");

    private QasmHighlight() {}

    /**
     * Beyond this many characters the source is shown uncoloured: spans make a page about ten times
     * the size of its text, and nobody reads a file that long by colour.
     */
    static final int MAX_HIGHLIGHTED_CHARS = 50_000;

    /** The source as {@code <pre class="qasm">} with one span per coloured token. */
    public static String toHtml(String qasm) {
        StringBuilder out = new StringBuilder("<pre class=\"qasm\"><code>");
        if (qasm != null && qasm.length() > MAX_HIGHLIGHTED_CHARS) {
            Html.escape(qasm, out);
            return out.append("</code></pre>").toString();
        }
        for (Token t : tokenize(qasm)) {
            if (t.kind().cssClass() == null) {
                Html.escape(t.text(), out);
            } else {
                out.append("<span class=\"").append(t.kind().cssClass()).append("\">");
                Html.escape(t.text(), out);
                out.append("</span>");
            }
        }
        return out.append("</code></pre>").toString();
    }

    public static List<Token> tokenize(String qasm) {
        String s = qasm == null ? "" : qasm;
        List<Token> raw = scan(s);
        // Names are coloured by what the program declares them to be, so a second pass over the
        // names first learns which are registers and which are gates.
        Set<String> registers = new HashSet<>();
        Set<String> gates = new HashSet<>(STANDARD_GATES);
        String pending = null;
        for (Token t : raw) {
            if (t.kind() == Kind.KEYWORD) {
                if (DECLARES_REGISTER.contains(t.text())) pending = "reg";
                else if (DECLARES_GATE.contains(t.text())) pending = "gate";
            } else if (t.kind() == Kind.PLAIN && isNameStart(t.text().codePointAt(0))) {
                if ("reg".equals(pending)) registers.add(t.text());
                else if ("gate".equals(pending)) gates.add(t.text());
                pending = null;
            } else if (t.text().contains(";") || t.text().contains("{")) {
                pending = null; // a declaration names itself before its statement or body ends
            }
        }
        List<Token> out = new ArrayList<>(raw.size());
        for (Token t : raw) {
            if (t.kind() == Kind.PLAIN && !t.text().isEmpty() && isNameStart(t.text().codePointAt(0))) {
                String name = t.text();
                Kind k = registers.contains(name) ? Kind.REGISTER : gates.contains(name) ? Kind.GATE : Kind.PLAIN;
                out.add(new Token(k, name));
            } else {
                out.add(t);
            }
        }
        return merge(out);
    }

    /** Comments, strings, numbers, keywords, names (as PLAIN, one token each) and the rest. */
    private static List<Token> scan(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int start = i;
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n') i++;
                out.add(new Token(Kind.COMMENT, s.substring(start, i)));
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int close = s.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2; // an unclosed comment runs to the end, as a parser would read it
                out.add(new Token(Kind.COMMENT, s.substring(start, i)));
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && s.charAt(i) != c && s.charAt(i) != '\n') i++;
                if (i < n && s.charAt(i) == c) i++;
                out.add(new Token(Kind.STRING, s.substring(start, i)));
            } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(s.charAt(i + 1)))) {
                i = number(s, i);
                out.add(new Token(Kind.NUMBER, s.substring(start, i)));
            } else if (isNameStart(s.codePointAt(i))) {
                i += Character.charCount(s.codePointAt(i));
                while (i < n && isNamePart(s.codePointAt(i))) i += Character.charCount(s.codePointAt(i));
                String word = s.substring(start, i);
                Kind k = KEYWORDS.contains(word) ? Kind.KEYWORD : CONSTANTS.contains(word) ? Kind.NUMBER : Kind.PLAIN;
                out.add(new Token(k, word));
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '>') {
                i += 2;
                out.add(new Token(Kind.KEYWORD, "->"));
            } else {
                i++;
                out.add(new Token(Kind.PLAIN, s.substring(start, i)));
            }
        }
        return out;
    }

    /** Digits, an optional fraction and exponent, and an OpenQASM 3 time unit or imaginary suffix. */
    private static int number(String s, int i) {
        int n = s.length();
        while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) i++;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) j++;
            if (j < n && isDigit(s.charAt(j))) {
                i = j;
                while (i < n && isDigit(s.charAt(i))) i++;
            }
        }
        for (String unit : new String[] {"ns", "us", "µs", "ms", "dt", "im", "s"}) {
            if (s.startsWith(unit, i) && (i + unit.length() >= n || !isNamePart(s.codePointAt(i + unit.length())))) {
                return i + unit.length();
            }
        }
        return i;
    }

    /** Neighbouring plain tokens joined, so the HTML has no needless breaks. */
    private static List<Token> merge(List<Token> tokens) {
        List<Token> out = new ArrayList<>();
        for (Token t : tokens) {
            if (!out.isEmpty() && t.kind() == Kind.PLAIN && out.getLast().kind() == Kind.PLAIN) {
                out.set(out.size() - 1, new Token(Kind.PLAIN, out.getLast().text() + t.text()));
            } else {
                out.add(t);
            }
        }
        return out;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(int cp) {
        return cp == '_' || cp == '$' || Character.isLetter(cp);
    }

    private static boolean isNamePart(int cp) {
        return isNameStart(cp) || Character.isDigit(cp);
    }
}
