package org.qise.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qise.engine.Precision;

/**
 * The single-gate rows of a bench run: each workload and precision gets one row of one gate
 * with a finite positive time (the figures themselves are not checked: nothing here depends on
 * how fast the machine is). Two workloads on one thread count keep the warm-ups short.
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
            }
        }
    }
}
