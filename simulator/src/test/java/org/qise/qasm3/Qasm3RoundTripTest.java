package org.qise.qasm3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.qise.circuit.Circuit;
import org.qise.corpus.SharedCorpus;
import org.qise.qasm.QasmExporter;
import org.qise.qasm.QasmParser;

/** Circuits written as OpenQASM 3 read back to the same circuit. */
class Qasm3RoundTripTest {

    static Stream<Path> corpus() {
        return SharedCorpus.valid().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyOpenQasm2CorpusCircuitReadsBackFromItsOpenQasm3Export(Path file) throws IOException {
        Circuit original = QasmParser.parse(Files.readString(file), file.getFileName().toString());
        String text = Qasm3Exporter.export(original);
        assertTrue(text.startsWith("OPENQASM 3.0;"));
        assertEquals(original, Qasm3Reader.parse(text, "export.qasm"), text);
        assertEquals(text, Qasm3Exporter.export(Qasm3Reader.parse(text, "export.qasm")), "the export is canonical");
    }

    static List<String> runnableExamples() {
        return List.of("adder.qasm", "alignment.qasm", "inverseqft1.qasm", "inverseqft2.qasm", "qec.qasm", "qft.qasm",
                "qpt.qasm", "rb.qasm", "rus.qasm", "teleport.qasm");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runnableExamples")
    void everyRunnableOpenQasm3ExampleReadsBackFromItsExport(String name) throws IOException {
        Circuit original = Qasm3Reader.parse(Files.readString(SharedOpenQasm3.root().resolve("examples").resolve(name)), name);
        String text = Qasm3Exporter.export(original);
        Circuit again = Qasm3Reader.parse(text, "export.qasm");
        assertEquals(original, again, text);
        assertEquals(text, Qasm3Exporter.export(again));
    }

    @Test
    void aProgramWithOnlyOpenQasm2FeaturesExportsAsOpenQasm2() {
        Circuit c = Qasm3Reader.parse("""
                OPENQASM 3.0;
                include "stdgates.inc";
                qubit[2] q;
                bit[2] c;
                for int i in [0:1] { h q[i]; }
                ctrl @ x q[0], q[1];
                c = measure q;
                if (c == 3) x q[0];
                """, "t.qasm");
        String two = QasmExporter.export(c);
        assertTrue(two.startsWith("OPENQASM 2.0;"), two);
        assertEquals(c, QasmParser.parse(two, "two.qasm"));
    }

    @Test
    void aDynamicProgramSaysWhyItCannotBeOpenQasm2() {
        Circuit c = Qasm3Reader.parse("""
                OPENQASM 3.0;
                include "stdgates.inc";
                qubit q;
                bit b;
                b = measure q;
                while (b) { x q; b = measure q; }
                """, "t.qasm");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QasmExporter.export(c));
        assertTrue(e.getMessage().contains("classical control flow") && e.getMessage().contains("OpenQASM 3"), e.getMessage());
        assertEquals(c, Qasm3Reader.parse(Qasm3Exporter.export(c), "again.qasm"));
    }

    @Test
    void inputsAreWrittenWithTheirValuesSoTheExportStandsAlone() {
        String src = """
                OPENQASM 3.0;
                include "stdgates.inc";
                input float[64] a;
                qubit q;
                bit b;
                rx(a) q;
                b = measure q;
                input float[64] late;
                if (b) { ry(late) q; }
                """;
        Circuit c = Qasm3Reader.parse(src, "in.qasm", org.qise.qasm.ParseLimits.DEFAULT, java.util.Map.of("a", 0.25, "late", 0.5));
        String text = Qasm3Exporter.export(c);
        assertTrue(text.contains("rx(0.25) q[0];") && text.contains("const float[64] late = 0.5;"), text);
        assertEquals(c, Qasm3Reader.parse(text, "again.qasm"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ctrl @ crz(0.3) q[0], q[1], q[2];", "inv @ u2(0.1, 0.2) q[0];", "pow(0.5) @ rx(0.4) q[0];",
        "negctrl @ h q[0], q[1];", "ctrl(2) @ cp(0.5) q[0], q[1], q[2], q[3];",
        "gate rzz(t) a, b { cx a, b; rz(t) b; cx a, b; } ctrl @ rzz(0.3) q[0], q[1], q[2];"})
    void gatesUnderModifiersReadBackToTheSameGates(String statement) {
        Circuit c = Qasm3Reader.parse("OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[4] q;\n" + statement, "t.qasm");
        assertEquals(c, Qasm3Reader.parse(Qasm3Exporter.export(c), "again.qasm"));
    }
}
