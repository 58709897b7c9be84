package org.qise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.circuit.Circuit;

class SimulatorBasicsTest {

    private static Simulator seeded(long shots) {
        return Simulator.builder().engine("exact").shots(shots).seed(7).build();
    }

    @Test
    void bellStateGivesOnlyCorrelatedOutcomesInEqualShare() {
        Circuit bell = Circuit.builder(2, 2).h(0).cx(0, 1).measure(0, 0).measure(1, 1).build();
        Result r = seeded(4000).run(bell);
        assertEquals(Result.Mode.SAMPLED, r.mode());
        assertEquals(2, r.counts().size());
        long n00 = r.counts().get("00"), n11 = r.counts().get("11");
        assertEquals(4000, n00 + n11);
        // binomial(4000, 1/2) has standard deviation ~32; 5 sigma
        assertTrue(Math.abs(n00 - 2000) < 160, "00 count " + n00);
        assertEquals(1.0, r.expectation("Z0 Z1"), 1e-12);
        assertEquals(0.0, r.expectation("Z0"), 1e-12);
        assertEquals(1.0, r.expectation("X0 X1"), 1e-12);
        assertEquals(-1.0, r.expectation("Y0 Y1"), 1e-12);
    }

    @Test
    void bitstringsPutQubitZeroRightmostAndLaterRegistersLeft() {
        Circuit c = Circuit.builder().qreg("q", 3).creg("a", 1).creg("b", 2)
                .x(0).x(2).measure(0, 0).measure(1, 1).measure(2, 2).build();
        Map<String, Long> counts = seeded(10).run(c).counts();
        // a[0] = q0 = 1; b[0] = q1 = 0, b[1] = q2 = 1 → "b1 b0 a0" = "10 1"
        assertEquals(Map.of("10 1", 10L), counts);
    }

    @Test
    void sameSeedSameCountsAndDifferentSeedUsuallyDifferent() {
        Circuit c = Circuit.builder(3, 3).h(0).h(1).h(2).measureAll().build();
        assertEquals(seeded(1000).run(c).counts(), seeded(1000).run(c).counts());
        Result other = Simulator.builder().engine("exact").shots(1000).seed(8).build().run(c);
        assertTrue(!other.counts().equals(seeded(1000).run(c).counts()));
    }

    @Test
    void teleportationWithClassicalControlRunsShotByShot() {
        // Teleport |1> from q0 to q2; the corrections depend on measured bits.
        Circuit c = Circuit.builder().qreg("q", 3).creg("m0", 1).creg("m1", 1).creg("out", 1)
                .x(0)
                .h(1).cx(1, 2)
                .cx(0, 1).h(0)
                .measure(0, 0).measure(1, 1)
                .ifEquals("m1", 1, b -> b.x(2))
                .ifEquals("m0", 1, b -> b.z(2))
                .measure(2, 2)
                .build();
        Result r = seeded(200).run(c);
        assertEquals(Result.Mode.SHOT_BY_SHOT, r.mode());
        long ones = r.counts().entrySet().stream().filter(e -> e.getKey().startsWith("1")).mapToLong(Map.Entry::getValue).sum();
        assertEquals(200, ones, "the output qubit is always 1: " + r.counts());
        assertThrows(IllegalStateException.class, r::probabilities);
    }

    @Test
    void resetMidCircuitReturnsQubitToZero() {
        Circuit c = Circuit.builder(1, 1).h(0).reset(0).measure(0, 0).build();
        assertEquals(Map.of("0", 50L), seeded(50).run(c).counts());
    }

    @Test
    void marginalOfGhzIsHalfHalf() {
        Circuit ghz = Circuit.builder(3).h(0).cx(0, 1).cx(1, 2).build();
        Result r = seeded(10).run(ghz);
        double[] m = r.marginal(2, 0);
        assertEquals(0.5, m[0], 1e-12);
        assertEquals(0.0, m[1], 1e-12);
        assertEquals(0.0, m[2], 1e-12);
        assertEquals(0.5, m[3], 1e-12);
        double[] sv = r.statevector();
        assertEquals(Math.sqrt(0.5), sv[0], 1e-15);
        assertEquals(Math.sqrt(0.5), sv[14], 1e-15);
    }

    @Test
    void pauliSumParsesCoefficientsSignsAndQiskitStrings() {
        PauliSum s = PauliSum.parse("0.5 X0 Y2 - Z1 + 2*ZZ");
        assertEquals(3, s.terms().size());
        assertEquals(0.5, s.terms().get(0).coefficient());
        assertEquals(0b101, s.terms().get(0).xMask());
        assertEquals(0b100, s.terms().get(0).zMask());
        assertEquals(-1.0, s.terms().get(1).coefficient());
        assertEquals(0b11, s.terms().get(2).zMask());
        assertThrows(IllegalArgumentException.class, () -> PauliSum.parse("Q3"));
        assertThrows(IllegalArgumentException.class, () -> PauliSum.parse("Z0 +"));
    }
}
