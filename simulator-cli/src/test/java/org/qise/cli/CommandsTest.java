package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qise.Version;
import org.w3c.dom.Document;

class CommandsTest {
    private static final String BELL = "qreg q[2];\ncreg c[2];\nh q[0];\ncx q[0], q[1];\nmeasure q -> c;\n";

    @TempDir
    Path dir;

    private static Document parseXml(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(file)));
    }

    @Test
    void histogramOptionWritesAnSvgBarChartOfTheCounts() throws Exception {
        String file = Cli.qasm(dir, "bell.qasm", BELL);
        Path svg = dir.resolve("counts.svg");
        Cli.Run r = Cli.run("run", file, "--seed", "11", "--json", "--histogram", svg.toString());
        assertEquals(0, r.code(), r.toString());
        Document doc = parseXml(svg);
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        int bars = 0;
        var rects = doc.getElementsByTagNameNS("*", "rect");
        for (int i = 0; i < rects.getLength(); i++) {
            if ("bar".equals(((org.w3c.dom.Element) rects.item(i)).getAttribute("class"))) bars++;
        }
        assertEquals(r.json().get("counts").size(), bars, "one bar per outcome");
    }

    @Test
    void humanReportHasHeaderHistogramAndExpectations() {
        String file = Cli.qasm(dir, "bell.qasm", BELL);
        Cli.Run r = Cli.runWith("", Map.of("COLUMNS", "60"), false, "run", file, "--seed", "9", "--shots", "500", "--expect", "Z0 Z1");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("bell.qasm") && r.out().contains("2 qubits") && r.out().contains("500 shots")
                && r.out().contains("seed 9") && r.out().contains("engine " + org.qise.engine.Engines.DEFAULT), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("00 │█")), r.out());
        assertTrue(r.out().contains("⟨Z0 Z1⟩ = 1.000000"), r.out());
        assertTrue(r.out().lines().allMatch(l -> l.length() <= 60 || !l.contains("│")), "histogram fits $COLUMNS");
    }

    @Test
    void humanReportListsAtMost256ProbabilitiesAndSaysHowManyMore() {
        String file = Cli.qasm(dir, "h10.qasm", "qreg q[10];\nh q;\n"); // 1024 equally likely states
        Cli.Run r = Cli.run("run", file, "--probabilities", "--shots", "4");
        assertEquals(0, r.code(), r.toString());
        assertEquals(256, r.out().lines().filter(l -> l.matches("  [01]{10}  0\\.000977")).count(), r.out());
        assertTrue(r.out().contains("… 768 more not listed"), r.out());
    }

    @Test
    void runWithoutAFileListsTheBundledExamples() {
        Cli.Run r = Cli.run("run");
        assertEquals(0, r.code(), r.toString());
        for (String name : Examples.list().keySet()) assertTrue(r.out().contains(name), r.out());
        assertTrue(r.out().contains("--example"), r.out());
    }

    @Test
    void drawPrintsTheDiagramAndWritesSvg() throws Exception {
        String file = Cli.qasm(dir, "bell.qasm", BELL);
        Path svg = dir.resolve("bell.svg");
        Cli.Run r = Cli.run("draw", file, "--svg", svg.toString(), "--width", "40");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("q[0]: ") && l.contains("┤h├") && l.contains("●")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("q[1]: ") && l.contains("⊕")), r.out());
        assertTrue(r.out().lines().allMatch(l -> l.length() <= 40), r.out());
        assertEquals("svg", parseXml(svg).getDocumentElement().getLocalName());
    }

    @Test
    void drawSvgToStdoutPrintsOnlyTheSvg() throws Exception {
        Cli.Run r = Cli.run("draw", Cli.qasm(dir, "bell.qasm", BELL), "--svg", "-");
        assertEquals(0, r.code(), r.toString());
        Path copy = dir.resolve("stdout.svg");
        Files.writeString(copy, r.out());
        assertEquals("svg", parseXml(copy).getDocumentElement().getLocalName());
    }

    @Test
    void drawReportsParseErrorsLikeRun() {
        Cli.Run r = Cli.run("draw", Cli.qasm(dir, "bad.qasm", "qreg q[1];\nfoo q[0];\n"));
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().startsWith("qise: error: ") && r.err().contains("bad.qasm:4:"), r.err());
    }

    @Test
    void exportPrintsCanonicalQasmThatReadsBackToTheSameCircuit() throws Exception {
        String body = "gate bellpair a, b { h a; cx a, b; }\nqreg q[3];\ncreg c[3];\nbellpair q[0], q[1];\n"
                + "rz(pi/8) q[2];\nmeasure q -> c;\nif (c == 3) x q[2];\n";
        String file = Cli.qasm(dir, "gates.qasm", body);
        Cli.Run r = Cli.run("export", file);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("OPENQASM 2.0;"), r.out());
        assertTrue(!r.out().contains("bellpair"), "user gates are expanded: " + r.out());
        var original = org.qise.qasm.QasmParser.parse(Files.readString(Path.of(file)), "gates.qasm");
        assertEquals(original, org.qise.qasm.QasmParser.parse(r.out(), "exported.qasm"));
        Cli.Run bad = Cli.run("export", Cli.qasm(dir, "bad.qasm", "qreg q[1];\nh q[3];\n"));
        assertEquals(2, bad.code(), bad.toString());
    }

    @Test
    void versionNamesTheVersion() {
        Cli.Run r = Cli.run("version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("qise " + Version.get() + "\n"), r.out());
        Cli.Run flag = Cli.run("--version");
        assertEquals(0, flag.code());
        assertEquals("qise " + Version.get(), flag.out().strip());
    }

    @Test
    void helpIsUsageNotAnError() {
        Cli.Run r = Cli.run("run", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--shots") && r.out().contains("--statevector"), r.out());
        Cli.Run none = Cli.run();
        assertEquals(2, none.code(), "no command is a usage error");
        assertTrue(none.err().contains("run") && none.err().contains("draw"), none.err());
    }
}
