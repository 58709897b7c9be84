package org.qise.noise.run;

import java.util.List;
import org.qise.circuit.Circuit;
import org.qise.circuit.Operation;
import org.qise.noise.NoiseModel;
import org.qise.noise.ReadoutError;
import org.qise.sim.Rng;

/**
 * Applies a model's readout errors to measured bits. A rule acts on the classical bits that
 * the last measurement of each of its qubits wrote; a rule with a qubit that is never measured
 * is skipped. {@link #applyAtMeasurement} handles one-qubit rules at the moment a qubit is
 * measured (so a later {@code if} sees the misread bit, as on hardware); multi-qubit rules
 * act once the shot ends.
 */
final class Readout {
    private final List<NoiseModel.ReadoutRule> rules;
    private final ReadoutError[] singleByQubit;
    private final int[][] clbitsOfRule; // per rule: clbit of each qubit's last measurement, or null

    Readout(List<NoiseModel.ReadoutRule> rules, Circuit circuit, List<Operation.Measure> measures) {
        this.rules = rules;
        int n = circuit.numQubits();
        int[] lastClbit = new int[n];
        java.util.Arrays.fill(lastClbit, -1);
        for (Operation.Measure m : measures) lastClbit[m.qubit()] = m.clbit();
        singleByQubit = new ReadoutError[n];
        clbitsOfRule = new int[rules.size()][];
        for (int r = 0; r < rules.size(); r++) {
            int[] qs = rules.get(r).qubits();
            if (qs.length == 1) singleByQubit[qs[0]] = rules.get(r).error();
            int[] cl = new int[qs.length];
            boolean all = true;
            for (int j = 0; j < qs.length; j++) {
                cl[j] = lastClbit[qs[j]];
                all &= cl[j] >= 0;
            }
            clbitsOfRule[r] = all ? cl : null;
        }
    }

    boolean isEmpty() { return rules.isEmpty(); }

    /** The reported outcome of measuring {@code qubit} with true outcome {@code truth}. */
    int applyAtMeasurement(int qubit, int truth, Rng rng) {
        ReadoutError e = singleByQubit[qubit];
        return e == null ? truth : e.sample(truth, rng.nextDouble());
    }

    /** Applies every rule (or, with {@code multiOnly}, the multi-qubit ones) to the final bits. */
    void applyAtEnd(boolean[] bits, Rng rng, boolean multiOnly) {
        for (int r = 0; r < rules.size(); r++) {
            int[] cl = clbitsOfRule[r];
            if (cl == null || (multiOnly && cl.length == 1)) continue;
            int truth = 0;
            for (int j = 0; j < cl.length; j++) if (bits[cl[j]]) truth |= 1 << j;
            int reported = rules.get(r).error().sample(truth, rng.nextDouble());
            for (int j = 0; j < cl.length; j++) bits[cl[j]] = (reported >> j & 1) == 1;
        }
    }

    /**
     * The distribution of reported bits given the true distribution {@code p} over the
     * classical bits (index bit c = classical bit c): each rule's confusion matrix applied in turn.
     */
    double[] applyToDistribution(double[] p) {
        double[] cur = p.clone();
        for (int r = 0; r < rules.size(); r++) {
            int[] cl = clbitsOfRule[r];
            if (cl == null) continue;
            ReadoutError e = rules.get(r).error();
            double[] next = new double[cur.length];
            int d = 1 << cl.length;
            long mask = 0;
            for (int c : cl) mask |= 1L << c;
            for (int i = 0; i < cur.length; i++) {
                if (cur[i] == 0) continue;
                int truth = 0;
                for (int j = 0; j < cl.length; j++) if ((i >> cl[j] & 1) == 1) truth |= 1 << j;
                for (int m = 0; m < d; m++) {
                    double q = e.probability(m, truth);
                    if (q == 0) continue;
                    int out = (int) (i & ~mask);
                    for (int j = 0; j < cl.length; j++) if ((m >> j & 1) == 1) out |= 1 << cl[j];
                    next[out] += cur[i] * q;
                }
            }
            cur = next;
        }
        return cur;
    }
}
