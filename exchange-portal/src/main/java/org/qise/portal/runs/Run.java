package org.qise.portal.runs;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One run as stored: what was asked for, where it is, and (once done) its result and the
 * manifest that says how to produce it again.
 *
 * @param circuitQasm   the circuit's canonical OpenQASM text (what was simulated)
 * @param counts        bitstring → count, sorted; null until done
 * @param expectations  Pauli sum → expectation value; null when none were asked for or possible
 * @param state         probabilities and state vector for small circuits; null otherwise
 * @param manifest      the reproducibility manifest (snake_case keys); null until done
 * @param message       why a run failed or stopped, or a note on a done run; null otherwise
 * @param publicId      what URLs and the API call the run (the integer ids stay internal); likewise
 *                      the circuit's and the reproduced run's
 * @param noiseModel    the noise model's canonical JSON text (qise-noise-model/1); null for an ideal run
 * @param noiseMethod   density-matrix or trajectories (fixed at queueing, so a reproduction takes the same path); null when ideal
 * @param parameters    values of the circuit's free parameters, in the circuit's order; empty when it has none
 */
public record Run(long id, long circuitId, int circuitVersion, long ownerId, String ownerName, Origin origin,
                  Long reproducesId, boolean freshSeed, RunStatus status, long shots, long seed, String engine,
                  List<String> expect, String circuitQasm, String circuitSha256, int numQubits, double progress,
                  String message, Map<String, Long> counts, Map<String, Double> expectations, StoredState state,
                  Map<String, Object> manifest, String resultSha256, Instant queuedAt, Instant startedAt,
                  Instant finishedAt, String publicId, String circuitPublicId, String reproducesPublicId,
                  String noiseModel, String noiseMethod, Map<String, Double> parameters) {

    public Run {
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    }

    /** An ideal run of a circuit without parameters (as before noise and parameters existed). */
    public Run(long id, long circuitId, int circuitVersion, long ownerId, String ownerName, Origin origin, Long reproducesId,
               boolean freshSeed, RunStatus status, long shots, long seed, String engine, List<String> expect, String circuitQasm,
               String circuitSha256, int numQubits, double progress, String message, Map<String, Long> counts,
               Map<String, Double> expectations, StoredState state, Map<String, Object> manifest, String resultSha256,
               Instant queuedAt, Instant startedAt, Instant finishedAt, String publicId, String circuitPublicId,
               String reproducesPublicId) {
        this(id, circuitId, circuitVersion, ownerId, ownerName, origin, reproducesId, freshSeed, status, shots, seed, engine, expect,
                circuitQasm, circuitSha256, numQubits, progress, message, counts, expectations, state, manifest, resultSha256, queuedAt,
                startedAt, finishedAt, publicId, circuitPublicId, reproducesPublicId, null, null, Map.of());
    }

    /** Whether the run simulates noise. */
    public boolean noisy() {
        return noiseModel != null;
    }

    /** The SHA-256 of the noise model's canonical text, or null for an ideal run. */
    public String noiseModelSha256() {
        return noiseModel == null ? null : org.qise.sim.Manifest.sha256(noiseModel);
    }

    /** Probabilities per basis state and, for circuits without measurement, the state vector ([re, im] pairs). */
    public record StoredState(double[] probabilities, double[][] statevector) {}

    /** The simulator version recorded in the manifest, or null. */
    public String simulatorVersion() {
        // Runs pushed before manifests were validated may hold anything here; never fail on it.
        return manifest != null && manifest.get("simulator_version") instanceof String v ? v : null;
    }
}
