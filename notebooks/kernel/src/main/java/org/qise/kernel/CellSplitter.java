package org.qise.kernel;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

/** Cuts a cell into the snippets JShell evaluates one at a time. */
final class CellSplitter {
    private final SourceCodeAnalysis analysis;

    CellSplitter(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    /**
     * The snippets of {@code cell} in order. An unfinished last snippet (an open brace, a
     * missing parenthesis) is returned as it is, so that compiling it reports the problem.
     */
    List<CellSnippet> split(String cell) {
        List<CellSnippet> snippets = new ArrayList<>();
        int position = 0;
        while (position < cell.length()) {
            int start = skipBlankAndComments(cell, position);
            if (start >= cell.length()) {
                break;
            }
            String rest = cell.substring(start);
            CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete()) {
                snippets.add(new CellSnippet(rest, start, rest.strip().endsWith(";")));
                break;
            }
            int consumed = rest.length() - info.remaining().length();
            String written = rest.substring(0, consumed);
            snippets.add(new CellSnippet(info.source(), start, written.strip().endsWith(";")));
            position = start + consumed;
        }
        return snippets;
    }

    /** The start of the snippet that contains {@code cursor} (for completion). */
    int snippetStartAt(String cell, int cursor) {
        String before = cell.substring(0, cursor);
        int start = 0;
        while (true) {
            int first = skipBlankAndComments(before, start);
            if (first >= before.length()) {
                return first;
            }
            CompletionInfo info = analysis.analyzeCompletion(before.substring(first));
            if (!info.completeness().isComplete() || info.remaining().isBlank()) {
                return first;
            }
            start = before.length() - info.remaining().length();
        }
    }

    /** The first offset at or after {@code from} that is neither white space nor inside a comment. */
    static int skipBlankAndComments(String text, int from) {
        int i = from;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
            } else if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end + 1;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) return i; // an unclosed comment: let the compiler say so
                i = end + 2;
            } else {
                break;
            }
        }
        return i;
    }
}
