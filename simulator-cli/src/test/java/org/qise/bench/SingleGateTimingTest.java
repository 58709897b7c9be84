package org.qise.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.qise.engine.Precision;

/**
 * The single-gate rows of a bench run: each workload and precision gets one row of one gate
 * with a finite positive time, and from 17 qubits a fraction of the state's own sweeps (the
 * figures themselves are not checked: nothing here depends on how fast the machine is). Few
 * workloads on one thread count keep the warm-ups short.
 */
class SingleGateTimingTest {

    @Test
    void singleGateWorkloadsAreTimedInBothPrecisions() {
        BenchOptions o = BenchOptions.quickRun().withQubits(List.of(9)).withThreads(List.of(2))
                .withWorkloads(List.of("h", "cx")).withPrecisions(List.of(Precision.SINGLE, Precision.DOUBLE))
                .withComparisons(false, false).withProgress(line -> {});
        BenchReport report = Bench.run(o);
        assertEquals(2 * 2, report.results().size());
        for (String w : List.of("h", "cx")) {
            for (Precision p : List.of(Precision.SINGLE, Precision.DOUBLE)) {
                List<BenchResult> rows = report.results().stream().filter(r -> r.workload().equals(w) && r.precision() == p).toList();
                assertEquals(1, rows.size(), w + " " + p);
                BenchResult r = rows.get(0);
                assertEquals(1, r.gates());
                assertEquals(2, r.threads());
                assertTrue(r.seconds() > 0 && Double.isFinite(r.seconds()), w + " " + p + ": " + r.seconds());
                assertTrue(r.bandwidthFraction() > 0 && Double.isFinite(r.bandwidthFraction()), w + " " + p + ": " + r.bandwidthFraction());
                assertNull(r.stateSweepFraction(), "a 9-qubit pass is one thread's: no sweep of the state to compare with");
            }
        }
    }

    @Test
    void fromSeventeenQubitsASingleGateRowComparesWithSweepsOfTheStatesOwnMemory() throws Exception {
        BenchOptions o = BenchOptions.quickRun().withQubits(List.of(17)).withThreads(List.of(2))
                .withWorkloads(List.of("h")).withPrecisions(List.of(Precision.SINGLE, Precision.DOUBLE))
                .withComparisons(false, false).withProgress(line -> {});
        BenchReport report = Bench.run(o);
        assertEquals(2, report.results().size());
        JsonNode rows = new ObjectMapper().readTree(report.toJson()).get("results");
        for (int i = 0; i < 2; i++) {
            BenchResult r = report.results().get(i);
            Double f = r.stateSweepFraction();
            assertNotNull(f, r.precision().label());
            assertTrue(f > 0 && Double.isFinite(f), r.precision().label() + ": " + f);
            // The row's note gives the sweeps' own figure, from which the fraction was made.
            Matcher m = Pattern.compile("own memory timed between this gate's passes: ([0-9.]+) GB/s").matcher(r.note());
            assertTrue(m.find(), r.note());
            assertEquals(r.effectiveGbs() / Double.parseDouble(m.group(1)), f, 0.01 * f, r.note());
            assertEquals(Math.round(f * 1000) / 1000.0, rows.get(i).get("state_sweep_fraction").asDouble());
        }
        assertTrue(report.toTable().contains("of sweep"));
        assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("single-gate rows from 17 to 23 qubits: \"of sweep\"")), report.notes().toString());
    }
}
