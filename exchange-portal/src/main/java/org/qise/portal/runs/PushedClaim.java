package org.qise.portal.runs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.qise.portal.PortalException;
import org.qise.sim.ResultDocument;

/**
 * What a pushed result claims, read field by field from the JSON that {@code qise run --json}
 * writes. Nothing here is believed yet: this only makes sure each claim is well-formed and
 * that the claims agree with one another, so that the portal knows exactly what it is about to
 * check. Anything malformed is refused with 422 naming the field by its JSON path
 * ({@code $.manifest.simulator_version}), before the circuit is parsed.
 *
 * @param manifest the pushed manifest's fields, as sent (only those a qise manifest has)
 */
record PushedClaim(String circuitQasm, long shots, long seed, String engine, Map<String, Long> counts,
                   String simulatorVersion, String circuitSha256, Map<String, Object> manifest, String noiseModel,
                   String noiseModelSha256, String noiseMethod) {

    /** The fields a manifest from {@code qise run --json} has; anything else is refused rather than shown as if checked. */
    static final Set<String> MANIFEST_FIELDS = Set.of("circuit_sha256", "simulator", "simulator_version", "engine", "threads",
            "seed", "shots", "options", "java_version", "os", "arch");
    /** Simulator options the portal re-runs with; a result made with any other option cannot be checked here. */
    static final Set<String> RERUNNABLE_OPTIONS = Set.of("engine", "precision", "method", "noise_model_sha256");
    /** How a noisy result was simulated ({@code options.method}); the rerun takes the same path. */
    static final Set<String> NOISE_METHODS = Set.of("density-matrix", "trajectories");

    private static final Pattern VERSION = Pattern.compile("\\d{1,4}\\.\\d{1,4}\\.\\d{1,4}([-+][0-9A-Za-z.-]{1,40})?");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    static PushedClaim read(JsonNode body) {
        // The shape, the counts and the agreement of manifest and document: the same reader as qise push's.
        ResultDocument doc;
        try {
            doc = ResultDocument.read(body).requireCircuit();
        } catch (ResultDocument.Invalid e) {
            throw invalid(e.path(), e.problem());
        }
        String qasm = doc.circuitQasm();
        long shots = doc.shots();
        if (shots < 1) throw invalid("$.shots", "must be at least 1, got " + shots);
        long seed = doc.seed();
        Map<String, Long> counts = doc.counts();

        JsonNode m = doc.manifest();
        for (var it = m.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!MANIFEST_FIELDS.contains(f)) {
                throw invalid("$.manifest." + f, "is not a field of a qise manifest; push the manifest as qise run --json wrote it");
            }
        }
        String simulator = text(m, "$.manifest", "simulator", false);
        if (simulator != null && !simulator.equals("qise")) {
            throw invalid("$.manifest.simulator", "is \"" + simulator + "\"; only results of qise can be re-run here");
        }
        String version = text(m, "$.manifest", "simulator_version", true);
        if (!VERSION.matcher(version).matches()) {
            throw invalid("$.manifest.simulator_version", "\"" + shorten(version) + "\" is not a qise version such as 0.1.0");
        }
        String sha = m.get("circuit_sha256").asText();
        String manifestEngine = doc.engine();
        JsonNode options = m.get("options");
        if (options != null && !options.isNull()) {
            for (var it = options.properties().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (!RERUNNABLE_OPTIONS.contains(e.getKey())) {
                    throw invalid("$.manifest.options." + e.getKey(), "is not an option this portal re-runs with, so the result"
                            + " cannot be checked here");
                }
                if (!e.getValue().isTextual()) throw invalid("$.manifest.options." + e.getKey(), "must be a string, got " + ResultDocument.kind(e.getValue()));
                if (e.getKey().equals("precision") && !e.getValue().asText().equals("double")) {
                    throw invalid("$.manifest.options.precision", "is \"" + shorten(e.getValue().asText()) + "\"; this portal re-runs in"
                            + " double precision only, so only double-precision results can be checked here");
                }
            }
        }
        // A noisy result (qise run --noise … --json): the model's canonical text travels beside the manifest, which
        // holds its hash and the method; all three or none.
        String noiseSha = options == null ? null : text(options, "$.manifest.options", "noise_model_sha256", false);
        String method = options == null ? null : text(options, "$.manifest.options", "method", false);
        JsonNode model = body.get("noise_model");
        String modelText = null;
        if (model != null && !model.isNull()) {
            if (model.isTextual()) modelText = model.asText();
            else if (model.isObject()) modelText = RunJson.write(model);
            else throw invalid("$.noise_model", "must be the noise model's JSON text or object, got " + ResultDocument.kind(model));
        }
        if (modelText != null || noiseSha != null || method != null) {
            if (modelText == null) throw invalid("$.noise_model", "is required for a result made with a noise model (the manifest's options name one)");
            if (noiseSha == null) throw invalid("$.manifest.options.noise_model_sha256", "is required with $.noise_model");
            if (!SHA256.matcher(noiseSha).matches()) throw invalid("$.manifest.options.noise_model_sha256", "must be 64 lower-case hexadecimal digits");
            if (method == null) throw invalid("$.manifest.options.method", "is required with $.noise_model (density-matrix or trajectories)");
            if (!NOISE_METHODS.contains(method)) {
                throw invalid("$.manifest.options.method", "is \"" + shorten(method) + "\"; it must be density-matrix or trajectories");
            }
        }
        Map<String, Object> manifest = RunJson.MAPPER.convertValue(m,
                RunJson.MAPPER.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
        return new PushedClaim(qasm, shots, seed, manifestEngine, counts, version, sha, manifest, modelText, noiseSha, method);
    }

    private static String text(JsonNode node, String parent, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) throw invalid(parent + "." + field, "is required");
            return null;
        }
        if (!v.isTextual()) throw invalid(parent + "." + field, "must be a string, got " + ResultDocument.kind(v));
        return v.asText();
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    static PortalException invalid(String path, String problem) {
        return new PortalException(422, path + " " + problem);
    }
}
