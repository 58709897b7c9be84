package org.qise.portal.runs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.qise.portal.PortalException;

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
    private static final Pattern BITSTRING = Pattern.compile("[01]{1,64}( [01]{1,64}){0,63}");

    static PushedClaim read(JsonNode body) {
        if (body == null || !body.isObject()) throw invalid("$", "must be a JSON object, the output of qise run --json");
        String qasm = text(body, "$", "circuit_qasm", true);
        if (qasm.isBlank()) throw invalid("$.circuit_qasm", "is empty; it must be the circuit's OpenQASM text");
        long shots = whole(body, "$", "shots", true);
        if (shots < 1) throw invalid("$.shots", "must be at least 1, got " + shots);
        long seed = whole(body, "$", "seed", true);
        Map<String, Long> counts = counts(body.get("counts"));

        JsonNode m = body.get("manifest");
        if (m == null || m.isNull()) throw invalid("$.manifest", "is required: the manifest qise run --json writes");
        if (!m.isObject()) throw invalid("$.manifest", "must be an object, got " + kind(m));
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
        String sha = text(m, "$.manifest", "circuit_sha256", true);
        if (!SHA256.matcher(sha).matches()) throw invalid("$.manifest.circuit_sha256", "must be 64 lower-case hexadecimal digits");
        agree(m, "seed", seed);
        agree(m, "shots", shots);
        String topEngine = text(body, "$", "engine", false);
        String manifestEngine = text(m, "$.manifest", "engine", true);
        if (topEngine != null && !topEngine.equals(manifestEngine)) {
            throw invalid("$.manifest.engine", "is \"" + shorten(manifestEngine) + "\" but $.engine is \"" + shorten(topEngine) + "\"");
        }
        if (m.has("threads")) {
            long threads = whole(m, "$.manifest", "threads", true);
            if (threads < 1) throw invalid("$.manifest.threads", "must be at least 1, got " + threads);
        }
        for (String f : new String[]{"java_version", "os", "arch"}) text(m, "$.manifest", f, false);
        JsonNode options = m.get("options");
        if (options != null && !options.isNull()) {
            if (!options.isObject()) throw invalid("$.manifest.options", "must be an object, got " + kind(options));
            for (var it = options.properties().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (!RERUNNABLE_OPTIONS.contains(e.getKey())) {
                    throw invalid("$.manifest.options." + e.getKey(), "is not an option this portal re-runs with, so the result"
                            + " cannot be checked here");
                }
                if (!e.getValue().isTextual()) throw invalid("$.manifest.options." + e.getKey(), "must be a string, got " + kind(e.getValue()));
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
            else throw invalid("$.noise_model", "must be the noise model's JSON text or object, got " + kind(model));
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

    private static Map<String, Long> counts(JsonNode c) {
        if (c == null || c.isNull()) throw invalid("$.counts", "is required: an object of bitstring → count");
        if (!c.isObject()) throw invalid("$.counts", "must be an object of bitstring → count, got " + kind(c));
        if (c.isEmpty()) throw invalid("$.counts", "is empty");
        Map<String, Long> out = new TreeMap<>();
        for (var it = c.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            String path = "$.counts['" + shorten(e.getKey()) + "']";
            if (!BITSTRING.matcher(e.getKey()).matches()) throw invalid(path, "is not a bitstring of 0 and 1 (registers separated by one space)");
            JsonNode v = e.getValue();
            if (!v.isIntegralNumber() || !v.canConvertToLong()) throw invalid(path, "must be a whole number, got " + kind(v));
            if (v.asLong() < 0) throw invalid(path, "must not be negative, got " + v.asLong());
            out.put(e.getKey(), v.asLong());
        }
        return out;
    }

    /** A manifest number that must repeat the top-level one. */
    private static void agree(JsonNode m, String field, long topLevel) {
        long v = whole(m, "$.manifest", field, true);
        if (v != topLevel) throw invalid("$.manifest." + field, "is " + v + " but $." + field + " is " + topLevel);
    }

    private static String text(JsonNode node, String parent, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) throw invalid(parent + "." + field, "is required");
            return null;
        }
        if (!v.isTextual()) throw invalid(parent + "." + field, "must be a string, got " + kind(v));
        return v.asText();
    }

    private static long whole(JsonNode node, String parent, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) throw invalid(parent + "." + field, "is required");
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw invalid(parent + "." + field, "must be a whole number, got " + kind(v));
        return v.asLong();
    }

    private static String kind(JsonNode v) {
        if (v.isTextual()) return "a string";
        if (v.isIntegralNumber()) return "a whole number";
        if (v.isNumber()) return "a number with a fraction";
        if (v.isBoolean()) return "true/false";
        if (v.isArray()) return "an array";
        if (v.isObject()) return "an object";
        return "null";
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    static PortalException invalid(String path, String problem) {
        return new PortalException(422, path + " " + problem);
    }
}
