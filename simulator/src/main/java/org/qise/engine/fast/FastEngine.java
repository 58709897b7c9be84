package org.qise.engine.fast;

import java.util.List;
import org.qise.circuit.Operation;
import org.qise.engine.Engine;
import org.qise.engine.GateChecks;
import org.qise.engine.GatePlan;
import org.qise.engine.Plan;
import org.qise.engine.Precision;
import org.qise.engine.QuantumState;
import org.qise.engine.exact.ExactEngine;

/**
 * The fast engine: state vectors off the Java heap, SIMD kernels (Vector API), plans of fused
 * stages ({@link #compile}), and a thread pool, started only when a state is large enough to
 * pay for it and shut down by {@link #close()}.
 * Results are bit-identical whatever the thread count.
 */
public final class FastEngine implements Engine {
    /** Fusion width chosen per stage by a cost model (see {@link StageRunner#fuse}). */
    public static final int FUSION_AUTO = -1;
    /** No fusion: applyAll applies gate after gate. */
    public static final int FUSION_OFF = 0;

    private final int threads;
    private final int fusionQubits;
    /** {@link #DEFAULT_PARALLEL} or a lowered threshold from a test. */
    private final long minParallelVectors;
    /**
     * Stands for {@link ParallelRunner#DEFAULT_MIN_PARALLEL_VECTORS}, which is read only when a
     * vector state is made: that constant depends on the vector shape, and reading it here would
     * load the Vector API for runs that never use it (a small {@code qise run}).
     */
    private static final long DEFAULT_PARALLEL = -1;
    /** States of at most this many qubits use plain scalar loops (see {@link #forCommandLine}); -1 for none. */
    private final int scalarMaxQubits;
    /** Single precision: states are {@link FloatState}s and plans are compiled for them. */
    private final Precision precision;
    private final Engine scalar = new ExactEngine();
    /** Created when a state first needs it, so that small runs start no threads. */
    private Gang pool;
    private boolean closed;

    /** All available cores, automatic fusion. */
    public FastEngine() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public FastEngine(int threads) {
        this(threads, FUSION_AUTO);
    }

    /**
     * @param threads      worker threads for large states (1 = everything on the caller's thread)
     * @param fusionQubits most qubits a fused dense block may span, {@link #FUSION_AUTO} or
     *                     {@link #FUSION_OFF}
     */
    public FastEngine(int threads, int fusionQubits) {
        this(threads, fusionQubits, DEFAULT_PARALLEL);
    }

    /** Tests lower {@code minParallelVectors} to make small states take the multi-threaded path. */
    FastEngine(int threads, int fusionQubits, long minParallelVectors) {
        this(threads, fusionQubits, minParallelVectors, -1, Precision.DOUBLE);
    }

    /** As {@link #FastEngine(int)}, with amplitudes in {@code precision}. */
    public FastEngine(int threads, Precision precision) {
        this(threads, FUSION_AUTO, DEFAULT_PARALLEL, -1, precision);
    }

    /** Tests: single precision with a lowered parallel threshold. */
    FastEngine(int threads, int fusionQubits, long minParallelVectors, Precision precision) {
        this(threads, fusionQubits, minParallelVectors, -1, precision);
    }

    /**
     * The engine {@code --engine fast} gets: as {@link #FastEngine(int)}, except that states of at
     * most {@link #SCALAR_MAX_QUBITS} qubits run on the exact engine's plain loops. On a few
     * amplitudes those take microseconds, while the first use of the Vector API kernels costs a
     * couple of hundred milliseconds of class loading and interpretation, which a person running
     * a small circuit would wait for.
     */
    public static FastEngine forCommandLine(int threads) {
        return forCommandLine(threads, Precision.DOUBLE);
    }

    /**
     * As {@link #forCommandLine(int)} with amplitudes in {@code precision}; in single precision
     * even tiny states are float states (the scalar loops compute in double).
     */
    public static FastEngine forCommandLine(int threads, Precision precision) {
        return new FastEngine(threads, FUSION_AUTO, DEFAULT_PARALLEL,
                precision == Precision.SINGLE ? -1 : SCALAR_MAX_QUBITS, precision);
    }

    /** Largest state {@link #forCommandLine} runs with scalar loops (64 amplitudes). */
    public static final int SCALAR_MAX_QUBITS = 6;

    private FastEngine(int threads, int fusionQubits, long minParallelVectors, int scalarMaxQubits, Precision precision) {
        if (threads < 1) throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        if (fusionQubits < FUSION_AUTO || fusionQubits > Fuser.MAX_DENSE_QUBITS) {
            throw new IllegalArgumentException("fusion width must be -1 (auto), 0 (off) or 1.." + Fuser.MAX_DENSE_QUBITS + ", got " + fusionQubits);
        }
        this.threads = threads;
        this.fusionQubits = fusionQubits;
        this.minParallelVectors = minParallelVectors;
        this.scalarMaxQubits = scalarMaxQubits;
        this.precision = java.util.Objects.requireNonNull(precision);
    }

    @Override
    public String name() { return "fast"; }

    @Override
    public int threads() { return threads; }

    public int fusionQubits() { return fusionQubits; }

    @Override
    public Precision precision() { return precision; }

    private boolean single() { return precision == Precision.SINGLE; }

    @Override
    public QuantumState allocate(int numQubits) {
        GateChecks.size(numQubits);
        if (numQubits <= scalarMaxQubits) return scalar.allocate(numQubits);
        if (single()) return new FloatState(this, numQubits, FloatState.allocateMemory(numQubits), runner());
        return new FastState(this, numQubits, AmplitudeMemory.allocate(numQubits), runner());
    }

    private ParallelRunner runner() {
        return new ParallelRunner(threads, this::pool,
                minParallelVectors == DEFAULT_PARALLEL ? ParallelRunner.DEFAULT_MIN_PARALLEL_VECTORS : minParallelVectors);
    }

    /** The last plan this engine compiled, and for what (the gates copied, so a caller's list may change after). */
    private record LastPlan(int numQubits, List<Operation.GateOp> gates, Plan plan) {}

    private volatile LastPlan last;

    /**
     * Compiles the gates, or returns the plan compiled last when they are the same gates (equal,
     * matrices included) on as many qubits: {@code applyAll} of one circuit again and again (a
     * loop in a notebook, a benchmark) plans it once. Compiling took 1–1.6 ms for qft, qcbm and
     * random at 20 qubits, and comparing 820 gates takes a few tens of microseconds. A plan is
     * immutable and runs on any state of its size, so sharing it is safe.
     */
    @Override
    public Plan compile(int numQubits, List<Operation.GateOp> gates) {
        if (numQubits <= scalarMaxQubits) return new GatePlan(name(), numQubits, gates);
        LastPlan l = last;
        if (l != null && l.numQubits() == numQubits && l.gates().equals(gates)) return l.plan();
        List<Operation.GateOp> copy = List.copyOf(gates);
        Plan plan = FastPlan.compile(numQubits, copy, fusionQubits, single());
        last = new LastPlan(numQubits, copy, plan);
        return plan;
    }

    /** A plan of this engine is refreshed block by block (see {@link FastPlan#rebind}); others are compiled afresh. */
    @Override
    public Plan rebind(Plan plan, List<Operation.GateOp> gates) {
        if (plan instanceof FastPlan f && f.fusionQubits() == fusionQubits) return f.rebind(gates);
        return compile(plan.numQubits(), gates);
    }

    @Override
    public long bytesFor(int numQubits) {
        if (numQubits <= scalarMaxQubits) return scalar.bytesFor(numQubits);
        return single() ? FloatLayout.bytesFor(numQubits) : AmplitudeMemory.bytesFor(numQubits);
    }

    /** Available physical memory (MemAvailable on Linux) less the margin kept for the JVM and the OS. */
    @Override
    public long availableBytes() {
        return Math.max(0, AmplitudeMemory.availablePhysicalBytes() - AmplitudeMemory.MARGIN_BYTES);
    }

    /** The pool for parallel passes, started on first use; null after {@link #close()}. */
    private synchronized Gang pool() {
        if (pool == null && !closed && threads > 1) pool = new Gang(threads);
        return pool;
    }

    /** Shuts the pool down; states of this engine keep working on the caller's thread. */
    @Override
    public synchronized void close() {
        closed = true;
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
