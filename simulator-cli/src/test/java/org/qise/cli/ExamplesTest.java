package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled examples parse, run, and do what their descriptions say (closed forms). */
class ExamplesTest {

    private static JsonNode run(String... args) {
        Cli.Run r = Cli.run(args);
        assertEquals(0, r.code(), r.toString());
        return r.json();
    }

    @Test
    void everyExampleHasADescriptionAndRuns() {
        assertTrue(Examples.list().keySet().containsAll(List.of("bell", "ghz", "teleport", "grover", "qft3")));
        for (var e : Examples.list().entrySet()) {
            assertFalse(e.getValue().isBlank(), e.getKey() + " has a description");
            run("run", "--example", e.getKey(), "--json", "--seed", "1", "--shots", "64");
        }
    }

    @Test
    void ghzMeasuresAllZerosOrAllOnes() {
        JsonNode counts = run("run", "--example", "ghz", "--json", "--seed", "4").get("counts");
        List<String> keys = new ArrayList<>();
        counts.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("00000", "11111"), keys);
    }

    @Test
    void groverFindsTheMarkedStateWithTheTheoreticalProbability() {
        // N = 8, one marked state: after k iterations P = sin²((2k+1)·asin(1/√8))
        double theta = Math.asin(1 / Math.sqrt(8));
        double expected = Math.pow(Math.sin(5 * theta), 2);
        JsonNode p = run("run", "--example", "grover", "--json", "--seed", "1", "--probabilities").get("probabilities");
        assertEquals(expected, p.get(0b101).asDouble(), 1e-9);
        for (int i = 0; i < 8; i++) if (i != 0b101) assertEquals((1 - expected) / 7, p.get(i).asDouble(), 1e-9);
    }

    @Test
    void teleportationDeliversTheStateWhateverAliceMeasured() {
        // ry(π/3)|0⟩ has P(1) = sin²(π/6) = 1/4; Bob's bit is the leftmost register (bob declared last)
        JsonNode json = run("run", "--example", "teleport", "--json", "--seed", "8", "--shots", "20000");
        assertEquals("shot-by-shot", json.get("mode").asText(), "corrections depend on measured bits");
        JsonNode counts = json.get("counts");
        long ones = 0, total = 0;
        for (var it = counts.fields(); it.hasNext(); ) {
            var e = it.next();
            total += e.getValue().asLong();
            if (e.getKey().startsWith("1")) ones += e.getValue().asLong();
        }
        assertEquals(20000, total);
        double sigma = Math.sqrt(20000 * 0.25 * 0.75);
        assertTrue(Math.abs(ones - 5000) < 5 * sigma, "Bob measured 1 in " + ones + " of 20000 shots");
    }

    @Test
    void qftOfFiveIsThePlaneWaveWithFrequencyFive() {
        JsonNode sv = run("run", "--example", "qft3", "--json", "--statevector").get("statevector");
        for (int k = 0; k < 8; k++) {
            double angle = 2 * Math.PI * 5 * k / 8;
            assertEquals(Math.cos(angle) / Math.sqrt(8), sv.get(k).get(0).asDouble(), 1e-12, "re " + k);
            assertEquals(Math.sin(angle) / Math.sqrt(8), sv.get(k).get(1).asDouble(), 1e-12, "im " + k);
        }
    }
}
