package org.qise.portal.runs;

import java.util.Map;
import org.qise.sim.Manifest;
import org.qise.sim.ResultDocument;

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
        return ResultDocument.canonicalText(shots, counts);
    }

    static String sha256(long shots, Map<String, Long> counts) {
        return Manifest.sha256(canonicalText(shots, counts));
    }
}
