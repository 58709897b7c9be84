package org.qise.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link Rng} against an independent transcription of the published algorithms (Blackman and
 * Vigna's xoshiro256**, seeded through Steele, Lea and Flood's SplitMix64), written here in
 * unsigned 64-bit arithmetic on BigInteger rather than Java longs. The transcription is first
 * checked against the published test vectors, then used as the reference for Rng.
 */
class RngReferenceTest {

    /** The algorithms as published, on unsigned 64-bit words held in BigIntegers. */
    private static final class Reference {
        static final BigInteger MOD = BigInteger.ONE.shiftLeft(64);
        static final BigInteger GOLDEN_GAMMA = new BigInteger("9E3779B97F4A7C15", 16);
        static final BigInteger MIX1 = new BigInteger("BF58476D1CE4E5B9", 16);
        static final BigInteger MIX2 = new BigInteger("94D049BB133111EB", 16);

        static BigInteger word(long signed) {
            return new BigInteger(Long.toUnsignedString(signed));
        }

        static BigInteger times(BigInteger a, long b) {
            return a.multiply(BigInteger.valueOf(b)).mod(MOD);
        }

        static BigInteger times(BigInteger a, BigInteger b) {
            return a.multiply(b).mod(MOD);
        }

        static BigInteger shiftLeft(BigInteger x, int k) {
            return x.shiftLeft(k).mod(MOD);
        }

        static BigInteger rotateLeft(BigInteger x, int k) {
            return x.shiftLeft(k).or(x.shiftRight(64 - k)).mod(MOD);
        }

        /** SplitMix64: advance the state by the golden gamma, then mix a copy of it. */
        static final class SplitMix64 {
            BigInteger state;

            SplitMix64(BigInteger seed) { state = seed; }

            BigInteger next() {
                state = state.add(GOLDEN_GAMMA).mod(MOD);
                BigInteger z = state;
                z = times(z.xor(z.shiftRight(30)), MIX1);
                z = times(z.xor(z.shiftRight(27)), MIX2);
                return z.xor(z.shiftRight(31));
            }
        }

        /** xoshiro256**: output rotl(s1·5, 7)·9, then the xor-shift state update. */
        static final class Xoshiro256StarStar {
            final BigInteger[] s = new BigInteger[4];

            Xoshiro256StarStar(BigInteger... state) {
                System.arraycopy(state, 0, s, 0, 4);
            }

            /** Seeded with four consecutive SplitMix64 outputs, as the authors recommend. */
            static Xoshiro256StarStar seeded(long seed) {
                SplitMix64 sm = new SplitMix64(word(seed));
                return new Xoshiro256StarStar(sm.next(), sm.next(), sm.next(), sm.next());
            }

            BigInteger next() {
                BigInteger result = times(rotateLeft(times(s[1], 5), 7), 9);
                BigInteger t = shiftLeft(s[1], 17);
                s[2] = s[2].xor(s[0]);
                s[3] = s[3].xor(s[1]);
                s[1] = s[1].xor(s[2]);
                s[0] = s[0].xor(s[3]);
                s[2] = s[2].xor(t);
                s[3] = rotateLeft(s[3], 45);
                return result;
            }
        }
    }

    private static BigInteger big(String decimal) {
        return new BigInteger(decimal);
    }

    @Test
    void referenceSplitMix64ReproducesThePublishedVectors() {
        // Seed 1234567: the widely published first five outputs (e.g. Rosetta Code's SplitMix64 task).
        Reference.SplitMix64 sm = new Reference.SplitMix64(BigInteger.valueOf(1234567));
        for (String expected : new String[]{"6457827717110365317", "3203168211198807973", "9817491932198370423",
                "4593380528125082431", "16408922859458223821"}) {
            assertEquals(big(expected), sm.next());
        }
        // Seed 0
        Reference.SplitMix64 zero = new Reference.SplitMix64(BigInteger.ZERO);
        assertEquals(new BigInteger("E220A8397B1DCDAF", 16), zero.next());
        assertEquals(new BigInteger("6E789E6AA1B965F4", 16), zero.next());
        assertEquals(new BigInteger("06C45D188009454F", 16), zero.next());
    }

    @Test
    void referenceXoshiroReproducesThePublishedVectorsForStateOneTwoThreeFour() {
        Reference.Xoshiro256StarStar x = new Reference.Xoshiro256StarStar(
                BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(3), BigInteger.valueOf(4));
        for (String expected : new String[]{"11520", "0", "1509978240", "1215971899390074240", "1216172134540287360",
                "607988272756665600", "16172922978634559625", "8476171486693032832", "10595114339597558777",
                "2904607092377533576"}) {
            assertEquals(big(expected), x.next());
        }
    }

    @Test
    void rngMatchesTheReferenceForManySeeds() {
        long[] seeds = {0, 1, 7, 42, 1234567, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x0123456789ABCDEFL};
        for (long seed : seeds) {
            Rng rng = new Rng(seed);
            Reference.Xoshiro256StarStar ref = Reference.Xoshiro256StarStar.seeded(seed);
            for (int i = 0; i < 1000; i++) {
                assertEquals(ref.next(), Reference.word(rng.nextLong()), "seed " + seed + ", output " + i);
            }
        }
    }

    @Test
    void nextDoubleUsesTheTop53BitsScaledIntoTheUnitInterval() {
        Rng rng = new Rng(99);
        Reference.Xoshiro256StarStar ref = Reference.Xoshiro256StarStar.seeded(99);
        for (int i = 0; i < 1000; i++) {
            BigInteger top53 = ref.next().shiftRight(11);
            double expected = top53.doubleValue() / Math.pow(2, 53);
            double actual = rng.nextDouble();
            assertEquals(expected, actual, 0.0, "output " + i);
            assertTrue(actual >= 0 && actual < 1);
        }
    }

    @Test
    void sameSeedSameSequenceAndStreamsAreReproducibleAndDistinct() {
        long[] a = new long[100], b = new long[100], c = new long[100];
        Rng r1 = new Rng(2024), r2 = new Rng(2024), r3 = new Rng(2025);
        for (int i = 0; i < 100; i++) {
            a[i] = r1.nextLong();
            b[i] = r2.nextLong();
            c[i] = r3.nextLong();
        }
        assertArrayEquals(a, b);
        assertNotEquals(a[0], c[0]);

        assertEquals(Rng.stream(5, 17).nextLong(), Rng.stream(5, 17).nextLong());
        java.util.Set<Long> firsts = new java.util.HashSet<>();
        for (long shot = 0; shot < 1000; shot++) firsts.add(Rng.stream(5, shot).nextLong());
        assertEquals(1000, firsts.size(), "every shot's stream starts differently");
        assertNotEquals(Rng.stream(5, 3).nextLong(), Rng.stream(6, 3).nextLong());
    }
}
