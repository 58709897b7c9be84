package org.qise.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Turns JShell's diagnostics and exceptions into reports about the notebook: lines and
 * columns in the cell, and the user's own methods with the cell and line they were written
 * in. JShell knows snippets by id only, so every evaluated snippet's place is remembered.
 */
final class ErrorReports {
    /** Where a snippet was written. */
    private record Place(int cellNumber, int firstLine) {}

    private final JShell shell;
    private final Map<String, Place> places = new ConcurrentHashMap<>();

    ErrorReports(JShell shell) {
        this.shell = shell;
    }

    /** Records that {@code snippet} starts at {@code firstLine} of cell {@code cellNumber}. */
    void remember(Snippet snippet, int cellNumber, int firstLine) {
        places.put(snippet.id(), new Place(cellNumber, firstLine));
    }

    /** "method g cannot be used until method h() is declared", for a declaration with missing parts. */
    String unusableUntilDeclared(DeclarationSnippet s) {
        return describe(s) + " cannot be used until " + unresolved(s) + " is declared";
    }

    /** The compiler errors of a rejected snippet, placed in the cell. */
    CompilationException compilationError(Snippet s, CellSnippet snippet, CellText text) {
        List<CompilationException.Problem> problems = new ArrayList<>();
        for (Diag diag : shell.diagnostics(s).filter(Diag::isError).toList()) {
            long position = diag.getPosition() != Diag.NOPOS ? diag.getPosition() : diag.getStartPosition();
            int offset = snippet.offset() + (int) Math.clamp(position, 0, snippet.code().length());
            int line = text.lineOf(offset);
            problems.add(new CompilationException.Problem(line, text.columnOf(offset),
                    diag.getMessage(Locale.ROOT), text.line(line)));
        }
        if (problems.isEmpty()) {
            int line = text.lineOf(snippet.offset());
            problems.add(new CompilationException.Problem(line, text.columnOf(snippet.offset()),
                    "this is not a Java statement, declaration or expression", text.line(line)));
        }
        return new CompilationException(problems);
    }

    /** An exception thrown by notebook code, with only the notebook's own frames. */
    UserCodeException userError(JShellException exception) {
        if (exception instanceof UnresolvedReferenceException unresolved) {
            DeclarationSnippet declaration = unresolved.getSnippet();
            String message = unusableUntilDeclared(declaration);
            return new UserCodeException(message, List.of(message));
        }
        List<String> report = new ArrayList<>();
        String headline = null;
        for (Throwable t = exception; t != null; t = t.getCause()) {
            String name = t instanceof EvalException eval ? eval.getExceptionClassName() : t.getClass().getName();
            String line = name + (t.getMessage() != null ? ": " + t.getMessage() : "");
            report.add(headline == null ? line : "Caused by: " + line);
            headline = headline == null ? line : headline;
            for (StackTraceElement frame : t.getStackTrace()) {
                userFrame(frame).ifPresent(report::add);
            }
        }
        return new UserCodeException(headline, report);
    }

    /** A frame of notebook code, placed in its cell; frames of libraries and the kernel are left out. */
    private Optional<String> userFrame(StackTraceElement frame) {
        String file = frame.getFileName();
        Place place = file != null && file.startsWith("#") ? places.get(file.substring(1)) : null;
        if (place == null) {
            return Optional.empty();
        }
        int line = place.firstLine() + Math.max(frame.getLineNumber(), 1) - 1;
        String owner = frame.getClassName().isEmpty() ? "" : frame.getClassName() + ".";
        String name = frame.getMethodName().startsWith("lambda$") ? "(lambda)" : frame.getMethodName();
        String method = name.isEmpty() ? "" : owner + name + ", ";
        return Optional.of("    at " + method + "cell [" + place.cellNumber() + "], line " + line);
    }

    private static String describe(DeclarationSnippet s) {
        String kind = switch (s.kind()) {
            case METHOD -> "method";
            case TYPE_DECL -> "type";
            case VAR -> "variable";
            default -> "declaration";
        };
        return kind + " " + s.name();
    }

    private String unresolved(DeclarationSnippet s) {
        return shell.unresolvedDependencies(s).collect(Collectors.joining(", "));
    }
}
