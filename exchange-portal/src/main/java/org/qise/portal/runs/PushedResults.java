package org.qise.portal.runs;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.qise.circuit.Circuit;
import org.qise.portal.PortalException;
import org.qise.portal.circuits.CircuitDraft;
import org.qise.portal.circuits.CircuitService;
import org.qise.portal.circuits.Visibility;
import org.qise.portal.people.User;
import org.qise.sim.Manifest;

/**
 * Takes in results made elsewhere: checks that they hang together (the circuit matches its
 * recorded hash, the counts add up to the shots, the caps hold), finds the circuit they belong
 * to among those the person may see (or makes a private one), and stores them as pushed runs.
 * {@link RunService#push} then reproduces them.
 */
final class PushedResults {
    /** A stored pushed run and whether its circuit was made for it. */
    record Stored(Run run, boolean createdCircuit) {}

    private final RunStore store;
    private final CircuitService circuits;
    private final RunService runs;
    private final Clock clock;

    PushedResults(RunStore store, CircuitService circuits, RunService runs, Clock clock) {
        this.store = store;
        this.circuits = circuits;
        this.runs = runs;
        this.clock = clock;
    }

    /**
     * Stores a pushed claim. The cheap checks come first (shots cap, size of the text), then the
     * circuit is parsed under an operation limit sized to the gate cap, so untrusted text can
     * cost no more than a run the caps allow.
     */
    Stored store(User user, PushedClaim p) {
        runs.checkShots(p.shots());
        long total = p.counts().values().stream().mapToLong(Long::longValue).sum();
        if (total != p.shots()) throw RunService.unprocessable("the counts add up to " + total + ", but shots is " + p.shots());
        String engine = RunService.engine(p.engine());
        Circuit parsed = runs.parseUntrusted(p.circuitQasm());
        runs.checkCaps(parsed, p.shots());
        String canonical = Manifest.canonicalText(parsed);
        String sha = Manifest.sha256(canonical);
        if (!sha.equals(p.circuitSha256())) {
            throw RunService.unprocessable("$.manifest.circuit_sha256 " + p.circuitSha256()
                    + " does not match circuit_qasm, whose canonical text has SHA-256 " + sha);
        }
        RunNoise.Model noise = RunNoise.read("$.noise_model", p.noiseModel(), parsed);
        if (noise != null) {
            String modelSha = Manifest.sha256(noise.canonicalText());
            if (!modelSha.equals(p.noiseModelSha256())) {
                throw RunService.unprocessable("$.manifest.options.noise_model_sha256 " + p.noiseModelSha256()
                        + " does not match $.noise_model, whose canonical text has SHA-256 " + modelSha);
            }
            if (!engine.equals(org.qise.engine.Engines.DEFAULT)) RunService.noisyEngine(engine);
            runs.checkMemory(parsed.numQubits(), RunNoise.memoryNeed(parsed.numQubits(), p.noiseMethod()));
        }
        long[] link = findCircuit(user, sha);
        boolean created = link == null;
        if (created) {
            long id = circuits.create(user, new CircuitDraft("Pushed circuit " + sha.substring(0, 12),
                    "Created for a result pushed from elsewhere (qise push).", canonical, Visibility.PRIVATE, List.of("pushed")));
            link = new long[]{id, 1};
        }
        Instant now = clock.instant();
        String resultSha = ResultHash.sha256(p.shots(), p.counts());
        // The pusher's fields as sent, then what the portal itself establishes (see ClaimChecks).
        Map<String, Object> manifest = new LinkedHashMap<>(p.manifest());
        manifest.put("circuit_qasm", canonical);
        manifest.put("circuit_id", circuits.publicId(link[0]));
        manifest.put("circuit_version", (int) link[1]);
        manifest.put("pushed_by", Map.of("id", user.id(), "name", user.name()));
        manifest.put("pushed_at", now.toString());
        manifest.put("result_sha256", resultSha);
        if (noise != null) {
            // As in the manifest of a run made here: the model, its hash and the method the re-run uses.
            manifest.put("noise_model", noise.canonicalText());
            manifest.put("noise_model_sha256", Manifest.sha256(noise.canonicalText()));
            manifest.put("method", p.noiseMethod());
        }
        var row = new RunStore.NewRun(link[0], (int) link[1], user.id(), Origin.PUSHED, null, false, p.shots(), p.seed(),
                engine, List.of(), canonical, sha, parsed.numQubits(), noise == null ? null : noise.canonicalText(),
                noise == null ? null : p.noiseMethod(), Map.of());
        long runId = store.insertPushed(row, new TreeMap<>(p.counts()), manifest, resultSha, now);
        return new Stored(store.find(runId).orElseThrow(), created);
    }

    /** {circuit id, version} of a circuit the user may see whose canonical text has this hash, their own first; or null. */
    private long[] findCircuit(User user, String sha) {
        return circuits.findByCanonicalSha256(user, sha).map(v -> new long[]{v.circuitId(), v.version()}).orElse(null);
    }
}
