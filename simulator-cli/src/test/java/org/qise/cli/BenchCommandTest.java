package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qise.bench.Workloads;
import org.qise.circuit.Circuit;
import org.qise.circuit.Operation;
import org.qise.engine.QuantumState;
import org.qise.engine.fast.FastEngine;
import org.qise.qasm.QasmParser;

/** The bench command's contract on a tiny configuration (what it measures is not asserted: timings are noise). */
class BenchCommandTest {

    @Test
    void jsonReportHasTheDocumentedFieldsForEveryMeasurement() {
        Cli.Run r = Cli.run("bench", "--json", "--qubits", "6", "--threads", "1", "--workloads", "h,qft", "--no-strange");
        assertEquals(0, r.code(), r.toString());
        JsonNode j = r.json();
        assertTrue(j.get("memory_bandwidth_gbs").asDouble() > 0, j.toString());
        JsonNode results = j.get("results");
        assertTrue(results.size() >= 2, j.toString());
        for (JsonNode row : results) {
            for (String field : new String[]{"workload", "qubits", "threads", "gates", "seconds", "effective_gbs", "bandwidth_fraction"}) {
                assertTrue(row.has(field), field + " missing in " + row);
            }
            assertEquals(6, row.get("qubits").asInt());
            assertEquals(1, row.get("threads").asInt());
            assertTrue(row.get("seconds").asDouble() > 0);
        }
        assertTrue(r.err().contains("bench: "), "progress on stderr");
    }

    @Test
    void gradientFigureGivesTheAdjointGradientAgainstAForwardPassPerThreadCount() {
        Cli.Run r = Cli.run("bench", "--gradient", "--json", "--qubits", "14", "--threads", "1,2");
        assertEquals(0, r.code(), r.toString());
        JsonNode rows = r.json().get("gradient");
        assertEquals(2, rows.size(), rows.toString());
        for (int k = 0; k < 2; k++) {
            JsonNode row = rows.get(k);
            assertEquals(14, row.get("qubits").asInt());
            assertEquals(k + 1, row.get("threads").asInt());
            assertEquals(140, row.get("parameters").asInt(), "5 layers of ry and rz on every qubit");
            assertEquals(5 * (14 + 14 + 13), row.get("gates").asInt(), "and a cx staircase per layer");
            double ratio = row.get("gradient_seconds").asDouble() / row.get("forward_seconds").asDouble();
            assertEquals(ratio, row.get("ratio").asDouble(), 1e-3 * ratio);
        }
        Cli.Run table = Cli.run("bench", "--gradient", "--qubits", "14", "--threads", "1");
        assertEquals(0, table.code(), table.toString());
        assertTrue(table.out().contains("adjoint gradient") && table.out().contains("ratio"), table.out());
        Cli.Run bad = Cli.run("bench", "--gradient", "--qubits", "40", "--threads", "1");
        assertEquals(2, bad.code(), bad.toString());
        assertTrue(bad.err().contains("2 to 26 qubits, got 40"), bad.err());
    }

    @Test
    void unknownWorkloadIsAUsageErrorNotAStackTrace() {
        Cli.Run r = Cli.run("bench", "--workloads", "nonsense", "--qubits", "4");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("unknown workload 'nonsense'"), r.err());
        assertTrue(!r.err().contains("at org."), r.err());
    }

    @Test
    void bothPrecisionsAreTimedSideBySideWithTheirRatio() {
        Cli.Run r = Cli.run("bench", "--json", "--qubits", "8", "--threads", "1", "--workloads", "qft", "--no-exact", "--no-strange",
                "--precision", "single,double");
        assertEquals(0, r.code(), r.toString());
        JsonNode results = r.json().get("results");
        assertEquals(2, results.size(), results.toString());
        JsonNode single = results.get(0).get("precision").asText().equals("single") ? results.get(0) : results.get(1);
        JsonNode dbl = single == results.get(0) ? results.get(1) : results.get(0);
        assertEquals("double", dbl.get("precision").asText());
        assertEquals(dbl.get("seconds").asDouble() / single.get("seconds").asDouble(), single.get("speedup_over_double").asDouble(), 1e-3 + 1e-3 * single.get("speedup_over_double").asDouble());
        assertTrue(!dbl.has("speedup_over_double"), dbl.toString());
        Cli.Run table = Cli.run("bench", "--quick", "--qubits", "8", "--threads", "1", "--workloads", "h", "--no-exact", "--no-strange",
                "--precision", "double,single");
        assertEquals(0, table.code(), table.toString());
        assertTrue(table.out().contains("x double"), table.out());
    }

    @Test
    void unknownPrecisionIsAUsageErrorNamingIt() {
        Cli.Run r = Cli.run("bench", "--precision", "single,quad", "--qubits", "4");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("'quad'") && r.err().contains("--precision"), r.err());
    }

    @Test
    void writeCircuitsLeavesTheCircuitWorkloadsAsOpenQasmThatReadsBackToTheSameState(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("circuits");
        Cli.Run r = Cli.run("bench", "--write-circuits", out.toString(), "--qubits", "4,5", "--workloads", "random,h");
        assertEquals(0, r.code(), r.toString());
        assertEquals(List.of("random-4.qasm", "random-4.qsim", "random-5.qasm", "random-5.qsim"),
                r.out().lines().map(l -> Path.of(l).getFileName().toString()).toList());
        assertTrue(r.err().contains("h: single-gate passes, not circuits; not written"), r.err());
        assertTrue(Files.readString(out.resolve("random-5.qsim")).startsWith("5\n0 rz 0 "), "qsim's text: qubit count, then the gates");
        Circuit read = QasmParser.parse(Files.readString(out.resolve("random-5.qasm")), "random-5.qasm");
        try (QuantumState fromFile = new FastEngine(1).allocate(5); QuantumState defined = new FastEngine(1).allocate(5)) {
            for (Operation op : read.operations()) fromFile.apply((Operation.GateOp) op);
            defined.applyAll(Workloads.circuit("random", 5));
            for (int k = 0; k < 32; k++) {
                assertEquals(defined.re(k), fromFile.re(k), 1e-12, "re " + k);
                assertEquals(defined.im(k), fromFile.im(k), 1e-12, "im " + k);
            }
        }
    }

    @Test
    void writeCircuitsIntoAPlaceThatIsNotADirectoryIsAUsageError(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Cli.Run r = Cli.run("bench", "--write-circuits", file.toString(), "--qubits", "4", "--workloads", "qft");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--write-circuits: cannot write into " + file), r.err());
        assertEquals("x", Files.readString(file), "nothing there is overwritten");
    }
}
