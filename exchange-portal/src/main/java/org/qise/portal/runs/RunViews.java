package org.qise.portal.runs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qise.portal.api.ApiNames;

/**
 * Runs and verifications as JSON-ready maps: camelCase names, each followed for one release by its
 * old snake_case name ({@link ApiNames#withOldNames}); the manifest inside keeps its own names.
 */
public final class RunViews {
    private RunViews() {}

    public static Map<String, Object> run(Run r, double progress, List<Verification> verifications) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.publicId());
        m.put("url", "/runs/" + r.publicId());
        m.put("status", r.status().label());
        m.put("progress", progress);
        m.put("origin", r.origin().label());
        if (r.reproducesId() != null) m.put("reproduces", r.reproducesPublicId());
        m.put("circuitId", r.circuitPublicId());
        m.put("circuitVersion", r.circuitVersion());
        m.put("circuitSha256", r.circuitSha256());
        m.put("qubits", r.numQubits());
        m.put("owner", Map.of("id", r.ownerId(), "name", r.ownerName()));
        m.put("shots", r.shots());
        m.put("seed", r.seed());
        m.put("engine", r.engine());
        m.put("expect", r.expect());
        if (!r.parameters().isEmpty()) m.put("parameters", r.parameters());
        if (r.noisy()) {
            m.put("noiseModel", RunJson.readTree(r.noiseModel()));
            m.put("noiseModelSha256", r.noiseModelSha256());
            m.put("method", r.noiseMethod());
        }
        if (r.message() != null) m.put("message", r.message());
        m.put("queuedAt", r.queuedAt().toString());
        if (r.startedAt() != null) m.put("startedAt", r.startedAt().toString());
        if (r.finishedAt() != null) m.put("finishedAt", r.finishedAt().toString());
        if (r.counts() != null) m.put("counts", r.counts());
        if (r.resultSha256() != null) m.put("resultSha256", r.resultSha256());
        if (r.expectations() != null) m.put("expectations", r.expectations());
        if (r.state() != null) {
            m.put("probabilities", r.state().probabilities());
            if (r.state().statevector() != null) m.put("statevector", r.state().statevector());
        }
        if (r.manifest() != null) m.put("manifest", r.manifest());
        m.put("verifications", verifications.stream().map(v -> {
            Map<String, Object> vm = verification(v);
            vm.put("verified", Verdicts.verified(r.origin(), v));
            return vm;
        }).toList());
        m.put("verified", !verifications.isEmpty() && Verdicts.verified(r.origin(), verifications.get(0)));
        if (r.origin() == Origin.PUSHED) {
            m.put("checks", ClaimChecks.json(ClaimChecks.of(r, verifications.isEmpty() ? null : verifications.get(0))));
        }
        return ApiNames.withOldNames(m);
    }

    /** Whether this verification makes the run's counts verified (see {@link Verdicts#verified}). */
    public static boolean verified(Run r, Verification v) {
        return Verdicts.verified(r.origin(), v);
    }

    /** A manifest value for a page: text and numbers as they are, maps and lists as JSON. */
    public static String display(Object value) {
        return value instanceof Map<?, ?> || value instanceof List<?> ? RunJson.write(value) : String.valueOf(value);
    }

    /** A short entry for lists. */
    public static Map<String, Object> summary(Run r, double progress) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.publicId());
        m.put("url", "/runs/" + r.publicId());
        m.put("status", r.status().label());
        m.put("progress", progress);
        m.put("origin", r.origin().label());
        m.put("circuitVersion", r.circuitVersion());
        m.put("owner", r.ownerName());
        m.put("shots", r.shots());
        m.put("seed", r.seed());
        m.put("engine", r.engine());
        if (!r.parameters().isEmpty()) m.put("parameters", r.parameters());
        if (r.noisy()) m.put("noiseModelSha256", r.noiseModelSha256());
        if (r.resultSha256() != null) m.put("resultSha256", r.resultSha256());
        m.put("queuedAt", r.queuedAt().toString());
        return ApiNames.withOldNames(m);
    }

    public static Map<String, Object> verification(Verification v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        if (v.rerunId() != null) m.put("rerunId", v.rerunPublicId());
        m.put("verdict", v.verdict());
        m.put("method", v.method());
        if (v.pValue() != null) m.put("pValue", v.pValue());
        if (v.statistic() != null) m.put("statistic", v.statistic());
        if (v.degreesOfFreedom() != null) m.put("degreesOfFreedom", v.degreesOfFreedom());
        if (v.threshold() != null) m.put("threshold", v.threshold());
        m.put("detail", v.detail());
        m.put("createdAt", v.createdAt().toString());
        return ApiNames.withOldNames(m);
    }
}
