package org.qise.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qise.circuit.Operation;
import org.qise.engine.Precision;
import org.qise.engine.QuantumState;
import org.qise.engine.StateTooLargeException;
import org.qise.engine.exact.ExactEngine;
import org.qise.engine.fast.FastEngine;
import org.qise.engine.fast.FastStateMemory;
import org.qise.engine.fast.HugePageMemory;
import org.qise.engine.fast.JitFlags;
import org.redfx.strange.Complex;
import org.redfx.strange.Program;

/**
 * The benchmark suite behind {@code qise bench}, as a plain Java API.
 *
 * <p>Workloads (see {@link Workloads}): {@code h}, {@code u3}, {@code cx} apply one gate over and
 * over (h and u3 on qubits 0, n/2 and n−1, cx with control 0 and target n−1) and report seconds
 * per gate; {@code qft}, {@code qcbm}, {@code random} and {@code strange-layers} time whole
 * circuits with the fast engine's fusion. Each row also gives the effective bandwidth
 * (gates × 2 × 16 × 2^n bytes / seconds, i.e. as if every gate were one read+write pass over the
 * state) as a fraction of the machine's measured read+write bandwidth at the same thread count;
 * a fraction above 1 means fusion saved passes. The exact engine and, for n ≤ 16, Strange are
 * timed on the same work for comparison.
 */
public final class Bench {
    /** Strange keeps whole-register operators; beyond 16 qubits it takes minutes or runs out of memory. */
    public static final int STRANGE_MAX_QUBITS = 16;
    /** Sizes for {@code strange-layers} (issue 4's comparison). */
    public static final List<Integer> STRANGE_LAYER_SIZES = List.of(12, 14, 16);

    private Bench() {}

    /**
     * Runs the suite from a plain {@code java} command (until {@code qise bench} is wired):
     * {@code [--quick] [--json] [--qubits 20,24] [--threads 1,2] [--workloads qft,qcbm]}.
     */
    public static void main(String[] args) {
        BenchOptions o = BenchOptions.defaults();
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> o = BenchOptions.quickRun().withThreads(o.threads()).withWorkloads(o.workloads());
                case "--json" -> json = true;
                case "--qubits" -> o = o.withQubits(ints(args[++i]));
                case "--threads" -> o = o.withThreads(ints(args[++i]));
                case "--workloads" -> o = o.withWorkloads(List.of(args[++i].split(",")));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        BenchReport r = run(o.withProgress(line -> System.err.println("bench: " + line)));
        System.out.println(json ? r.toJson() : r.toTable());
    }

    private static List<Integer> ints(String csv) {
        List<Integer> out = new ArrayList<>();
        for (String s : csv.split(",")) out.add(Integer.parseInt(s.trim()));
        return out;
    }

    public static BenchReport run(BenchOptions o) {
        List<String> notes = new ArrayList<>();
        Map<Integer, Double> bandwidth = new LinkedHashMap<>();
        int largest = o.qubits().stream().max(Integer::compare).orElse(20);
        long probeBytes = Math.max(16L << largest, 256L << 20);
        Map<Integer, Double> before = probe(o, probeBytes, "before");
        notes.add("seconds are wall-clock; cpu_seconds well below threads × seconds means other programs shared the cores, so the timing is pessimistic");
        JitFlags.lowTrapLimitNote().ifPresent(notes::add);
        JitFlags.tier2Note().ifPresent(notes::add);
        List<Measured> measured = new ArrayList<>();
        for (String w : o.workloads()) {
            List<Integer> sizes = w.equals("strange-layers") ? (o.quick() ? List.of(12) : STRANGE_LAYER_SIZES) : o.qubits();
            for (int n : sizes) {
                Double exact = null;
                String exactNote = null;
                Double strange = null;
                String note = null;
                if (o.compareExact()) {
                    o.progress().accept("exact engine: " + w + " n=" + n);
                    ExactTiming et = timeExact(w, n, o.quick());
                    exact = et.seconds;
                    exactNote = et.note;
                }
                boolean strangeHere = o.compareStrange() && n <= STRANGE_MAX_QUBITS && !Workloads.SINGLE_GATE.contains(w)
                        && (!o.quick() || w.equals("strange-layers"));
                if (strangeHere) {
                    o.progress().accept("Strange: " + w + " n=" + n);
                    StrangeTiming st = timeStrange(w, n);
                    strange = st.seconds;
                    note = st.note;
                }
                for (int t : o.threads()) {
                    Map<Precision, Timing> timings = new LinkedHashMap<>();
                    if (Workloads.SINGLE_GATE.contains(w)) {
                        for (Precision p : o.precisions()) {
                            o.progress().accept("fast engine: " + w + " n=" + n + " threads=" + t + (o.precisions().size() > 1 ? " " + p : ""));
                            timings.put(p, timeSingleGate(w, n, t, p, o.quick()));
                        }
                    } else {
                        o.progress().accept("fast engine: " + w + " n=" + n + " threads=" + t
                                + (o.precisions().size() > 1 ? " " + String.join(",", o.precisions().stream().map(Precision::label).toList()) : ""));
                        timings.putAll(timeCircuit(w, n, t, o.precisions(), o.quick()));
                    }
                    for (Precision p : o.precisions()) measured.add(new Measured(w, n, t, p, timings.get(p), exact, exactNote, strange, note));
                }
            }
        }
        // The machine's bandwidth drifts (other tenants, clocks): probing again after the
        // workloads and keeping the higher reading makes every fraction a conservative one.
        Map<Integer, Double> after = probe(o, probeBytes, "after");
        for (int t : o.threads()) bandwidth.put(t, Math.max(before.get(t), after.get(t)));
        notes.add("memory bandwidth: best of several in-place read-modify-write sweeps over an off-heap array of "
                + (probeBytes >> 20) + " MiB (the largest state, at least 256 MiB; " + (HugePageMemory.available() ? "on huge pages where the kernel grants them, as states are" : "ordinary pages, as states here")
                + "), bytes counted read + written; probed before "
                + BenchReport.describeBandwidth(before) + " and after the workloads " + BenchReport.describeBandwidth(after) + ", fractions use the higher reading");
        if (measured.stream().anyMatch(m -> m.timing.stateSweepGbs != null)) {
            notes.add("single-gate rows from " + STATE_SWEEP_MIN_QUBITS + " to " + (ALTERNATED_PROBE_QUBITS - 1) + " qubits: \"of sweep\" compares with"
                    + " sweeps over the state's own memory (every byte read and written back unchanged) timed between the gate's passes;"
                    + " where the state sits in cache, no pass can take less than such a sweep; the JSON row's note gives the figure");
        }
        if (measured.stream().anyMatch(m -> m.timing.nearbyGbs != null)) {
            notes.add("single-gate rows from " + ALTERNATED_PROBE_QUBITS + " qubits: \"of bw\" compares with probe sweeps over an array the size of the state"
                    + " (at least 256 MiB) timed in alternation with the gate's passes, so both come from the same minutes of a machine whose bandwidth drifts;"
                    + " the JSON row's note gives that figure");
        }
        List<BenchResult> results = new ArrayList<>();
        for (Measured m : measured) {
            double eff = m.timing.gates * 2.0 * m.precision.bytesPerAmplitude() * Math.pow(2, m.qubits) / m.timing.seconds / 1e9;
            Double nearby = m.timing.nearbyGbs, own = m.timing.stateSweepGbs;
            String note = nearby != null ? String.format("of bw against probe sweeps timed between this gate's passes: %.1f GB/s", nearby)
                    : own != null ? String.format("of sweep against sweeps of the state's own memory timed between this gate's passes: %.1f GB/s", own)
                    : m.note;
            results.add(new BenchResult(m.workload, m.qubits, m.threads, m.timing.gates, m.timing.seconds, m.timing.cpuSeconds, eff,
                    eff / (nearby != null ? nearby : bandwidth.get(m.threads)), m.exact, m.exactNote, m.strange, note, m.precision,
                    own == null ? null : eff / own));
        }
        String machine = System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + Runtime.version() + ", " + jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.vectorBitSize() + "-bit vectors";
        return new BenchReport(bandwidth, results, notes, machine);
    }

    /**
     * One fast-engine timing; {@code nearbyGbs} the best probe sweep timed in alternation with it,
     * {@code stateSweepGbs} the best sweep over the state's own memory timed so, or null.
     */
    private record Timing(int gates, double seconds, double cpuSeconds, Double nearbyGbs, Double stateSweepGbs) {
        Timing(int gates, double seconds, double cpuSeconds) {
            this(gates, seconds, cpuSeconds, null, null);
        }
    }

    /** One fast-engine timing with its comparisons, before the bandwidth fraction is known. */
    private record Measured(String workload, int qubits, int threads, Precision precision, Timing timing, Double exact, String exactNote, Double strange, String note) {}

    private static Map<Integer, Double> probe(BenchOptions o, long probeBytes, String when) {
        Map<Integer, Double> gbs = new LinkedHashMap<>();
        for (int t : o.threads()) {
            o.progress().accept("measuring memory bandwidth (" + when + ") on " + t + " thread(s) over " + (probeBytes >> 20) + " MiB");
            gbs.put(t, BandwidthProbe.measureGbs(probeBytes, t, o.quick() ? 3 : 6));
        }
        return gbs;
    }


    private record ExactTiming(Double seconds, String note) {}

    private record StrangeTiming(double seconds, String note) {}

    /**
     * Seconds per gate, averaged over the positions; for each position the fastest single pass
     * out of at least {@link #MIN_PASSES} passes and about half a second of them, after warm-up
     * and one untimed pass at the timed size (which starts the engine's threads). A single pass
     * is what the bandwidth probe reports too (its fastest sweep), so a gate's "of bw" compares
     * like with like: before, a gate counted the best mean of batches of passes while the probe
     * counted its best sweep, and on a machine whose bandwidth drifts from pass to pass (other
     * tenants) the gate then read up to a third below the probe with the same speed per pass
     * (docs/engine.md, "Single-gate passes against the probe"). Both precisions take this path.
     */
    private static Timing timeSingleGate(String w, int n, int threads, Precision precision, boolean quick) {
        List<Operation.GateOp> positions = Workloads.singleGatePositions(w, n);
        double budget = quick ? 0.06 : 0.5;
        double total = 0, cpu = 0, nearby = 0, ownSweep = 0;
        BandwidthProbe.Sweeps sweeps = null, stateSweeps = null;
        try (FastEngine engine = new FastEngine(threads, precision)) {
            warmUp(engine, Workloads.singleGatePositions(w, Math.min(n, WARM_UP_QUBITS)));
            long probeBytes = Math.max(engine.bytesFor(n), 256L << 20);
            if (alternateProbe(n, quick, engine.bytesFor(n), probeBytes, engine.availableBytes())) {
                sweeps = new BandwidthProbe.Sweeps(probeBytes, threads);
            }
            try (QuantumState s = engine.allocate(n)) {
                if (sweepState(n)) stateSweeps = BandwidthProbe.Sweeps.overState(FastStateMemory.bytesOf(s), threads);
                for (Operation.GateOp op : positions) {
                    s.apply(op);
                    double best = Double.MAX_VALUE, bestCpu = 0;
                    long start = System.nanoTime();
                    for (int pass = 0; pass < MAX_PASSES && (pass < MIN_PASSES || (System.nanoTime() - start) / 1e9 < budget); pass++) {
                        if (sweeps != null) nearby = Math.max(nearby, sweeps.sweepGbs());
                        if (stateSweeps != null) ownSweep = Math.max(ownSweep, stateSweeps.sweepGbs());
                        long c0 = processCpuNanos(), t0 = System.nanoTime();
                        s.apply(op);
                        long t1 = System.nanoTime(), c1 = processCpuNanos();
                        double sec = (t1 - t0) / 1e9;
                        if (sec < best) {
                            best = sec;
                            bestCpu = (c1 - c0) / 1e9;
                        }
                    }
                    total += best;
                    cpu += bestCpu;
                }
            }
        } finally {
            if (sweeps != null) sweeps.close();
            if (stateSweeps != null) stateSweeps.close();
        }
        return new Timing(1, total / positions.size(), cpu / positions.size(), sweeps == null ? null : nearby,
                stateSweeps == null ? null : ownSweep);
    }

    /**
     * From this size a single gate's passes alternate with probe sweeps, whose best is the row's
     * bandwidth: the probe before and after the whole bench read 49.0 and 66.9 GB/s in one run
     * (2026-12-04, docs/engine.md "Spells of slow runs"), and a gate timed between them was held
     * to the higher. Below it the state sits in cache, and the fraction against the memory probe
     * says how far fusion and cache take it, as before.
     */
    static final int ALTERNATED_PROBE_QUBITS = 24;

    /** Whether a single gate's passes alternate with probe sweeps: from 24 qubits, not quick, and state and probe array fit together. */
    static boolean alternateProbe(int n, boolean quick, long stateBytes, long probeBytes, long availableBytes) {
        return !quick && n >= ALTERNATED_PROBE_QUBITS && stateBytes <= availableBytes - probeBytes;
    }

    /**
     * From this size up to {@link #ALTERNATED_PROBE_QUBITS}, a single gate's passes alternate with
     * sweeps over the state's own memory (read and written back unchanged), and its row says what
     * fraction of their speed the passes reach ("of sweep"). Where the state sits in cache that is
     * the least a pass can take on this machine, which the memory probe does not say (at 20 qubits
     * in double on one thread cx read 0.98–1.01 of it, u3 0.58–0.64: docs/engine.md). 2^17 amplitudes is where
     * the engine starts to spread a pass over its threads; below it a pass is one thread's and a
     * sweep would not compare.
     */
    static final int STATE_SWEEP_MIN_QUBITS = 17;

    /** Whether a single gate's passes alternate with sweeps over the state's own memory: from 17 qubits to below 24. */
    static boolean sweepState(int n) {
        return n >= STATE_SWEEP_MIN_QUBITS && n < ALTERNATED_PROBE_QUBITS;
    }

    /** Fewest timed passes of a single gate per position (the probe times 6 sweeps). */
    static final int MIN_PASSES = 5;
    /** Most timed passes per position: enough for a state in cache, where a pass takes microseconds. */
    static final int MAX_PASSES = 20_000;

    /**
     * From this size a circuit run takes seconds: it is warmed up at {@link #LARGE_WARM_UP_QUBITS}
     * rather than at its own size, and timed only a few times ({@link #LARGE_REPS}). Below it, runs
     * are short enough to repeat until steady at the timed size.
     */
    static final int LARGE_QUBITS = 24;

    /**
     * From 24 qubits, at most this many timed runs, while they have taken less than
     * {@link #LARGE_BUDGET_SECONDS} in all (so 24 and 26 qubits get two or three, 28 one): the
     * first run at a large size still paid for compiling the paths that only large states take
     * (random at 24 qubits in single precision: 1.3–2.6 s first, 1.0–1.1 s after, docs/engine.md
     * "Warm until steady"), and one timed run made that cost the figure.
     */
    static final int LARGE_REPS = 3;
    static final double LARGE_BUDGET_SECONDS = 20;

    /**
     * Below 24 qubits, timed runs continue until at least {@link #MIN_REPS} runs and
     * {@link #MIN_SECONDS} of them: a 20-qubit run takes tens of milliseconds, and this machine's
     * speed drifts in spells of seconds (the same plan ran 40 ms and 80 ms per run in one JVM,
     * while a two-thread arithmetic probe between the runs kept its time: not the clock, perhaps
     * other tenants of the shared L3; docs/engine.md "Spells of slow runs"), so five runs in a
     * row could all fall in one slow spell.
     */
    static final int MIN_REPS = 5;
    static final double MIN_SECONDS = 1.0;
    /** Most timed runs below 24 qubits. */
    static final int MAX_REPS = 200;

    /**
     * Best wall time of the circuit (with fusion) for each precision, after a warm-up at a small
     * size and, for states below 24 qubits, untimed runs at the timed size until steady (from 24,
     * runs at 20 qubits until steady). Where the states of all precisions fit in memory together,
     * the timed runs alternate between them (single, double, single, ...), so that a slow spell of
     * the machine falls on both sides of the "x double" ratio instead of on one; otherwise each
     * precision is timed in turn.
     */
    private static Map<Precision, Timing> timeCircuit(String w, int n, int threads, List<Precision> precisions, boolean quick) {
        List<Operation.GateOp> ops = Workloads.circuit(w, n);
        Map<Precision, Timing> out = new LinkedHashMap<>();
        List<FastEngine> engines = new ArrayList<>();
        // Engines (and their threads) are closed when the timing is over, outside the timed runs:
        // left open, each workload and thread count kept its threads until the JVM ended.
        try {
            long together = 0;
            for (Precision p : precisions) {
                FastEngine engine = new FastEngine(threads, p);
                engines.add(engine);
                together += engine.bytesFor(n);
            }
            if (together > engines.get(0).availableBytes()) {
                for (FastEngine engine : engines) out.putAll(timeInAlternation(List.of(engine), w, ops, n, quick));
            } else {
                out.putAll(timeInAlternation(engines, w, ops, n, quick));
            }
        } finally {
            for (FastEngine engine : engines) engine.close();
        }
        return out;
    }

    /** Warms each engine up, then times the circuit on each in turn, round after round; the best run of each. */
    private static Map<Precision, Timing> timeInAlternation(List<FastEngine> engines, String w, List<Operation.GateOp> ops, int n, boolean quick) {
        for (FastEngine engine : engines) {
            warmUp(engine, Workloads.circuit(w, Math.min(n, WARM_UP_QUBITS)));
            if (!quick && n >= LARGE_QUBITS) warmUpLarge(engine, Workloads.circuit(w, LARGE_WARM_UP_QUBITS));
        }
        List<QuantumState> states = new ArrayList<>();
        try {
            for (FastEngine engine : engines) {
                QuantumState s = engine.allocate(n);
                states.add(s);
                // Below 24 qubits a run is short enough to repeat: untimed runs at the timed size first, until steady,
                // because the warm-up size stays below the size where the engine shares passes between
                // threads, and that path's first use (JIT, thread start) would otherwise land in the timing.
                if (!quick && n < LARGE_QUBITS) runUntilSteady(() -> s.applyAll(ops), 1, STEADY_MAX_RUNS);
            }
            int k = engines.size();
            double[] best = new double[k], bestCpu = new double[k], timed = new double[k];
            Arrays.fill(best, Double.MAX_VALUE);
            for (int r = 0; more(r, timed, n, quick); r++) {
                for (int i = 0; i < k; i++) {
                    long c0 = processCpuNanos(), t0 = System.nanoTime();
                    states.get(i).applyAll(ops);
                    double sec = (System.nanoTime() - t0) / 1e9;
                    timed[i] += sec;
                    if (sec < best[i]) {
                        best[i] = sec;
                        bestCpu[i] = (processCpuNanos() - c0) / 1e9;
                    }
                }
            }
            Map<Precision, Timing> out = new LinkedHashMap<>();
            for (int i = 0; i < k; i++) out.put(engines.get(i).precision(), new Timing(ops.size(), best[i], bestCpu[i]));
            return out;
        } finally {
            for (QuantumState s : states) s.close();
        }
    }

    /** Whether to time another round after {@code rounds}, given each precision's timed seconds so far. */
    static boolean more(int rounds, double[] timed, int n, boolean quick) {
        if (quick) return rounds < 1;
        double most = 0;
        for (double t : timed) most = Math.max(most, t);
        if (n >= LARGE_QUBITS) return rounds < LARGE_REPS && most < LARGE_BUDGET_SECONDS;
        return rounds < MAX_REPS && (rounds < MIN_REPS || most < MIN_SECONDS);
    }

    /**
     * Warm-up size: the same kernels as the timed size (their code does not depend on n), in
     * cache, and large enough to take the engine's staged path (chunks gathered into scratch).
     */
    private static final int WARM_UP_QUBITS = 14;

    /**
     * From 24 qubits a circuit is timed only a few times ({@link #LARGE_REPS}), so whatever the JIT
     * compiles on first use at a large size lands in the first timing: the 14-qubit warm-up does not reach the paths that only larger
     * states take (passes shared between threads, tiles inside a stage, gathers of global qubits),
     * and the float kernels' large methods took C2 about 10 s of CPU in the timed run at 24 qubits
     * (docs/engine.md, "Measured: float loops for every kernel"). A few runs at 20 qubits take those
     * paths with the same kernels for well under a second.
     */
    private static final int LARGE_WARM_UP_QUBITS = 20;

    private static void warmUpLarge(FastEngine engine, List<Operation.GateOp> ops) {
        try (QuantumState s = engine.allocate(LARGE_WARM_UP_QUBITS)) {
            runUntilSteady(() -> s.applyAll(ops), 5, STEADY_MAX_RUNS);
        }
    }

    /**
     * Most untimed runs before a timing. A fixed count is a guess: after other workloads the
     * JIT's queue is long and a run's time may still be falling when the timing starts (C2 spent
     * 13 s of CPU in a 40-second bench at 20 qubits on 2 cores), so warm-ups now run until two
     * runs agree (docs/engine.md, "Warm until steady").
     */
    static final int STEADY_MAX_RUNS = 30;

    /** Runs {@code run} at least {@code min} and at most {@code max} times, until {@link #steady} says its time has settled. */
    private static void runUntilSteady(Runnable run, int min, int max) {
        double[] walls = new double[max];
        for (int r = 0; r < max; r++) {
            long t0 = System.nanoTime();
            run.run();
            walls[r] = (System.nanoTime() - t0) / 1e9;
            if (steady(walls, r + 1, min)) return;
        }
    }

    /**
     * Whether the first {@code count} run times have settled: at least {@code min} runs, and the
     * last within 5% of the fastest before it, either way (a run still waiting for compiled code
     * is slower than one that already had it, and a run far faster than all before it may be the
     * first with it; a single run is never steady, as nothing compares it).
     */
    static boolean steady(double[] walls, int count, int min) {
        if (count < Math.max(2, min)) return false;
        double best = Double.MAX_VALUE;
        for (int i = 0; i < count - 1; i++) best = Math.min(best, walls[i]);
        return Math.abs(walls[count - 1] - best) <= best * 0.05;
    }

    /**
     * Runs the gates (fused and one by one) on a small state often enough for the JIT to compile
     * every kernel they use: counted in runs, not time, because on a busy machine a time budget
     * may pass before the compiler has had the CPU.
     */
    private static void warmUp(FastEngine engine, List<Operation.GateOp> ops) {
        int n = 1;
        for (Operation.GateOp op : ops) for (int q : op.qubits()) n = Math.max(n, q + 1);
        try (QuantumState s = engine.allocate(n)) {
            int runs = Math.max(20, 20_000 / ops.size());
            for (int r = 0; r < runs; r++) {
                s.applyAll(ops);
                for (Operation.GateOp op : ops) s.apply(op);
            }
        }
    }

    /**
     * The exact engine is single-threaded and slow: it runs whole only when that is short;
     * otherwise it runs a prefix of the gates and the time is scaled by gates, which the note
     * says. Single-gate workloads time one application per position.
     */
    private static ExactTiming timeExact(String w, int n, boolean quick) {
        ExactEngine engine = new ExactEngine();
        boolean single = Workloads.SINGLE_GATE.contains(w);
        List<Operation.GateOp> ops = single ? Workloads.singleGatePositions(w, n) : Workloads.circuit(w, n);
        double budget = quick ? 1.0 : 3.0;
        try (QuantumState s = engine.allocate(n)) {
            s.apply(ops.get(0)); // first touch and class loading, untimed
            int done = 0;
            long t0 = System.nanoTime();
            while (done < ops.size() && (System.nanoTime() - t0) / 1e9 < budget) s.apply(ops.get(done++));
            double sec = (System.nanoTime() - t0) / 1e9;
            if (single) return new ExactTiming(sec / done, done == ops.size() ? null : "one position of " + ops.size());
            if (done == ops.size()) return new ExactTiming(sec, null);
            return new ExactTiming(sec / done * ops.size(), "extrapolated from the first " + done + " of " + ops.size() + " gates");
        } catch (StateTooLargeException e) {
            return new ExactTiming(null, "not run: " + e.getMessage());
        }
    }

    /** Strange on the same circuit (translated, see {@link StrangeRunner}); checks it reached the same probabilities. */
    private static StrangeTiming timeStrange(String w, int n) {
        List<Operation.GateOp> ops = Workloads.circuit(w, n);
        Program p = StrangeRunner.toProgram(ops, n);
        long t0 = System.nanoTime();
        Complex[] amps = StrangeRunner.run(p);
        double sec = (System.nanoTime() - t0) / 1e9;
        double worst = 0;
        try (FastEngine engine = new FastEngine(1); QuantumState s = engine.allocate(n)) {
            s.applyAll(ops);
            double[] prob = s.probabilities();
            for (int i = 0; i < prob.length; i++) worst = Math.max(worst, Math.abs(prob[i] - amps[i].abssqr()));
        }
        return new StrangeTiming(sec, String.format("Strange run once (single precision); largest probability difference from the fast engine %.1e", worst));
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
