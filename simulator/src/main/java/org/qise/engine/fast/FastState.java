package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.List;
import jdk.incubator.vector.DoubleVector;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;
import org.qise.engine.GateChecks;
import org.qise.engine.Plan;
import org.qise.engine.QuantumState;
import org.qise.engine.StateTooLargeException;

/**
 * A state of the fast engine: 2^n interleaved amplitudes off heap. Gates go through
 * {@link KernelPlanner} and {@link ParallelRunner}; runs of gates through {@link Fuser} first.
 * Every reduction sums fixed chunks and adds the chunk sums in order, so it gives the same bits
 * on any number of threads.
 *
 * <p>An unreachable state that was never closed is freed by {@link AmplitudeMemory}'s cleaner.
 * Methods that hand {@code amps} to code which does not hold {@code this} (kernels, bulk
 * copies) end with a reachability fence, so that the state cannot be found unreachable, and its
 * memory freed, while that code still runs on it.
 */
final class FastState implements QuantumState {
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE;

    private final FastEngine engine;
    private final int n;
    private final AmplitudeMemory memory;
    private final MemorySegment amps;
    private final ParallelRunner runner;
    /** Vectors actually holding the 2^n amplitudes (the last may carry zero padding when n is tiny). */
    private final long vectors;
    private boolean closed;

    FastState(FastEngine engine, int n, AmplitudeMemory memory, ParallelRunner runner) {
        this.engine = engine;
        this.n = n;
        this.memory = memory;
        this.amps = memory.segment;
        this.runner = runner;
        this.vectors = AmplitudeMemory.vectorsFor(n);
        amps.set(DOUBLE, 0, 1.0);
    }

    @Override
    public int numQubits() { return n; }

    /** The amplitudes' memory, for {@link FastStateMemory} (the distributed engine's exchanges). */
    MemorySegment memory() {
        requireOpen();
        return amps;
    }

    @Override
    public void apply(Operation.GateOp op) {
        requireOpen();
        Gate gate = op.gate();
        int[] qubits = op.qubits();
        for (int q : qubits) checkQubit(q);
        int c = gate.controls();
        runner.runKernel(KernelPlanner.plan(n, gate.targetMatrix(), Arrays.copyOfRange(qubits, c, qubits.length),
                Arrays.copyOf(qubits, c)), amps);
        Reference.reachabilityFence(this);
    }

    /** Compiles the gates (a plan used once) and runs them. */
    @Override
    public void applyAll(List<Operation.GateOp> ops) {
        requireOpen();
        run(engine.compile(n, ops));
    }

    @Override
    public void run(Plan plan) {
        run(plan, 0, plan.stepCount());
    }

    @Override
    public void run(Plan plan, int fromStep, int toStep) {
        requireOpen();
        if (!(plan instanceof FastPlan fp) || plan.numQubits() != n) {
            QuantumState.super.run(plan, fromStep, toStep);
            return;
        }
        java.util.Objects.checkFromToIndex(fromStep, toStep, fp.compiled.length);
        for (int i = fromStep; i < toStep; i++) fp.compiled[i].run(amps, runner, n);
        Reference.reachabilityFence(this);
    }

    /**
     * Runs a fast plan of m qubits on amplitudes block·2^m … (block+1)·2^m − 1 of this state, as
     * if they were a state of their own. The layout is block-periodic (its gaps fall at multiples
     * of 2^18 amplitudes, see {@link Lanes}), so that run is one such state with the same kernels
     * and the same bits; the distributed engine relies on that to compute the same thing for
     * every rank count.
     */
    void runOnBlock(FastPlan fp, long block) {
        requireOpen();
        int m = fp.numQubits();
        if (m > n || block < 0 || block >= 1L << (n - m)) throw new IllegalArgumentException("block " + block + " of 2^" + m + " amplitudes is outside a " + n + "-qubit state");
        long start = Lanes.amplitudeOffset(block << m);
        MemorySegment sub = amps.asSlice(start, Math.min(AmplitudeMemory.bytesFor(m), amps.byteSize() - start));
        for (CompiledStep c : fp.compiled) c.run(sub, runner, m);
        Reference.reachabilityFence(this);
    }

    /**
     * Runs a fast plan of m qubits with its qubit p at this state's qubit {@code place[p]}: on
     * every block of 2^m amplitudes that share the bits of the other qubits, exactly as the plan
     * runs on a state of m qubits holding that block in order ({@link #runOnBlock} when the
     * placement is the identity). Stages and steps that fit the scratch buffer gather each block
     * (or chunk) in plan order, so their kernels run unchanged; wider whole-state steps run
     * kernels rebuilt at the placed qubits, which needs the lane qubits in place.
     */
    void runPlaced(FastPlan fp, int[] place) {
        requireOpen();
        int m = fp.numQubits();
        if (place.length != m || m > n) throw new IllegalArgumentException("a placement of " + place.length + " qubits for a plan of " + m + " on a state of " + n);
        long used = 0;
        boolean identity = true;
        for (int p = 0; p < m; p++) {
            if (place[p] < 0 || place[p] >= n || (used >> place[p] & 1) == 1) throw new IllegalArgumentException("not a placement: " + Arrays.toString(place));
            used |= 1L << place[p];
            identity &= place[p] == p;
        }
        if (identity) {
            for (long block = 0; block < 1L << (n - m); block++) runOnBlock(fp, block);
            return;
        }
        for (CompiledStep c : fp.compiled) {
            if (c instanceof CompiledStep.Staged s) {
                int[] positions = new int[s.kernelQubits(m)];
                long mask = s.localMask();
                for (int q = 0, j = 0; q < m; q++) if ((mask >> q & 1) == 1) positions[j++] = place[q];
                StageRunner.runGathered(positions, s.kernels, n, amps, runner);
            } else if (m <= StageRunner.CHUNK_QUBITS) {
                StageRunner.runGathered(place, c.kernels, n, amps, runner);
            } else {
                for (int p = 0; p < Lanes.LOW_QUBITS; p++) {
                    if (place[p] != p) throw new IllegalArgumentException("a whole-state step of " + m + " qubits needs the lane qubits in place: " + Arrays.toString(place));
                }
                for (Fuser.Block b : c.blocks) runner.runKernel(Fuser.placedKernel(b, n, place), amps);
            }
        }
        Reference.reachabilityFence(this);
    }

    /**
     * Runs fast plans one after another, plan i placed by {@code places.get(i)} as in
     * {@link #runPlaced}, in one pass over memory when every placed qubit of all of them fits one
     * chunk of at most {@link StageRunner#CHUNK_QUBITS}: each chunk over their union is copied
     * into scratch once, every plan runs on it (its own blocks gathered from there, so each
     * block gets exactly the arithmetic of {@link #runPlaced}), and the chunk is copied back.
     * Blocks of a later plan lie inside one chunk, so the chunks stay independent. When the
     * union is wider, the plans run one by one.
     */
    void runPlacedGroup(List<FastPlan> plans, List<int[]> places) {
        requireOpen();
        long union = 0;
        for (int[] place : places) for (int x : place) union |= 1L << x;
        int u = Long.bitCount(union);
        if (plans.size() != places.size() || u > StageRunner.CHUNK_QUBITS || (union >>> n) != 0) {
            for (int i = 0; i < plans.size(); i++) runPlaced(plans.get(i), places.get(i));
            return;
        }
        int[] chunkPositions = new int[u];
        int[] toChunk = new int[n];
        for (int x = 0, j = 0; x < n; x++) {
            if ((union >> x & 1) == 0) continue;
            toChunk[x] = j;
            chunkPositions[j++] = x;
        }
        // Each step of each plan, as gathers inside the chunk (u qubits) and its kernels.
        List<StageRunner.Gather> gathers = new java.util.ArrayList<>();
        List<Kernel[]> kernels = new java.util.ArrayList<>();
        int kernelCount = 0;
        for (int i = 0; i < plans.size(); i++) {
            FastPlan fp = plans.get(i);
            int m = fp.numQubits();
            int[] place = places.get(i);
            if (place.length != m) throw new IllegalArgumentException("a placement of " + place.length + " qubits for a plan of " + m);
            for (CompiledStep c : fp.compiled) {
                int[] positions;
                if (c instanceof CompiledStep.Staged st) {
                    positions = new int[st.kernelQubits(m)];
                    for (int q = 0, j = 0; q < m; q++) if ((st.localMask() >> q & 1) == 1) positions[j++] = toChunk[place[q]];
                } else {
                    positions = new int[m];
                    for (int q = 0; q < m; q++) positions[q] = toChunk[place[q]];
                }
                gathers.add(StageRunner.Gather.of(positions, u));
                kernels.add(c.kernels);
                kernelCount += c.kernels.length;
            }
        }
        StageRunner.Gather outer = StageRunner.Gather.of(chunkPositions, n);
        runner.forRange(outer.chunks(), (outer.chunkBytes() / Lanes.VECTOR_BYTES) * (kernelCount + 2), (from, to) -> {
            MemorySegment chunk = StageRunner.GROUP_SCRATCH.get(), inner = StageRunner.SCRATCH.get();
            for (long c = from; c < to; c++) {
                long base = Long.expand(c, outer.outside());
                MemorySegment work = outer.inPlace() ? amps.asSlice(Lanes.amplitudeOffset(base), outer.chunkBytes()) : outer.load(amps, base, chunk);
                for (int s = 0; s < gathers.size(); s++) {
                    StageRunner.Gather g = gathers.get(s);
                    g.run(work, 0, g.chunks(), kernels.get(s), inner);
                }
                if (!outer.inPlace()) outer.store(work, amps, base);
            }
        });
        Reference.reachabilityFence(this);
    }

    @Override
    public double probabilityOfOne(int qubit) {
        requireOpen();
        checkQubit(qubit);
        if (qubit >= Lanes.LOW_QUBITS) {
            long bit = 1L << (qubit - Lanes.LOW_QUBITS);
            return runner.sumOverChunks(vectors, (from, to) -> {
                DoubleVector acc = DoubleVector.zero(Lanes.SPECIES);
                for (long v = from; v < to; v++) {
                    if ((v & bit) == 0) continue;
                    DoubleVector x = Lanes.load(amps, v);
                    acc = x.fma(x, acc);
                }
                return sumLanes(acc);
            });
        }
        double[] m = new double[Lanes.DOUBLES];
        for (int lane = 0; lane < Lanes.DOUBLES; lane++) m[lane] = ((lane >> 1) >> qubit & 1);
        DoubleVector mask = DoubleVector.fromArray(Lanes.SPECIES, m, 0);
        return runner.sumOverChunks(vectors, (from, to) -> {
            DoubleVector acc = DoubleVector.zero(Lanes.SPECIES);
            for (long v = from; v < to; v++) {
                DoubleVector x = Lanes.load(amps, v);
                acc = x.mul(mask).fma(x, acc);
            }
            return sumLanes(acc);
        });
    }

    /** Lanes added in a fixed order (reduceLanes leaves the order open). */
    private static double sumLanes(DoubleVector v) {
        double[] a = v.toArray();
        double s = 0;
        for (double x : a) s += x;
        return s;
    }

    @Override
    public void collapse(int qubit, int outcome, double probability) {
        requireOpen();
        checkQubit(qubit);
        if (outcome != 0 && outcome != 1) throw new IllegalArgumentException("outcome must be 0 or 1, got " + outcome);
        if (!(probability > 0)) throw new IllegalArgumentException("cannot collapse onto an outcome of probability " + probability);
        double scale = 1 / Math.sqrt(probability);
        DoubleVector keep = DoubleVector.broadcast(Lanes.SPECIES, scale);
        DoubleVector drop = DoubleVector.zero(Lanes.SPECIES);
        double[] lanes = new double[Lanes.DOUBLES];
        for (int lane = 0; lane < Lanes.DOUBLES; lane++) {
            lanes[lane] = qubit < Lanes.LOW_QUBITS && ((lane >> 1) >> qubit & 1) != outcome ? 0 : scale;
        }
        DoubleVector lowCoef = DoubleVector.fromArray(Lanes.SPECIES, lanes, 0);
        boolean high = qubit >= Lanes.LOW_QUBITS;
        long bit = high ? 1L << (qubit - Lanes.LOW_QUBITS) : 0;
        long want = outcome == 1 ? bit : 0;
        runner.forRange(vectors, 1, (from, to) -> {
            for (long v = from; v < to; v++) {
                DoubleVector c = high ? ((v & bit) == want ? keep : drop) : lowCoef;
                Lanes.store(Lanes.load(amps, v).mul(c), amps, v);
            }
        });
    }

    /**
     * Measure, then flip to |0⟩: when the qubit certainly reads 0 nothing is written; when it
     * reads 1 the collapse and the flip are one pass (the |1⟩ half, rescaled, moves onto the
     * zeroed |0⟩ half), so a reset costs one read and at most one read-write of the state.
     */
    @Override
    public void reset(int qubit, double uniform) {
        requireOpen();
        checkQubit(qubit);
        double p1 = probabilityOfOne(qubit);
        int outcome = uniform < p1 ? 1 : 0;
        if (p1 == 0) return;
        if (outcome == 0 || qubit < Lanes.LOW_QUBITS) {
            collapse(qubit, outcome, outcome == 1 ? p1 : 1 - p1);
            if (outcome == 1) flip(qubit);
            return;
        }
        DoubleVector scale = DoubleVector.broadcast(Lanes.SPECIES, 1 / Math.sqrt(p1));
        DoubleVector zero = DoubleVector.zero(Lanes.SPECIES);
        int shift = qubit - Lanes.LOW_QUBITS;
        long bit = 1L << shift, below = bit - 1;
        runner.forRange(vectors / 2, 2, (from, to) -> {
            for (long p = from; p < to; p++) {
                long v0 = ((p & ~below) << 1) | (p & below), v1 = v0 | bit;
                Lanes.store(Lanes.load(amps, v1).mul(scale), amps, v0);
                Lanes.store(zero, amps, v1);
            }
        });
    }

    @Override
    public void copyAmplitudes(long from, int count, double[] re, double[] im) {
        requireOpen();
        GateChecks.range(n, from, count);
        for (int k = 0; k < count; k++) {
            long at = Lanes.amplitudeOffset(from + k);
            re[k] = amps.get(DOUBLE, at);
            im[k] = amps.get(DOUBLE, at + 8);
        }
        Reference.reachabilityFence(this);
    }

    @Override
    public void flip(int qubit) {
        requireOpen();
        checkQubit(qubit);
        apply(new Operation.GateOp(Gates.x(), new int[]{qubit}, null));
    }

    @Override
    public double re(long index) {
        requireOpen();
        checkIndex(index);
        return amps.get(DOUBLE, Lanes.amplitudeOffset(index));
    }

    @Override
    public double im(long index) {
        requireOpen();
        checkIndex(index);
        return amps.get(DOUBLE, Lanes.amplitudeOffset(index) + 8);
    }

    @Override
    public double[] amplitudes() {
        requireOpen();
        if (n > 29) throw new IllegalStateException("amplitudes() of " + n + " qubits would not fit in a Java array (at most 29)");
        double[] v = new double[2 << n];
        // the layout is contiguous between its gaps: copy one gap-free run of vectors at a time
        long runAmps = Lanes.PAD_EVERY_VECTORS * Lanes.AMPS;
        for (long first = 0; first < 1L << n; first += runAmps) {
            int count = (int) Math.min(runAmps, (1L << n) - first);
            MemorySegment.copy(amps, DOUBLE, Lanes.amplitudeOffset(first), v, (int) (2 * first), 2 * count);
        }
        Reference.reachabilityFence(this);
        return v;
    }

    @Override
    public double[] probabilities() {
        requireOpen();
        if (n > 30) throw new IllegalStateException("probabilities() of " + n + " qubits would not fit in a Java array (at most 30)");
        double[] p = new double[1 << n];
        runner.forRange(p.length, 1, (from, to) -> {
            for (long i = from; i < to; i++) {
                long at = Lanes.amplitudeOffset(i);
                double r = amps.get(DOUBLE, at), m = amps.get(DOUBLE, at + 8);
                p[(int) i] = r * r + m * m;
            }
        });
        return p;
    }

    /** Σ_i conj(ψ_{i⊕x}) · phase(i) · ψ_i over fixed chunks of i, as the exact engine defines it. */
    @Override
    public double expectationPauli(long xMask, long zMask) {
        requireOpen();
        long size = 1L << n;
        if ((xMask | zMask) >>> n != 0) throw new IllegalArgumentException("Pauli string acts on a qubit outside the " + n + "-qubit state");
        int yCount = Long.bitCount(xMask & zMask) & 3;
        long chunkAmps = ParallelRunner.CHUNK_VECTORS * Lanes.AMPS;
        double[] partial = runner.perChunk((size + chunkAmps - 1) / chunkAmps * ParallelRunner.CHUNK_VECTORS, (fromV, toV) -> {
            long from = fromV * Lanes.AMPS, to = Math.min(size, toV * Lanes.AMPS);
            double sum = 0;
            for (long i = from; i < to; i++) {
                double sign = (Long.bitCount(i & zMask) & 1) == 0 ? 1 : -1;
                long j = i ^ xMask;
                long at = Lanes.amplitudeOffset(i), atJ = Lanes.amplitudeOffset(j);
                double pr = amps.get(DOUBLE, at) * sign, pi = amps.get(DOUBLE, at + 8) * sign;
                for (int y = 0; y < yCount; y++) {
                    double t = pr;
                    pr = -pi;
                    pi = t;
                }
                sum += amps.get(DOUBLE, atJ) * pr + amps.get(DOUBLE, atJ + 8) * pi;
            }
            return sum;
        });
        double sum = 0;
        for (double p : partial) sum += p;
        return sum;
    }

    /**
     * Fixed chunks of amplitudes get their probability sums (in parallel, each summed in index
     * order); prefix sums then place each uniform in a chunk, and only chunks holding samples are
     * scanned again, continuing the same running sum. Independent of the thread count.
     */
    @Override
    public long[] sampleSorted(double[] sortedUniforms) {
        requireOpen();
        long size = 1L << n;
        long chunkAmps = ParallelRunner.CHUNK_VECTORS * Lanes.AMPS;
        int chunks = (int) ((size + chunkAmps - 1) / chunkAmps);
        double[] chunkSum = new double[chunks];
        runner.forRange(chunks, ParallelRunner.CHUNK_VECTORS, (from, to) -> {
            for (long c = from; c < to; c++) {
                double s = 0;
                for (long i = c * chunkAmps, end = Math.min(size, i + chunkAmps); i < end; i++) s += probability(i);
                chunkSum[(int) c] = s;
            }
        });
        long[] out = new long[sortedUniforms.length];
        int k = 0;
        double prefix = 0;
        for (int c = 0; c < chunks && k < out.length; c++) {
            double next = prefix + chunkSum[c];
            if (sortedUniforms[k] < next) {
                double running = 0;
                for (long i = c * chunkAmps, end = Math.min(size, i + chunkAmps); i < end && k < out.length; i++) {
                    running += probability(i);
                    while (k < out.length && sortedUniforms[k] < prefix + running) out[k++] = i;
                }
            }
            prefix = next;
        }
        if (k < out.length) {
            // Rounding left the total a hair below the last uniforms: they go to the last non-zero state.
            long last = size - 1;
            while (last > 0 && probability(last) == 0) last--;
            while (k < out.length) out[k++] = last;
        }
        return out;
    }

    private double probability(long i) {
        long at = Lanes.amplitudeOffset(i);
        double r = amps.get(DOUBLE, at), m = amps.get(DOUBLE, at + 8);
        return r * r + m * m;
    }

    @Override
    public QuantumState copy() {
        requireOpen();
        AmplitudeMemory memory;
        try {
            memory = AmplitudeMemory.allocate(n);
        } catch (StateTooLargeException e) {
            throw StateTooLargeException.forCopy(n, e.bytesNeeded(), e.why());
        }
        FastState c = new FastState(engine, n, memory, runner);
        MemorySegment.copy(amps, 0, c.amps, 0, amps.byteSize());
        Reference.reachabilityFence(this);
        return c;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        memory.close();
    }

    private void requireOpen() {
        if (closed) throw new IllegalStateException("the state has been closed");
    }

    private void checkQubit(int q) {
        GateChecks.qubit(n, q);
    }

    private void checkIndex(long index) {
        GateChecks.index(n, index);
    }
}
