package org.qise.noise;

import java.util.Arrays;

/**
 * A readout error on k qubits: a confusion matrix C with C[m][t] the probability of reporting
 * outcome m when the qubits are in basis state t (bit j of m and t is the j-th qubit of the
 * rule). Every column sums to 1, so a qubit truly in |0…0⟩ is reported with the distribution of
 * the first column. With k > 1 the matrix may correlate the qubits' errors.
 */
public final class ReadoutError {
    private final double[][] confusion;
    private final int qubits;

    /** From rows: {@code confusion[measured][true]}. */
    public ReadoutError(double[][] confusion) {
        int d = confusion.length;
        if (d < 2 || Integer.bitCount(d) != 1) throw new NoiseException("a confusion matrix has 2^k rows, got " + d);
        this.qubits = Integer.numberOfTrailingZeros(d);
        this.confusion = new double[d][];
        for (int m = 0; m < d; m++) {
            if (confusion[m].length != d) throw new NoiseException("confusion matrix row " + m + " has " + confusion[m].length + " entries, expected " + d);
            this.confusion[m] = confusion[m].clone();
            for (int t = 0; t < d; t++) {
                double p = confusion[m][t];
                if (!(p >= 0 && p <= 1)) throw new NoiseException("confusion matrix entry [" + m + "][" + t + "] must be a probability in [0, 1], got " + p);
            }
        }
        for (int t = 0; t < d; t++) {
            double sum = 0;
            for (int m = 0; m < d; m++) sum += confusion[m][t];
            if (Math.abs(sum - 1) > Channel.TOLERANCE) {
                throw new NoiseException("confusion matrix column " + t + " sums to " + sum + ", not 1 (column t is the distribution of outcomes reported for true state t)");
            }
        }
    }

    /**
     * One qubit: reports 1 for a true 0 with probability {@code p1given0} and 0 for a true 1 with
     * probability {@code p0given1} (Qiskit's prob_meas1_prep0 and prob_meas0_prep1).
     */
    public static ReadoutError of(double p1given0, double p0given1) {
        Channels.probability("readout", "p1_given_0", p1given0);
        Channels.probability("readout", "p0_given_1", p0given1);
        return new ReadoutError(new double[][]{{1 - p1given0, p0given1}, {p1given0, 1 - p0given1}});
    }

    /** One qubit, the same flip probability either way. */
    public static ReadoutError symmetric(double p) {
        return of(p, p);
    }

    public int qubits() { return qubits; }

    /** Probability of reporting {@code measured} when the truth is {@code truth}. */
    public double probability(int measured, int truth) { return confusion[measured][truth]; }

    /** A copy of the matrix, {@code [measured][true]}. */
    public double[][] matrix() {
        double[][] out = new double[confusion.length][];
        for (int i = 0; i < out.length; i++) out[i] = confusion[i].clone();
        return out;
    }

    /** The reported outcome for true outcome {@code truth}, chosen by a uniform number u in [0, 1). */
    public int sample(int truth, double u) {
        double cumulative = 0;
        int last = 0;
        for (int m = 0; m < confusion.length; m++) {
            double p = confusion[m][truth];
            if (p > 0) last = m;
            cumulative += p;
            if (u < cumulative) return m;
        }
        return last;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReadoutError r && Arrays.deepEquals(r.confusion, confusion);
    }

    @Override
    public int hashCode() { return Arrays.deepHashCode(confusion); }

    @Override
    public String toString() { return "readout" + Arrays.deepToString(confusion); }
}
