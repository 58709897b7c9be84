package org.qise.noise.run;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.qise.circuit.Circuit;
import org.qise.engine.density.DensityMatrix;
import org.qise.sim.Manifest;
import org.qise.sim.PauliSum;

/**
 * What a noisy run produced, whichever method ran it: counts always; with the density-matrix
 * method also the exact ρ (probabilities, expectation values, purity, fidelity); with
 * trajectories the averages of the observables asked for in advance, with standard errors.
 * Counts keys are written as {@link org.qise.sim.Result} writes them.
 */
public final class NoisyResult implements AutoCloseable {
    private final Circuit circuit;
    private final Method method;
    private final Map<String, Long> counts;
    private final long shots;
    private final long seed;
    private final Manifest manifest;
    private final String modelText;
    private final Map<String, Estimate> observables;
    private final Map<String, Double> outcomeProbabilities;
    private final Double purity;
    private final Double fidelity;
    private DensityMatrix rho;

    NoisyResult(Circuit circuit, Method method, Map<String, Long> counts, long shots, long seed, Manifest manifest,
                String modelText, Map<String, Estimate> observables, Map<String, Double> outcomeProbabilities, DensityMatrix rho,
                Double purity, Double fidelity) {
        this.purity = purity;
        this.fidelity = fidelity;
        this.circuit = circuit;
        this.method = method;
        this.counts = Collections.unmodifiableMap(new TreeMap<>(counts));
        this.shots = shots;
        this.seed = seed;
        this.manifest = manifest;
        this.modelText = modelText;
        this.observables = observables;
        this.outcomeProbabilities = outcomeProbabilities;
        this.rho = rho;
    }

    public Circuit circuit() { return circuit; }

    /** The method that ran: {@link Method#DENSITY_MATRIX} or {@link Method#TRAJECTORIES}, never AUTO. */
    public Method method() { return method; }

    /** Counts per bitstring, sorted by bitstring, readout errors included. */
    public Map<String, Long> counts() { return counts; }

    public long shots() { return shots; }

    public long seed() { return seed; }

    /** The run's manifest; its options record the method and the noise model's SHA-256. */
    public Manifest manifest() { return manifest; }

    /** The noise model's canonical JSON text (its SHA-256 is in the manifest). */
    public String noiseModelText() { return modelText; }

    public String noiseModelSha256() { return Manifest.sha256(modelText); }

    /**
     * The value of each observable given to {@link NoisySimulator.Builder#observe}, by its text:
     * exact (error 0) from the density matrix, else the trajectory average with its standard error.
     */
    public Map<String, Estimate> observables() { return observables; }

    /** Whether the exact density matrix is available (density-matrix method). */
    public boolean hasDensityMatrix() { return rho != null; }

    /** The final density matrix, before the final measurements (density-matrix method only). */
    public DensityMatrix densityMatrix() {
        if (rho == null) throw new IllegalStateException("the " + method.cliName() + " method keeps no density matrix; run with the density-matrix method");
        return rho;
    }

    /**
     * Exact probability of every reported bitstring, readout errors included (density-matrix
     * method only); keys as in {@link #counts()}, zero entries left out.
     */
    public Map<String, Double> outcomeProbabilities() {
        if (outcomeProbabilities == null) throw new IllegalStateException("exact outcome probabilities need the density-matrix method");
        return outcomeProbabilities;
    }

    /** Tr ρ² of the final state (density-matrix method), else null. */
    public Double purity() { return purity; }

    /**
     * ⟨ψ|ρ|ψ⟩ with ψ the state the same gates give without noise (density-matrix method, circuits
     * without reset), else null.
     */
    public Double fidelityToIdeal() { return fidelity; }

    /** Exact Tr(ρ·sum) (density-matrix method only). */
    public double expectation(PauliSum sum) {
        DensityMatrix r = densityMatrix();
        if (sum.maxQubit() >= r.numQubits()) {
            throw new IllegalArgumentException("'" + sum + "' acts on qubit " + sum.maxQubit() + " but the circuit has " + r.numQubits() + " qubit(s)");
        }
        double total = 0;
        for (PauliSum.Term t : sum.terms()) total += t.coefficient() * r.expectationPauli(t.xMask(), t.zMask());
        return total;
    }

    @Override
    public void close() {
        if (rho != null) {
            rho.close();
            rho = null;
        }
    }
}
