package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector shape every kernel shares. Amplitudes are stored interleaved (re, im), so one
 * vector of {@link #DOUBLES} doubles holds {@link #AMPS} consecutive amplitudes; the lowest
 * {@link #LOW_QUBITS} qubits therefore live <em>inside</em> a vector (qubits 0 and 1 with
 * 512-bit vectors) and are handled with lane shuffles, while every higher qubit selects whole
 * vectors.
 *
 * <p>Why interleaved rather than split re/im planes (the split layout was reasoned about, not
 * built): a complex multiply by a lane-uniform coefficient costs the same two FMAs per vector
 * either way (plus one re↔im swap shuffle here), but interleaving keeps each amplitude in one
 * cache line, so a gate streams one array instead of two and the low-qubit shuffles touch one
 * register instead of two.
 *
 * <p>The vectors are not quite contiguous: after every {@link #PAD_EVERY_VECTORS} vectors (4 MiB)
 * the layout skips {@link #PAD_BYTES}. Without the gap, a gate on a high qubit streams two
 * halves of the state that lie an exact power of two apart (256 MiB and more at 26 qubits), and
 * on the reference machine (Zen 4) such pairs of streams collide in DRAM: an h gate on qubit 25
 * of 26 took 57 ms against 34 ms on qubit 0, and a probe of two streams 2^29 bytes apart ran at
 * half the speed of the same probe 2^29 + 32 KiB apart. The gap makes every such distance a
 * little more than a power of two. Runs of up to 4 MiB (the stage chunks of {@link StageRunner}) stay contiguous.
 */
final class Lanes {
    private Lanes() {}

    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    static final int DOUBLES = SPECIES.length();
    /** Complex amplitudes per vector (at least one). */
    static final int AMPS = Math.max(1, DOUBLES / 2);
    /** Qubits whose bit selects a lane rather than a vector. */
    static final int LOW_QUBITS = Integer.numberOfTrailingZeros(AMPS);
    static final long VECTOR_BYTES = DOUBLES * 8L;
    /** Vectors between two gaps of the layout: 4 MiB, no less than a stage chunk. */
    static final int PAD_SHIFT = 22 - Integer.numberOfTrailingZeros((int) VECTOR_BYTES);
    static final long PAD_EVERY_VECTORS = 1L << PAD_SHIFT;
    /** One page. */
    static final long PAD_BYTES = 4096;
    static final ByteOrder ORDER = ByteOrder.nativeOrder();

    /** Lane signs (−1 on real lanes, +1 on imaginary lanes) that turn swap(re,im) into i·z. */
    static final DoubleVector I_SIGN = DoubleVector.fromArray(SPECIES, iSign(), 0);

    /** Swaps re and im of each amplitude: followed by a multiply with {@link #I_SIGN} it multiplies by i. */
    static final VectorShuffle<Double> SWAP_RE_IM = amplitudeShuffle(0, true);

    /** Lane shuffles that exchange the amplitude pairs differing in low qubit 0 or 1. */
    static final VectorShuffle<Double> FLIP_Q0 = amplitudeShuffle(1 & (AMPS - 1), false);
    static final VectorShuffle<Double> FLIP_Q1 = amplitudeShuffle(2 & (AMPS - 1), false);

    static DoubleVector load(MemorySegment s, long vectorIndex) {
        return DoubleVector.fromMemorySegment(SPECIES, s, offset(vectorIndex), ORDER);
    }

    static void store(DoubleVector v, MemorySegment s, long vectorIndex) {
        v.intoMemorySegment(s, offset(vectorIndex), ORDER);
    }

    /**
     * The shuffle whose lane i takes lane {@code idx[from + i]}, rebuilt at its use from long
     * indices. A double shuffle is held as long lanes, so building it from longs is a plain move
     * that compiles to SIMD code on AVX2 and AVX-512 alike; built from a double index vector
     * ({@code DoubleVector.toShuffle()}) it needs a double-to-long conversion, which only
     * AVX-512 has: on AVX2 every call went through the Java fallback and allocated, and lane
     * kernels ran 40–60× slower.
     */
    static VectorShuffle<Double> shuffle(long[] idx, int from) {
        return LongVector.fromArray(LONGS, idx, from).toShuffle().cast(SPECIES);
    }

    /** Long vectors as wide as {@link #SPECIES}, for {@link #shuffle}. */
    private static final VectorSpecies<Long> LONGS = VectorSpecies.of(long.class, SPECIES.vectorShape());

    /** Byte offset of a vector, gaps included. */
    static long offset(long vectorIndex) {
        return vectorIndex * VECTOR_BYTES + (vectorIndex >>> PAD_SHIFT) * PAD_BYTES;
    }

    /** Byte offset of amplitude {@code index}'s real part (its imaginary part follows). */
    static long amplitudeOffset(long index) {
        return offset(index / AMPS) + (index % AMPS) * 16;
    }

    /** Bytes that {@code vectors} vectors take, gaps included (no gap after the last vector). */
    static long bytesFor(long vectors) {
        return vectors * VECTOR_BYTES + ((vectors - 1) >>> PAD_SHIFT) * PAD_BYTES;
    }

    /**
     * The shuffle whose lane for amplitude a takes amplitude {@code a ^ xorMask}, with re and im
     * exchanged when {@code swapReIm}.
     */
    static VectorShuffle<Double> amplitudeShuffle(int xorMask, boolean swapReIm) {
        int[] idx = new int[DOUBLES];
        for (int lane = 0; lane < DOUBLES; lane++) {
            int a = lane >> 1, part = lane & 1;
            idx[lane] = 2 * (a ^ xorMask) + (swapReIm ? 1 - part : part);
        }
        return VectorShuffle.fromArray(SPECIES, idx, 0);
    }

    private static double[] iSign() {
        double[] s = new double[DOUBLES];
        for (int lane = 0; lane < DOUBLES; lane++) s[lane] = (lane & 1) == 0 ? -1 : 1;
        return s;
    }
}
