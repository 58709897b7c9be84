package org.qise.kernel;

import java.util.ArrayList;
import java.util.List;

/** Code in the cell does not compile; nothing after the failing snippet was run. */
public final class CompilationException extends CellException {
    /** One compiler error, placed in the cell. */
    public record Problem(int line, int column, String message, String sourceLine) {}

    private final List<Problem> problems;

    CompilationException(List<Problem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        Problem first = problems.getFirst();
        return "line " + first.line() + ", column " + first.column() + ": " + first.message().lines().findFirst().orElse("");
    }

    @Override
    public List<String> report() {
        List<String> lines = new ArrayList<>();
        for (Problem p : problems) {
            lines.add("Compilation error at line " + p.line() + ", column " + p.column() + ":");
            lines.add("    " + p.sourceLine());
            lines.add("    " + " ".repeat(Math.max(0, p.column() - 1)) + "^");
            p.message().lines().forEach(l -> lines.add(l));
        }
        return lines;
    }
}
