package org.qise.portal.runs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Manifests name runs and circuits by their public ids, as URLs and citations do. Manifests
 * stored before that recorded the internal integers ({@code "run_id": 31}); they are kept as
 * stored (a verdict depends on the counts and their hash, never on the manifest's text) and read
 * with the public ids in those fields and the integers they replaced beside them, under
 * {@code legacy_ids}, so nothing a reader had before is lost.
 */
final class ManifestIds {
    static final String LEGACY = "legacy_ids";

    private ManifestIds() {}

    /** The manifest as stored if it already names public ids; otherwise a copy that does. */
    static Map<String, Object> read(Map<String, Object> stored, String runId, String circuitId, String reproducesId) {
        if (stored == null || stored.containsKey(LEGACY)) return stored;
        Map<String, Object> legacy = new LinkedHashMap<>();
        Map<String, Object> out = new LinkedHashMap<>(stored);
        replace(out, legacy, "run_id", runId);
        replace(out, legacy, "circuit_id", circuitId);
        replace(out, legacy, "reproduces_run_id", reproducesId);
        if (legacy.isEmpty()) return stored;
        out.put(LEGACY, legacy);
        return out;
    }

    private static void replace(Map<String, Object> m, Map<String, Object> legacy, String field, String publicId) {
        if (m.get(field) instanceof Number old && publicId != null) {
            legacy.put(field, old);
            m.put(field, publicId);
        }
    }
}
