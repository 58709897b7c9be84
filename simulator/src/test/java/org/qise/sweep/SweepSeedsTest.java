package org.qise.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qise.circuit.Circuit;
import org.qise.param.Param;
import org.qise.sim.PauliSum;
import org.qise.sim.Result;
import org.qise.sim.Rng;
import org.qise.sim.Simulator;

class SweepSeedsTest {
    static final Circuit CIRCUIT = Circuit.builder(2, 2).ry(Param.of("theta"), 0).cx(0, 1).rx(Param.of("phi").times(0.5), 1).measureAll().build();

    @Test
    void eachPointSamplesWithTheDocumentedStreamOfTheSeed() {
        SweepPoints points = SweepPoints.grid(List.of(SweepAxis.parse("theta=0:pi:3"), SweepAxis.parse("phi=-1,1")));
        Sweep sweep = new Sweep(CIRCUIT, points, new Sweep.Settings(List.of(PauliSum.parse("Z1")), 500, 99, "fast", false));
        for (int p = 0; p < points.size(); p++) {
            Sweep.PointResult r = sweep.run(p, 1);
            try (Result direct = Simulator.builder().shots(500).seed(Rng.stream(99, p).nextLong()).build().run(CIRCUIT.bind(points.point(p)))) {
                assertEquals(direct.counts(), r.counts(), "point " + p);
            }
            double theta = points.value(p, 0), phi = points.value(p, 1);
            assertEquals(Math.cos(theta) * Math.cos(phi / 2), r.expectations()[0], 1e-12, "⟨Z1⟩ = cos θ · cos(φ/2)");
        }
    }

    @Test
    void theLastAxisVariesFastest() {
        SweepPoints points = SweepPoints.grid(List.of(SweepAxis.parse("a=1,2"), SweepAxis.parse("b=10:30:3")));
        List<double[]> rows = new ArrayList<>();
        for (int p = 0; p < points.size(); p++) rows.add(new double[]{points.value(p, 0), points.value(p, 1)});
        assertArrayEquals(new double[][]{{1, 10}, {1, 20}, {1, 30}, {2, 10}, {2, 20}, {2, 30}}, rows.toArray(double[][]::new));
    }

    @Test
    void shardsTakeEveryNthPointAndRefuseAnIndexOutOfRange() {
        assertArrayEquals(new int[]{1, 4, 7}, Sweep.shardIndices(9, 2, 3));
        assertArrayEquals(new int[]{}, Sweep.shardIndices(2, 3, 3));
        var e = assertThrows(IllegalArgumentException.class, () -> Sweep.shardIndices(9, 0, 3));
        assertEquals("shard 0/3 is out of range: shards are numbered 1 to 3", e.getMessage());
    }

    @Test
    void aSweepMustCoverEveryParameterOfTheCircuit() {
        SweepPoints points = SweepPoints.grid(List.of(SweepAxis.parse("theta=0,1")));
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Sweep(CIRCUIT, points, new Sweep.Settings(List.of(), 10, 1, "fast", false)));
        assertEquals("parameter 'phi' of the circuit is not swept; give it a value", e.getMessage());
    }
}
