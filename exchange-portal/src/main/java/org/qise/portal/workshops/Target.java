package org.qise.portal.workshops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.qise.circuit.Circuit;
import org.qise.circuit.Operation;
import org.qise.portal.PortalException;
import org.qise.workshop.CircuitCheckers;

/**
 * An exercise's target, checked when the instructor sets it: a normalised state vector
 * (interleaved re, im), a unitary (row-major, interleaved re, im) checked to be unitary, or a
 * probability distribution over bitstrings that sums to 1, or the name of an exercise checker
 * shared with the notebook course.
 */
public record Target(TargetKind kind, int numQubits, double[] vector, double[] matrix, Map<String, Double> distribution, String checker) {
    private static final double TOLERANCE = 1e-6;

    /** A state vector from [re, im] pairs; it is normalised (any non-zero vector will do). */
    public static Target state(List<double[]> amplitudes) {
        int n = qubitsOf(amplitudes.size(), "the state vector", TargetKind.STATE);
        double[] v = new double[2 * amplitudes.size()];
        double norm = 0;
        for (int i = 0; i < amplitudes.size(); i++) {
            double[] a = amplitudes.get(i);
            if (a.length != 2) throw PortalException.badRequest("amplitude " + i + " must be [re, im]");
            v[2 * i] = a[0];
            v[2 * i + 1] = a[1];
            norm += a[0] * a[0] + a[1] * a[1];
        }
        if (!(norm > 1e-12) || !Double.isFinite(norm)) throw PortalException.badRequest("the target state vector is zero");
        double scale = 1 / Math.sqrt(norm);
        for (int i = 0; i < v.length; i++) v[i] *= scale;
        return new Target(TargetKind.STATE, n, v, null, null, null);
    }

    /** A unitary from rows of [re, im] pairs; 400 unless square, of size 2^n, and unitary within 1e-6. */
    public static Target unitary(List<List<double[]>> rows) {
        int d = rows.size();
        int n = qubitsOf(d, "the unitary", TargetKind.UNITARY);
        double[] m = new double[2 * d * d];
        for (int r = 0; r < d; r++) {
            if (rows.get(r).size() != d) throw PortalException.badRequest("the unitary must be square: row " + r + " has " + rows.get(r).size() + " entries, not " + d);
            for (int c = 0; c < d; c++) {
                double[] a = rows.get(r).get(c);
                if (a.length != 2) throw PortalException.badRequest("entry (" + r + ", " + c + ") must be [re, im]");
                m[2 * (r * d + c)] = a[0];
                m[2 * (r * d + c) + 1] = a[1];
            }
        }
        // U†U = I, entry by entry.
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double re = 0, im = 0;
                for (int k = 0; k < d; k++) {
                    double ar = m[2 * (k * d + i)], ai = -m[2 * (k * d + i) + 1];
                    double br = m[2 * (k * d + j)], bi = m[2 * (k * d + j) + 1];
                    re += ar * br - ai * bi;
                    im += ar * bi + ai * br;
                }
                if (Math.abs(re - (i == j ? 1 : 0)) > TOLERANCE || Math.abs(im) > TOLERANCE) {
                    throw PortalException.badRequest("the target matrix is not unitary (U†U differs from the identity at (" + i + ", " + j + "))");
                }
            }
        }
        return new Target(TargetKind.UNITARY, n, null, m, null, null);
    }

    /** A distribution over bitstrings (registers may be separated by spaces); must sum to 1. */
    public static Target distribution(Map<String, Double> probabilities) {
        if (probabilities.isEmpty()) throw PortalException.badRequest("the target distribution is empty");
        Map<String, Double> out = new TreeMap<>();
        int width = -1;
        double sum = 0;
        for (var e : probabilities.entrySet()) {
            String bits = e.getKey().replace(" ", "");
            if (!bits.matches("[01]+")) throw PortalException.badRequest("'" + e.getKey() + "' is not a bitstring of 0 and 1");
            if (width >= 0 && bits.length() != width) throw PortalException.badRequest("the bitstrings of the target distribution differ in length");
            width = bits.length();
            double p = e.getValue();
            if (!(p >= 0) || !Double.isFinite(p)) throw PortalException.badRequest("the probability of '" + e.getKey() + "' must be 0 or more");
            out.merge(bits, p, Double::sum);
            sum += p;
        }
        if (Math.abs(sum - 1) > TOLERANCE) throw PortalException.badRequest("the target probabilities add up to " + sum + ", not 1");
        if (width > TargetKind.DISTRIBUTION.maxQubits) {
            throw PortalException.badRequest("distribution targets may have at most " + TargetKind.DISTRIBUTION.maxQubits + " bits");
        }
        return new Target(TargetKind.DISTRIBUTION, width, null, null, out, null);
    }

    /**
     * A named exercise checker of the notebook course ({@link CircuitCheckers}); 400 naming the
     * known ones when there is none by that name.
     */
    public static Target checker(String name) {
        String n = name == null ? "" : name.strip();
        if (!CircuitCheckers.exists(n)) {
            throw PortalException.badRequest("there is no exercise checker named '" + n + "'; there are: " + String.join(", ", CircuitCheckers.names()));
        }
        return new Target(TargetKind.CHECKER, CircuitCheckers.qubits(n), null, null, null, n);
    }

    /** The target a reference solution produces (state or unitary exercises). */
    public static Target fromReference(TargetKind kind, Circuit reference) {
        return switch (kind) {
            case STATE -> {
                Grader.requireGatesOnly(reference, "the reference circuit");
                checkSize(reference.numQubits(), kind);
                double[] v = Grader.finalState(reference);
                yield new Target(kind, reference.numQubits(), v, null, null, null);
            }
            case UNITARY -> {
                Grader.requireGatesOnly(reference, "the reference circuit");
                checkSize(reference.numQubits(), kind);
                yield new Target(kind, reference.numQubits(), null, Grader.unitary(reference), null, null);
            }
            case DISTRIBUTION -> throw PortalException.badRequest("give a distribution target as bitstring → probability, not as a circuit");
            case CHECKER -> throw PortalException.badRequest("a checker exercise is given by the checker's name (checker:NAME), not by a circuit");
        };
    }

    /** The target as JSON-ready data: [[re, im], …], [[[re, im], …], …] or {bits: p}. */
    public Object toData() {
        return switch (kind) {
            case STATE -> pairs(vector, 0, vector.length / 2);
            case UNITARY -> {
                int d = 1 << numQubits;
                List<Object> rows = new java.util.ArrayList<>();
                for (int r = 0; r < d; r++) rows.add(pairs(matrix, r * d, d));
                yield rows;
            }
            case DISTRIBUTION -> new LinkedHashMap<>(distribution);
            case CHECKER -> checker;
        };
    }

    private static List<double[]> pairs(double[] interleaved, int from, int count) {
        List<double[]> out = new java.util.ArrayList<>();
        for (int i = from; i < from + count; i++) out.add(new double[]{interleaved[2 * i], interleaved[2 * i + 1]});
        return out;
    }

    private static int qubitsOf(int size, String what, TargetKind kind) {
        if (size < 2 || Integer.bitCount(size) != 1) {
            throw PortalException.badRequest(what + " must have 2^n entries (n ≥ 1), got " + size);
        }
        int n = Integer.numberOfTrailingZeros(size);
        checkSize(n, kind);
        return n;
    }

    private static void checkSize(int n, TargetKind kind) {
        if (n > kind.maxQubits) throw PortalException.badRequest(kind.label() + " targets may have at most " + kind.maxQubits + " qubits, got " + n);
    }

    static boolean hasOnlyGates(Circuit c) {
        return c.operations().stream().allMatch(op -> (op instanceof Operation.GateOp g && g.condition() == null)
                || op instanceof Operation.Barrier);
    }
}
