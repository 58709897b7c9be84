package org.qise.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Shift-Tab on QISE's own classes shows their Javadoc, read from the sources the build packs in. */
class QiseJavadocTest {
    @ParameterizedTest(name = "{0} shows a comment starting \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "Result Simulator.run(Circuit circuit)          | Runs",
        "org.qise.sim.Result                            | ",
        "Plot Plot.formula(String name, double[] xs, double[] ys) | Adds a closed-form curve",
        "void ProgressBar.step()                        | One more step done."})
    void signaturesOfQiseClassesFindTheirComment(String signature, String start) {
        Optional<String> doc = QiseJavadoc.forSignature(signature);
        assertTrue(doc.isPresent(), "no Javadoc for " + signature);
        if (start != null) assertTrue(doc.get().startsWith(start), doc.get());
        assertTrue(!doc.get().contains("{@code") && !doc.get().contains("\n *"), doc.get());
    }

    @ParameterizedTest(name = "{0} has none")
    @CsvSource({"String String.valueOf(Object obj)", "int x"})
    void otherSignaturesHaveNone(String signature) {
        assertEquals(Optional.empty(), QiseJavadoc.forSignature(signature));
    }

    @org.junit.jupiter.api.Test
    void shiftTabOnASimulatorCallShowsItsJavadocThroughTheEngine() {
        try (EvaluationEngine engine = new EvaluationEngine(EvaluationEngine.currentClasspath(),
                java.io.OutputStream.nullOutputStream(), java.io.OutputStream.nullOutputStream(),
                java.io.InputStream.nullInputStream(), bundle -> { })) {
            String cell = "Simulator.builder().build().run(";
            Optional<String> shown = engine.documentation(cell, cell.length(), false);
            assertTrue(shown.isPresent() && shown.get().contains("Runs the circuit."), String.valueOf(shown));
        }
    }
}
