package org.qise.bench;

import org.qise.engine.Precision;

/**
 * One measurement.
 *
 * @param workload           workload name
 * @param qubits             state size
 * @param threads            fast-engine threads
 * @param gates              gates per timed run (1 for the single-gate workloads, which report seconds per gate)
 * @param seconds            wall-clock seconds per run (best of the repetitions)
 * @param cpuSeconds         process CPU seconds over the same run: near threads × seconds on an idle machine,
 *                           much less when other programs take the cores
 * @param effectiveGbs       gates × 2 × (16 or 8) × 2^n bytes / seconds, as if each gate were one read+write pass
 *                           of the state in its precision
 * @param bandwidthFraction  effectiveGbs over the measured memory bandwidth at this thread count
 * @param exactEngineSeconds the exact engine's seconds for the same run, or null when not measured
 * @param exactEngineNote    how the exact time was obtained (e.g. extrapolated from a prefix), or null
 * @param strangeSeconds     Strange's seconds for the same circuit, or null when not measured
 * @param note               anything else worth knowing about this row, or null
 * @param precision          the fast engine's amplitude precision in this row
 * @param stateSweepFraction effectiveGbs over the best sweep of the state's own memory timed between the
 *                           passes (single-gate rows from 17 to 23 qubits), or null
 */
public record BenchResult(String workload, int qubits, int threads, int gates, double seconds, double cpuSeconds,
                          double effectiveGbs, double bandwidthFraction, Double exactEngineSeconds, String exactEngineNote,
                          Double strangeSeconds, String note, Precision precision, Double stateSweepFraction) {

    /** A double-precision row without a sweep of the state's own memory. */
    public BenchResult(String workload, int qubits, int threads, int gates, double seconds, double cpuSeconds,
                       double effectiveGbs, double bandwidthFraction, Double exactEngineSeconds, String exactEngineNote,
                       Double strangeSeconds, String note) {
        this(workload, qubits, threads, gates, seconds, cpuSeconds, effectiveGbs, bandwidthFraction, exactEngineSeconds,
                exactEngineNote, strangeSeconds, note, Precision.DOUBLE, null);
    }

    /** How many times faster than the exact engine, or null. */
    public Double exactSpeedup() {
        return exactEngineSeconds == null ? null : exactEngineSeconds / seconds;
    }

    /** How many times faster than Strange, or null. */
    public Double strangeSpeedup() {
        return strangeSeconds == null ? null : strangeSeconds / seconds;
    }
}
