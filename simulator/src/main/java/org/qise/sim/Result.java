package org.qise.sim;

import java.util.Collections;
import java.util.Map;
import org.qise.circuit.Circuit;
import org.qise.engine.QuantumState;

/**
 * What a run produced: counts always; the final state (state vector, probabilities,
 * expectation values, marginals) when the circuit's measurements all come at the end.
 *
 * <p>Bitstrings in {@link #counts()} are written c[n-1]…c[0], registers separated by a space
 * with the last declared register leftmost (as Qiskit). A circuit with no measurement is
 * sampled over all its qubits, q[n-1]…q[0]. Basis-state index i has qubit q in bit q of i.
 *
 * <p><b>Close results</b> when done with them ({@code try (Result r = sim.run(c)) {…}} or
 * {@link #close()}): a kept state can be large (16 bytes per amplitude, 16 MiB at 20 qubits,
 * 1 GiB at 26) and, with the fast engine, lives outside the Java heap, so the heap's size says
 * nothing about it. A result that is never closed is freed only after the garbage collector
 * finds it unreachable, which may be much later, or never in a program that allocates little
 * on the heap. Counts and the manifest stay readable after closing.
 */
public final class Result implements AutoCloseable {

    /** How the counts were produced. */
    public enum Mode {
        /** One simulation, then sampling of the final state. */
        SAMPLED,
        /** Each shot simulated on its own (mid-circuit measurement, reset or conditions). */
        SHOT_BY_SHOT
    }

    private final Circuit circuit;
    private final Map<String, Long> counts;
    private final long shots;
    private final long seed;
    private final Manifest manifest;
    private final boolean noMeasurements;
    private final Mode mode;
    private QuantumState state;

    Result(Circuit circuit, Map<String, Long> counts, long shots, long seed, Manifest manifest,
           QuantumState state, boolean noMeasurements, Mode mode) {
        this.circuit = circuit;
        this.counts = Collections.unmodifiableMap(counts);
        this.shots = shots;
        this.seed = seed;
        this.manifest = manifest;
        this.state = state;
        this.noMeasurements = noMeasurements;
        this.mode = mode;
    }

    public Circuit circuit() { return circuit; }

    /** Counts per bitstring, sorted by bitstring. */
    public Map<String, Long> counts() { return counts; }

    public long shots() { return shots; }

    public long seed() { return seed; }

    public Mode mode() { return mode; }

    public Manifest manifest() { return manifest; }

    public int numQubits() { return circuit.numQubits(); }

    /**
     * The result's canonical text: a version line, the shots, then one line per outcome
     * ("bitstring", a tab, the count) in bitstring order. Two runs agree bit for bit exactly
     * when these texts (and so {@link #sha256()}) are equal.
     */
    public String canonicalText() {
        return canonicalText(shots, counts);
    }

    /**
     * The canonical text of a result from its shots and counts alone: a version line, the shots,
     * then "bitstring, tab, count" lines in bitstring order. Results made here and results pushed
     * from elsewhere (the portal reads those with ResultDocument, in qise-json) hash this same text.
     */
    public static String canonicalText(long shots, Map<String, Long> counts) {
        StringBuilder sb = new StringBuilder("qise-result 1\nshots ").append(shots).append('\n');
        new java.util.TreeMap<>(counts).forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
        return sb.toString();
    }

    /** SHA-256 of {@link #canonicalText()}, in hex. */
    public String sha256() {
        return Manifest.sha256(canonicalText());
    }

    /** Whether the final state is available (see class comment). */
    public boolean hasState() { return state != null; }

    /** Whether {@link #statevector()} is meaningful: a kept state and no measurement at all. */
    public boolean hasStatevector() { return state != null && noMeasurements; }

    /**
     * The final state vector as interleaved (re, im) pairs: amplitude i at [2i], [2i+1].
     * Only for circuits without measurement, and at most 26 qubits.
     */
    public double[] statevector() {
        if (!noMeasurements) {
            throw new IllegalStateException("the circuit measures qubits, so it has no single final state vector; "
                    + "use probabilities() for the state before the final measurements");
        }
        QuantumState s = requireState();
        if (s.numQubits() > 26) throw new IllegalStateException("a " + s.numQubits() + "-qubit state vector is too large to return as an array");
        double[] v = new double[2 << s.numQubits()];
        forEachBlock(s, (from, re, im, count) -> {
            for (int k = 0; k < count; k++) {
                v[(int) (2 * (from + k))] = re[k];
                v[(int) (2 * (from + k) + 1)] = im[k];
            }
        });
        return v;
    }

    /** Amplitude i as {re, im}. */
    public double[] amplitude(long index) {
        if (!noMeasurements) throw new IllegalStateException("the circuit measures qubits, so it has no single final state vector");
        QuantumState s = requireState();
        return new double[]{s.re(index), s.im(index)};
    }

    /** |amplitude|² per basis state of the final state (before the final measurements). */
    public double[] probabilities() {
        return requireState().probabilities();
    }

    /**
     * Marginal distribution of the given qubits: entry j has qubit {@code qubits[k]} equal to
     * bit k of j (so the first listed qubit is the least significant).
     */
    public double[] marginal(int... qubits) {
        QuantumState s = requireState();
        for (int q : qubits) {
            if (q < 0 || q >= s.numQubits()) throw new IndexOutOfBoundsException("qubit " + q + " out of range (circuit has " + s.numQubits() + ")");
        }
        double[] out = new double[1 << qubits.length];
        forEachBlock(s, (from, re, im, count) -> {
            for (int k = 0; k < count; k++) {
                long i = from + k;
                int j = 0;
                for (int b = 0; b < qubits.length; b++) j |= (int) ((i >> qubits[b]) & 1) << b;
                out[j] += re[k] * re[k] + im[k] * im[k];
            }
        });
        return out;
    }

    /** Receives amplitudes [from, from + count) in re[0..count), im[0..count). */
    private interface AmplitudeBlock {
        void accept(long from, double[] re, double[] im, int count);
    }

    /** Reads the state in blocks with the engine's bulk copy, in index order. */
    private static void forEachBlock(QuantumState s, AmplitudeBlock body) {
        long size = 1L << s.numQubits();
        int block = (int) Math.min(size, 1 << 14);
        double[] re = new double[block], im = new double[block];
        for (long from = 0; from < size; from += block) {
            s.copyAmplitudes(from, block, re, im);
            body.accept(from, re, im, block);
        }
    }

    /** Expectation value of a Pauli sum such as {@code "0.5 X0 Y2 + Z1"} on the final state. */
    public double expectation(String pauliSum) {
        return expectation(PauliSum.parse(pauliSum));
    }

    /** Expectation value of a Pauli sum on the final state (before the final measurements). */
    public double expectation(PauliSum sum) {
        QuantumState s = requireState();
        if (sum.maxQubit() >= s.numQubits()) {
            throw new IllegalArgumentException("'" + sum + "' acts on qubit " + sum.maxQubit() + " but the circuit has " + s.numQubits() + " qubit(s)");
        }
        double total = 0;
        for (PauliSum.Term t : sum.terms()) total += t.coefficient() * s.expectationPauli(t.xMask(), t.zMask());
        return total;
    }

    private QuantumState requireState() {
        if (state == null) {
            throw new IllegalStateException(mode == Mode.SHOT_BY_SHOT
                    ? "this circuit measures, resets or branches mid-circuit, so each shot ends in a different state; only counts are available"
                    : "the final state was not kept (keepState(false)) or the result was closed");
        }
        return state;
    }

    /** Frees the kept state now; calling it again does nothing. */
    @Override
    public void close() {
        if (state != null) {
            state.close();
            state = null;
        }
    }
}
