package org.qise.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.qise.engine.Precision;

/**
 * What a benchmark run measured: the memory bandwidth (read + write, GB/s = 10^9 bytes/s) per
 * thread count, every result row, and notes on how numbers were obtained.
 */
public record BenchReport(Map<Integer, Double> bandwidthGbsByThreads, List<BenchResult> results, List<String> notes,
                          String machine) {

    public BenchReport {
        bandwidthGbsByThreads = new TreeMap<>(bandwidthGbsByThreads);
        results = List.copyOf(results);
        notes = List.copyOf(notes);
    }

    /** Bandwidth at the largest thread count measured (the headline figure). */
    public double memoryBandwidthGbs() {
        return bandwidthGbsByThreads.isEmpty() ? 0 : ((TreeMap<Integer, Double>) bandwidthGbsByThreads).lastEntry().getValue();
    }

    public String toJson() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("memory_bandwidth_gbs", round(memoryBandwidthGbs()));
        ObjectNode byThreads = root.putObject("memory_bandwidth_gbs_by_threads");
        bandwidthGbsByThreads.forEach((t, gbs) -> byThreads.put(Integer.toString(t), round(gbs)));
        root.put("machine", machine);
        ArrayNode rows = root.putArray("results");
        for (BenchResult r : results) {
            ObjectNode o = rows.addObject();
            o.put("workload", r.workload());
            o.put("qubits", r.qubits());
            o.put("threads", r.threads());
            o.put("precision", r.precision().label());
            Double vsDouble = speedupOverDouble(r);
            if (vsDouble != null) o.put("speedup_over_double", round(vsDouble));
            o.put("gates", r.gates());
            o.put("seconds", r.seconds());
            o.put("cpu_seconds", r.cpuSeconds());
            o.put("effective_gbs", round(r.effectiveGbs()));
            o.put("bandwidth_fraction", round(r.bandwidthFraction()));
            if (r.stateSweepFraction() != null) o.put("state_sweep_fraction", round(r.stateSweepFraction()));
            if (r.exactEngineSeconds() != null) {
                o.put("exact_engine_seconds", r.exactEngineSeconds());
                o.put("exact_engine_speedup", round(r.exactSpeedup()));
            }
            if (r.exactEngineNote() != null) o.put("exact_engine_note", r.exactEngineNote());
            if (r.strangeSeconds() != null) {
                o.put("strange_seconds", r.strangeSeconds());
                o.put("strange_speedup", round(r.strangeSpeedup()));
            }
            if (r.note() != null) o.put("note", r.note());
        }
        ArrayNode n = root.putArray("notes");
        notes.forEach(n::add);
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the benchmark report as JSON", e);
        }
    }

    /** A fixed-width table, one row per result, followed by the notes. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("memory bandwidth (read+write): %s%n", bandwidthSummary()));
        if (results.stream().anyMatch(r -> r.precision() != Precision.DOUBLE)) return sb.append(precisionTable()).toString();
        sb.append(String.format("%-15s %3s %3s %6s %12s %9s %8s %7s %8s %11s %9s %11s %9s%n",
                "workload", "n", "thr", "gates", "seconds", "cpu s", "eff GB/s", "of bw", "of sweep", "exact s", "x exact", "strange s", "x strange"));
        for (BenchResult r : results) {
            sb.append(String.format("%-15s %3d %3d %6d %12s %9.3f %8.1f %7.2f %8s %11s %9s %11s %9s%n",
                    r.workload(), r.qubits(), r.threads(), r.gates(), seconds(r.seconds()), r.cpuSeconds(), r.effectiveGbs(),
                    r.bandwidthFraction(), ofSweep(r), r.exactEngineSeconds() == null ? "-" : seconds(r.exactEngineSeconds()),
                    r.exactSpeedup() == null ? "-" : String.format("%.0f", r.exactSpeedup()),
                    r.strangeSeconds() == null ? "-" : seconds(r.strangeSeconds()),
                    r.strangeSpeedup() == null ? "-" : String.format("%.0f", r.strangeSpeedup())));
        }
        for (String note : notes) sb.append("note: ").append(note).append(System.lineSeparator());
        return sb.toString();
    }

    /**
     * How many times faster a single-precision row ran than the double-precision row of the
     * same workload, size and threads in the same run; null for double rows or without one.
     */
    public Double speedupOverDouble(BenchResult single) {
        if (single.precision() != Precision.SINGLE) return null;
        for (BenchResult d : results) {
            if (d.precision() == Precision.DOUBLE && d.workload().equals(single.workload()) && d.qubits() == single.qubits()
                    && d.threads() == single.threads()) {
                return d.seconds() / single.seconds();
            }
        }
        return null;
    }

    /** The table when single precision was timed: a precision column and the ratio to double beside each single row. */
    private String precisionTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-15s %3s %3s %-6s %6s %12s %9s %8s %7s %8s %9s%n",
                "workload", "n", "thr", "prec", "gates", "seconds", "cpu s", "eff GB/s", "of bw", "of sweep", "x double"));
        for (BenchResult r : results) {
            Double x = speedupOverDouble(r);
            sb.append(String.format("%-15s %3d %3d %-6s %6d %12s %9.3f %8.1f %7.2f %8s %9s%n",
                    r.workload(), r.qubits(), r.threads(), r.precision().label(), r.gates(), seconds(r.seconds()), r.cpuSeconds(),
                    r.effectiveGbs(), r.bandwidthFraction(), ofSweep(r), x == null ? "-" : String.format("%.2f", x)));
        }
        for (String note : notes) sb.append("note: ").append(note).append(System.lineSeparator());
        return sb.toString();
    }

    private static String ofSweep(BenchResult r) {
        return r.stateSweepFraction() == null ? "-" : String.format("%.2f", r.stateSweepFraction());
    }

    private String bandwidthSummary() {
        return describeBandwidth(bandwidthGbsByThreads);
    }

    /** "46.0 GB/s on 1 thread, 77.7 GB/s on 2 threads". */
    static String describeBandwidth(Map<Integer, Double> gbsByThreads) {
        StringBuilder sb = new StringBuilder();
        gbsByThreads.forEach((t, gbs) -> sb.append(sb.isEmpty() ? "" : ", ").append(String.format("%.1f GB/s on %d thread%s", gbs, t, t == 1 ? "" : "s")));
        return sb.toString();
    }

    private static String seconds(double s) {
        return s >= 1 ? String.format("%.3f", s) : s >= 1e-3 ? String.format("%.3f ms", s * 1e3) : String.format("%.1f us", s * 1e6);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
