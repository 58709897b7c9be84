package org.qise.qasm3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.circuit.Circuit;
import org.qise.qasm.QasmException;
import org.qise.sim.Result;
import org.qise.sim.Simulator;

/**
 * The specification's own example programs, each with the outcome QISE promises: it runs, or it
 * is refused at the line of its first deferred feature ("not supported: …"), or (for examples
 * written in syntax the specification has since dropped, or that are fragments) rejected at
 * the line that breaks the rules.
 */
class Qasm3ExamplesTest {

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "adder.qasm         | runs          | 0",
        "alignment.qasm     | runs          | 0",
        "arrays.qasm        | not supported | 9",
        "cphase.qasm        | rejected      | 9",   // a fragment: q is never declared
        "dd.qasm            | not supported | 8",
        "defcal.qasm        | not supported | 1",
        "gateteleport.qasm  | not supported | 6",
        "inverseqft1.qasm   | runs          | 0",
        "inverseqft2.qasm   | runs          | 0",
        "ipe.qasm           | not supported | 11",
        "msd.qasm           | rejected      | 156", // calls a subroutine with gate syntax, as an old draft did
        "qec.qasm           | runs          | 0",
        "qft.qasm           | runs          | 0",
        "qpt.qasm           | runs          | 0",
        "rb.qasm            | runs          | 0",
        "rus.qasm           | runs          | 0",
        "scqec.qasm         | not supported | 16",
        "t1.qasm            | not supported | 6",
        "teleport.qasm      | runs          | 0",
        "varteleport.qasm   | rejected      | 31",  // the same old subroutine-call syntax
        "vqe.qasm           | not supported | 17"})
    void everyExampleOfTheSpecificationHasItsExpectedOutcome(String file, String outcome, int line) throws IOException {
        String src = Files.readString(SharedOpenQasm3.root().resolve("examples").resolve(file));
        if (outcome.equals("runs")) {
            Circuit c = Qasm3Reader.parse(src, file);
            try (Result r = Simulator.builder().shots(64).seed(3).build().run(c)) {
                assertEquals(64, r.counts().values().stream().mapToLong(Long::longValue).sum());
            }
        } else {
            QasmException e = assertThrows(QasmException.class, () -> Qasm3Reader.parse(src, file));
            assertEquals(line, e.line(), e.getMessage());
            assertEquals(outcome.equals("not supported"), e.getMessage().contains("not supported: "), e.getMessage());
        }
    }

    @Test
    void theTableListsEveryExampleFile() throws IOException {
        try (Stream<Path> s = Files.list(SharedOpenQasm3.root().resolve("examples"))) {
            assertEquals(21, s.filter(p -> p.toString().endsWith(".qasm")).count());
        }
    }

    @Test
    void theAdderAddsOneAndFifteen() throws IOException {
        Circuit c = Qasm3Reader.parse(Files.readString(SharedOpenQasm3.root().resolve("examples/adder.qasm")), "adder.qasm");
        try (Result r = Simulator.builder().shots(16).seed(1).build().run(c)) {
            assertEquals(Map.of("10000", 16L), r.counts());
        }
    }

    @Test
    void repeatUntilSuccessFromTheSpecificationAlwaysEndsInZero() throws IOException {
        Circuit c = Qasm3Reader.parse(Files.readString(SharedOpenQasm3.root().resolve("examples/rus.qasm")), "rus.qasm");
        try (Result r = Simulator.builder().shots(300).seed(9).build().run(c)) {
            // the output bit is printed leftmost (declared last); the flags end at 00
            assertEquals(Map.of("0 00", 300L), r.counts());
        }
    }

    @Test
    void errorCorrectionFromTheSpecificationUndoesTheInsertedError() throws IOException {
        Circuit c = Qasm3Reader.parse(Files.readString(SharedOpenQasm3.root().resolve("examples/qec.qasm")), "qec.qasm");
        try (Result r = Simulator.builder().shots(32).seed(2).build().run(c)) {
            assertEquals(Map.of("01 000", 32L), r.counts());
        }
    }

    /** Every statement of the grammar's negative tests, alone after a header. */
    static Stream<String[]> invalidStatements() throws IOException {
        try (Stream<Path> files = Files.list(SharedOpenQasm3.root().resolve("invalid-statements"))) {
            return files.sorted().flatMap(f -> {
                try {
                    List<String> lines = Files.readAllLines(f);
                    return java.util.stream.IntStream.range(0, lines.size())
                            .filter(i -> !lines.get(i).isBlank() && !lines.get(i).strip().startsWith("//"))
                            .mapToObj(i -> new String[]{f.getFileName() + ":" + (i + 1), lines.get(i)});
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalidStatements")
    void everyInvalidStatementIsRejectedAtItsLine(String where, String statement) {
        QasmException e = assertThrows(QasmException.class,
                () -> Qasm3Reader.parse("OPENQASM 3.0;\n" + statement + "\n", "bad.qasm"), statement);
        assertEquals(2, e.line(), e.getMessage());
        assertTrue(e.column() >= 1 && e.column() <= statement.length() + 1, e.getMessage());
        assertTrue(e.getMessage().startsWith("bad.qasm:2:"), e.getMessage());
    }
}
