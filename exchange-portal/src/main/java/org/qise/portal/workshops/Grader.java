package org.qise.portal.workshops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.qise.circuit.Circuit;
import org.qise.circuit.Operation;
import org.qise.engine.Engine;
import org.qise.engine.Engines;
import org.qise.engine.QuantumState;
import org.qise.engine.density.DensityMatrix;
import org.qise.noise.NoiseException;
import org.qise.noise.NoiseModel;
import org.qise.noise.NoiseModelJson;
import org.qise.noise.run.Method;
import org.qise.noise.run.NoisyResult;
import org.qise.noise.run.NoisySimulator;
import org.qise.portal.PortalException;
import org.qise.sim.Result;
import org.qise.sim.Simulator;
import org.qise.workshop.CircuitCheckers;
import org.qise.workshop.Feedback;

/**
 * Scores a submitted circuit against an exercise's target:
 * <ul>
 *   <li>state: fidelity |⟨target|ψ⟩|² of the circuit's final state from |0…0⟩;</li>
 *   <li>unitary: process fidelity |Tr(U†V)|²/d², which ignores a global phase;</li>
 *   <li>distribution: 1 − total variation distance between the target and the counts of
 *       {@link #SHOTS} shots with seed {@link #SEED} (fixed, so a resubmission scores the same);</li>
 *   <li>checker: 1 or 0 by the notebook course's exercise checker of that name (its seeds are fixed too),
 *       with the checker's message saying what is wrong.</li>
 * </ul>
 */
public final class Grader {
    static final int SHOTS = 8192;
    static final long SEED = 20_240_601L;

    private Grader() {}

    /** A score in [0, 1] with a sentence about it. */
    public record Grade(double score, String detail) {}

    public static Grade grade(Target target, Circuit submission) {
        return grade(target, submission, () -> {});
    }

    /**
     * Grades, calling {@code checkpoint} between slices of the work (every few hundred gates, every
     * basis column, every 1% of the shots); the checkpoint stops grading by throwing, which is
     * how a cancelled or timed-out grading job ends instead of running on.
     */
    public static Grade grade(Target target, Circuit submission, Runnable checkpoint) {
        return grade(target, submission, checkpoint, null);
    }

    /** Noisy state grading holds ρ, 16·4^n bytes: 16 MiB at 10 qubits. */
    static final int MAX_NOISY_STATE_QUBITS = 10;

    /** Refuses (422) a noise model on an exercise whose score has no noisy meaning here. */
    static void checkNoisy(Target target) {
        if (target.kind() == TargetKind.UNITARY) {
            throw PortalException.unprocessable("noise_model: unitary exercises are graded by process fidelity of a unitary;"
                    + " noise applies to state and distribution exercises");
        }
        if (target.kind() == TargetKind.CHECKER) {
            throw PortalException.unprocessable("noise_model: checker exercises are judged by the course's checker on the ideal circuit;"
                    + " noise applies to state and distribution exercises");
        }
        if (target.kind() == TargetKind.STATE && target.numQubits() > MAX_NOISY_STATE_QUBITS) {
            throw PortalException.unprocessable("noise_model: state exercises under noise take at most " + MAX_NOISY_STATE_QUBITS
                    + " qubits (the density matrix is graded), this one has " + target.numQubits());
        }
    }

    /**
     * Grades under {@code noise} when it is not null: a state exercise scores the fidelity
     * ⟨target|ρ|target⟩ of the noisy density matrix, a distribution exercise samples its
     * {@link #SHOTS} shots with seed {@link #SEED} under the noise (method auto, fixed by the
     * circuit and shots, so a resubmission scores the same). The noisy simulator reports no
     * progress, so the checkpoint is consulted before and after.
     */
    public static Grade grade(Target target, Circuit submission, Runnable checkpoint, NoiseModel noise) {
        if (noise != null) return gradeNoisy(target, submission, checkpoint, noise);
        return switch (target.kind()) {
            case STATE -> {
                requireGatesOnly(submission, "a state exercise's circuit");
                requireQubits(submission, target.numQubits());
                double f = stateFidelity(target.vector(), column(submission, 0, checkpoint));
                yield new Grade(f, String.format(Locale.ROOT, "state fidelity |⟨target|ψ⟩|² = %.6f", f));
            }
            case UNITARY -> {
                requireGatesOnly(submission, "a unitary exercise's circuit");
                requireQubits(submission, target.numQubits());
                double f = processFidelity(target.matrix(), unitary(submission, checkpoint), 1 << target.numQubits());
                yield new Grade(f, String.format(Locale.ROOT, "process fidelity |Tr(U†V)|²/d² = %.6f", f));
            }
            case DISTRIBUTION -> {
                if (!submission.hasMeasurements()) throw PortalException.badRequest("a distribution exercise's circuit must measure its result");
                if (submission.numQubits() > TargetKind.DISTRIBUTION.maxQubits) {
                    throw PortalException.badRequest("distribution exercises take circuits of at most " + TargetKind.DISTRIBUTION.maxQubits + " qubits");
                }
                Map<String, Long> counts;
                try (Simulator sim = Simulator.builder().shots(SHOTS).seed(SEED).threads(1).keepState(false)
                        .progress((done, total, what) -> checkpoint.run()).build();
                     Result r = sim.run(submission)) {
                    counts = r.counts();
                }
                double tvd = totalVariation(target.distribution(), counts, SHOTS);
                yield new Grade(1 - tvd, String.format(Locale.ROOT, "1 − total variation distance = %.6f (%d shots, seed %d)", 1 - tvd, SHOTS, SEED));
            }
            case CHECKER -> {
                if (submission.numQubits() > TargetKind.CHECKER.maxQubits) {
                    throw PortalException.badRequest("checker exercises take circuits of at most " + TargetKind.CHECKER.maxQubits + " qubits");
                }
                checkpoint.run();
                // The notebook course's own checker: the participant reads the same message here as there.
                Feedback f = CircuitCheckers.check(target.checker(), submission, checkpoint);
                yield new Grade(f.correct() ? 1 : 0, (f.correct() ? "right (checker " : "not yet (checker ") + target.checker() + "): " + f.message());
            }
        };
    }

    private static Grade gradeNoisy(Target target, Circuit submission, Runnable checkpoint, NoiseModel noise) {
        checkNoisy(target);
        try {
            noise.check(submission);
        } catch (NoiseException e) {
            throw PortalException.unprocessable("the exercise's noise model does not fit the circuit: " + e.getMessage());
        }
        checkpoint.run();
        Grade g = switch (target.kind()) {
            case STATE -> {
                requireGatesOnly(submission, "a state exercise's circuit");
                requireQubits(submission, target.numQubits());
                try (NoisyResult r = NoisySimulator.builder().model(noise).method(Method.DENSITY_MATRIX).shots(1).seed(SEED).threads(1)
                        .build().run(submission)) {
                    double f = clamp(expectationOf(target.vector(), r.densityMatrix()));
                    yield new Grade(f, String.format(Locale.ROOT, "state fidelity ⟨target|ρ|target⟩ = %.6f under noise model %s", f,
                            shortSha(noise)));
                }
            }
            case DISTRIBUTION -> {
                if (!submission.hasMeasurements()) throw PortalException.badRequest("a distribution exercise's circuit must measure its result");
                if (submission.numQubits() > TargetKind.DISTRIBUTION.maxQubits) {
                    throw PortalException.badRequest("distribution exercises take circuits of at most " + TargetKind.DISTRIBUTION.maxQubits + " qubits");
                }
                try (NoisyResult r = NoisySimulator.builder().model(noise).shots(SHOTS).seed(SEED).threads(1).keepDensityMatrix(false)
                        .build().run(submission)) {
                    double tvd = totalVariation(target.distribution(), r.counts(), SHOTS);
                    yield new Grade(1 - tvd, String.format(Locale.ROOT, "1 − total variation distance = %.6f (%d shots, seed %d, noise model %s,"
                            + " %s)", 1 - tvd, SHOTS, SEED, shortSha(noise), r.method().cliName()));
                }
            }
            case UNITARY, CHECKER -> throw new IllegalStateException("checkNoisy refuses unitary and checker exercises");
        };
        checkpoint.run();
        return g;
    }

    private static String shortSha(NoiseModel noise) {
        return org.qise.sim.Manifest.sha256(NoiseModelJson.canonicalText(noise)).substring(0, 12) + "…";
    }

    /** ⟨t|ρ|t⟩ = Σ_ij conj(t_i) ρ_ij t_j for an interleaved (re, im) vector t. */
    static double expectationOf(double[] t, DensityMatrix rho) {
        int d = t.length / 2;
        double re = 0;
        for (int i = 0; i < d; i++) {
            double ar = t[2 * i], ai = -t[2 * i + 1];
            for (int j = 0; j < d; j++) {
                double rr = rho.re(i, j), ri = rho.im(i, j);
                double br = rr * t[2 * j] - ri * t[2 * j + 1], bi = rr * t[2 * j + 1] + ri * t[2 * j];
                re += ar * br - ai * bi; // the imaginary parts cancel for a Hermitian ρ
            }
        }
        return re;
    }

    static void requireGatesOnly(Circuit c, String what) {
        if (!Target.hasOnlyGates(c)) {
            throw PortalException.badRequest(what + " must consist of gates only (no measure, reset or if), so that it has one final state");
        }
    }

    private static void requireQubits(Circuit c, int n) {
        if (c.numQubits() != n) throw PortalException.badRequest("the exercise is on " + n + " qubits, but the circuit has " + c.numQubits());
    }

    /** The final state from |0…0⟩, interleaved (re, im). */
    static double[] finalState(Circuit c) {
        return column(c, 0, () -> {});
    }

    /** The circuit's unitary, row-major interleaved (re, im): column j is the circuit applied to |j⟩. */
    static double[] unitary(Circuit c) {
        return unitary(c, () -> {});
    }

    private static double[] unitary(Circuit c, Runnable checkpoint) {
        int d = 1 << c.numQubits();
        double[] m = new double[2 * d * d];
        for (int j = 0; j < d; j++) {
            double[] col = column(c, j, checkpoint);
            for (int i = 0; i < d; i++) {
                m[2 * (i * d + j)] = col[2 * i];
                m[2 * (i * d + j) + 1] = col[2 * i + 1];
            }
        }
        return m;
    }

    /** Gates applied between two checkpoints. */
    private static final int SLICE = 256;

    private static double[] column(Circuit c, long basis, Runnable checkpoint) {
        List<Operation.GateOp> gates = new ArrayList<>();
        for (Operation op : c.operations()) if (op instanceof Operation.GateOp g) gates.add(g);
        int n = c.numQubits();
        try (Engine engine = Engines.create(Engines.DEFAULT, 1); QuantumState s = engine.allocate(n)) {
            for (int q = 0; q < n; q++) if ((basis >> q & 1) == 1) s.flip(q);
            for (int i = 0; i < gates.size(); i += SLICE) {
                checkpoint.run();
                s.applyAll(gates.subList(i, Math.min(gates.size(), i + SLICE)));
            }
            double[] v = new double[2 << n];
            for (long i = 0; i < (1L << n); i++) {
                v[(int) (2 * i)] = s.re(i);
                v[(int) (2 * i + 1)] = s.im(i);
            }
            return v;
        }
    }

    /** |⟨a|b⟩|² of two normalised interleaved vectors. */
    static double stateFidelity(double[] a, double[] b) {
        double re = 0, im = 0;
        for (int i = 0; i < a.length; i += 2) {
            // conj(a_i) · b_i
            re += a[i] * b[i] + a[i + 1] * b[i + 1];
            im += a[i] * b[i + 1] - a[i + 1] * b[i];
        }
        return clamp(re * re + im * im);
    }

    /** |Tr(U†V)|²/d² for d×d row-major interleaved matrices. */
    static double processFidelity(double[] u, double[] v, int d) {
        // Tr(U†V) = Σ_ij conj(U_ij) V_ij
        double re = 0, im = 0;
        for (int k = 0; k < 2 * d * d; k += 2) {
            re += u[k] * v[k] + u[k + 1] * v[k + 1];
            im += u[k] * v[k + 1] - u[k + 1] * v[k];
        }
        return clamp((re * re + im * im) / ((double) d * d));
    }

    /** ½ Σ |p(x) − counts(x)/shots| over all bitstrings of either (spaces between registers ignored). */
    static double totalVariation(Map<String, Double> target, Map<String, Long> counts, long shots) {
        Map<String, Double> empirical = new TreeMap<>();
        counts.forEach((k, v) -> empirical.merge(k.replace(" ", ""), v / (double) shots, Double::sum));
        TreeMap<String, Double> all = new TreeMap<>(target);
        empirical.keySet().forEach(k -> all.putIfAbsent(k, 0.0));
        double sum = 0;
        for (String k : all.keySet()) sum += Math.abs(target.getOrDefault(k, 0.0) - empirical.getOrDefault(k, 0.0));
        return clamp(sum / 2);
    }

    private static double clamp(double x) {
        return Math.max(0, Math.min(1, x));
    }
}
