package org.qise.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.qise.circuit.Operation;
import org.qise.qasm.QasmParser;
import org.w3c.dom.Document;

/** SVG drawings of every valid corpus circuit are safe XML with one mark per measurement and control. */
class CorpusDrawingTest {
    static final Path CORPUS = Path.of("..", "..", "shared", "corpus").toAbsolutePath().normalize();
    static final Set<String> INVALID = Set.of(
            "vqe_uccsd_n4.qasm", "vqe_uccsd_n6.qasm", "vqe_uccsd_n8.qasm",
            "example_fail.qasm", "example_version_fail.qasm", "example_minor_version_fail.qasm");

    @TestFactory
    Stream<DynamicTest> everyCorpusCircuitDraws() throws IOException {
        if (!Files.isDirectory(CORPUS)) fail("the shared test corpus is missing: expected " + CORPUS);
        List<Path> files;
        try (Stream<Path> s = Files.walk(CORPUS)) {
            files = s.filter(p -> p.toString().endsWith(".qasm"))
                    .filter(p -> !INVALID.contains(p.getFileName().toString())).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(CORPUS.relativize(f).toString(), () -> check(f)));
    }

    private static void check(Path file) throws IOException {
        Circuit c = QasmParser.parse(Files.readString(file), file.getFileName().toString());
        Document doc = SvgDocs.parseSafe(CircuitDiagram.svg(c));
        long measures = c.operations().stream().filter(o -> o instanceof Operation.Measure).count();
        int controls = c.operations().stream().filter(o -> o instanceof Operation.GateOp)
                .mapToInt(o -> ((Operation.GateOp) o).gate().controls()).sum();
        assertEquals(measures, SvgDocs.byClass(doc, "rect", "measure").size(), "measurement boxes");
        assertEquals(controls, SvgDocs.byClass(doc, "circle", "control").size(), "control dots");
        String text = CircuitDiagram.text(c, 120);
        assertEquals(measures, text.split("┤M├", -1).length - 1, "measurements in the text drawing");
        assertEquals(controls, text.chars().filter(ch -> ch == '●').count(), "controls in the text drawing");
    }
}
