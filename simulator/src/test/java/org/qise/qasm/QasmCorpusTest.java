package org.qise.qasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.circuit.Circuit;
import org.qise.corpus.SharedCorpus;

/**
 * Real OpenQASM files written by others (the shared corpus: QASMBench's small circuits and
 * Qiskit's parser test files): the valid ones parse and survive export and re-import
 * unchanged; the invalid ones are rejected at the offending line.
 */
class QasmCorpusTest {
    private static final Pattern QREG = Pattern.compile("\\bqreg\\s+([a-z]\\w*)\\s*\\[\\s*(\\d+)\\s*]");

    static Path corpus() {
        return SharedCorpus.root();
    }

    static Stream<Path> corpusFiles() {
        return SharedCorpus.all().stream();
    }

    static Stream<Path> validFiles() {
        return SharedCorpus.valid().stream();
    }

    static Stream<Path> undeclaredRegisterFiles() throws IOException {
        return corpusFiles().filter(p -> p.getFileName().toString().startsWith("vqe_uccsd_"));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void corpusHoldsTheExpectedFiles() throws IOException {
        List<String> names = corpusFiles().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.size() >= 60, "corpus files: " + names.size());
        assertTrue(names.containsAll(SharedCorpus.INVALID), "all known-invalid files present");
    }

    @ParameterizedTest
    @MethodSource("validFiles")
    void validFileParsesWithTheDeclaredQubits(Path file) {
        String source = read(file);
        Circuit c = QasmParser.parse(source, file.getFileName().toString());
        int declared = 0;
        Matcher m = QREG.matcher(source.replaceAll("//[^\\n]*", ""));
        while (m.find()) declared += Integer.parseInt(m.group(2));
        assertTrue(declared > 0);
        assertEquals(declared, c.numQubits());
        assertFalse(c.operations().isEmpty());
    }

    @ParameterizedTest
    @MethodSource("validFiles")
    void validFileSurvivesExportAndReimport(Path file) {
        Circuit c = QasmParser.parse(read(file), file.getFileName().toString());
        String text = QasmExporter.export(c);
        Circuit back = QasmParser.parse(text, "exported-" + file.getFileName());
        assertEquals(c, back);
        assertEquals(text, QasmExporter.export(back));
    }

    @ParameterizedTest
    @MethodSource("undeclaredRegisterFiles")
    void measuringIntoUndeclaredRegistersIsRejectedAtThatLine(Path file) {
        String source = read(file);
        QasmException e = assertThrows(QasmException.class, () -> QasmParser.parse(source, file.getFileName().toString()));
        Matcher named = Pattern.compile("register '(\\w+)' is not declared").matcher(e.getMessage());
        assertTrue(named.find(), e.getMessage());
        String register = named.group(1);
        assertFalse(source.matches("(?s).*\\b[qc]reg\\s+" + register + "\\s*\\[.*"), register + " is really undeclared");
        assertTrue(e.line() > 0);
        String line = source.lines().skip(e.line() - 1).findFirst().orElseThrow();
        assertTrue(line.contains(register + "["), "line " + e.line() + " is '" + line + "'");
        assertTrue(line.substring(e.column() - 1).startsWith(register), "column points at the register");
        assertTrue(e.getMessage().startsWith(file.getFileName() + ":" + e.line() + ":"), e.getMessage());
    }

    @Test
    void qiskitInvalidFilesAreRejectedWithTheirLine() {
        Path dir = corpus().resolve("qiskit-tests");
        QasmException e = assertThrows(QasmException.class,
                () -> QasmParser.parse(read(dir.resolve("example_version_fail.qasm")), "example_version_fail.qasm"));
        // an OpenQASM 2 body under an OPENQASM 3 header: the OpenQASM 3 reader refuses qelib1.inc
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("cannot include \"qelib1.inc\" in OpenQASM 3"), e.getMessage());
        e = assertThrows(QasmException.class,
                () -> QasmParser.parse(read(dir.resolve("example_minor_version_fail.qasm")), "example_minor_version_fail.qasm"));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("unsupported OpenQASM version 2.6"), e.getMessage());
        e = assertThrows(QasmException.class, () -> QasmParser.parse(read(dir.resolve("example_fail.qasm")), "example_fail.qasm"));
        assertTrue(e.line() > 0);
        assertTrue(e.getMessage().contains("expected ';' after 'OPENQASM 2.0'"), e.getMessage());
    }
}
