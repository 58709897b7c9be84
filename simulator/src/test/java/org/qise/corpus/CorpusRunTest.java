package org.qise.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    static final int SHOTS = 256;

    @TestFactory
    Stream<DynamicTest> everyCorpusCircuitRunsOrIsRejectedWithALine() {
        return SharedCorpus.all().stream().map(f -> DynamicTest.dynamicTest(SharedCorpus.name(f), () -> check(f)));
    }

    private static void check(Path file) throws IOException {
        String source = Files.readString(file);
        String name = file.getFileName().toString();
        if (SharedCorpus.isInvalid(file)) {
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
}
