package org.qise.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.circuit.Operation;
import org.qise.engine.QuantumState;
import org.qise.engine.fast.FastEngine;
import org.redfx.strange.Complex;

/** The benchmark circuits as defined, their Strange translation, and the report format (nothing timed). */
class WorkloadsTest {

    @Test
    void circuitsHaveTheDefinedGateCounts() {
        int n = 10;
        assertEquals(41 * n, Workloads.circuit("qcbm", n).size());
        assertEquals(n + n * (n - 1) / 2, Workloads.circuit("qft", n).size());
        // random: 20 layers of n U3 plus CZ on alternating pairs (5 pairs on even layers, 4 on odd).
        assertEquals(20 * n + 10 * 5 + 10 * 4, Workloads.circuit("random", n).size());
        assertEquals(10 * (n + n - 1), Workloads.circuit("strange-layers", n).size());
        assertEquals(Workloads.circuit("qcbm", n), Workloads.circuit("qcbm", n), "fixed seed");
    }

    @Test
    void qftMapsABasisStateToItsFourierPhases() {
        // Qubit j ends as |0> + e^{2πi·0.x_j x_{j+1}…x_{n-1}}|1> (binary fraction): without the final
        // swaps that is the Fourier transform of the bit-reversed input, e^{2πi·rev(x)·k/2^n}/√2^n at k.
        int n = 5, x = 11;
        try (QuantumState s = new FastEngine(1).allocate(n)) {
            for (int q = 0; q < n; q++) if ((x >> q & 1) == 1) s.flip(q);
            s.applyAll(Workloads.circuit("qft", n));
            int rev = Integer.reverse(x) >>> (32 - n);
            for (int k = 0; k < 1 << n; k++) {
                double phase = 2 * Math.PI * rev * k / (1 << n);
                double norm = Math.pow(2, -n / 2.0);
                assertEquals(norm * Math.cos(phase), s.re(k), 1e-12, "re " + k);
                assertEquals(norm * Math.sin(phase), s.im(k), 1e-12, "im " + k);
            }
        }
    }

    @Test
    void strangeReachesTheSameProbabilitiesOnEveryCircuit() {
        int n = 5;
        for (String w : List.of("qft", "qcbm", "random", "strange-layers")) {
            List<Operation.GateOp> ops = Workloads.circuit(w, n);
            Complex[] amps = StrangeRunner.run(StrangeRunner.toProgram(ops, n));
            try (QuantumState s = new FastEngine(1).allocate(n)) {
                s.applyAll(ops);
                double[] p = s.probabilities();
                for (int i = 0; i < p.length; i++) {
                    assertEquals(p[i], amps[i].abssqr(), 1e-5, w + " basis state " + i); // Strange computes in single precision
                }
            }
        }
    }

    @Test
    void reportJsonHasTheDocumentedFields() throws Exception {
        BenchResult r = new BenchResult("qft", 20, 2, 210, 0.5, 0.9, 13.4, 0.4, 30.0, "extrapolated", null, null);
        BenchReport report = new BenchReport(Map.of(1, 20.0, 2, 35.0), List.of(r), List.of("a note"), "test");
        JsonNode root = new ObjectMapper().readTree(report.toJson());
        assertEquals(35.0, root.get("memory_bandwidth_gbs").asDouble());
        JsonNode row = root.get("results").get(0);
        for (String f : List.of("workload", "qubits", "threads", "gates", "seconds", "effective_gbs", "bandwidth_fraction", "exact_engine_seconds")) {
            assertTrue(row.has(f), "missing " + f);
        }
        assertEquals(60.0, row.get("exact_engine_speedup").asDouble());
        assertTrue(!row.has("strange_seconds"), "absent measurements are left out");
        assertTrue(report.toTable().contains("qft"));
    }
}
