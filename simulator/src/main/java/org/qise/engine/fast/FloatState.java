package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.util.List;
import org.qise.circuit.Operation;
import org.qise.engine.GateChecks;
import org.qise.engine.Plan;
import org.qise.engine.QuantumState;
import org.qise.engine.StateTooLargeException;

/**
 * A single-precision state of the fast engine: 2^n complex64 amplitudes off heap, laid out as
 * {@link FloatLayout} says. Gates run as plans compiled for single precision: float kernels
 * where every block of a step has one, otherwise stages widened to double ({@link FloatStages}). Every reduction (probabilities,
 * expectation values, sampling sums) widens each amplitude to double and adds in double over
 * fixed chunks, chunk sums in order, so results do not depend on the thread count.
 *
 * <p>As {@link FastState}: methods that hand the memory to code not holding {@code this} end
 * with a reachability fence.
 */
final class FloatState implements QuantumState {
    /** Amplitudes per fixed reduction chunk. */
    private static final long CHUNK_AMPS = 1L << 13;

    private final FastEngine engine;
    private final int n;
    private final AmplitudeMemory memory;
    private final MemorySegment amps;
    private final ParallelRunner runner;
    private boolean closed;

    FloatState(FastEngine engine, int n, AmplitudeMemory memory, ParallelRunner runner) {
        this.engine = engine;
        this.n = n;
        this.memory = memory;
        this.amps = memory.segment;
        this.runner = runner;
        amps.set(FloatLayout.FLOAT, 0, 1f);
    }

    static AmplitudeMemory allocateMemory(int n) {
        if (n < 0) throw new IllegalArgumentException("negative qubit count " + n);
        return AmplitudeMemory.allocate(n, FloatLayout.bytesFor(n), n > 58 ? Long.MAX_VALUE : 8L << n);
    }

    /** The amplitudes' memory (for {@link FastStateMemory#bytesOf}). */
    MemorySegment memory() {
        return amps;
    }

    @Override
    public int numQubits() { return n; }

    @Override
    public void apply(Operation.GateOp op) {
        requireOpen();
        for (int q : op.qubits()) GateChecks.qubit(n, q);
        run(engine.compile(n, List.of(op)));
    }

    @Override
    public void applyAll(List<Operation.GateOp> ops) {
        requireOpen();
        run(engine.compile(n, ops));
    }

    @Override
    public void run(Plan plan) {
        run(plan, 0, plan.stepCount());
    }

    /** A plan compiled for double-precision states runs gate by gate (each gate a single-precision plan). */
    @Override
    public void run(Plan plan, int fromStep, int toStep) {
        requireOpen();
        if (!(plan instanceof FastPlan fp) || !fp.single || plan.numQubits() != n) {
            QuantumState.super.run(plan, fromStep, toStep);
            return;
        }
        java.util.Objects.checkFromToIndex(fromStep, toStep, fp.compiled.length);
        for (int i = fromStep; i < toStep; i++) fp.compiled[i].runSingle(amps, runner, n);
        Reference.reachabilityFence(this);
    }

    private double reAt(long i) {
        return amps.get(FloatLayout.FLOAT, FloatLayout.amplitudeOffset(i, n));
    }

    private double imAt(long i) {
        return amps.get(FloatLayout.FLOAT, FloatLayout.amplitudeOffset(i, n) + 4);
    }

    private double probability(long i) {
        double r = reAt(i), m = imAt(i);
        return r * r + m * m;
    }

    /** Sums f over fixed chunks of amplitudes (in parallel), then the chunk sums in order. */
    private double sum(AmplitudeSum f) {
        double[] partial = perChunk(f);
        double s = 0;
        for (double p : partial) s += p;
        return s;
    }

    private double[] perChunk(AmplitudeSum f) {
        long size = 1L << n;
        int chunks = (int) ((size + CHUNK_AMPS - 1) / CHUNK_AMPS);
        double[] partial = new double[chunks];
        runner.forRange(chunks, CHUNK_AMPS / Lanes.AMPS, (from, to) -> {
            for (long c = from; c < to; c++) {
                double s = 0;
                for (long i = c * CHUNK_AMPS, end = Math.min(size, i + CHUNK_AMPS); i < end; i++) s += f.term(i);
                partial[(int) c] = s;
            }
        });
        Reference.reachabilityFence(this);
        return partial;
    }

    private interface AmplitudeSum {
        double term(long index);
    }

    @Override
    public double probabilityOfOne(int qubit) {
        requireOpen();
        GateChecks.qubit(n, qubit);
        long bit = 1L << qubit;
        return sum(i -> (i & bit) == 0 ? 0 : probability(i));
    }

    @Override
    public void collapse(int qubit, int outcome, double probability) {
        requireOpen();
        GateChecks.qubit(n, qubit);
        if (outcome != 0 && outcome != 1) throw new IllegalArgumentException("outcome must be 0 or 1, got " + outcome);
        if (!(probability > 0)) throw new IllegalArgumentException("cannot collapse onto an outcome of probability " + probability);
        double scale = 1 / Math.sqrt(probability);
        long bit = 1L << qubit, want = outcome == 1 ? bit : 0;
        long size = 1L << n;
        runner.forRange(size, 1, (from, to) -> {
            for (long i = from; i < to; i++) {
                long at = FloatLayout.amplitudeOffset(i, n);
                boolean keep = (i & bit) == want;
                amps.set(FloatLayout.FLOAT, at, keep ? (float) (amps.get(FloatLayout.FLOAT, at) * scale) : 0f);
                amps.set(FloatLayout.FLOAT, at + 4, keep ? (float) (amps.get(FloatLayout.FLOAT, at + 4) * scale) : 0f);
            }
        });
        Reference.reachabilityFence(this);
    }

    @Override
    public void flip(int qubit) {
        requireOpen();
        GateChecks.qubit(n, qubit);
        apply(new Operation.GateOp(org.qise.circuit.Gates.x(), new int[]{qubit}, null));
    }

    @Override
    public double re(long index) {
        requireOpen();
        GateChecks.index(n, index);
        return reAt(index);
    }

    @Override
    public double im(long index) {
        requireOpen();
        GateChecks.index(n, index);
        return imAt(index);
    }

    @Override
    public void copyAmplitudes(long from, int count, double[] re, double[] im) {
        requireOpen();
        GateChecks.range(n, from, count);
        for (int k = 0; k < count; k++) {
            re[k] = reAt(from + k);
            im[k] = imAt(from + k);
        }
        Reference.reachabilityFence(this);
    }

    @Override
    public double[] amplitudes() {
        requireOpen();
        if (n > 29) throw new IllegalStateException("amplitudes() of " + n + " qubits would not fit in a Java array (at most 29)");
        double[] v = new double[2 << n];
        for (int i = 0; i < 1 << n; i++) {
            v[2 * i] = reAt(i);
            v[2 * i + 1] = imAt(i);
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
            for (long i = from; i < to; i++) p[(int) i] = probability(i);
        });
        Reference.reachabilityFence(this);
        return p;
    }

    /** Σ_i conj(ψ_{i⊕x}) · phase(i) · ψ_i, in double over fixed chunks (as {@link FastState}). */
    @Override
    public double expectationPauli(long xMask, long zMask) {
        requireOpen();
        if ((xMask | zMask) >>> n != 0) throw new IllegalArgumentException("Pauli string acts on a qubit outside the " + n + "-qubit state");
        int yCount = Long.bitCount(xMask & zMask) & 3;
        return sum(i -> {
            double sign = (Long.bitCount(i & zMask) & 1) == 0 ? 1 : -1;
            long j = i ^ xMask;
            double pr = reAt(i) * sign, pi = imAt(i) * sign;
            for (int y = 0; y < yCount; y++) {
                double t = pr;
                pr = -pi;
                pi = t;
            }
            return reAt(j) * pr + imAt(j) * pi;
        });
    }

    /** As {@link FastState#sampleSorted}: fixed chunk sums in double, then a scan of the chunks holding samples. */
    @Override
    public long[] sampleSorted(double[] sortedUniforms) {
        requireOpen();
        long size = 1L << n;
        double[] chunkSum = perChunk(this::probability);
        long[] out = new long[sortedUniforms.length];
        int k = 0;
        double prefix = 0;
        for (int c = 0; c < chunkSum.length && k < out.length; c++) {
            double next = prefix + chunkSum[c];
            if (sortedUniforms[k] < next) {
                double running = 0;
                for (long i = c * CHUNK_AMPS, end = Math.min(size, i + CHUNK_AMPS); i < end && k < out.length; i++) {
                    running += probability(i);
                    while (k < out.length && sortedUniforms[k] < prefix + running) out[k++] = i;
                }
            }
            prefix = next;
        }
        if (k < out.length) {
            long last = size - 1;
            while (last > 0 && probability(last) == 0) last--;
            while (k < out.length) out[k++] = last;
        }
        Reference.reachabilityFence(this);
        return out;
    }

    @Override
    public QuantumState copy() {
        requireOpen();
        AmplitudeMemory m;
        try {
            m = allocateMemory(n);
        } catch (StateTooLargeException e) {
            throw StateTooLargeException.forCopy(n, e.bytesNeeded(), e.why());
        }
        FloatState c = new FloatState(engine, n, m, runner);
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
}
