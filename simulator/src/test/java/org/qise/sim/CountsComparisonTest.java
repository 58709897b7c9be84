package org.qise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

class CountsComparisonTest {

    @Test
    void agreesWithCommonsMathDataSetComparison() {
        Map<String, Long> a = Map.of("00", 480L, "01", 20L, "11", 500L);
        Map<String, Long> b = Map.of("00", 530L, "10", 10L, "11", 460L);
        CountsComparison c = CountsComparison.of(a, b);
        // Commons Math's two-sample test wants aligned arrays over the union of outcomes.
        long[] x = {480, 20, 0, 500};
        long[] y = {530, 0, 10, 460};
        ChiSquareTest ref = new ChiSquareTest();
        assertEquals(ref.chiSquareDataSetsComparison(x, y), c.statistic(), 1e-9);
        assertEquals(ref.chiSquareTestDataSetsComparison(x, y), c.pValue(), 1e-9);
        assertEquals(3, c.degreesOfFreedom());
    }

    @Test
    void identicalCountsAreConsistentAndDisjointOnesAreNot() {
        Map<String, Long> a = Map.of("0", 500L, "1", 500L);
        assertTrue(CountsComparison.of(a, a).consistent());
        assertEquals(1.0, CountsComparison.of(a, a).pValue(), 1e-12);
        assertFalse(CountsComparison.of(a, Map.of("0", 1000L)).consistent());
    }

    @Test
    void twoSeedsOfTheSameCircuitAreStatisticallyConsistent() {
        var c = org.qise.circuit.Circuit.builder(3, 3).h(0).cx(0, 1).ry(0.7, 2).measureAll().build();
        var r1 = Simulator.builder().engine("exact").shots(5000).seed(1).build().run(c);
        var r2 = Simulator.builder().engine("exact").shots(5000).seed(2).build().run(c);
        CountsComparison cmp = CountsComparison.of(r1.counts(), r2.counts());
        assertTrue(cmp.consistent(), "p = " + cmp.pValue());
        assertFalse(r1.counts().equals(r2.counts()));
    }
}
