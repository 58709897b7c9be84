package org.qise.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qise.circuit.Circuit;
import org.qise.draw.Histogram;
import org.qise.sim.Bitstrings;
import org.qise.sim.Manifest;
import org.qise.sim.Result;
import org.qise.sim.ResultDocument;

/**
 * What {@code qise run} prints: a report for people, or one JSON object for programs.
 *
 * <p>JSON fields: {@code file}, {@code qubits}, {@code clbits}, {@code gates}, {@code shots},
 * {@code seed}, {@code engine}, {@code threads}, {@code mode} ({@code sampled} or
 * {@code shot-by-shot}), {@code counts} (bitstring → n,
 * sorted by bitstring), then on request {@code statevector} ([[re, im], …], index = basis state,
 * qubit 0 least significant), {@code probabilities} (same indexing), {@code expectation} (a
 * number for one --expect, else text → value), {@code marginals} ({@code qubits} and
 * {@code probabilities} by bitstring, the last listed qubit leftmost; a list of these for several --marginal), {@code manifest}, and
 * {@code circuit_qasm} (the circuit's canonical OpenQASM, whose SHA-256 the manifest records).
 * No timing goes into the JSON, so the same inputs print the same bytes.
 */
final class RunReport {
    private final String file;
    private final Circuit circuit;
    private final Result result;
    private final double seconds;
    private double[] statevector;
    private double[] probabilities;
    private final Map<String, Double> expectations = new LinkedHashMap<>();
    private final List<int[]> marginalQubits = new ArrayList<>();
    private final List<double[]> marginals = new ArrayList<>();

    RunReport(String file, Circuit circuit, Result result, double seconds) {
        this.file = file;
        this.circuit = circuit;
        this.result = result;
        this.seconds = seconds;
    }

    void statevector(double[] interleaved) { this.statevector = interleaved; }

    void probabilities(double[] p) { this.probabilities = p; }

    void expectation(String text, double value) { expectations.put(text, value); }

    /** Adds one marginal distribution; each --marginal gives one. */
    void marginal(int[] qubits, double[] distribution) {
        marginalQubits.add(qubits);
        marginals.add(distribution);
    }

    String json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("qubits", circuit.numQubits());
        m.put("clbits", circuit.numClbits());
        m.put("gates", circuit.gateCount());
        m.put("shots", result.shots());
        m.put("seed", result.seed());
        m.put("engine", result.manifest().engine());
        m.put("threads", result.manifest().threads());
        m.put("mode", result.mode() == Result.Mode.SAMPLED ? "sampled" : "shot-by-shot");
        m.put("counts", result.counts());
        if (statevector != null) m.put("statevector", ResultDocument.amplitudePairs(statevector));
        if (probabilities != null) m.put("probabilities", probabilities);
        if (expectations.size() == 1) m.put("expectation", expectations.values().iterator().next());
        else if (!expectations.isEmpty()) m.put("expectation", expectations);
        // like expectation: one object for one --marginal, a list of them for several
        List<Map<String, Object>> listed = new ArrayList<>();
        for (int k = 0; k < marginals.size(); k++) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("qubits", marginalQubits.get(k));
            mm.put("probabilities", marginalByBitstring(k));
            listed.add(mm);
        }
        if (listed.size() == 1) m.put("marginals", listed.getFirst());
        else if (!listed.isEmpty()) m.put("marginals", listed);
        m.put("manifest", result.manifest().toMap());
        // The circuit travels with its result, so that 'qise push' can hand both to a portal.
        m.put("circuit_qasm", Manifest.canonicalText(circuit));
        return ResultDocument.write(m);
    }

    /** Marginal probabilities keyed by bitstring: the last listed qubit leftmost, the first rightmost. */
    private Map<String, Double> marginalByBitstring(int k) {
        double[] marginal = marginals.get(k);
        return ResultDocument.byBitstring(marginalQubits.get(k).length, j -> marginal[j]);
    }

    String human(int width) {
        StringBuilder sb = new StringBuilder();
        var manifest = result.manifest();
        sb.append(String.format(Locale.ROOT, "circuit  %s: %d qubit%s, %d classical bit%s, %d gate%s%n", file,
                circuit.numQubits(), plural(circuit.numQubits()), circuit.numClbits(), plural(circuit.numClbits()),
                circuit.gateCount(), plural(circuit.gateCount())));
        // Only single precision is named: double is the default, and the report stays as it was for it.
        boolean single = "single".equals(manifest.options().get("precision"));
        sb.append(String.format(Locale.ROOT, "run      %d shots, seed %d, engine %s (%d thread%s%s), %s, %s%n",
                result.shots(), result.seed(), manifest.engine(), manifest.threads(), plural(manifest.threads()),
                single ? ", single precision" : "",
                result.mode() == Result.Mode.SAMPLED ? "state simulated once and sampled" : "simulated shot by shot",
                duration(seconds)));
        sb.append('\n');
        sb.append(circuit.hasMeasurements() ? "counts (bitstring c[n-1]…c[0]" + (circuit.cregs().size() > 1
                ? ", registers separated by spaces, last declared leftmost)" : ")")
                : "counts (no measurements: all qubits sampled, bitstring q[n-1]…q[0])").append('\n');
        sb.append(Histogram.text(result.counts(), width));

        if (statevector != null) {
            sb.append("\nstate vector (basis states q[n-1]…q[0]; amplitudes of magnitude below 1e-12 not listed)\n");
            int listed = 0, n = circuit.numQubits();
            for (int i = 0; i < statevector.length / 2; i++) {
                double re = statevector[2 * i], im = statevector[2 * i + 1];
                if (Math.hypot(re, im) < 1e-12) continue;
                if (listed++ < MAX_HUMAN_LINES) {
                    sb.append(String.format(Locale.ROOT, "  |%s⟩  %+.6f %+.6fi   p = %.6f%n", Bitstrings.ofIndex(i, n), re, im, re * re + im * im));
                }
            }
            moreNotListed(sb, listed);
        }
        if (probabilities != null) {
            sb.append("\nprobabilities (basis states q[n-1]…q[0]; zeros not listed)\n");
            int listed = 0;
            for (int i = 0; i < probabilities.length; i++) {
                if (probabilities[i] < 1e-15) continue;
                if (listed++ < MAX_HUMAN_LINES) {
                    sb.append(String.format(Locale.ROOT, "  %s  %.6f%n", Bitstrings.ofIndex(i, circuit.numQubits()), probabilities[i]));
                }
            }
            moreNotListed(sb, listed);
        }
        if (!expectations.isEmpty()) {
            sb.append(circuit.hasMeasurements() ? "\nexpectation values (state before the final measurements)\n" : "\nexpectation values\n");
            expectations.forEach((text, v) -> sb.append(String.format(Locale.ROOT, "  ⟨%s⟩ = %.6f%n", text, v)));
        }
        for (int m = 0; m < marginals.size(); m++) {
            int[] qubits = marginalQubits.get(m);
            StringBuilder order = new StringBuilder();
            for (int k = qubits.length - 1; k >= 0; k--) order.append(order.isEmpty() ? "" : " ").append("q").append(qubits[k]);
            sb.append("\nmarginal distribution (bitstring ").append(order).append(")\n");
            marginalByBitstring(m).forEach((b, p) -> sb.append(String.format(Locale.ROOT, "  %s  %.6f%n", b, p)));
        }
        return sb.toString().replace(System.lineSeparator(), "\n");
    }

    /** The human report lists at most this many amplitudes or probabilities; --json has them all. */
    static final int MAX_HUMAN_LINES = 256;

    private static void moreNotListed(StringBuilder sb, int listed) {
        if (listed > MAX_HUMAN_LINES) {
            sb.append("  … ").append(listed - MAX_HUMAN_LINES).append(" more not listed (--json gives them all)\n");
        }
    }

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }

    private static String duration(double seconds) {
        if (seconds < 1) return String.format(Locale.ROOT, "%.1f ms", seconds * 1000);
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }
}
