package org.qise.noise;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.qise.circuit.Matrix;

/**
 * A quantum channel on k qubits, ρ ↦ Σ K ρ K†, given by its Kraus operators (2^k × 2^k, qubit j
 * of the operator is bit j of its index, as in {@link Matrix}). Construction checks that the
 * map is trace preserving, Σ K†K = I, to {@link #TOLERANCE}.
 *
 * <p>A channel that is a mixture of unitaries, ρ ↦ Σ p_i U_i ρ U_i† (Pauli, depolarizing, bit
 * and phase flips), also keeps that form: trajectories then pick U_i with probability p_i without
 * computing any norm of the state.
 *
 * <p>Instances are immutable; the named channels come from {@link Channels}.
 */
public final class Channel {
    /** Largest entry of Σ K†K − I that still counts as trace preserving. */
    public static final double TOLERANCE = 1e-10;

    private final String name;
    private final double[] params;
    private final int qubits;
    private final List<Matrix> kraus;
    private final double[] mixtureProbabilities;
    private final List<Matrix> mixtureUnitaries;

    private Channel(String name, double[] params, List<Matrix> kraus, double[] probabilities, List<Matrix> unitaries) {
        this.name = Objects.requireNonNull(name);
        this.params = params.clone();
        if (kraus.isEmpty()) throw new NoiseException("channel '" + name + "' has no Kraus operators");
        this.qubits = kraus.getFirst().qubits();
        for (Matrix k : kraus) {
            if (k.qubits() != qubits) {
                throw new NoiseException("channel '" + name + "': Kraus operators of different sizes (" + k.dim() + " and " + kraus.getFirst().dim() + ")");
            }
        }
        this.kraus = List.copyOf(kraus);
        this.mixtureProbabilities = probabilities;
        this.mixtureUnitaries = unitaries == null ? null : List.copyOf(unitaries);
        double error = completenessError(this.kraus);
        if (!(error <= TOLERANCE)) {
            throw new NoiseException("channel '" + name + "' is not trace preserving: Σ K†K differs from the identity by "
                    + String.format("%.3g", error) + " (at most " + TOLERANCE + " allowed)");
        }
    }

    /** A channel from Kraus operators; {@code name} appears in errors and manifests. */
    public static Channel kraus(String name, List<Matrix> operators) {
        return new Channel(name, new double[0], operators, null, null);
    }

    /** A channel from Kraus operators; {@code name} appears in errors and manifests. */
    public static Channel kraus(String name, Matrix... operators) {
        return kraus(name, List.of(operators));
    }

    /** A named channel with parameters (for {@link Channels}). */
    static Channel named(String name, double[] params, List<Matrix> operators) {
        return new Channel(name, params, operators, null, null);
    }

    /**
     * A mixture of unitaries: U_i with probability p_i (the p_i must sum to 1). Its Kraus
     * operators are √p_i·U_i for the p_i above zero.
     */
    static Channel mixture(String name, double[] params, double[] probabilities, List<Matrix> unitaries) {
        double sum = 0;
        for (double p : probabilities) sum += p;
        if (Math.abs(sum - 1) > TOLERANCE) throw new NoiseException("channel '" + name + "': probabilities sum to " + sum + ", not 1");
        List<Matrix> kraus = new java.util.ArrayList<>();
        for (int i = 0; i < probabilities.length; i++) {
            if (probabilities[i] > 0) kraus.add(scale(unitaries.get(i), Math.sqrt(probabilities[i])));
        }
        return new Channel(name, params, kraus, probabilities.clone(), unitaries);
    }

    public String name() { return name; }

    /** A copy of the parameters the channel was made from (empty for a plain Kraus channel). */
    public double[] params() { return params.clone(); }

    /** Number of qubits the channel acts on. */
    public int qubits() { return qubits; }

    /** The Kraus operators. */
    public List<Matrix> kraus() { return kraus; }

    /** Whether the channel is kept as a mixture of unitaries (see class comment). */
    public boolean isUnitaryMixture() { return mixtureUnitaries != null; }

    /** The mixture's probabilities (same order as {@link #mixtureUnitaries()}). */
    public double[] mixtureProbabilities() {
        requireMixture();
        return mixtureProbabilities.clone();
    }

    /** The mixture's unitaries. */
    public List<Matrix> mixtureUnitaries() {
        requireMixture();
        return mixtureUnitaries;
    }

    private void requireMixture() {
        if (mixtureUnitaries == null) throw new IllegalStateException("channel '" + name + "' is not a mixture of unitaries");
    }

    /** Σ K†K − I, largest entry. */
    static double completenessError(List<Matrix> kraus) {
        int dim = kraus.getFirst().dim();
        Matrix sum = null;
        for (Matrix k : kraus) {
            Matrix kk = k.dagger().times(k);
            sum = sum == null ? kk : add(sum, kk);
        }
        return sum.distance(Matrix.identity(dim));
    }

    static Matrix scale(Matrix m, double factor) {
        double[] re = m.realParts(), im = m.imagParts();
        for (int i = 0; i < re.length; i++) {
            re[i] *= factor;
            im[i] *= factor;
        }
        return Matrix.of(m.dim(), re, im);
    }

    static Matrix add(Matrix a, Matrix b) {
        double[] re = a.realParts(), im = a.imagParts();
        double[] bre = b.realParts(), bim = b.imagParts();
        for (int i = 0; i < re.length; i++) {
            re[i] += bre[i];
            im[i] += bim[i];
        }
        return Matrix.of(a.dim(), re, im);
    }

    /** Text such as {@code depolarizing(0.01)}, used in circuit listings and manifests. */
    @Override
    public String toString() {
        if (params.length == 0) return name + (mixtureUnitaries == null ? "[" + kraus.size() + " Kraus]" : "");
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < params.length; i++) sb.append(i == 0 ? "" : ",").append(params[i]);
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Channel c && c.name.equals(name) && Arrays.equals(c.params, params) && c.kraus.equals(kraus);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(params), kraus);
    }
}
