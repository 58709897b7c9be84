package org.qise.noise.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qise.circuit.Circuit;
import org.qise.circuit.Operation;
import org.qise.noise.NoiseModel;
import org.qise.noise.ReadoutError;
import org.qise.sim.Rng;

/**
 * Applies a model's readout errors to measured bits. {@link #applyAtMeasurement} handles
 * one-qubit rules at the moment a qubit is measured (so a later {@code if} sees the misread
 * bit, as on hardware). A multi-qubit rule acts when its qubits are measured together: right
 * after a group of consecutive unconditioned measurements (barriers may sit between them) that
 * measures each of its qubits, on the bits those measurements wrote ({@link #firingsAfter}).
 * Where its qubits are measured apart, it acts once when the shot ends, on the bits that the
 * last measurement of each of its qubits wrote, unless those last measurements were a group it
 * already acted on. A rule with a qubit that is never measured is skipped.
 */
final class Readout {
    private final List<NoiseModel.ReadoutRule> rules;
    private final ReadoutError[] singleByQubit;
    private final int[][] clbitsOfRule; // per rule: clbit of each qubit's last measurement, or null
    private final boolean[] correlated; // per qubit: covered by a multi-qubit rule
    /** Per operation index of the body given to {@link #groups}: the rules to apply right after it, with their clbits. */
    private Map<Integer, List<Firing>> firings = Map.of();
    /** Per rule: whether it already acted on the last measurements of its qubits (then not again at the end). */
    private boolean[] firedOnLast;

    /** A multi-qubit rule acting on the bits {@code clbits} (bit j = the rule's j-th qubit). */
    record Firing(int rule, int[] clbits) {}

    Readout(List<NoiseModel.ReadoutRule> rules, Circuit circuit, List<Operation.Measure> measures) {
        this.rules = rules;
        int n = circuit.numQubits();
        int[] lastClbit = new int[n];
        java.util.Arrays.fill(lastClbit, -1);
        for (Operation.Measure m : measures) lastClbit[m.qubit()] = m.clbit();
        singleByQubit = new ReadoutError[n];
        correlated = new boolean[n];
        firedOnLast = new boolean[rules.size()];
        clbitsOfRule = new int[rules.size()][];
        for (int r = 0; r < rules.size(); r++) {
            int[] qs = rules.get(r).qubits();
            if (qs.length == 1) singleByQubit[qs[0]] = rules.get(r).error();
            else for (int q : qs) correlated[q] = true;
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

    /** Whether {@code qubit} has a multi-qubit (correlated) readout error. */
    boolean correlated(int qubit) { return qubit < correlated.length && correlated[qubit]; }

    /**
     * Finds, in the operations a shot runs in order, the groups of measurements taken together
     * and the multi-qubit rules each group completes; {@link #firingsAfter} then gives them by
     * operation index and {@link #applyAtEnd} leaves out the rules already applied to the last
     * measurements of their qubits.
     */
    void groups(List<Operation> body) {
        Map<Integer, List<Firing>> out = new HashMap<>();
        int[] lastIndex = new int[correlated.length];
        Arrays.fill(lastIndex, -1);
        for (int i = 0; i < body.size(); i++) if (body.get(i) instanceof Operation.Measure m) lastIndex[m.qubit()] = i;
        boolean[] fired = new boolean[rules.size()];
        int i = 0;
        while (i < body.size()) {
            if (!(body.get(i) instanceof Operation.Measure first) || first.condition() != null) {
                i++;
                continue;
            }
            // the group: measurements without condition, with only barriers between them
            Map<Integer, Integer> clbitOf = new HashMap<>(), indexOf = new HashMap<>();
            int end = i;
            for (int j = i; j < body.size(); j++) {
                Operation op = body.get(j);
                if (op instanceof Operation.Measure m && m.condition() == null) {
                    clbitOf.put(m.qubit(), m.clbit());
                    indexOf.put(m.qubit(), j);
                    end = j;
                } else if (!(op instanceof Operation.Barrier)) {
                    break;
                }
            }
            for (int r = 0; r < rules.size(); r++) {
                int[] qs = rules.get(r).qubits();
                if (qs.length < 2) continue;
                int[] cl = new int[qs.length];
                boolean all = true, last = true;
                for (int j = 0; j < qs.length && all; j++) {
                    Integer c = clbitOf.get(qs[j]);
                    all = c != null;
                    if (all) {
                        cl[j] = c;
                        last &= indexOf.get(qs[j]) == lastIndex[qs[j]];
                    }
                }
                if (!all) continue;
                out.computeIfAbsent(end, k -> new ArrayList<>()).add(new Firing(r, cl));
                fired[r] |= last;
            }
            i = end + 1;
        }
        firings = out;
        firedOnLast = fired;
    }

    /** The multi-qubit rules to apply right after operation {@code index} of the body given to {@link #groups}. */
    List<Firing> firingsAfter(int index) { return firings.getOrDefault(index, List.of()); }

    /** Applies a rule's confusion matrix to the bits of a group of measurements. */
    void apply(Firing f, boolean[] bits, Rng rng) {
        int truth = 0;
        for (int j = 0; j < f.clbits().length; j++) if (bits[f.clbits()[j]]) truth |= 1 << j;
        int reported = rules.get(f.rule()).error().sample(truth, rng.nextDouble());
        for (int j = 0; j < f.clbits().length; j++) bits[f.clbits()[j]] = (reported >> j & 1) == 1;
    }

    /** The reported outcome of measuring {@code qubit} with true outcome {@code truth}. */
    int applyAtMeasurement(int qubit, int truth, Rng rng) {
        ReadoutError e = singleByQubit[qubit];
        return e == null ? truth : e.sample(truth, rng.nextDouble());
    }

    /** Applies every rule (or, with {@code multiOnly}, the multi-qubit ones) to the final bits. */
    void applyAtEnd(boolean[] bits, Rng rng, boolean multiOnly) {
        for (int r = 0; r < rules.size(); r++) {
            int[] cl = clbitsOfRule[r];
            if (cl == null || (multiOnly && cl.length == 1) || firedOnLast[r]) continue;
            apply(new Firing(r, cl), bits, rng);
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
