package org.qise.bench;

import java.util.List;
import java.util.function.Consumer;
import org.qise.engine.Precision;

/**
 * What {@link Bench#run} measures.
 *
 * @param qubits        state sizes to time
 * @param threads       thread counts to time (each size with each count)
 * @param workloads     workload names from {@link Workloads#ALL}
 * @param quick         fewer repetitions and comparisons, for a run under a minute
 * @param compareExact  also time the exact engine (extrapolated where a full run would be long)
 * @param compareStrange also time Strange on the same circuits for sizes up to {@link Bench#STRANGE_MAX_QUBITS}
 * @param progress      receives a line of text as each measurement starts (never null)
 * @param precisions    amplitude precisions to time the fast engine in, each workload in each
 *                      precision one after the other, so that their ratio comes from one run
 */
public record BenchOptions(List<Integer> qubits, List<Integer> threads, List<String> workloads, boolean quick,
                           boolean compareExact, boolean compareStrange, Consumer<String> progress, List<Precision> precisions) {

    /** Double precision only. */
    public BenchOptions(List<Integer> qubits, List<Integer> threads, List<String> workloads, boolean quick,
                        boolean compareExact, boolean compareStrange, Consumer<String> progress) {
        this(qubits, threads, workloads, quick, compareExact, compareStrange, progress, List.of(Precision.DOUBLE));
    }

    public BenchOptions {
        precisions = List.copyOf(new java.util.LinkedHashSet<>(precisions));
        if (precisions.isEmpty()) throw new IllegalArgumentException("at least one precision is needed");
        qubits = List.copyOf(qubits);
        threads = List.copyOf(threads);
        workloads = List.copyOf(workloads);
        if (progress == null) progress = line -> {};
        for (int n : qubits) {
            if (n < 2 || n > 40) throw new IllegalArgumentException("benchmark sizes must be 2..40 qubits, got " + n);
        }
        for (int t : threads) {
            if (t < 1) throw new IllegalArgumentException("thread counts must be at least 1, got " + t);
        }
        for (String w : workloads) {
            if (!Workloads.ALL.contains(w)) {
                throw new IllegalArgumentException("unknown workload '" + w + "' (known: " + String.join(", ", Workloads.ALL) + ")");
            }
        }
    }

    /** The full suite: n = 20, 24, 26; 1 thread and all cores; every workload; both comparisons. */
    public static BenchOptions defaults() {
        return new BenchOptions(List.of(20, 24, 26), List.of(1, cores()), Workloads.ALL, false, true, true, null);
    }

    /** A run under a minute: n = 16, 20 (strange-layers at 12), fewer repetitions. */
    public static BenchOptions quickRun() {
        return new BenchOptions(List.of(16, 20), List.of(1, cores()), Workloads.ALL, true, true, true, null);
    }

    public BenchOptions withQubits(List<Integer> q) { return new BenchOptions(q, threads, workloads, quick, compareExact, compareStrange, progress, precisions); }

    public BenchOptions withThreads(List<Integer> t) { return new BenchOptions(qubits, t, workloads, quick, compareExact, compareStrange, progress, precisions); }

    public BenchOptions withWorkloads(List<String> w) { return new BenchOptions(qubits, threads, w, quick, compareExact, compareStrange, progress, precisions); }

    public BenchOptions withProgress(Consumer<String> p) { return new BenchOptions(qubits, threads, workloads, quick, compareExact, compareStrange, p, precisions); }

    public BenchOptions withPrecisions(List<Precision> p) { return new BenchOptions(qubits, threads, workloads, quick, compareExact, compareStrange, progress, p); }

    public BenchOptions withComparisons(boolean exact, boolean strange) { return new BenchOptions(qubits, threads, workloads, quick, exact, strange, progress, precisions); }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
