package org.qise.portal.circuits;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qise.portal.web.Html;

/**
 * Finds {@code $…$} and {@code $$…$$} in Markdown source outside code, swapping each for a
 * placeholder of private-use characters that Markdown passes through untouched.
 */
final class MathSpans {
    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';
    /** Placeholders carry 'i' (inline) or 'd' (display) and the formula's index. */
    private static final Pattern PLACEHOLDER = Pattern.compile(OPEN + "([id])(\\d+)" + CLOSE);
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");

    /** An inline formula longer than this is not looked for (display formulas have no such limit). */
    static final int MAX_INLINE = 1000;

    private MathSpans() {}

    /** The text with formulas replaced; their TeX sources are appended to {@code formulas}. */
    static String extract(String markdown, List<String> formulas) {
        // The author cannot forge a placeholder: the two marker characters are replaced first.
        String s = markdown.replace(OPEN, '\uFFFD').replace(CLOSE, '\uFFFD');
        StringBuilder out = new StringBuilder(s.length());
        StringBuilder prose = new StringBuilder();
        String fence = null;
        for (String line : s.split("(?<=\n)", -1)) {
            Matcher m = FENCE.matcher(line);
            if (fence == null && m.find()) {
                scan(prose, out, formulas);
                fence = m.group(1);
                out.append(line);
            } else if (fence != null) {
                out.append(line);
                String closing = line.strip();
                char mark = fence.charAt(0);
                if (closing.length() >= fence.length() && closing.chars().allMatch(c -> c == mark)) {
                    fence = null;
                }
            } else {
                prose.append(line);
            }
        }
        scan(prose, out, formulas);
        return out.toString();
    }

    /** Copies prose to {@code out}, turning formulas into placeholders and skipping code spans. */
    private static void scan(StringBuilder prose, StringBuilder out, List<String> formulas) {
        String s = prose.toString();
        prose.setLength(0);
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < n) {
                out.append(c).append(s.charAt(i + 1));
                i += 2;
            } else if (c == '`') {
                int run = i;
                while (run < n && s.charAt(run) == '`') run++;
                String ticks = s.substring(i, run);
                int close = closingTicks(s, run, ticks);
                int end = close < 0 ? run : close + ticks.length();
                out.append(s, i, end);
                i = end;
            } else if (c == '$' && i + 1 < n && s.charAt(i + 1) == '$') {
                int close = s.indexOf("$$", i + 2);
                if (close < 0 || s.substring(i + 2, close).isBlank()) {
                    out.append("$$");
                    i += 2;
                } else {
                    formulas.add(s.substring(i + 2, close));
                    out.append(OPEN).append('d').append(formulas.size() - 1).append(CLOSE);
                    i = close + 2;
                }
            } else if (c == '$') {
                int close = closingDollar(s, i + 1);
                if (close < 0) {
                    out.append(c);
                    i++;
                } else {
                    formulas.add(s.substring(i + 1, close));
                    out.append(OPEN).append('i').append(formulas.size() - 1).append(CLOSE);
                    i = close + 1;
                }
            } else {
                out.append(c);
                i++;
            }
        }
    }

    /**
     * The closing dollar of an inline formula opened just before {@code from}, on the same line:
     * the formula may not start or end with a space and the closing dollar may not be followed by
     * a digit, so "costs $5 and $6" stays prose.
     */
    private static int closingDollar(String s, int from) {
        if (from >= s.length() || Character.isWhitespace(s.charAt(from)) || s.charAt(from) == '$') return -1;
        // Bounded, so a long line of unclosed dollars costs linear time, not quadratic.
        int limit = (int) Math.min(s.length(), (long) from + MAX_INLINE);
        for (int j = from; j < limit; j++) {
            char c = s.charAt(j);
            if (c == '\n') return -1;
            if (c == '\\') {
                j++;
                continue;
            }
            if (c == '$' && !Character.isWhitespace(s.charAt(j - 1))
                    && (j + 1 >= s.length() || !Character.isDigit(s.charAt(j + 1)))) {
                return j;
            }
        }
        return -1;
    }

    /** Where a run of exactly the same number of backticks starts, or -1. */
    private static int closingTicks(String s, int from, String ticks) {
        int j = s.indexOf(ticks, from);
        while (j >= 0) {
            int end = j + ticks.length();
            boolean longer = (end < s.length() && s.charAt(end) == '`') || (j > 0 && s.charAt(j - 1) == '`' && j > from);
            if (!longer) return j;
            while (end < s.length() && s.charAt(end) == '`') end++;
            j = s.indexOf(ticks, end);
        }
        return -1;
    }

    /**
     * The rendered HTML with each placeholder replaced by its formula's MathML where it stands in
     * text; inside a tag (a link title) or code (an indented block) it becomes its TeX again, as
     * escaped text, so MathML markup never lands in an attribute.
     */
    static String restore(String html, List<String> formulas) {
        // One pass, remembering whether we are inside a tag or a code element, so a text with
        // thousands of formulas costs no more than its length.
        StringBuilder out = new StringBuilder(html.length() + 200 * formulas.size());
        boolean inTag = false;
        int codeDepth = 0;
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                inTag = true;
                if (html.startsWith("<code", i)) codeDepth++;
                else if (html.startsWith("</code>", i)) codeDepth = Math.max(0, codeDepth - 1);
            } else if (c == '>') {
                inTag = false;
            } else if (c == OPEN) {
                Matcher m = PLACEHOLDER.matcher(html).region(i, html.length());
                if (m.lookingAt()) {
                    int index = Integer.parseInt(m.group(2));
                    boolean display = m.group(1).equals("d");
                    String tex = index < formulas.size() ? formulas.get(index) : "";
                    if (inTag || codeDepth > 0) {
                        Html.escape(display ? "$$" + tex + "$$" : "$" + tex + "$", out);
                    } else {
                        out.append(TexMath.toMathMl(tex, display));
                    }
                    i = m.end();
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }
}
