package org.qise.noise;

import java.util.ArrayList;
import java.util.List;
import org.qise.circuit.Matrix;

/**
 * The channels researchers use, by name. Probabilities must lie in [0, 1] and times be finite
 * and non-negative; anything else is a {@link NoiseException} naming the channel and parameter.
 *
 * <p><b>Depolarizing convention.</b> {@code depolarizing(p)} on d = 2^k dimensions is
 * ρ ↦ (1 − p)·ρ + p·I/d: p is the probability of the fully depolarizing map. This is the
 * parameter λ of Qiskit Aer's {@code depolarizing_error(λ, k)}, restricted to [0, 1]. The
 * probability that a non-identity Pauli acts is p·(d² − 1)/d² (3p/4 on one qubit), and the
 * Bloch vector of one qubit shrinks by the factor 1 − p.
 */
public final class Channels {
    private Channels() {}

    static final Matrix I = Matrix.identity(2);
    static final Matrix X = Matrix.ofRows(new double[]{0, 0, 1, 0}, new double[]{1, 0, 0, 0});
    static final Matrix Y = Matrix.ofRows(new double[]{0, 0, 0, -1}, new double[]{0, 1, 0, 0});
    static final Matrix Z = Matrix.ofRows(new double[]{1, 0, 0, 0}, new double[]{0, 0, -1, 0});
    private static final Matrix[] PAULIS = {I, X, Y, Z};

    /** X with probability p. */
    public static Channel bitFlip(double p) {
        probability("bit_flip", "p", p);
        return Channel.mixture("bit_flip", new double[]{p}, new double[]{1 - p, p}, List.of(I, X));
    }

    /** Z with probability p. */
    public static Channel phaseFlip(double p) {
        probability("phase_flip", "p", p);
        return Channel.mixture("phase_flip", new double[]{p}, new double[]{1 - p, p}, List.of(I, Z));
    }

    /** Y with probability p. */
    public static Channel bitPhaseFlip(double p) {
        probability("bit_phase_flip", "p", p);
        return Channel.mixture("bit_phase_flip", new double[]{p}, new double[]{1 - p, p}, List.of(I, Y));
    }

    /** X, Y, Z with probabilities px, py, pz (their sum at most 1), else identity. */
    public static Channel pauli(double px, double py, double pz) {
        probability("pauli", "px", px);
        probability("pauli", "py", py);
        probability("pauli", "pz", pz);
        double rest = 1 - px - py - pz;
        if (rest < -Channel.TOLERANCE) throw new NoiseException("channel 'pauli': px + py + pz = " + (px + py + pz) + " exceeds 1");
        return Channel.mixture("pauli", new double[]{px, py, pz}, new double[]{Math.max(0, rest), px, py, pz}, List.of(I, X, Y, Z));
    }

    /** One-qubit depolarizing, ρ ↦ (1 − p)ρ + p·I/2 (see the class comment for the convention). */
    public static Channel depolarizing(double p) {
        return depolarizing(p, 1);
    }

    /** Two-qubit depolarizing, ρ ↦ (1 − p)ρ + p·I/4. */
    public static Channel depolarizing2(double p) {
        return depolarizing(p, 2);
    }

    /**
     * Depolarizing on {@code qubits} qubits (1 or 2): the identity with probability
     * 1 − p + p/d², each of the d² − 1 other Pauli products with probability p/d².
     */
    public static Channel depolarizing(double p, int qubits) {
        String name = qubits == 1 ? "depolarizing" : "depolarizing2";
        probability(name, "p", p);
        if (qubits != 1 && qubits != 2) throw new NoiseException("depolarizing acts on 1 or 2 qubits, not " + qubits);
        List<Matrix> paulis = paulis(qubits);
        int d2 = paulis.size();
        double[] probs = new double[d2];
        for (int i = 0; i < d2; i++) probs[i] = p / d2;
        probs[0] = 1 - p + p / d2;
        return Channel.mixture(name, new double[]{p}, probs, paulis);
    }

    /** All Pauli products on k qubits, identity first; index i has the Pauli (i >> 2j) & 3 on qubit j. */
    static List<Matrix> paulis(int k) {
        List<Matrix> out = new ArrayList<>();
        for (int i = 0; i < 1 << (2 * k); i++) {
            Matrix m = PAULIS[i & 3];
            for (int j = 1; j < k; j++) m = kron(PAULIS[(i >> (2 * j)) & 3], m);
            out.add(m);
        }
        return out;
    }

    /** high ⊗ low, where {@code low} acts on the lower qubits of the index. */
    static Matrix kron(Matrix high, Matrix low) {
        int dl = low.dim(), dh = high.dim(), d = dl * dh;
        double[] re = new double[d * d], im = new double[d * d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                double ar = high.re(r / dl, c / dl), ai = high.im(r / dl, c / dl);
                double br = low.re(r % dl, c % dl), bi = low.im(r % dl, c % dl);
                re[r * d + c] = ar * br - ai * bi;
                im[r * d + c] = ar * bi + ai * br;
            }
        }
        return Matrix.of(d, re, im);
    }

    /** |1⟩ decays to |0⟩ with probability γ: K0 = diag(1, √(1−γ)), K1 = √γ·|0⟩⟨1|. */
    public static Channel amplitudeDamping(double gamma) {
        probability("amplitude_damping", "gamma", gamma);
        return Channel.named("amplitude_damping", new double[]{gamma}, gad(1, gamma));
    }

    /**
     * Amplitude damping towards a thermal state: with probability p as {@link #amplitudeDamping},
     * with probability 1 − p the same towards |1⟩. The fixed point has P(1) = 1 − p.
     */
    public static Channel generalizedAmplitudeDamping(double p, double gamma) {
        probability("generalized_amplitude_damping", "p", p);
        probability("generalized_amplitude_damping", "gamma", gamma);
        return Channel.named("generalized_amplitude_damping", new double[]{p, gamma}, gad(p, gamma));
    }

    private static List<Matrix> gad(double p, double gamma) {
        double a = Math.sqrt(1 - gamma), b = Math.sqrt(gamma);
        List<Matrix> ops = new ArrayList<>();
        if (p > 0) {
            double s = Math.sqrt(p);
            ops.add(real(s, 0, 0, s * a));
            if (gamma > 0) ops.add(real(0, s * b, 0, 0));
        }
        if (p < 1) {
            double s = Math.sqrt(1 - p);
            ops.add(real(s * a, 0, 0, s));
            if (gamma > 0) ops.add(real(0, 0, s * b, 0));
        }
        return ops;
    }

    /** Loses phase without losing energy: K0 = diag(1, √(1−λ)), K1 = diag(0, √λ); coherences shrink by √(1−λ). */
    public static Channel phaseDamping(double lambda) {
        probability("phase_damping", "lambda", lambda);
        List<Matrix> ops = new ArrayList<>();
        ops.add(real(1, 0, 0, Math.sqrt(1 - lambda)));
        if (lambda > 0) ops.add(real(0, 0, 0, Math.sqrt(lambda)));
        return Channel.named("phase_damping", new double[]{lambda}, ops);
    }

    /**
     * Thermal relaxation for a gate of duration {@code time} on a qubit with relaxation time T1,
     * dephasing time T2 (T2 ≤ 2·T1) and equilibrium excited-state population {@code excited}:
     * P(1) relaxes as pe + (P(1) − pe)·e^(−t/T1) and coherences shrink by e^(−t/T2). Built as
     * generalized amplitude damping with γ = 1 − e^(−t/T1) followed by phase damping with
     * λ = 1 − e^(t/T1 − 2t/T2), which supplies the dephasing beyond the e^(−t/2T1) that
     * damping causes. Times in any unit, the same for all three.
     */
    public static Channel thermalRelaxation(double t1, double t2, double time, double excited) {
        String n = "thermal_relaxation";
        positive(n, "t1", t1);
        positive(n, "t2", t2);
        if (!(time >= 0) || Double.isInfinite(time)) throw new NoiseException("channel '" + n + "': time must be finite and >= 0, got " + time);
        probability(n, "excited_population", excited);
        if (t2 > 2 * t1) throw new NoiseException("channel '" + n + "': T2 = " + t2 + " exceeds 2·T1 = " + 2 * t1 + ", which no physical qubit allows");
        double gamma = 1 - Math.exp(-time / t1);
        double lambda = 1 - Math.exp(time / t1 - 2 * time / t2);
        lambda = Math.max(0, lambda); // rounding when T2 = 2·T1 exactly
        Channel damping = Channel.named(n, new double[0], gad(1 - excited, gamma));
        Channel dephasing = phaseDamping(lambda);
        List<Matrix> ops = new ArrayList<>();
        for (Matrix a : dephasing.kraus()) for (Matrix k : damping.kraus()) ops.add(a.times(k));
        return Channel.named(n, new double[]{t1, t2, time, excited}, ops);
    }

    /** Resets to |0⟩ with probability p0 and to |1⟩ with probability p1, else leaves the qubit alone. */
    public static Channel resetError(double p0, double p1) {
        probability("reset", "p0", p0);
        probability("reset", "p1", p1);
        if (p0 + p1 > 1 + Channel.TOLERANCE) throw new NoiseException("channel 'reset': p0 + p1 = " + (p0 + p1) + " exceeds 1");
        List<Matrix> ops = new ArrayList<>();
        double keep = Math.max(0, 1 - p0 - p1);
        if (keep > 0) ops.add(real(Math.sqrt(keep), 0, 0, Math.sqrt(keep)));
        if (p0 > 0) {
            double s = Math.sqrt(p0);
            ops.add(real(s, 0, 0, 0));
            ops.add(real(0, s, 0, 0));
        }
        if (p1 > 0) {
            double s = Math.sqrt(p1);
            ops.add(real(0, 0, s, 0));
            ops.add(real(0, 0, 0, s));
        }
        return Channel.named("reset", new double[]{p0, p1}, ops);
    }

    /**
     * {@code low} on a gate's first qubit and {@code high} on the qubits after it, independently:
     * Kraus operators high_j ⊗ low_i.
     */
    public static Channel tensor(Channel low, Channel high) {
        List<Matrix> ops = new ArrayList<>();
        for (Matrix h : high.kraus()) for (Matrix l : low.kraus()) ops.add(kron(h, l));
        return Channel.kraus(low.name() + "⊗" + high.name(), ops);
    }

    /** The 2×2 real matrix [[a, b], [c, d]]. */
    static Matrix real(double a, double b, double c, double d) {
        return Matrix.ofRows(new double[]{a, 0, b, 0}, new double[]{c, 0, d, 0});
    }

    static void probability(String channel, String param, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new NoiseException("channel '" + channel + "': " + param + " must be a probability in [0, 1], got " + p);
        }
    }

    private static void positive(String channel, String param, double t) {
        if (!(t > 0) || Double.isInfinite(t)) {
            throw new NoiseException("channel '" + channel + "': " + param + " must be a finite time > 0, got " + t);
        }
    }
}
