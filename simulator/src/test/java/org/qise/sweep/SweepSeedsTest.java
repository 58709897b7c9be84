package org.qise.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qise.engine.fast.Compilations;
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

    /** 8 qubits (compiled plans, not the small-state loops), every kind of parametric gate in play. */
    static final Circuit WIDE = Circuit.builder(8, 8).h(0).h(3).h(5)
            .ry(Param.of("theta"), 0).ry(Param.of("theta").plus(Param.of("phi")), 3).cx(0, 1).cx(3, 4)
            .rz(Param.of("phi").times(2).minus(Param.of("theta").dividedBy(2)), 1).crx(Param.of("phi"), 1, 2)
            .rx(Param.of("theta").dividedBy(3), 7).cx(6, 7).u3(Param.of("theta"), Param.of("phi"), Param.constant(0.25), 5)
            .measureAll().build();

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 2})
    void aSixtyFourPointSweepCompilesOnceAndEachPointMatchesAFreshlyCompiledRun(int threads) {
        SweepPoints points = SweepPoints.grid(List.of(SweepAxis.parse("theta=0.1:6:16"), SweepAxis.parse("phi=0.25,0.5,1,2")));
        PauliSum zz = PauliSum.parse("Z0 Z1 + 0.5 X2");
        Sweep sweep = new Sweep(WIDE, points, new Sweep.Settings(List.of(zz), 300, 17, "fast", false));
        int[] all = new int[points.size()];
        for (int p = 0; p < all.length; p++) all[p] = p;
        List<Sweep.PointResult> results = new ArrayList<>();
        long before = Compilations.count();
        sweep.run(all, threads, results::add, (d, t, u) -> { });
        assertEquals(1, Compilations.count() - before, "one compilation, then a re-binding per point");
        assertEquals(64, results.size());
        for (Sweep.PointResult r : results) {
            int p = r.index();
            try (Result direct = Simulator.builder().engine("fast").threads(1).shots(300).seed(Rng.stream(17, p).nextLong()).build()
                    .run(WIDE.bind(points.point(p)))) {
                assertEquals(direct.counts(), r.counts(), "point " + p);
                assertEquals(direct.expectation(zz), r.expectations()[0], 0.0, "point " + p + ", bit for bit");
            }
        }
    }

    @Test
    void aPointWhereARotationIsTheIdentityIsCompiledOnItsOwnAndStillExact() {
        // θ = 0 makes ry(θ) the identity, a diagonal gate that fusion groups differently
        SweepPoints points = SweepPoints.grid(List.of(SweepAxis.parse("theta=0,0.5,1"), SweepAxis.parse("phi=0.3")));
        Sweep sweep = new Sweep(WIDE, points, new Sweep.Settings(List.of(PauliSum.parse("Z0")), 0, 5, "fast", false));
        long before = Compilations.count();
        double[] z0 = new double[3];
        sweep.run(new int[]{0, 1, 2}, 1, r -> z0[r.index()] = r.expectations()[0], (d, t, u) -> { });
        assertEquals(2, Compilations.count() - before, "the shared plan, and one of its own for θ = 0");
        for (int p = 0; p < 3; p++) assertEquals(-Math.sin(points.value(p, 0)), z0[p], 1e-12, "ry(θ) turns |+⟩ to cos θ X − sin θ Z: ⟨Z0⟩ = −sin θ");
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
