package org.qise.portal.runs;

import java.util.Map;
import java.util.TreeMap;
import org.qise.sim.Manifest;

/**
 * The SHA-256 of a result's canonical text, computed from its counts alone, so that results
 * pushed from elsewhere (where only the counts travel) hash the same way as
 * {@link org.qise.sim.Result#sha256()} hashes results simulated here. RunsApiTest checks the two
 * agree.
 */
final class ResultHash {
    private ResultHash() {}

    /** The format of {@link org.qise.sim.Result#canonicalText()}: version, shots, then "bits\tcount" lines. */
    static String canonicalText(long shots, Map<String, Long> counts) {
        StringBuilder sb = new StringBuilder("qise-result 1\nshots ").append(shots).append('\n');
        new TreeMap<>(counts).forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
        return sb.toString();
    }

    static String sha256(long shots, Map<String, Long> counts) {
        return Manifest.sha256(canonicalText(shots, counts));
    }
}
