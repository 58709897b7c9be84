package org.qise.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.qise.circuit.Circuit;
import org.qise.qasm.QasmException;
import org.qise.qasm.QasmParser;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Where a command's circuit comes from: an OpenQASM file, {@code -} for standard input, or a
 * bundled example. Shared by the commands as a picocli mixin. Reading and parsing problems
 * become {@link UserError}s that point at the offending line.
 */
final class CircuitSource {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "OpenQASM file to read (2.0, or 3 when its header says OPENQASM 3), or - for standard input.")
    String file;

    @Option(names = "--example", paramLabel = "NAME",
            description = "Use a bundled example circuit instead of a file (see 'qise run' with no FILE).")
    String example;

    /** What the reader noted about the last circuit read (OpenQASM 3 timing treated as identity). */
    java.util.List<String> notes = java.util.List.of();

    /** A circuit was named, by file or example. */
    boolean given() {
        return file != null || example != null;
    }

    /** How the circuit is named in messages and reports. */
    String displayName() {
        if (example != null) return example + ".qasm";
        return file.equals("-") ? "<stdin>" : file;
    }

    /** The circuit's source text. */
    String text(InputStream stdin) {
        if (file != null && example != null) throw new UserError("give either FILE or --example, not both");
        if (example != null) return Examples.source(example);
        if (file == null) throw new UserError("no circuit given: name an OpenQASM file, - for standard input, or --example NAME");
        try {
            if (file.equals("-")) return decode(stdin.readAllBytes());
            Path path = Path.of(file);
            if (Files.isDirectory(path)) throw new UserError("cannot read '" + file + "': it is a directory, not an OpenQASM file");
            return decode(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            throw new UserError("cannot read '" + file + "': no such file");
        } catch (AccessDeniedException e) {
            throw new UserError("cannot read '" + file + "': permission denied");
        } catch (CharacterCodingException e) {
            throw new UserError("cannot read '" + displayName() + "': it is not UTF-8 text (OpenQASM files are plain text)");
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new UserError("cannot read '" + displayName() + "': " + e.getMessage());
        }
    }

    /** OpenQASM 3 inputs the last read left without a value (the circuit's parameters), with where each is declared. */
    java.util.Map<String, String> unboundInputs = java.util.Map.of();

    /** For commands that simulate: refuses a circuit whose OpenQASM 3 inputs were not all given, at the first one's declaration. */
    void requireAllInputs(Circuit circuit) {
        for (var e : unboundInputs.entrySet()) {
            throw new UserError(e.getValue() + ": input '" + e.getKey() + "' has no value: give one with --param " + e.getKey()
                    + "=VALUE (qise sweep and qise grad take ranges and keep it a parameter)");
        }
        if (!circuit.parameters().isEmpty()) {
            throw new UserError(displayName() + ": parameter " + circuit.parameters().get(0) + " has no value: give one with --param");
        }
    }

    /** Reads and parses the circuit. */
    Circuit read(InputStream stdin) {
        return read(stdin, java.util.Map.of());
    }

    /** Reads and parses the circuit, giving OpenQASM 3 {@code input} declarations these values. */
    Circuit read(InputStream stdin, java.util.Map<String, Double> inputs) {
        String source = text(stdin);
        try {
            if (!org.qise.qasm3.Qasm3Reader.isQasm3(source)) {
                if (!inputs.isEmpty()) {
                    throw new UserError("--param gives values to OpenQASM 3 inputs, but " + displayName() + " is not OpenQASM 3 (no 'OPENQASM 3' header)");
                }
                return QasmParser.parse(source, displayName());
            }
            var reading = org.qise.qasm3.Qasm3Reader.read(source, displayName(), org.qise.qasm.ParseLimits.DEFAULT, inputs);
            notes = reading.notes();
            unboundInputs = reading.unboundInputs();
            return reading.circuit();
        } catch (QasmException e) {
            throw new UserError(withSourceLine(e, source), e);
        }
    }

    /**
     * Reads and parses the circuit, letting gate arguments name the circuit parameters
     * {@code parameters} (for {@code qise sweep} and {@code qise grad}, which give them values).
     */
    Circuit read(InputStream stdin, java.util.Set<String> parameters) {
        String source = text(stdin);
        try {
            return QasmParser.parse(source, displayName(), org.qise.qasm.ParseLimits.DEFAULT, parameters);
        } catch (QasmException e) {
            throw new UserError(withSourceLine(e, source), e);
        }
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    }

    /**
     * The parser's message ({@code file:line:column: what}) followed by the offending line and
     * a caret under the column, the way compilers show it.
     */
    static String withSourceLine(QasmException e, String source) {
        String[] lines = source.split("\\R", -1);
        if (e.line() < 1 || e.line() > lines.length) return e.getMessage();
        String line = lines[e.line() - 1];
        int column = Math.min(Math.max(0, e.column() - 1), line.length());
        // A very long line (a generated expression, say) is shown as a window around the column,
        // so that the message stays one screen rather than the whole line twice.
        String before = "", after = "";
        if (line.length() > 2 * SHOWN_AROUND) {
            int from = Math.max(0, column - SHOWN_AROUND), to = Math.min(line.length(), column + SHOWN_AROUND);
            if (from > 0) before = "…";
            if (to < line.length()) after = "…";
            line = line.substring(from, to);
            column -= from;
        }
        String number = Integer.toString(e.line());
        StringBuilder caret = new StringBuilder(" ".repeat(before.length()));
        // keep tabs so the caret lines up however the terminal expands them
        for (int i = 0; i < column; i++) caret.append(line.charAt(i) == '\t' ? '\t' : ' ');
        return e.getMessage() + "\n " + number + " | " + before + line + after + "\n " + " ".repeat(number.length()) + " | " + caret + "^";
    }

    /** Characters shown either side of the error column on a long line. */
    static final int SHOWN_AROUND = 60;
}
