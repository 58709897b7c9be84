package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The single-precision state layout and its conversions. Amplitudes are interleaved floats
 * (re, im: 8 bytes each). States of more than {@link #GAPLESS_QUBITS} qubits have a one-page gap
 * after every 2^19 amplitudes (4 MiB), for the same reason as the double layout's gaps (see
 * {@link Lanes}): two streams an exact power of two apart collide in DRAM. Smaller states (8 MiB
 * and less) sit in L3, where that does not arise, and have no gap, so that the float block
 * kernels ({@link FloatBlocks}) can run on them whole (see {@link StageRunner#unstaged}).
 *
 * <p>The gap's period was measured: with a gap every 2^20 amplitudes instead, an h gate took
 * 18 ms at 26 qubits and 70 ms at 28 on two threads, on every qubit alike, against 12 and 45 ms
 * with the gap every 2^19 (AMD EPYC Zen 4, AVX-512).
 *
 * <p>A stage's chunk (below 2^19 amplitudes) and a state of at most {@link #GAPLESS_QUBITS}
 * qubits are plain interleaved floats, which the float kernels ({@link FloatGateKernel},
 * {@link FloatBlocks}) work on. A stage
 * with a block that has no float kernel gathers its chunk into the double scratch buffer
 * (widening every value exactly), runs the double kernels there and rounds the chunk back.
 *
 * <p>The conversion uses a float species with as many lanes as the double species (half its
 * width), so one float load widens into exactly one double vector.
 */
final class FloatLayout {
    private FloatLayout() {}

    static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT;
    /** Amplitudes between two gaps (in a state with gaps). */
    static final int PAD_SHIFT = 19;
    /** States of at most this many qubits (8 MiB) have no gap. */
    static final int GAPLESS_QUBITS = 20;
    static final long PAD_BYTES = 4096;
    /** Amplitudes a conversion piece may span: runs this long never cross a gap of either layout. */
    static final long PIECE_AMPS = 1L << Math.min(PAD_SHIFT, StageRunner.CHUNK_QUBITS);

    /** Floats of the narrow species (null when the double species is too narrow to halve: scalar conversion). */
    private static final VectorSpecies<Float> FS = Lanes.SPECIES.vectorBitSize() >= 128
            ? VectorSpecies.of(float.class, VectorShape.forBitSize(Lanes.SPECIES.vectorBitSize() / 2)) : null;
    private static final int D = Lanes.DOUBLES;

    /** Amplitudes between two gaps of an n-qubit state: {@link #PAD_SHIFT}, or (no gap) more than any index. */
    static int padShift(int n) {
        return n <= GAPLESS_QUBITS ? Long.SIZE - 1 : PAD_SHIFT;
    }

    /** Byte offset of amplitude {@code index}'s real part in an n-qubit state. */
    static long amplitudeOffset(long index, int n) {
        return index * 8 + (index >>> padShift(n)) * PAD_BYTES;
    }

    /** Bytes of a single-precision n-qubit state, gaps included; at least one double vector's worth of floats. */
    static long bytesFor(int numQubits) {
        if (numQubits > 58) return Long.MAX_VALUE;
        long amps = Math.max(1L << numQubits, Lanes.AMPS);
        return amps * 8 + ((amps - 1) >>> padShift(numQubits)) * PAD_BYTES;
    }

    /**
     * Widens {@code count} amplitudes at float offset {@code from} into the double scratch at
     * byte offset {@code to}; the run must not cross a gap of either layout.
     */
    static void widen(MemorySegment floats, long from, MemorySegment doubles, long to, long count) {
        long values = 2 * count, i = 0;
        if (FS != null) {
            for (; i + D <= values; i += D) {
                FloatVector f = FloatVector.fromMemorySegment(FS, floats, from + 4 * i, Lanes.ORDER);
                ((DoubleVector) f.convertShape(VectorOperators.F2D, Lanes.SPECIES, 0)).intoMemorySegment(doubles, to + 8 * i, Lanes.ORDER);
            }
        }
        for (; i < values; i++) doubles.set(ValueLayout.JAVA_DOUBLE, to + 8 * i, floats.get(FLOAT, from + 4 * i));
    }

    /** Rounds {@code count} amplitudes of the double scratch at {@code from} to float at {@code to} (round to nearest). */
    static void narrow(MemorySegment doubles, long from, MemorySegment floats, long to, long count) {
        long values = 2 * count, i = 0;
        if (FS != null) {
            for (; i + D <= values; i += D) {
                DoubleVector d = DoubleVector.fromMemorySegment(Lanes.SPECIES, doubles, from + 8 * i, Lanes.ORDER);
                ((FloatVector) d.convertShape(VectorOperators.D2F, FS, 0)).intoMemorySegment(floats, to + 4 * i, Lanes.ORDER);
            }
        }
        for (; i < values; i++) floats.set(FLOAT, to + 4 * i, (float) doubles.get(ValueLayout.JAVA_DOUBLE, from + 8 * i));
    }

    /**
     * Widens amplitudes [first, first + count) of an n-qubit float state into a double buffer
     * laid out as a state of its own ({@link Lanes}), starting at scratch amplitude {@code at}.
     */
    static void gather(MemorySegment floats, int n, long first, long count, MemorySegment doubles, long at) {
        for (long k = 0; k < count; k += PIECE_AMPS) {
            long c = Math.min(PIECE_AMPS, count - k);
            widen(floats, amplitudeOffset(first + k, n), doubles, Lanes.amplitudeOffset(at + k), c);
        }
    }

    /** The reverse of {@link #gather}. */
    static void scatter(MemorySegment doubles, long at, long count, MemorySegment floats, int n, long first) {
        for (long k = 0; k < count; k += PIECE_AMPS) {
            long c = Math.min(PIECE_AMPS, count - k);
            narrow(doubles, Lanes.amplitudeOffset(at + k), floats, amplitudeOffset(first + k, n), c);
        }
    }
}
