package org.qise.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.qise.circuit.Circuit;
import org.qise.draw.Histogram;
import org.qise.engine.density.DensityMatrix;
import org.qise.noise.ExampleModels;
import org.qise.noise.NoiseException;
import org.qise.noise.NoiseModel;
import org.qise.noise.NoiseModelJson;
import org.qise.noise.run.Estimate;
import org.qise.noise.run.Method;
import org.qise.noise.run.NoisyResult;
import org.qise.noise.run.NoisySimulator;
import org.qise.sim.Bitstrings;
import org.qise.sim.Manifest;
import org.qise.sim.PauliSum;
import org.qise.sim.ResultDocument;

/**
 * {@code qise run FILE --noise MODEL [--method …] [--density-matrix]}: the noisy half of
 * {@code qise run}. MODEL is a JSON file (schema in docs/noise.md) or {@code example:NAME}.
 *
 * <p>JSON output: the fields of an ideal run ({@code file}, {@code qubits}, {@code clbits},
 * {@code gates}, {@code shots}, {@code seed}, {@code engine}, {@code threads}, {@code counts}),
 * then {@code method} ({@code density-matrix} or {@code trajectories}), {@code noise_model}
 * (canonical text) and {@code noise_model_sha256}; on request {@code probabilities} (exact ρ
 * diagonal) with {@code outcome_probabilities} (bitstrings as in counts, readout error applied),
 * {@code marginals} (state before readout; with {@code reported_probabilities} where the model
 * has readout errors on those qubits), {@code expectation} (value and standard error), {@code density_matrix}
 * ([[re, im], …] row by row); {@code purity} and {@code fidelity_to_ideal} where exact; then
 * {@code manifest} (its options record method and model hash) and {@code circuit_qasm}.
 */
final class NoisyRun {
    /** --density-matrix prints ρ up to this many qubits (4^8 entries). */
    static final int MAX_PRINTED_RHO_QUBITS = 8;

    private NoisyRun() {}

    static int run(RunCommand cmd, Circuit circuit, List<PauliSum> sums) {
        if (cmd.statevector) throw new UserError("--statevector has no meaning under noise (the state is mixed); use --density-matrix");
        List<int[]> marginals = new java.util.ArrayList<>();
        for (String m : cmd.marginal) marginals.add(cmd.checkMarginal(m, circuit));
        for (int[] q : marginals) {
            if (q.length > MAX_NOISY_MARGINAL_QUBITS) {
                throw new UserError("--marginal with --noise takes at most " + MAX_NOISY_MARGINAL_QUBITS + " qubits (it estimates all 2^k"
                        + " Z-products of them), got " + q.length);
            }
        }
        if (!cmd.engine.equals("fast")) throw new UserError("noisy runs use the fast engine; drop --engine " + cmd.engine);
        Method method;
        try {
            method = cmd.method == null ? (cmd.densityMatrix ? Method.DENSITY_MATRIX : Method.AUTO) : Method.fromCliName(cmd.method);
        } catch (IllegalArgumentException e) {
            throw new UserError("--method: " + e.getMessage());
        }
        if (cmd.densityMatrix && method == Method.TRAJECTORIES) throw new UserError("--density-matrix needs the density-matrix method, not --method trajectories");
        NoiseModel model = cmd.noise == null ? NoiseModel.builder().build() : readModel(cmd.noise);
        // A marginal as reported needs the qubits that share a correlated readout error with its own.
        List<int[]> estimated = new java.util.ArrayList<>();
        for (int[] q : marginals) {
            int[] ext = model.readoutClosure(circuit.numQubits(), q);
            if (ext.length > MAX_NOISY_MARGINAL_QUBITS) {
                throw new UserError("--marginal " + java.util.Arrays.toString(q) + " with this noise model's correlated readout errors needs "
                        + "the joint distribution of qubits " + java.util.Arrays.toString(ext) + ", more than " + MAX_NOISY_MARGINAL_QUBITS);
            }
            estimated.add(ext);
        }

        NoisySimulator.Builder b = NoisySimulator.builder().model(model).method(method).threads(cmd.threads).shots(cmd.shots);
        if (cmd.seed != null) b.seed(cmd.seed);
        for (PauliSum s : sums) b.observe(s);
        for (int[] q : estimated) for (PauliSum z : zProducts(q)) b.observe(z);
        NoisySimulator sim = b.build();
        Method chosen;
        try {
            chosen = sim.resolve(circuit);
            if ((cmd.probabilities || cmd.densityMatrix) && chosen != Method.DENSITY_MATRIX) {
                throw new UserError((cmd.probabilities ? "--probabilities" : "--density-matrix") + " needs the exact density matrix, but "
                        + (method == Method.AUTO ? "--method auto chose trajectories for this circuit; add --method density-matrix"
                        : "this run uses trajectories"));
            }
            if (cmd.densityMatrix && circuit.numQubits() > MAX_PRINTED_RHO_QUBITS) {
                throw new UserError("--density-matrix prints ρ for at most " + MAX_PRINTED_RHO_QUBITS + " qubits; " + cmd.source.displayName()
                        + " has " + circuit.numQubits());
            }
        } catch (NoiseException e) {
            throw new UserError(e.getMessage());
        }
        long start = System.nanoTime();
        try (NoisyResult r = run(sim, circuit)) {
            double seconds = (System.nanoTime() - start) / 1e9;
            Set<String> asked = new java.util.HashSet<>();
            for (PauliSum p : sums) asked.add(p.toString());
            List<Marginal> dists = new java.util.ArrayList<>();
            for (int i = 0; i < marginals.size(); i++) dists.add(marginal(marginals.get(i), estimated.get(i), r, model, circuit.numQubits()));
            String text = cmd.json ? json(cmd, circuit, r, asked, dists) : human(cmd, circuit, r, method, seconds, asked, dists);
            cmd.main.out().print(text);
            if (cmd.histogram != null) {
                OutputFiles.write(cmd.histogram, Histogram.svg(r.counts(), cmd.source.displayName() + " — " + r.shots() + " shots, seed "
                        + r.seed() + ", noise, " + r.method().cliName()));
                if (!cmd.json) cmd.main.out().println("histogram written to " + cmd.histogram);
            }
            // The push carries the model's canonical text and its hash, so the portal reruns under the same noise.
            if (cmd.push) {
                String token = cmd.token != null ? cmd.token : cmd.main.env("QISE_TOKEN");
                return PortalPush.send(cmd.json ? text : json(cmd, circuit, r, asked, dists), cmd.portal, token,
                        cmd.json ? cmd.main.err() : cmd.main.out());
            }
        }
        return QiseMain.OK;
    }

    /** --marginal under noise is estimated from Z-products, so it costs 2^k − 1 observables. */
    static final int MAX_NOISY_MARGINAL_QUBITS = 10;

    /**
     * One --marginal: probabilities by bitstring (last listed qubit leftmost), with standard errors
     * from trajectories; and, when the model has readout errors on these qubits, the distribution a
     * final measurement of them would report ({@code reported}, null otherwise).
     */
    record Marginal(int[] qubits, double[] probabilities, double[] standardErrors, double[] reported, double[] reportedErrors) {}

    /** Z_S for every non-empty subset S of the qubits (bit j of the mask = qubits[j]). */
    private static List<PauliSum> zProducts(int[] qubits) {
        List<PauliSum> out = new java.util.ArrayList<>();
        for (int mask = 1; mask < 1 << qubits.length; mask++) out.add(PauliSum.parse(zText(qubits, mask)));
        return out;
    }

    private static String zText(int[] qubits, int mask) {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < qubits.length; j++) if ((mask >> j & 1) == 1) sb.append(sb.isEmpty() ? "" : " ").append('Z').append(qubits[j]);
        return sb.toString();
    }

    /**
     * P(x) = 2^−k Σ_S (−1)^{|x∧S|} ⟨Z_S⟩: the projector onto outcome x of k qubits is the product
     * of (I ± Z_q)/2, so the marginal is a fixed linear map of the Z-product expectations (exact
     * from ρ, trajectory averages otherwise, with their standard errors carried through, taking
     * the products' estimates as independent, which slightly understates them).
     */
    private static Marginal marginal(int[] qubits, int[] closure, NoisyResult r, NoiseModel model, int n) {
        Marginal state = marginal(qubits, r);
        if (!model.readsWithError(n, qubits)) return state;
        // P(reported x) = Σ over the closure's extra bits of (C·p_closure): a fixed linear map of
        // the closure's Z-product estimates, so each estimate's error goes through its column.
        int k = closure.length, size = 1 << k, keep = (1 << qubits.length) - 1;
        double[] z = new double[size];
        double[] se = new double[size];
        z[0] = 1;
        for (int mask = 1; mask < size; mask++) {
            Estimate e = r.observables().get(PauliSum.parse(zText(closure, mask)).toString());
            z[mask] = e.value();
            se[mask] = e.standardError();
        }
        double[] reported = new double[1 << qubits.length];
        double[] variance = new double[reported.length];
        for (int mask = 0; mask < size; mask++) {
            double[] column = new double[size];
            for (int y = 0; y < size; y++) column[y] = (Integer.bitCount(y & mask) % 2 == 0 ? 1.0 : -1.0) / size;
            double[] out = model.applyReadout(n, closure, column);
            double[] w = new double[reported.length];
            for (int y = 0; y < size; y++) w[y & keep] += out[y];
            for (int x = 0; x < reported.length; x++) {
                reported[x] += w[x] * z[mask];
                variance[x] += w[x] * w[x] * se[mask] * se[mask];
            }
        }
        double[] errors = null;
        if (state.standardErrors() != null) {
            errors = new double[reported.length];
            for (int x = 0; x < errors.length; x++) errors[x] = Math.sqrt(variance[x]);
        }
        return new Marginal(qubits, state.probabilities(), state.standardErrors(), reported, errors);
    }

    private static Marginal marginal(int[] qubits, NoisyResult r) {
        int k = qubits.length;
        int size = 1 << k;
        double[] z = new double[size];
        double[] se = new double[size];
        z[0] = 1;
        for (int mask = 1; mask < size; mask++) {
            Estimate e = r.observables().get(PauliSum.parse(zText(qubits, mask)).toString());
            z[mask] = e.value();
            se[mask] = e.standardError();
        }
        double[] p = new double[size];
        double[] pSe = new double[size];
        for (int x = 0; x < size; x++) {
            double sum = 0;
            double var = 0;
            for (int mask = 0; mask < size; mask++) {
                sum += (Integer.bitCount(x & mask) % 2 == 0 ? 1 : -1) * z[mask];
                var += se[mask] * se[mask];
            }
            p[x] = sum / size;
            pSe[x] = Math.sqrt(var) / size;
        }
        return new Marginal(qubits, p, r.method() == Method.DENSITY_MATRIX ? null : pSe, null, null);
    }

    private static NoisyResult run(NoisySimulator sim, Circuit circuit) {
        try {
            return sim.run(circuit);
        } catch (NoiseException e) {
            throw new UserError(e.getMessage());
        }
    }

    static NoiseModel readModel(String where) {
        String text;
        if (where.startsWith("example:")) {
            try {
                text = ExampleModels.text(where.substring("example:".length()));
            } catch (NoiseException e) {
                throw new UserError("--noise " + where + ": " + e.getMessage());
            }
        } else {
            try {
                text = new String(Files.readAllBytes(Path.of(where)), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new UserError("cannot read noise model '" + where + "': no such file (or give example:NAME, one of "
                        + String.join(", ", ExampleModels.names()) + ")");
            } catch (IOException e) {
                throw new UserError("cannot read noise model '" + where + "': " + e.getMessage());
            }
        }
        try {
            return NoiseModelJson.read(text);
        } catch (NoiseException e) {
            throw new UserError(where + ": " + e.getMessage());
        }
    }

    private static String json(RunCommand cmd, Circuit circuit, NoisyResult r, Set<String> asked, List<Marginal> dists) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", cmd.source.displayName());
        m.put("qubits", circuit.numQubits());
        m.put("clbits", circuit.numClbits());
        m.put("gates", circuit.gateCount());
        m.put("shots", r.shots());
        m.put("seed", r.seed());
        m.put("engine", r.manifest().engine());
        m.put("threads", r.manifest().threads());
        m.put("method", r.method().cliName());
        m.put("counts", r.counts());
        m.put("noise_model", r.noiseModelText());
        m.put("noise_model_sha256", r.noiseModelSha256());
        if (cmd.probabilities) {
            m.put("probabilities", r.densityMatrix().probabilities());
            m.put("outcome_probabilities", r.outcomeProbabilities());
        }
        if (!asked.isEmpty()) {
            Map<String, Object> ex = new LinkedHashMap<>();
            r.observables().forEach((k, e) -> {
                if (!asked.contains(k)) return;
                // an ordered map: Map.of iterates in an order that changes from one JVM start to the next,
                // which made the same seed print different bytes
                Map<String, Object> estimate = new LinkedHashMap<>();
                estimate.put("value", e.value());
                estimate.put("standard_error", e.standardError());
                ex.put(k, estimate);
            });
            m.put("expectation", ex);
        }
        // as for an ideal run: one object for one --marginal, a list for several
        List<Map<String, Object>> listed = new java.util.ArrayList<>();
        for (Marginal d : dists) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("qubits", d.qubits());
            mm.put("probabilities", ResultDocument.byBitstring(d.qubits().length, x -> d.probabilities()[x]));
            if (d.standardErrors() != null) mm.put("standard_errors", ResultDocument.byBitstring(d.qubits().length, x -> d.standardErrors()[x]));
            if (d.reported() != null) {
                mm.put("reported_probabilities", ResultDocument.byBitstring(d.qubits().length, x -> d.reported()[x]));
                if (d.reportedErrors() != null) {
                    mm.put("reported_standard_errors", ResultDocument.byBitstring(d.qubits().length, x -> d.reportedErrors()[x]));
                }
            }
            listed.add(mm);
        }
        if (listed.size() == 1) m.put("marginals", listed.getFirst());
        else if (!listed.isEmpty()) m.put("marginals", listed);
        if (cmd.densityMatrix) {
            DensityMatrix rho = r.densityMatrix();
            int d = 1 << rho.numQubits();
            double[][][] rows = new double[d][d][];
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) rows[i][j] = new double[]{rho.re(i, j), rho.im(i, j)};
            m.put("density_matrix", rows);
        }
        if (r.purity() != null) m.put("purity", r.purity());
        if (r.fidelityToIdeal() != null) m.put("fidelity_to_ideal", r.fidelityToIdeal());
        m.put("manifest", r.manifest().toMap());
        m.put("circuit_qasm", Manifest.canonicalText(circuit));
        return ResultDocument.write(m);
    }

    private static String human(RunCommand cmd, Circuit circuit, NoisyResult r, Method asked, double seconds, Set<String> askedSums,
                                List<Marginal> dists) {
        StringBuilder sb = new StringBuilder();
        int n = circuit.numQubits();
        sb.append(String.format(Locale.ROOT, "circuit  %s: %d qubits, %d classical bits, %d gates%n", cmd.source.displayName(),
                n, circuit.numClbits(), circuit.gateCount()));
        String name = cmd.noise == null ? "none" : cmd.noise;
        sb.append(String.format(Locale.ROOT, "noise    %s (sha256 %s…)%n", name, r.noiseModelSha256().substring(0, 12)));
        sb.append(String.format(Locale.ROOT, "run      %d shots, seed %d, method %s%s, engine fast (%d threads), %s%n", r.shots(), r.seed(),
                r.method().cliName(), asked == Method.AUTO ? " (chosen by --method auto)" : "", r.manifest().threads(),
                seconds < 1 ? String.format(Locale.ROOT, "%.1f ms", seconds * 1000) : String.format(Locale.ROOT, "%.2f s", seconds)));
        sb.append('\n').append(circuit.hasMeasurements() ? "counts (bitstring c[n-1]…c[0])" : "counts (no measurements: all qubits sampled, q[n-1]…q[0])").append('\n');
        sb.append(Histogram.text(r.counts(), cmd.main.terminalWidth()));
        if (r.purity() != null) sb.append(String.format(Locale.ROOT, "%npurity   Tr ρ² = %.6f%n", r.purity()));
        if (r.fidelityToIdeal() != null) sb.append(String.format(Locale.ROOT, "fidelity ⟨ψ_ideal|ρ|ψ_ideal⟩ = %.6f%n", r.fidelityToIdeal()));
        if (cmd.probabilities) {
            sb.append("\nprobabilities (basis states q[n-1]…q[0], before readout error; zeros not listed)\n");
            double[] p = r.densityMatrix().probabilities();
            for (int i = 0; i < p.length; i++) if (p[i] >= 1e-15) sb.append(String.format(Locale.ROOT, "  %s  %.6f%n", Bitstrings.ofIndex(i, n), p[i]));
            sb.append("\noutcome probabilities (bitstrings as in counts, readout error applied; zeros not listed)\n");
            r.outcomeProbabilities().forEach((k, v) -> {
                if (v >= 1e-15) sb.append(String.format(Locale.ROOT, "  %s  %.6f%n", k, v));
            });
        }
        for (Marginal d : dists) {
            sb.append("\nmarginal of qubits ").append(java.util.Arrays.toString(d.qubits()))
                    .append(" (state before the final measurements and readout error; last listed qubit leftmost)\n");
            for (int x = 0; x < d.probabilities().length; x++) {
                sb.append(d.standardErrors() == null
                        ? String.format(Locale.ROOT, "  %s  %.6f%n", Bitstrings.ofIndex(x, d.qubits().length), d.probabilities()[x])
                        : String.format(Locale.ROOT, "  %s  %.6f ± %.6f%n", Bitstrings.ofIndex(x, d.qubits().length), d.probabilities()[x], d.standardErrors()[x]));
            }
            if (d.reported() != null) {
                sb.append("as a final measurement of them would report it (readout error applied)\n");
                for (int x = 0; x < d.reported().length; x++) {
                    sb.append(d.reportedErrors() == null
                            ? String.format(Locale.ROOT, "  %s  %.6f%n", Bitstrings.ofIndex(x, d.qubits().length), d.reported()[x])
                            : String.format(Locale.ROOT, "  %s  %.6f ± %.6f%n", Bitstrings.ofIndex(x, d.qubits().length), d.reported()[x], d.reportedErrors()[x]));
                }
            }
        }
        if (!askedSums.isEmpty()) {
            sb.append("\nexpectation values (state before the final measurements)\n");
            for (Map.Entry<String, Estimate> e : r.observables().entrySet()) {
                if (!askedSums.contains(e.getKey())) continue;
                Estimate v = e.getValue();
                sb.append(v.standardError() == 0 && r.method() == Method.DENSITY_MATRIX
                        ? String.format(Locale.ROOT, "  ⟨%s⟩ = %.6f (exact)%n", e.getKey(), v.value())
                        : String.format(Locale.ROOT, "  ⟨%s⟩ = %.6f ± %.6f (standard error over %d trajectories)%n", e.getKey(), v.value(), v.standardError(), r.shots()));
            }
        }
        if (cmd.densityMatrix) {
            DensityMatrix rho = r.densityMatrix();
            int d = 1 << n;
            sb.append("\ndensity matrix ρ (rows and columns q[n-1]…q[0])\n");
            for (int i = 0; i < d; i++) {
                sb.append("  ");
                for (int j = 0; j < d; j++) sb.append(String.format(Locale.ROOT, "%s%+.4f%+.4fi", j == 0 ? "" : "  ", rho.re(i, j), rho.im(i, j)));
                sb.append('\n');
            }
        }
        return sb.toString().replace(System.lineSeparator(), "\n");
    }
}
