package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

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
    void unknownWorkloadIsAUsageErrorNotAStackTrace() {
        Cli.Run r = Cli.run("bench", "--workloads", "nonsense", "--qubits", "4");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("unknown workload 'nonsense'"), r.err());
        assertTrue(!r.err().contains("at org."), r.err());
    }
}
