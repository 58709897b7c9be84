package org.qise.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.qise.circuit.Circuit;
import org.qise.qasm.QasmException;
import org.qise.qasm.QasmParser;
import org.qise.sim.Result;
import org.qise.sim.Simulator;

/**
 * Runs every real-world circuit of the shared corpus (QASMBench small, Qiskit's parser tests):
 * valid files simulate and their counts add up to the shots; the invalid ones are rejected
 * with a line-numbered error.
 */
class CorpusRunTest {
    static final Path CORPUS = Path.of("..", "..", "shared", "corpus").toAbsolutePath().normalize();

    /** Files that are invalid OpenQASM on purpose or by mistake (see the corpus README). */
    static final Set<String> INVALID = Set.of(
            "vqe_uccsd_n4.qasm", "vqe_uccsd_n6.qasm", "vqe_uccsd_n8.qasm",
            "example_fail.qasm", "example_version_fail.qasm", "example_minor_version_fail.qasm");

    static final int SHOTS = 256;

    @TestFactory
    Stream<DynamicTest> everyCorpusCircuitRunsOrIsRejectedWithALine() throws IOException {
        Path root = corpusRoot();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".qasm")).sorted().toList();
        }
        assertTrue(files.size() >= 60, "expected the whole corpus, found " + files.size() + " files under " + root);
        return files.stream().map(f -> DynamicTest.dynamicTest(root.relativize(f).toString(), () -> check(f)));
    }

    private static void check(Path file) throws IOException {
        String source = Files.readString(file);
        String name = file.getFileName().toString();
        if (INVALID.contains(name)) {
            try {
                QasmParser.parse(source, name);
                fail(name + " is invalid OpenQASM but was accepted");
            } catch (QasmException e) {
                assertTrue(e.line() > 0, "error without a line: " + e.getMessage());
                assertTrue(e.getMessage().startsWith(name + ":" + e.line() + ":"), e.getMessage());
            }
            return;
        }
        Circuit c = QasmParser.parse(source, name);
        try (Result r = Simulator.builder().engine("exact").shots(SHOTS).seed(2026).keepState(false).build().run(c)) {
            assertEquals(SHOTS, r.counts().values().stream().mapToLong(Long::longValue).sum(), "counts of " + name);
            int width = c.cregs().isEmpty() ? c.numQubits() : c.numClbits() + c.cregs().size() - 1;
            r.counts().keySet().forEach(k -> assertEquals(width, k.length(), "bitstring '" + k + "' of " + name));
        }
    }

    static Path corpusRoot() {
        if (!Files.isDirectory(CORPUS)) {
            fail("the shared test corpus is missing: expected " + CORPUS + " (shared/ beside the project root)");
        }
        return CORPUS;
    }
}
