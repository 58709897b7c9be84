package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.qise.circuit.Matrix;

import static org.qise.engine.fast.FloatShuffles.*;

/**
 * Dense blocks of up to {@link FloatBlocks#MAX_DENSE} qubits on a float state, register-tiled as
 * the double {@link RegisterKernels} and {@link TwoQubitKernel} are: each input vector of a group
 * is loaded once and shuffled once per pattern of the block's in-vector qubits, and every output
 * is built from those registers. The earlier float kernel recomputed each output from reloaded,
 * re-shuffled inputs, which made random circuits slower in float than in double.
 *
 * <ul>
 *   <li>2 qubits: {@link Q2Uniform} when both are above the vector (lane-uniform, broadcast
 *       coefficients; the commonest block of random circuits), {@link LaneHigh} when one is inside
 *       it, {@link InVector2} when both are;</li>
 *   <li>3 qubits all inside the vector: {@link InVector3};</li>
 *   <li>3 qubits all above the vector: {@link U3} (eight inputs in registers, broadcast
 *       coefficients, one re↔im swap per output);</li>
 *   <li>3 or 4 qubits with at most two above the vector: {@link Tile1}, {@link Tile2},
 *       {@link Tile4}, which carry all outputs (at most four, eight accumulators: real and i·z
 *       parts apart for short FMA chains) around the loop over inputs and patterns.</li>
 * </ul>
 * Other shapes would need tiles that re-read and re-shuffle the inputs, or more live vectors than
 * the JIT keeps in registers (16 shuffled inputs as named locals ran at a tenth of the speed);
 * they have no float kernel ({@link #fits}) and their stage runs widened to double.
 *
 * <p>Shuffles are {@link FloatShuffles}' constants, picked by a switch written out in each loop
 * body: a shuffle read from an array is not a JIT constant and ran 5–20× slower. Each kernel's
 * vector work is all in its {@code run}, which calls only Vector API methods (always inlined):
 * a helper that takes or returns a vector may stop being inlined late in a long run, and then
 * boxes every vector (see {@link FloatShuffles}). The accumulation order is fixed per kernel, so
 * results do not depend on the thread split.
 */
final class FloatDenseKernels {
    private FloatDenseKernels() {}

    private static final VectorSpecies<Float> SPECIES = FloatGateKernel.SPECIES;
    private static final int FLOATS = FloatGateKernel.FLOATS;
    private static final int LOW = FloatGateKernel.LOW_QUBITS;
    private static final long VECTOR_BYTES = FLOATS * 4L;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    /**
     * Whether a dense block on these qubits has a float kernel that beats the double one: up to
     * two qubits above the vector, or three qubits all above it. Others (three above the vector
     * and one in it, four above) would need tiles that re-read and re-shuffle the inputs or more
     * live vectors than registers, measured at 0.4–0.6× the double kernels' speed, so their
     * stages stay on the widening path (run in double) instead.
     */
    static boolean fits(int[] qubits) {
        long high = Arrays.stream(qubits).filter(q -> q >= LOW).count();
        return qubits.length <= FloatBlocks.MAX_DENSE && (high <= 2 || high == 3 && qubits.length == 3);
    }

    /** The kernel of a dense block (matrix bit j ↔ qubits[j]) on an n-qubit float state. */
    static FloatBlocks.FloatKernel of(int n, Matrix m, int[] qubits) {
        if (InVector2.takes(qubits)) return qubits.length == 2 ? new InVector2(n, m, qubits) : new InVector3(n, m, qubits);
        if (qubits.length == 2) {
            Shape s = new Shape(n, m, qubits, 1);
            // Two qubits inside the vector went to InVector2 above: here both are above it, or one is.
            return s.patterns == 1 ? Q2Uniform.of(s, m, qubits) : new LaneHigh(s, m, qubits);
        }
        long high = Arrays.stream(qubits).filter(q -> q >= LOW).count();
        if (high == qubits.length && high == 3) return new U3(new Shape(n, m, qubits, 1), m, qubits);
        if (!fits(qubits)) throw new IllegalArgumentException("no float kernel for a dense block on " + Arrays.toString(qubits));
        Shape s = new Shape(n, m, qubits, 1 << Arrays.stream(qubits).filter(q -> q >= LOW).count());
        return switch (s.tile) {
            case 1 -> new Tile1(s);
            case 2 -> new Tile2(s);
            default -> new Tile4(s);
        };
    }

    /**
     * Where a block's vectors are and its coefficients, laid out [tile][hIn][p][part][o] for tiles
     * of {@code tile} outputs (o the output within the tile; with tiles of one output that is
     * [output][variant][part]); part 0 multiplies the shuffled input, part 1 its re↔im swap with
     * the imaginary part signed −/+ on real/imaginary lanes, so their sum is the complex product.
     */
    static final class Shape {
        final long free, units;
        /** Every vector-index bit of the state (or chunk) the kernel was built for. */
        final long vectorBits;
        final long[] offsets;
        /** The in-vector qubit pattern (amplitude xor) of each pattern index p. */
        final int[] xs;
        final float[] coef;
        final int inputs, patterns, tile;
        /** 2^k: each input vector shuffled by each pattern; variant j is input j / patterns under pattern j % patterns. */
        final int variants;
        final long[] variantOffsets;
        /**
         * Units per run (a power of two) and the bytes between consecutive units' first vectors:
         * the units of an aligned run are evenly spaced (the lowest free vector bit and the free
         * bits right above it), so the kernels that walk runs step one byte offset per unit instead
         * of spreading each unit's bits. A chunk has no gap of the layout, so a run needs no cut.
         */
        final long runUnits, stepBytes;
        /** {@link #offsets} and {@link #variantOffsets} in bytes. */
        final long[] byteOffsets, variantByteOffsets;

        Shape(int n, Matrix m, int[] qubits, int tile) {
            offsets = FloatBlocks.highOffsets(qubits);
            inputs = offsets.length;
            vectorBits = (1L << (n - LOW)) - 1;
            free = vectorBits & ~offsets[inputs - 1];
            units = 1L << Long.bitCount(free);
            int lowestFree = free == 0 ? 0 : Long.numberOfTrailingZeros(free);
            runUnits = free == 0 ? 1 : 1L << Long.numberOfTrailingZeros(~(free >>> lowestFree));
            stepBytes = VECTOR_BYTES << lowestFree;
            byteOffsets = new long[inputs];
            for (int h = 0; h < inputs; h++) byteOffsets[h] = offsets[h] * VECTOR_BYTES;
            int lowMask = 0;
            for (int q : qubits) if (q < LOW) lowMask |= 1 << q;
            patterns = 1 << Integer.bitCount(lowMask);
            xs = new int[patterns];
            for (int p = 0; p < patterns; p++) xs[p] = (int) Long.expand(p, lowMask);
            variants = inputs * patterns;
            variantOffsets = new long[variants];
            for (int j = 0; j < variants; j++) variantOffsets[j] = offsets[j / patterns];
            variantByteOffsets = new long[variants];
            for (int j = 0; j < variants; j++) variantByteOffsets[j] = variantOffsets[j] * VECTOR_BYTES;
            this.tile = tile;
            coef = new float[inputs * variants * 2 * FLOATS];
            for (int t = 0; t < inputs / tile; t++)
                for (int hIn = 0; hIn < inputs; hIn++)
                    for (int p = 0; p < patterns; p++)
                        for (int o = 0; o < tile; o++) {
                            int hOut = t * tile + o;
                            int at = (((t * inputs + hIn) * patterns + p) * 2 * tile + o) * FLOATS;
                            int imAt = at + tile * FLOATS;
                            for (int lane = 0; lane < FLOATS; lane++) {
                                int a = lane >> 1;
                                int row = FloatBlocks.matrixIndex(qubits, a, hOut), col = FloatBlocks.matrixIndex(qubits, a ^ xs[p], hIn);
                                coef[at + lane] = (float) m.re(row, col);
                                coef[imAt + lane] = (float) ((lane & 1) == 0 ? -m.im(row, col) : m.im(row, col));
                            }
                        }
        }
    }

    /**
     * A dense block on two qubits that both pick lanes inside the float vector (two of qubits
     * 0–2 on 512-bit vectors): every vector is its own group. With P_p the lane permutation that
     * flips the block's qubits of pattern p (an involution), y[a] = Σ_p M[a][a⊕p]·x[a⊕p] =
     * Σ_p P_p(C_p·x + D_p·swap(x)) with C_p[b] + i·D_p[b] = M[b⊕p][b]: each pattern's products are
     * formed where the inputs lie and moved after, so a vector costs one re↔im swap and three
     * permutations (P_3 = P_1∘P_2: y = z_0 + P_1(z_1) + P_2(z_2 + P_1(z_3))) against eight
     * shuffles for the general lane kernel it replaced (Q2), which shuffled each input per pattern
     * and rebuilt the output from the shuffled copies: 0.9–1.3 ms a pass at 20 qubits against
     * 0.35; the multiply-adds are the same eight a vector. As the double
     * {@link InVectorPairKernel}. The patterns' permutations are {@link FloatShuffles} constants,
     * picked by a switch in the loop body.
     */
    static final class InVector2 implements FloatBlocks.VectorWise {
        /** Lane xor of the block's first and second qubit. */
        final int x1, x2;
        final long vectors;
        /** C_p then D_p for each pattern p, vectors of lanes ({@link LoopConstants}). */
        final MemorySegment c;
        /**
         * Whether the loop holds the eight coefficient vectors in registers rather than loading them
         * for every vector ({@link LoopConstants#WIDE_REGISTER_FILE}): nine loads a vector bound the
         * loop; held, a pass at 20 qubits took 349–379 µs against 375–400 (AVX-512). Same
         * arithmetic, same bits.
         */
        final boolean held;

        InVector2(int n, Matrix m, int[] qubits) {
            this(n, m, qubits, LoopConstants.WIDE_REGISTER_FILE);
        }

        InVector2(int n, Matrix m, int[] qubits, boolean held) {
            if (!takes(qubits) || qubits.length != 2) throw new IllegalArgumentException("not two qubits inside the float vector: " + Arrays.toString(qubits));
            x1 = 1 << qubits[0];
            x2 = 1 << qubits[1];
            vectors = 1L << (n - LOW);
            c = coefficients(m, qubits);
            this.held = held;
        }

        /** Whether a block on these qubits is one for an in-vector kernel: two or three qubits, all inside the vector. */
        static boolean takes(int[] qubits) {
            long mask = 0;
            for (int q : qubits) mask |= 1L << q;
            return qubits.length == Long.bitCount(mask) && takes(mask);
        }

        /** {@link #takes(int[])} for the qubits of a mask. */
        static boolean takes(long qubitMask) {
            int k = Long.bitCount(qubitMask);
            return k >= 2 && k <= 3 && (qubitMask >>> LOW) == 0;
        }

        /** C_p, D_p for p = 0 … 2^k − 1 (p's bit j flips qubits[j]), D signed as {@link Shape#coef}'s imaginary parts. */
        static MemorySegment coefficients(Matrix m, int[] qubits) {
            int patterns = 1 << qubits.length;
            float[] v = new float[patterns * 2 * FLOATS];
            for (int p = 0; p < patterns; p++) {
                int flip = 0;
                for (int j = 0; j < qubits.length; j++) if ((p >> j & 1) == 1) flip |= 1 << qubits[j];
                for (int lane = 0; lane < FLOATS; lane++) {
                    int b = lane >> 1;
                    int row = FloatBlocks.matrixIndex(qubits, b ^ flip, 0), col = FloatBlocks.matrixIndex(qubits, b, 0);
                    v[2 * p * FLOATS + lane] = (float) m.re(row, col);
                    v[(2 * p + 1) * FLOATS + lane] = (float) ((lane & 1) == 0 ? -m.im(row, col) : m.im(row, col));
                }
            }
            return LoopConstants.floats(v);
        }

        /** A vector is its own group. */
        @Override
        public long units() { return vectors; }

        @Override
        public void run(MemorySegment s, long from, long to) {
            if (held) runHeld(s, from, to);
            else runLoaded(s, from, to);
        }

        private void runHeld(MemorySegment s, long from, long to) {
            final MemorySegment c = this.c;
            final long w = VECTOR_BYTES;
            final int p1 = x1, p2 = x2;
            final FloatVector c0 = FloatVector.fromMemorySegment(SPECIES, c, 0 * w, ORDER), c1 = FloatVector.fromMemorySegment(SPECIES, c, 1 * w, ORDER);
            final FloatVector c2 = FloatVector.fromMemorySegment(SPECIES, c, 2 * w, ORDER), c3 = FloatVector.fromMemorySegment(SPECIES, c, 3 * w, ORDER);
            final FloatVector c4 = FloatVector.fromMemorySegment(SPECIES, c, 4 * w, ORDER), c5 = FloatVector.fromMemorySegment(SPECIES, c, 5 * w, ORDER);
            final FloatVector c6 = FloatVector.fromMemorySegment(SPECIES, c, 6 * w, ORDER), c7 = FloatVector.fromMemorySegment(SPECIES, c, 7 * w, ORDER);
            for (long at = from * VECTOR_BYTES, last = to * VECTOR_BYTES; at < last; at += VECTOR_BYTES) {
                FloatVector x = FloatVector.fromMemorySegment(SPECIES, s, at, ORDER);
                FloatVector sx = x.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats();
                FloatVector z0 = sx.fma(c1, x.mul(c0));
                FloatVector z1 = sx.fma(c3, x.mul(c2));
                FloatVector z2 = sx.fma(c5, x.mul(c4));
                FloatVector z3 = sx.fma(c7, x.mul(c6));
                FloatVector zt = z2.add(switch (p1) { case 1 -> z3.rearrange(F1); case 2 -> z3.rearrange(F2); default -> z3.rearrange(F4); });
                FloatVector zv = z0.add(switch (p1) { case 1 -> z1.rearrange(F1); case 2 -> z1.rearrange(F2); default -> z1.rearrange(F4); });
                zv.add(switch (p2) { case 1 -> zt.rearrange(F1); case 2 -> zt.rearrange(F2); default -> zt.rearrange(F4); }).intoMemorySegment(s, at, ORDER);
            }
        }

        /** As {@link #runHeld}, each coefficient loaded where it is used (16 vector registers). */
        private void runLoaded(MemorySegment s, long from, long to) {
            final MemorySegment c = this.c;
            final long w = VECTOR_BYTES;
            final int p1 = x1, p2 = x2;
            // One vector an iteration: two (each coefficient loaded once for both) took 351 against
            // 375 us a pass at 20 qubits, not worth a body twice as large (see Q2Uniform on C1).
            for (long at = from * VECTOR_BYTES, last = to * VECTOR_BYTES; at < last; at += VECTOR_BYTES) {
                FloatVector x = FloatVector.fromMemorySegment(SPECIES, s, at, ORDER);
                FloatVector sx = x.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats();
                FloatVector z0 = sx.fma(FloatVector.fromMemorySegment(SPECIES, c, 1 * w, ORDER), x.mul(FloatVector.fromMemorySegment(SPECIES, c, 0 * w, ORDER)));
                FloatVector z1 = sx.fma(FloatVector.fromMemorySegment(SPECIES, c, 3 * w, ORDER), x.mul(FloatVector.fromMemorySegment(SPECIES, c, 2 * w, ORDER)));
                FloatVector z2 = sx.fma(FloatVector.fromMemorySegment(SPECIES, c, 5 * w, ORDER), x.mul(FloatVector.fromMemorySegment(SPECIES, c, 4 * w, ORDER)));
                FloatVector z3 = sx.fma(FloatVector.fromMemorySegment(SPECIES, c, 7 * w, ORDER), x.mul(FloatVector.fromMemorySegment(SPECIES, c, 6 * w, ORDER)));
                FloatVector zt = z2.add(switch (p1) { case 1 -> z3.rearrange(F1); case 2 -> z3.rearrange(F2); default -> z3.rearrange(F4); });
                FloatVector zv = z0.add(switch (p1) { case 1 -> z1.rearrange(F1); case 2 -> z1.rearrange(F2); default -> z1.rearrange(F4); });
                zv.add(switch (p2) { case 1 -> zt.rearrange(F1); case 2 -> zt.rearrange(F2); default -> zt.rearrange(F4); }).intoMemorySegment(s, at, ORDER);
            }
        }
    }

    /**
     * {@link InVector2} for three qubits inside the vector (all of qubits 0–2 on 512-bit vectors):
     * eight patterns, y = Σ_p P_p(C_p·x + D_p·swap(x)) summed as
     * (z_0 + P_1 z_1) + P_2(z_2 + P_1 z_3) + P_4((z_4 + P_1 z_5) + P_2(z_6 + P_1 z_7)), with P_1, P_2,
     * P_4 the flips of the block's first, second and third qubit: one swap, seven permutations
     * and sixteen multiply-adds a vector.
     */
    static final class InVector3 implements FloatBlocks.VectorWise {
        final int x1, x2, x4;
        final long vectors;
        final MemorySegment c;

        InVector3(int n, Matrix m, int[] qubits) {
            if (!InVector2.takes(qubits) || qubits.length != 3) throw new IllegalArgumentException("not three qubits inside the float vector: " + Arrays.toString(qubits));
            x1 = 1 << qubits[0];
            x2 = 1 << qubits[1];
            x4 = 1 << qubits[2];
            vectors = 1L << (n - LOW);
            c = InVector2.coefficients(m, qubits);
        }

        @Override
        public long units() { return vectors; }

        @Override
        public void run(MemorySegment s, long from, long to) {
            final MemorySegment c = this.c;
            final long w = VECTOR_BYTES;
            final int p1 = x1, p2 = x2, p4 = x4;
            // One vector an iteration: two at a time (as InVector2) measured no faster here (720 us a pass at 20 qubits).
            for (long at = from * VECTOR_BYTES, last = to * VECTOR_BYTES; at < last; at += VECTOR_BYTES) {
                FloatVector x = FloatVector.fromMemorySegment(SPECIES, s, at, ORDER);
                FloatVector sx = x.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats();
                FloatVector z0 = sx.fma(FloatVector.fromMemorySegment(SPECIES, c, 1 * w, ORDER), x.mul(FloatVector.fromMemorySegment(SPECIES, c, 0 * w, ORDER)));
                FloatVector z1 = sx.fma(FloatVector.fromMemorySegment(SPECIES, c, 3 * w, ORDER), x.mul(FloatVector.fromMemorySegment(SPECIES, c, 2 * w, ORDER)));
                FloatVector z2 = sx.fma(FloatVector.fromMemorySegment(SPECIES, c, 5 * w, ORDER), x.mul(FloatVector.fromMemorySegment(SPECIES, c, 4 * w, ORDER)));
                FloatVector z3 = sx.fma(FloatVector.fromMemorySegment(SPECIES, c, 7 * w, ORDER), x.mul(FloatVector.fromMemorySegment(SPECIES, c, 6 * w, ORDER)));
                FloatVector z4 = sx.fma(FloatVector.fromMemorySegment(SPECIES, c, 9 * w, ORDER), x.mul(FloatVector.fromMemorySegment(SPECIES, c, 8 * w, ORDER)));
                FloatVector z5 = sx.fma(FloatVector.fromMemorySegment(SPECIES, c, 11 * w, ORDER), x.mul(FloatVector.fromMemorySegment(SPECIES, c, 10 * w, ORDER)));
                FloatVector z6 = sx.fma(FloatVector.fromMemorySegment(SPECIES, c, 13 * w, ORDER), x.mul(FloatVector.fromMemorySegment(SPECIES, c, 12 * w, ORDER)));
                FloatVector z7 = sx.fma(FloatVector.fromMemorySegment(SPECIES, c, 15 * w, ORDER), x.mul(FloatVector.fromMemorySegment(SPECIES, c, 14 * w, ORDER)));
                // Pairs joined by the first qubit's flip, then by the second's, then the halves by the third's.
                FloatVector a = z0.add(switch (p1) { case 1 -> z1.rearrange(F1); case 2 -> z1.rearrange(F2); default -> z1.rearrange(F4); });
                FloatVector b = z2.add(switch (p1) { case 1 -> z3.rearrange(F1); case 2 -> z3.rearrange(F2); default -> z3.rearrange(F4); });
                FloatVector d = z4.add(switch (p1) { case 1 -> z5.rearrange(F1); case 2 -> z5.rearrange(F2); default -> z5.rearrange(F4); });
                FloatVector e = z6.add(switch (p1) { case 1 -> z7.rearrange(F1); case 2 -> z7.rearrange(F2); default -> z7.rearrange(F4); });
                a = a.add(switch (p2) { case 1 -> b.rearrange(F1); case 2 -> b.rearrange(F2); default -> b.rearrange(F4); });
                d = d.add(switch (p2) { case 1 -> e.rearrange(F1); case 2 -> e.rearrange(F2); default -> e.rearrange(F4); });
                a.add(switch (p4) { case 1 -> d.rearrange(F1); case 2 -> d.rearrange(F2); default -> d.rearrange(F4); }).intoMemorySegment(s, at, ORDER);
            }
        }
    }

    /**
     * A 2-qubit block with one qubit inside the vector and one above it (random's block on qubits 2
     * and 3 in float): a group is the two vectors the high qubit pairs, and with P the lane flip of
     * the in-vector qubit, output h is z_h0 + P(z_h1), where z_hp = Σ_in (C·x_in + D·swap(x_in))
     * gathers the products that pattern p moves (C + i·D the matrix entries of the lanes where the
     * inputs lie, as {@link InVector2}). A group costs two swaps and two permutations for sixteen
     * multiply-adds; the general lane kernel it replaced (Q2) shuffled each input per pattern
     * (four shuffles and four swaps) and read its coefficients from a heap array in a loop over
     * outputs: 760–810 against 395–455 µs a pass at 20 qubits (random single, thread CPU: 47 →
     * 44 ms).
     */
    static final class LaneHigh implements FloatBlocks.FloatKernel {
        private final Shape shape;
        /** Lane xor of the in-vector qubit. */
        private final int laneXor;
        /** For output h, pattern p, input i: C then D at vector index ((h·2 + p)·2 + i)·2 ({@link LoopConstants}). */
        private final MemorySegment c;
        /**
         * Whether the loop holds the sixteen coefficient vectors in registers
         * ({@link LoopConstants#WIDE_REGISTER_FILE}): eighteen loads a group bound it; held, a pass
         * at 20 qubits on qubits 2 and 3 took 321–344 µs against 400–419, on 1 and 4 378–400
         * against 530–542 (AVX-512). Same arithmetic, same bits.
         */
        private final boolean held;

        LaneHigh(Shape shape, Matrix m, int[] qubits) {
            this(shape, m, qubits, LoopConstants.WIDE_REGISTER_FILE);
        }

        LaneHigh(Shape shape, Matrix m, int[] qubits, boolean held) {
            this.held = held;
            if (shape.inputs != 2 || shape.patterns != 2) throw new IllegalArgumentException("not one qubit in the vector and one above: " + Arrays.toString(qubits));
            this.shape = shape;
            laneXor = shape.xs[1];
            float[] v = new float[16 * FLOATS];
            for (int h = 0; h < 2; h++)
                for (int p = 0; p < 2; p++)
                    for (int in = 0; in < 2; in++) {
                        int at = ((h * 2 + p) * 2 + in) * 2 * FLOATS;
                        for (int lane = 0; lane < FLOATS; lane++) {
                            int b = lane >> 1;
                            int row = FloatBlocks.matrixIndex(qubits, b ^ shape.xs[p], h), col = FloatBlocks.matrixIndex(qubits, b, in);
                            v[at + lane] = (float) m.re(row, col);
                            v[at + FLOATS + lane] = (float) ((lane & 1) == 0 ? -m.im(row, col) : m.im(row, col));
                        }
                    }
            c = LoopConstants.floats(v);
        }

        @Override
        public long units() { return shape.units; }

        @Override
        public long tileUnits(int tileVectorBits) { return FloatBlocks.tileUnits(shape.free, shape.vectorBits, tileVectorBits); }

        @Override
        public void run(MemorySegment s, long from, long to) {
            if (held) runHeld(s, from, to);
            else runLoaded(s, from, to);
        }

        private void runHeld(MemorySegment s, long from, long to) {
            final MemorySegment c = this.c;
            final long w = VECTOR_BYTES;
            final int px = laneXor;
            final long o1 = shape.byteOffsets[1];
            final long free = shape.free, runUnits = shape.runUnits, step = shape.stepBytes;
            final FloatVector c0 = FloatVector.fromMemorySegment(SPECIES, c, 0 * w, ORDER), c1 = FloatVector.fromMemorySegment(SPECIES, c, 1 * w, ORDER);
            final FloatVector c2 = FloatVector.fromMemorySegment(SPECIES, c, 2 * w, ORDER), c3 = FloatVector.fromMemorySegment(SPECIES, c, 3 * w, ORDER);
            final FloatVector c4 = FloatVector.fromMemorySegment(SPECIES, c, 4 * w, ORDER), c5 = FloatVector.fromMemorySegment(SPECIES, c, 5 * w, ORDER);
            final FloatVector c6 = FloatVector.fromMemorySegment(SPECIES, c, 6 * w, ORDER), c7 = FloatVector.fromMemorySegment(SPECIES, c, 7 * w, ORDER);
            final FloatVector c8 = FloatVector.fromMemorySegment(SPECIES, c, 8 * w, ORDER), c9 = FloatVector.fromMemorySegment(SPECIES, c, 9 * w, ORDER);
            final FloatVector c10 = FloatVector.fromMemorySegment(SPECIES, c, 10 * w, ORDER), c11 = FloatVector.fromMemorySegment(SPECIES, c, 11 * w, ORDER);
            final FloatVector c12 = FloatVector.fromMemorySegment(SPECIES, c, 12 * w, ORDER), c13 = FloatVector.fromMemorySegment(SPECIES, c, 13 * w, ORDER);
            final FloatVector c14 = FloatVector.fromMemorySegment(SPECIES, c, 14 * w, ORDER), c15 = FloatVector.fromMemorySegment(SPECIES, c, 15 * w, ORDER);
            for (long k = from; k < to; ) {
                long end = Math.min(to, (k | (runUnits - 1)) + 1);
                long g = Long.expand(k, free) * VECTOR_BYTES;
                for (long last = g + (end - k) * step; g < last; g += step) {
                    FloatVector x0 = FloatVector.fromMemorySegment(SPECIES, s, g, ORDER);
                    FloatVector x1 = FloatVector.fromMemorySegment(SPECIES, s, g + o1, ORDER);
                    FloatVector s0 = x0.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats();
                    FloatVector s1 = x1.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats();
                    FloatVector z00 = s1.fma(c3, x1.fma(c2, s0.fma(c1, x0.mul(c0))));
                    FloatVector z01 = s1.fma(c7, x1.fma(c6, s0.fma(c5, x0.mul(c4))));
                    z00.add(switch (px) { case 1 -> z01.rearrange(F1); case 2 -> z01.rearrange(F2); default -> z01.rearrange(F4); }).intoMemorySegment(s, g, ORDER);
                    FloatVector z10 = s1.fma(c11, x1.fma(c10, s0.fma(c9, x0.mul(c8))));
                    FloatVector z11 = s1.fma(c15, x1.fma(c14, s0.fma(c13, x0.mul(c12))));
                    z10.add(switch (px) { case 1 -> z11.rearrange(F1); case 2 -> z11.rearrange(F2); default -> z11.rearrange(F4); }).intoMemorySegment(s, g + o1, ORDER);
                }
                k = end;
            }
        }

        /** As {@link #runHeld}, each coefficient loaded where it is used (16 vector registers). */
        private void runLoaded(MemorySegment s, long from, long to) {
            final MemorySegment c = this.c;
            final long w = VECTOR_BYTES;
            final int px = laneXor;
            final long o1 = shape.byteOffsets[1];
            final long free = shape.free, runUnits = shape.runUnits, step = shape.stepBytes;
            for (long k = from; k < to; ) {
                long end = Math.min(to, (k | (runUnits - 1)) + 1);
                long g = Long.expand(k, free) * VECTOR_BYTES;
                for (long last = g + (end - k) * step; g < last; g += step) {
                    FloatVector x0 = FloatVector.fromMemorySegment(SPECIES, s, g, ORDER);
                    FloatVector x1 = FloatVector.fromMemorySegment(SPECIES, s, g + o1, ORDER);
                    FloatVector s0 = x0.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats();
                    FloatVector s1 = x1.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats();
                    FloatVector z00 = s1.fma(FloatVector.fromMemorySegment(SPECIES, c, 3 * w, ORDER), x1.fma(FloatVector.fromMemorySegment(SPECIES, c, 2 * w, ORDER), s0.fma(FloatVector.fromMemorySegment(SPECIES, c, 1 * w, ORDER), x0.mul(FloatVector.fromMemorySegment(SPECIES, c, 0 * w, ORDER)))));
                    FloatVector z01 = s1.fma(FloatVector.fromMemorySegment(SPECIES, c, 7 * w, ORDER), x1.fma(FloatVector.fromMemorySegment(SPECIES, c, 6 * w, ORDER), s0.fma(FloatVector.fromMemorySegment(SPECIES, c, 5 * w, ORDER), x0.mul(FloatVector.fromMemorySegment(SPECIES, c, 4 * w, ORDER)))));
                    z00.add(switch (px) { case 1 -> z01.rearrange(F1); case 2 -> z01.rearrange(F2); default -> z01.rearrange(F4); }).intoMemorySegment(s, g, ORDER);
                    FloatVector z10 = s1.fma(FloatVector.fromMemorySegment(SPECIES, c, 11 * w, ORDER), x1.fma(FloatVector.fromMemorySegment(SPECIES, c, 10 * w, ORDER), s0.fma(FloatVector.fromMemorySegment(SPECIES, c, 9 * w, ORDER), x0.mul(FloatVector.fromMemorySegment(SPECIES, c, 8 * w, ORDER)))));
                    FloatVector z11 = s1.fma(FloatVector.fromMemorySegment(SPECIES, c, 15 * w, ORDER), x1.fma(FloatVector.fromMemorySegment(SPECIES, c, 14 * w, ORDER), s0.fma(FloatVector.fromMemorySegment(SPECIES, c, 13 * w, ORDER), x0.mul(FloatVector.fromMemorySegment(SPECIES, c, 12 * w, ORDER)))));
                    z10.add(switch (px) { case 1 -> z11.rearrange(F1); case 2 -> z11.rearrange(F2); default -> z11.rearrange(F4); }).intoMemorySegment(s, g + o1, ORDER);
                }
                k = end;
            }
        }
    }

    /** −1 on real lanes, +1 on imaginary ones: swap(z)·sign is i·z. */
    static final FloatVector I_SIGN = FloatVector.fromArray(SPECIES, iSign(), 0);

    private static float[] iSign() {
        float[] s = new float[FLOATS];
        for (int lane = 0; lane < FLOATS; lane++) s[lane] = (lane & 1) == 0 ? -1 : 1;
        return s;
    }

    /**
     * A 2-qubit block with both qubits above the vector (the commonest block of random circuits):
     * lane-uniform coefficients, made into 32 vectors when the kernel is built (re broadcast, im
     * signed as in {@link FloatRunKernel}) and loaded from native memory in the loop
     * ({@link LoopConstants}), so each output is two chains of a multiply and three fused
     * multiply-adds, one over the four inputs and one over their re↔im swaps, added at the end.
     * Held in registers instead, most of them were spilled, and random at 20 qubits took 70–81 ms
     * depending on the stack depth against 66–68 ms now (issue #19).
     * Broadcasting the scalars inside the loop instead (also with two chains) took 3.1–3.8 ns per
     * vector against 2.4 for coefficients made once and one chain, on a 2^18-amplitude chunk with
     * AVX2 (docs/engine.md, "Float runs").
     *
     * <p>Two chains, not one of eight: a chain of eight dependent multiply-adds is 32 cycles of
     * latency per output, and the loop ran at that bound (31 cycles a group of four vectors, a
     * 20-qubit pass in 640 µs); with two chains it runs at 25 (510 µs). Four chains per output
     * measured slower (545 µs): more adds, no shorter path that mattered. The swaps are 64-bit
     * rotations, as in {@link FloatGateKernel}, not lane-crossing permutes.
     */
    abstract static sealed class Q2Uniform implements FloatBlocks.FloatKernel permits Q2Uniform.OneGroup, Q2Uniform.TwoGroups {
        final Shape shape;
        /**
         * The coefficient vectors of entry (row, col) in group order, re then im, at vector index
         * (row·4 + col)·2: re broadcast, im signed (−im on real lanes), so z·re + swap(z)·im is the
         * product. Loaded in the loop, not held in registers ({@link LoopConstants}).
         */
        final MemorySegment c;

        private Q2Uniform(Shape shape, Matrix m, int[] qubits) {
            this.shape = shape;
            float[] reIm = new float[32];
            for (int row = 0; row < 4; row++)
                for (int col = 0; col < 4; col++) {
                    int r = FloatBlocks.matrixIndex(qubits, 0, row), cc = FloatBlocks.matrixIndex(qubits, 0, col);
                    reIm[(row * 4 + col) * 2] = (float) m.re(r, cc);
                    reIm[(row * 4 + col) * 2 + 1] = (float) m.im(r, cc);
                }
            c = LoopConstants.complexFloats(reIm, FLOATS);
        }

        /** Two groups a loop where this JVM keeps kernels off tier 2 ({@link JitFlags#tier2Avoided}), else one. */
        static Q2Uniform of(Shape shape, Matrix m, int[] qubits) {
            return JitFlags.tier2Avoided() ? new TwoGroups(shape, m, qubits) : new OneGroup(shape, m, qubits);
        }

        @Override
        public long units() { return shape.units; }

        @Override
        public long tileUnits(int tileVectorBits) { return FloatBlocks.tileUnits(shape.free, shape.vectorBits, tileVectorBits); }

        /** One group a loop: a body that C1 compiles at every tier. */
        static final class OneGroup extends Q2Uniform {
            OneGroup(Shape shape, Matrix m, int[] qubits) {
                super(shape, m, qubits);
            }

            @Override
            public void run(MemorySegment s, long from, long to) {
                final MemorySegment c = this.c;
                final long w = VECTOR_BYTES;
                final long[] ob = shape.byteOffsets;
                final long free = shape.free, runUnits = shape.runUnits, step = shape.stepBytes;
                final long o1 = ob[1], o2 = ob[2], o3 = ob[3];
                // Run by run: one byte offset steps through each run (see Shape#runUnits).
                for (long k = from; k < to; ) {
                    long end = Math.min(to, (k | (runUnits - 1)) + 1);
                    long g = Long.expand(k, free) * VECTOR_BYTES;
                    for (long last = g + (end - k) * step; g < last; g += step) {
                        FloatVector x0 = FloatVector.fromMemorySegment(SPECIES, s, g, ORDER);
                        FloatVector x1 = FloatVector.fromMemorySegment(SPECIES, s, g + o1, ORDER);
                        FloatVector x2 = FloatVector.fromMemorySegment(SPECIES, s, g + o2, ORDER);
                        FloatVector x3 = FloatVector.fromMemorySegment(SPECIES, s, g + o3, ORDER);
                        FloatVector s0 = x0.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats();
                        FloatVector s1 = x1.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats();
                        FloatVector s2 = x2.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats();
                        FloatVector s3 = x3.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats();
                        // Row by row as TwoQubitKernel, written out for the same reason (a helper
                        // taking the vectors was not inlined: random single 751 against 69 ms).
                        x3.fma(FloatVector.fromMemorySegment(SPECIES, c, 6 * w, ORDER), x2.fma(FloatVector.fromMemorySegment(SPECIES, c, 4 * w, ORDER), x1.fma(FloatVector.fromMemorySegment(SPECIES, c, 2 * w, ORDER), x0.mul(FloatVector.fromMemorySegment(SPECIES, c, 0, ORDER)))))
                                .add(s3.fma(FloatVector.fromMemorySegment(SPECIES, c, 7 * w, ORDER), s2.fma(FloatVector.fromMemorySegment(SPECIES, c, 5 * w, ORDER), s1.fma(FloatVector.fromMemorySegment(SPECIES, c, 3 * w, ORDER), s0.mul(FloatVector.fromMemorySegment(SPECIES, c, 1 * w, ORDER)))))).intoMemorySegment(s, g + 0, ORDER);
                        x3.fma(FloatVector.fromMemorySegment(SPECIES, c, 14 * w, ORDER), x2.fma(FloatVector.fromMemorySegment(SPECIES, c, 12 * w, ORDER), x1.fma(FloatVector.fromMemorySegment(SPECIES, c, 10 * w, ORDER), x0.mul(FloatVector.fromMemorySegment(SPECIES, c, 8 * w, ORDER)))))
                                .add(s3.fma(FloatVector.fromMemorySegment(SPECIES, c, 15 * w, ORDER), s2.fma(FloatVector.fromMemorySegment(SPECIES, c, 13 * w, ORDER), s1.fma(FloatVector.fromMemorySegment(SPECIES, c, 11 * w, ORDER), s0.mul(FloatVector.fromMemorySegment(SPECIES, c, 9 * w, ORDER)))))).intoMemorySegment(s, g + o1, ORDER);
                        x3.fma(FloatVector.fromMemorySegment(SPECIES, c, 22 * w, ORDER), x2.fma(FloatVector.fromMemorySegment(SPECIES, c, 20 * w, ORDER), x1.fma(FloatVector.fromMemorySegment(SPECIES, c, 18 * w, ORDER), x0.mul(FloatVector.fromMemorySegment(SPECIES, c, 16 * w, ORDER)))))
                                .add(s3.fma(FloatVector.fromMemorySegment(SPECIES, c, 23 * w, ORDER), s2.fma(FloatVector.fromMemorySegment(SPECIES, c, 21 * w, ORDER), s1.fma(FloatVector.fromMemorySegment(SPECIES, c, 19 * w, ORDER), s0.mul(FloatVector.fromMemorySegment(SPECIES, c, 17 * w, ORDER)))))).intoMemorySegment(s, g + o2, ORDER);
                        x3.fma(FloatVector.fromMemorySegment(SPECIES, c, 30 * w, ORDER), x2.fma(FloatVector.fromMemorySegment(SPECIES, c, 28 * w, ORDER), x1.fma(FloatVector.fromMemorySegment(SPECIES, c, 26 * w, ORDER), x0.mul(FloatVector.fromMemorySegment(SPECIES, c, 24 * w, ORDER)))))
                                .add(s3.fma(FloatVector.fromMemorySegment(SPECIES, c, 31 * w, ORDER), s2.fma(FloatVector.fromMemorySegment(SPECIES, c, 29 * w, ORDER), s1.fma(FloatVector.fromMemorySegment(SPECIES, c, 27 * w, ORDER), s0.mul(FloatVector.fromMemorySegment(SPECIES, c, 25 * w, ORDER)))))).intoMemorySegment(s, g + o3, ORDER);
                    }
                    k = end;
                }
            }
        }

        /**
         * Two groups a loop, each coefficient vector loaded once for both: 40 loads for 64
         * multiply-adds where one group a loop does 36 for 32, and the loop was bound by its
         * loads. A 20-qubit pass 460–476 → 340–354 µs, random at 20 qubits 43.0–43.5 → 38.7–39.3
         * ms of thread CPU (docs/engine.md, "Two groups a loop, behind a JIT flag"). Each output
         * gets the operations of {@link OneGroup} in the same order, so the bits are the same.
         *
         * <p>The groups are k and k + 1 of the range, wherever their runs start, so a range
         * split anywhere pairs the same way within it; a range of odd length computes its last
         * group twice, from the same inputs, and stores the same outputs twice. The body is too
         * big for C1 at tier 3, so it is only used where the JVM keeps kernels off tier 2.
         */
        static final class TwoGroups extends Q2Uniform {
            TwoGroups(Shape shape, Matrix m, int[] qubits) {
                super(shape, m, qubits);
            }

            @Override
            public void run(MemorySegment s, long from, long to) {
                final MemorySegment c = this.c;
                final long w = VECTOR_BYTES;
                final long[] ob = shape.byteOffsets;
                final long free = shape.free;
                final long o1 = ob[1], o2 = ob[2], o3 = ob[3];
                for (long k = from; k < to; k += 2) {
                    final long g = Long.expand(k, free) * VECTOR_BYTES;
                    final long h = k + 1 < to ? Long.expand(k + 1, free) * VECTOR_BYTES : g;
                    FloatVector x0 = FloatVector.fromMemorySegment(SPECIES, s, g, ORDER);
                    FloatVector x1 = FloatVector.fromMemorySegment(SPECIES, s, g + o1, ORDER);
                    FloatVector x2 = FloatVector.fromMemorySegment(SPECIES, s, g + o2, ORDER);
                    FloatVector x3 = FloatVector.fromMemorySegment(SPECIES, s, g + o3, ORDER);
                    FloatVector y0 = FloatVector.fromMemorySegment(SPECIES, s, h, ORDER);
                    FloatVector y1 = FloatVector.fromMemorySegment(SPECIES, s, h + o1, ORDER);
                    FloatVector y2 = FloatVector.fromMemorySegment(SPECIES, s, h + o2, ORDER);
                    FloatVector y3 = FloatVector.fromMemorySegment(SPECIES, s, h + o3, ORDER);
                    FloatVector s0 = x0.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats();
                    FloatVector s1 = x1.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats();
                    FloatVector s2 = x2.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats();
                    FloatVector s3 = x3.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats();
                    FloatVector t0 = y0.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats();
                    FloatVector t1 = y1.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats();
                    FloatVector t2 = y2.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats();
                    FloatVector t3 = y3.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsFloats();
                    {
                        FloatVector c0 = FloatVector.fromMemorySegment(SPECIES, c, 0 * w, ORDER), c1 = FloatVector.fromMemorySegment(SPECIES, c, 1 * w, ORDER);
                        FloatVector xa = x0.mul(c0), xb = s0.mul(c1), ya = y0.mul(c0), yb = t0.mul(c1);
                        c0 = FloatVector.fromMemorySegment(SPECIES, c, 2 * w, ORDER); c1 = FloatVector.fromMemorySegment(SPECIES, c, 3 * w, ORDER);
                        xa = x1.fma(c0, xa); xb = s1.fma(c1, xb); ya = y1.fma(c0, ya); yb = t1.fma(c1, yb);
                        c0 = FloatVector.fromMemorySegment(SPECIES, c, 4 * w, ORDER); c1 = FloatVector.fromMemorySegment(SPECIES, c, 5 * w, ORDER);
                        xa = x2.fma(c0, xa); xb = s2.fma(c1, xb); ya = y2.fma(c0, ya); yb = t2.fma(c1, yb);
                        c0 = FloatVector.fromMemorySegment(SPECIES, c, 6 * w, ORDER); c1 = FloatVector.fromMemorySegment(SPECIES, c, 7 * w, ORDER);
                        xa = x3.fma(c0, xa); xb = s3.fma(c1, xb); ya = y3.fma(c0, ya); yb = t3.fma(c1, yb);
                        xa.add(xb).intoMemorySegment(s, g, ORDER);
                        ya.add(yb).intoMemorySegment(s, h, ORDER);
                    }
                    {
                        FloatVector c0 = FloatVector.fromMemorySegment(SPECIES, c, 8 * w, ORDER), c1 = FloatVector.fromMemorySegment(SPECIES, c, 9 * w, ORDER);
                        FloatVector xa = x0.mul(c0), xb = s0.mul(c1), ya = y0.mul(c0), yb = t0.mul(c1);
                        c0 = FloatVector.fromMemorySegment(SPECIES, c, 10 * w, ORDER); c1 = FloatVector.fromMemorySegment(SPECIES, c, 11 * w, ORDER);
                        xa = x1.fma(c0, xa); xb = s1.fma(c1, xb); ya = y1.fma(c0, ya); yb = t1.fma(c1, yb);
                        c0 = FloatVector.fromMemorySegment(SPECIES, c, 12 * w, ORDER); c1 = FloatVector.fromMemorySegment(SPECIES, c, 13 * w, ORDER);
                        xa = x2.fma(c0, xa); xb = s2.fma(c1, xb); ya = y2.fma(c0, ya); yb = t2.fma(c1, yb);
                        c0 = FloatVector.fromMemorySegment(SPECIES, c, 14 * w, ORDER); c1 = FloatVector.fromMemorySegment(SPECIES, c, 15 * w, ORDER);
                        xa = x3.fma(c0, xa); xb = s3.fma(c1, xb); ya = y3.fma(c0, ya); yb = t3.fma(c1, yb);
                        xa.add(xb).intoMemorySegment(s, g + o1, ORDER);
                        ya.add(yb).intoMemorySegment(s, h + o1, ORDER);
                    }
                    {
                        FloatVector c0 = FloatVector.fromMemorySegment(SPECIES, c, 16 * w, ORDER), c1 = FloatVector.fromMemorySegment(SPECIES, c, 17 * w, ORDER);
                        FloatVector xa = x0.mul(c0), xb = s0.mul(c1), ya = y0.mul(c0), yb = t0.mul(c1);
                        c0 = FloatVector.fromMemorySegment(SPECIES, c, 18 * w, ORDER); c1 = FloatVector.fromMemorySegment(SPECIES, c, 19 * w, ORDER);
                        xa = x1.fma(c0, xa); xb = s1.fma(c1, xb); ya = y1.fma(c0, ya); yb = t1.fma(c1, yb);
                        c0 = FloatVector.fromMemorySegment(SPECIES, c, 20 * w, ORDER); c1 = FloatVector.fromMemorySegment(SPECIES, c, 21 * w, ORDER);
                        xa = x2.fma(c0, xa); xb = s2.fma(c1, xb); ya = y2.fma(c0, ya); yb = t2.fma(c1, yb);
                        c0 = FloatVector.fromMemorySegment(SPECIES, c, 22 * w, ORDER); c1 = FloatVector.fromMemorySegment(SPECIES, c, 23 * w, ORDER);
                        xa = x3.fma(c0, xa); xb = s3.fma(c1, xb); ya = y3.fma(c0, ya); yb = t3.fma(c1, yb);
                        xa.add(xb).intoMemorySegment(s, g + o2, ORDER);
                        ya.add(yb).intoMemorySegment(s, h + o2, ORDER);
                    }
                    {
                        FloatVector c0 = FloatVector.fromMemorySegment(SPECIES, c, 24 * w, ORDER), c1 = FloatVector.fromMemorySegment(SPECIES, c, 25 * w, ORDER);
                        FloatVector xa = x0.mul(c0), xb = s0.mul(c1), ya = y0.mul(c0), yb = t0.mul(c1);
                        c0 = FloatVector.fromMemorySegment(SPECIES, c, 26 * w, ORDER); c1 = FloatVector.fromMemorySegment(SPECIES, c, 27 * w, ORDER);
                        xa = x1.fma(c0, xa); xb = s1.fma(c1, xb); ya = y1.fma(c0, ya); yb = t1.fma(c1, yb);
                        c0 = FloatVector.fromMemorySegment(SPECIES, c, 28 * w, ORDER); c1 = FloatVector.fromMemorySegment(SPECIES, c, 29 * w, ORDER);
                        xa = x2.fma(c0, xa); xb = s2.fma(c1, xb); ya = y2.fma(c0, ya); yb = t2.fma(c1, yb);
                        c0 = FloatVector.fromMemorySegment(SPECIES, c, 30 * w, ORDER); c1 = FloatVector.fromMemorySegment(SPECIES, c, 31 * w, ORDER);
                        xa = x3.fma(c0, xa); xb = s3.fma(c1, xb); ya = y3.fma(c0, ya); yb = t3.fma(c1, yb);
                        xa.add(xb).intoMemorySegment(s, g + o3, ORDER);
                        ya.add(yb).intoMemorySegment(s, h + o3, ORDER);
                    }
                }
            }
        }
    }

    /**
     * Blocks of qubits all above the vector: the inputs stay in registers and each output row is
     * two FMA chains over them with broadcast coefficients, Σ re·x and Σ im·x; the imaginary
     * chain becomes i·(Σ im·x) with one re↔im swap per output rather than one per input, so the
     * swaps need not be live beside the inputs. Used for three qubits (eight inputs); with four
     * (16 inputs) it ran at 0.4× the double kernel as named locals and 0.6× in two halves of eight,
     * so such blocks widen to double.
     */
    abstract static class Uniform implements FloatBlocks.FloatKernel {
        final Shape shape;
        /** re and im of entry (row, col) in group order: [row][col][re, im]. */
        final float[] c;

        Uniform(Shape shape, Matrix m, int[] qubits) {
            this.shape = shape;
            int d = shape.inputs;
            c = new float[d * d * 2];
            for (int row = 0; row < d; row++)
                for (int col = 0; col < d; col++) {
                    int r = FloatBlocks.matrixIndex(qubits, 0, row), cc = FloatBlocks.matrixIndex(qubits, 0, col);
                    c[(row * d + col) * 2] = (float) m.re(r, cc);
                    c[(row * d + col) * 2 + 1] = (float) m.im(r, cc);
                }
        }
    }

    /** 3 qubits, all above the vector: 8 inputs, lane-uniform coefficients (see {@link Uniform}). */
    static final class U3 extends Uniform {
        U3(Shape shape, Matrix m, int[] qubits) {
            super(shape, m, qubits);
        }

        @Override
        public long units() { return shape.units; }

        @Override
        public long tileUnits(int tileVectorBits) { return FloatBlocks.tileUnits(shape.free, shape.vectorBits, tileVectorBits); }

        @Override
        public void run(MemorySegment s, long from, long to) {
            final float[] c = this.c;
            final long[] ob = shape.byteOffsets;
            final long free = shape.free, runUnits = shape.runUnits, step = shape.stepBytes;
            final long o1 = ob[1], o2 = ob[2], o3 = ob[3], o4 = ob[4], o5 = ob[5], o6 = ob[6], o7 = ob[7];
            final FloatVector sign = I_SIGN;
            // Run by run: one byte offset steps through each run (see Shape#runUnits).
            for (long k = from; k < to; ) {
                long end = Math.min(to, (k | (runUnits - 1)) + 1);
                long g = Long.expand(k, free) * VECTOR_BYTES;
                for (long last = g + (end - k) * step; g < last; g += step) {
                    FloatVector x0 = FloatVector.fromMemorySegment(SPECIES, s, g, ORDER);
                    FloatVector x1 = FloatVector.fromMemorySegment(SPECIES, s, g + o1, ORDER);
                    FloatVector x2 = FloatVector.fromMemorySegment(SPECIES, s, g + o2, ORDER);
                    FloatVector x3 = FloatVector.fromMemorySegment(SPECIES, s, g + o3, ORDER);
                    FloatVector x4 = FloatVector.fromMemorySegment(SPECIES, s, g + o4, ORDER);
                    FloatVector x5 = FloatVector.fromMemorySegment(SPECIES, s, g + o5, ORDER);
                    FloatVector x6 = FloatVector.fromMemorySegment(SPECIES, s, g + o6, ORDER);
                    FloatVector x7 = FloatVector.fromMemorySegment(SPECIES, s, g + o7, ORDER);
                    for (int row = 0, at = 0; row < 8; row++, at += 16) {
                        FloatVector a = x0.mul(c[at]);
                        FloatVector b = x0.mul(c[at + 1]);
                        a = x1.fma(FloatVector.broadcast(SPECIES, c[at + 2]), a);
                        b = x1.fma(FloatVector.broadcast(SPECIES, c[at + 3]), b);
                        a = x2.fma(FloatVector.broadcast(SPECIES, c[at + 4]), a);
                        b = x2.fma(FloatVector.broadcast(SPECIES, c[at + 5]), b);
                        a = x3.fma(FloatVector.broadcast(SPECIES, c[at + 6]), a);
                        b = x3.fma(FloatVector.broadcast(SPECIES, c[at + 7]), b);
                        a = x4.fma(FloatVector.broadcast(SPECIES, c[at + 8]), a);
                        b = x4.fma(FloatVector.broadcast(SPECIES, c[at + 9]), b);
                        a = x5.fma(FloatVector.broadcast(SPECIES, c[at + 10]), a);
                        b = x5.fma(FloatVector.broadcast(SPECIES, c[at + 11]), b);
                        a = x6.fma(FloatVector.broadcast(SPECIES, c[at + 12]), a);
                        b = x6.fma(FloatVector.broadcast(SPECIES, c[at + 13]), b);
                        a = x7.fma(FloatVector.broadcast(SPECIES, c[at + 14]), a);
                        b = x7.fma(FloatVector.broadcast(SPECIES, c[at + 15]), b);
                        b.rearrange(S0).fma(sign, a).intoMemorySegment(s, g + ob[row], ORDER);
                    }
                }
                k = end;
            }
        }
    }

    /** Every block qubit inside the vector: one input, one output per group. */
    static final class Tile1 implements FloatBlocks.FloatKernel {
        private final Shape shape;

        Tile1(Shape shape) {
            this.shape = shape;
        }

        @Override
        public long units() { return shape.units; }

        @Override
        public long tileUnits(int tileVectorBits) { return FloatBlocks.tileUnits(shape.free, shape.vectorBits, tileVectorBits); }

        @Override
        public void run(MemorySegment s, long from, long to) {
            final float[] c = shape.coef;
            final int[] xs = shape.xs;
            final int P = shape.patterns;
            final long free = shape.free;
            final FloatVector zero = FloatVector.zero(SPECIES);
            final long[] inB = shape.variantByteOffsets, offB = shape.byteOffsets;
            final long runUnits = shape.runUnits, step = shape.stepBytes;
            // Run by run: one byte offset steps through each run (see Shape#runUnits).
            for (long k = from; k < to; ) {
                long end = Math.min(to, (k | (runUnits - 1)) + 1);
                long g = Long.expand(k, free) * VECTOR_BYTES;
                for (long last = g + (end - k) * step; g < last; g += step) {
                    FloatVector r0 = zero, i0 = zero;
                    FloatVector v = FloatVector.fromMemorySegment(SPECIES, s, g, ORDER);
                    for (int p = 0, at = 0; p < P; p++, at += 2 * FLOATS) {
                        int x = xs[p];
                        FloatVector xp = switch (x) {
                            case 0 -> v;
                            case 1 -> v.rearrange(F1);
                            case 2 -> v.rearrange(F2);
                            case 3 -> v.rearrange(F3);
                            case 4 -> v.rearrange(F4);
                            case 5 -> v.rearrange(F5);
                            case 6 -> v.rearrange(F6);
                            default -> v.rearrange(F7);
                        };
                        FloatVector sp = switch (x) {
                            case 0 -> v.rearrange(S0);
                            case 1 -> v.rearrange(S1);
                            case 2 -> v.rearrange(S2);
                            case 3 -> v.rearrange(S3);
                            case 4 -> v.rearrange(S4);
                            case 5 -> v.rearrange(S5);
                            case 6 -> v.rearrange(S6);
                            default -> v.rearrange(S7);
                        };
                        r0 = xp.fma(FloatVector.fromArray(SPECIES, c, at), r0);
                        i0 = sp.fma(FloatVector.fromArray(SPECIES, c, at + FLOATS), i0);
                    }
                    r0.add(i0).intoMemorySegment(s, g, ORDER);
                }
                k = end;
            }
        }
    }

    /** One block qubit above the vector: two inputs, both outputs in registers. */
    static final class Tile2 implements FloatBlocks.FloatKernel {
        private final Shape shape;

        Tile2(Shape shape) {
            this.shape = shape;
        }

        @Override
        public long units() { return shape.units; }

        @Override
        public long tileUnits(int tileVectorBits) { return FloatBlocks.tileUnits(shape.free, shape.vectorBits, tileVectorBits); }

        @Override
        public void run(MemorySegment s, long from, long to) {
            final float[] c = shape.coef;
            final int[] xs = shape.xs;
            final int P = shape.patterns;
            final long free = shape.free;
            final FloatVector zero = FloatVector.zero(SPECIES);
            final long[] inB = shape.variantByteOffsets, offB = shape.byteOffsets;
            final long runUnits = shape.runUnits, step = shape.stepBytes;
            // Run by run: one byte offset steps through each run (see Shape#runUnits).
            for (long k = from; k < to; ) {
                long end = Math.min(to, (k | (runUnits - 1)) + 1);
                long g = Long.expand(k, free) * VECTOR_BYTES;
                for (long last = g + (end - k) * step; g < last; g += step) {
                    FloatVector r0 = zero, i0 = zero, r1 = zero, i1 = zero;
                    int at = 0;
                    for (int hIn = 0; hIn < 2; hIn++) {
                        FloatVector v = FloatVector.fromMemorySegment(SPECIES, s, g + offB[hIn], ORDER);
                        for (int p = 0; p < P; p++, at += 4 * FLOATS) {
                            int x = xs[p];
                            FloatVector xp = switch (x) {
                                case 0 -> v;
                                case 1 -> v.rearrange(F1);
                                case 2 -> v.rearrange(F2);
                                case 3 -> v.rearrange(F3);
                                case 4 -> v.rearrange(F4);
                                case 5 -> v.rearrange(F5);
                                case 6 -> v.rearrange(F6);
                                default -> v.rearrange(F7);
                            };
                            FloatVector sp = switch (x) {
                                case 0 -> v.rearrange(S0);
                                case 1 -> v.rearrange(S1);
                                case 2 -> v.rearrange(S2);
                                case 3 -> v.rearrange(S3);
                                case 4 -> v.rearrange(S4);
                                case 5 -> v.rearrange(S5);
                                case 6 -> v.rearrange(S6);
                                default -> v.rearrange(S7);
                            };
                            r0 = xp.fma(FloatVector.fromArray(SPECIES, c, at), r0);
                            r1 = xp.fma(FloatVector.fromArray(SPECIES, c, at + FLOATS), r1);
                            i0 = sp.fma(FloatVector.fromArray(SPECIES, c, at + 2 * FLOATS), i0);
                            i1 = sp.fma(FloatVector.fromArray(SPECIES, c, at + 3 * FLOATS), i1);
                        }
                    }
                    r0.add(i0).intoMemorySegment(s, g + offB[0], ORDER);
                    r1.add(i1).intoMemorySegment(s, g + offB[1], ORDER);
                }
                k = end;
            }
        }
    }

    /** Two block qubits above the vector: four inputs, all four outputs in registers. */
    static final class Tile4 implements FloatBlocks.FloatKernel {
        private final Shape shape;

        Tile4(Shape shape) {
            this.shape = shape;
        }

        @Override
        public long units() { return shape.units; }

        @Override
        public long tileUnits(int tileVectorBits) { return FloatBlocks.tileUnits(shape.free, shape.vectorBits, tileVectorBits); }

        @Override
        public void run(MemorySegment s, long from, long to) {
            final float[] c = shape.coef;
            final int[] xs = shape.xs;
            final int P = shape.patterns;
            final long free = shape.free;
            final FloatVector zero = FloatVector.zero(SPECIES);
            final long[] inB = shape.variantByteOffsets, offB = shape.byteOffsets;
            final long runUnits = shape.runUnits, step = shape.stepBytes;
            // Run by run: one byte offset steps through each run (see Shape#runUnits).
            for (long k = from; k < to; ) {
                long end = Math.min(to, (k | (runUnits - 1)) + 1);
                long g = Long.expand(k, free) * VECTOR_BYTES;
                for (long last = g + (end - k) * step; g < last; g += step) {
                    FloatVector r0 = zero, i0 = zero, r1 = zero, i1 = zero, r2 = zero, i2 = zero, r3 = zero, i3 = zero;
                    int at = 0;
                    for (int hIn = 0; hIn < 4; hIn++) {
                        FloatVector v = FloatVector.fromMemorySegment(SPECIES, s, g + offB[hIn], ORDER);
                        for (int p = 0; p < P; p++, at += 8 * FLOATS) {
                            int x = xs[p];
                            FloatVector xp = switch (x) {
                                case 0 -> v;
                                case 1 -> v.rearrange(F1);
                                case 2 -> v.rearrange(F2);
                                case 3 -> v.rearrange(F3);
                                case 4 -> v.rearrange(F4);
                                case 5 -> v.rearrange(F5);
                                case 6 -> v.rearrange(F6);
                                default -> v.rearrange(F7);
                            };
                            FloatVector sp = switch (x) {
                                case 0 -> v.rearrange(S0);
                                case 1 -> v.rearrange(S1);
                                case 2 -> v.rearrange(S2);
                                case 3 -> v.rearrange(S3);
                                case 4 -> v.rearrange(S4);
                                case 5 -> v.rearrange(S5);
                                case 6 -> v.rearrange(S6);
                                default -> v.rearrange(S7);
                            };
                            r0 = xp.fma(FloatVector.fromArray(SPECIES, c, at), r0);
                            r1 = xp.fma(FloatVector.fromArray(SPECIES, c, at + FLOATS), r1);
                            r2 = xp.fma(FloatVector.fromArray(SPECIES, c, at + 2 * FLOATS), r2);
                            r3 = xp.fma(FloatVector.fromArray(SPECIES, c, at + 3 * FLOATS), r3);
                            i0 = sp.fma(FloatVector.fromArray(SPECIES, c, at + 4 * FLOATS), i0);
                            i1 = sp.fma(FloatVector.fromArray(SPECIES, c, at + 5 * FLOATS), i1);
                            i2 = sp.fma(FloatVector.fromArray(SPECIES, c, at + 6 * FLOATS), i2);
                            i3 = sp.fma(FloatVector.fromArray(SPECIES, c, at + 7 * FLOATS), i3);
                        }
                    }
                    r0.add(i0).intoMemorySegment(s, g + offB[0], ORDER);
                    r1.add(i1).intoMemorySegment(s, g + offB[1], ORDER);
                    r2.add(i2).intoMemorySegment(s, g + offB[2], ORDER);
                    r3.add(i3).intoMemorySegment(s, g + offB[3], ORDER);
                }
                k = end;
            }
        }
    }
}
