package org.qise.strange;

import java.util.Map;
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
 */
public final class QiseResult extends Result {
    private final int numQubits;
    private final double[] amplitudes;
    private final Rng rng;
    private Qubit[] qubits;
    private int measuredIndex = -1;

    /**
     * @param snapshots  state after each step that holds a ProbabilitiesGate, by step index
     * @param amplitudes final state, interleaved (re, im)
     */
    QiseResult(int numQubits, int numSteps, Complex[] initial, Map<Integer, Complex[]> snapshots, double[] amplitudes, Rng rng) {
        super(numQubits, numSteps);
        this.numQubits = numQubits;
        this.amplitudes = amplitudes;
        this.rng = rng;
        // As Strange does: the initial state first, then the snapshots, and last the final state,
        // which is what getProbability() and getQubits() report.
        setIntermediateProbability(0, initial);
        snapshots.forEach(this::setIntermediateProbability);
        setIntermediateProbability(Math.max(0, numSteps - 1), toComplex(amplitudes));
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
    public double[] probabilities() {
        double[] p = new double[amplitudes.length / 2];
        for (int i = 0; i < p.length; i++) p[i] = amplitudes[2 * i] * amplitudes[2 * i] + amplitudes[2 * i + 1] * amplitudes[2 * i + 1];
        return p;
    }

    /** Qubits with P(1) from the double-precision state, and their measured values once measured. */
    @Override
    public synchronized Qubit[] getQubits() {
        if (qubits == null) {
            double[] p = probabilities();
            qubits = new Qubit[numQubits];
            for (int q = 0; q < numQubits; q++) {
                double one = 0;
                for (int i = 0; i < p.length; i++) if ((i >> q & 1) == 1) one += p[i];
                qubits[q] = new Qubit();
                qubits[q].setProbability(one);
            }
        }
        return qubits;
    }

    /** Picks one basis state with its Born probability and sets every qubit's measured value from it. */
    @Override
    public synchronized void measureSystem() {
        double[] p = probabilities();
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
}
