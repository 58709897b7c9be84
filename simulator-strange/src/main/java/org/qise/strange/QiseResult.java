package org.qise.strange;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.qise.sim.Rng;
import org.redfx.strange.Complex;
import org.redfx.strange.Qubit;
import org.redfx.strange.Result;

/**
 * A Strange {@link Result} filled from a QISE run. Everything Strange offers works as usual
 * ({@code getQubits()}, {@code getProbability()}, {@code getIntermediateProbability(step)},
 * {@code measureSystem()}); on top, {@link #amplitudes()} and {@link #probabilities()} give the
 * final state in double precision, where Strange's {@link Complex} holds floats.
 *
 * <p>Measuring the system draws from the environment's seeded random stream, so a seeded
 * {@link QiseExecutionEnvironment} gives the same measured values on every run.
 *
 * <p>Why the state is kept as doubles and turned into Strange's objects only when asked for:
 * Strange's own {@code setIntermediateProbability} recomputes every qubit's probability from
 * 2^n {@link Complex} objects each time it is called, and filling a Result that way cost more
 * than simulating the program (issue 20). So this class stores the states itself and answers
 * Strange's getters from them, converting each state at most once.
 */
public final class QiseResult extends Result {
    private final int numQubits;
    private final int numSteps;
    private final double[] amplitudes;
    private final Rng rng;
    /** The states Strange would have stored, by step: the initial one at 0, snapshots, the final one last. */
    private final TreeMap<Integer, double[]> states = new TreeMap<>();
    /** Each state as Strange's Complex[], made on first request (snapshots arrive already made). */
    private final Map<Integer, Complex[]> asComplex = new HashMap<>();
    private double[] probabilities;
    private Qubit[] qubits;
    private int measuredIndex = -1;

    /**
     * @param initial    state before the first step, interleaved (re, im)
     * @param snapshots  state after each step that holds a ProbabilitiesGate, by step index, as
     *                   handed to those gates (Strange's {@code getIntermediateProbability} returns the same arrays)
     * @param amplitudes final state, interleaved (re, im)
     */
    QiseResult(int numQubits, int numSteps, double[] initial, Map<Integer, Complex[]> snapshots, double[] amplitudes, Rng rng) {
        super(numQubits, numSteps);
        this.numQubits = numQubits;
        this.numSteps = numSteps;
        this.amplitudes = amplitudes;
        this.rng = rng;
        // As Strange does: the initial state first, then the snapshots, and last the final state,
        // which is what getProbability() and getQubits() report.
        states.put(0, initial);
        snapshots.forEach((step, v) -> {
            states.put(step, null); // known only as Complex[]: read back from asComplex
            asComplex.put(step, v);
        });
        int last = Math.max(0, numSteps - 1);
        states.put(last, amplitudes);
        asComplex.remove(last);
    }

    /** A state vector as Strange's float complex numbers. */
    static Complex[] toComplex(double[] interleaved) {
        Complex[] v = new Complex[interleaved.length / 2];
        for (int i = 0; i < v.length; i++) v[i] = new Complex(interleaved[2 * i], interleaved[2 * i + 1]);
        return v;
    }

    /** The final state vector in double precision, interleaved: amplitude i at [2i], [2i+1]. */
    public double[] amplitudes() { return amplitudes.clone(); }

    /** |amplitude|² of every basis state; bit q of the index is qubit q. */
    public double[] probabilities() { return finalProbabilities().clone(); }

    private synchronized double[] finalProbabilities() {
        if (probabilities == null) {
            double[] p = new double[amplitudes.length / 2];
            for (int i = 0; i < p.length; i++) p[i] = amplitudes[2 * i] * amplitudes[2 * i] + amplitudes[2 * i + 1] * amplitudes[2 * i + 1];
            probabilities = p;
        }
        return probabilities;
    }

    /** The final state as Strange's Complex[] (float precision), as Strange's Result gives it. */
    @Override
    public Complex[] getProbability() {
        return complexAt(states.lastKey());
    }

    /** The state recorded at {@code step}, or at the nearest step before it that has one, as Strange does. */
    @Override
    public Complex[] getIntermediateProbability(int step) {
        if (step < 0 || step >= Math.max(1, numSteps)) {
            throw new IndexOutOfBoundsException("step " + step + " is outside the program's " + numSteps + " steps");
        }
        return complexAt(states.floorKey(step));
    }

    /** Each recorded state's qubits with their probability of 1, by step (a new map each call). */
    @Override
    public Map<Integer, Qubit[]> getIntermediateQubits() {
        Map<Integer, Qubit[]> out = new HashMap<>();
        for (int step : states.keySet()) {
            Complex[] v = complexAt(step);
            double[] p = new double[v.length];
            for (int i = 0; i < p.length; i++) p[i] = v[i].abssqr();
            out.put(step, qubitsFrom(p));
        }
        return out;
    }

    private synchronized Complex[] complexAt(int step) {
        return asComplex.computeIfAbsent(step, s -> toComplex(states.get(s)));
    }

    /** Qubits with P(1) from the double-precision state, and their measured values once measured. */
    @Override
    public synchronized Qubit[] getQubits() {
        if (qubits == null) qubits = qubitsFrom(finalProbabilities());
        return qubits;
    }

    /**
     * A qubit per index with its probability of reading 1. One pass that visits only the set
     * bits of each basis state; each qubit's sum still adds the states in increasing order.
     */
    private Qubit[] qubitsFrom(double[] p) {
        double[] one = new double[numQubits];
        for (int i = 0; i < p.length; i++) {
            double pi = p[i];
            if (pi == 0) continue;
            for (int bits = i; bits != 0; bits &= bits - 1) one[Integer.numberOfTrailingZeros(bits)] += pi;
        }
        Qubit[] qs = new Qubit[numQubits];
        for (int q = 0; q < numQubits; q++) {
            qs[q] = new Qubit();
            qs[q].setProbability(one[q]);
        }
        return qs;
    }

    /** Picks one basis state with its Born probability and sets every qubit's measured value from it. */
    @Override
    public synchronized void measureSystem() {
        double[] p = finalProbabilities();
        double u = rng.nextDouble();
        double cumulative = 0;
        int chosen = -1;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == 0) continue;
            chosen = i; // the last non-zero state absorbs rounding that leaves the total below u
            cumulative += p[i];
            if (u < cumulative) break;
        }
        measuredIndex = chosen;
        Qubit[] qs = getQubits();
        for (int q = 0; q < numQubits; q++) qs[q].setMeasuredValue((chosen >> q & 1) == 1);
    }

    /** The basis state the last {@link #measureSystem()} picked, or −1 before any. */
    @Override
    public synchronized int getMeasuredProbability() { return measuredIndex; }

    /** Prints the qubit and step counts and each basis state's probability to standard output. */
    @Override
    public void printInfo() {
        double[] p = finalProbabilities();
        System.out.println("QISE result: " + numQubits + " qubits, " + numSteps + " steps");
        for (int i = 0; i < p.length; i++) System.out.println("  P(" + i + ") = " + p[i]);
    }
}
