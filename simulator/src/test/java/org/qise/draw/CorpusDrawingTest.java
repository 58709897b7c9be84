package org.qise.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.qise.circuit.Circuit;
import org.qise.circuit.Operation;
import org.qise.corpus.SharedCorpus;
import org.qise.qasm.QasmParser;
import org.w3c.dom.Document;

/** SVG drawings of every valid corpus circuit are safe XML with one mark per measurement and control. */
class CorpusDrawingTest {

    @TestFactory
    Stream<DynamicTest> everyCorpusCircuitDraws() {
        return SharedCorpus.valid().stream().map(f -> DynamicTest.dynamicTest(SharedCorpus.name(f), () -> check(f)));
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
