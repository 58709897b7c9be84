package org.qise.portal.runs;

import java.util.List;
import org.qise.portal.circuits.QasmCheck;
import org.qise.portal.db.Jdbc;
import org.qise.sim.Manifest;

/**
 * Circuit versions by the SHA-256 of their canonical text, for matching a pushed result to the
 * circuit it belongs to among every version in the database (a scan of the newest circuits
 * would miss older ones and make duplicates). Versions are hashed when first needed: each
 * look-up first hashes the versions that have no hash yet, a bounded batch at a time.
 */
final class CanonicalIndex {
    /** A circuit version with the canonical hash asked for, and its owner. */
    record Match(long circuitId, int version, long ownerId) {}

    private record Unhashed(long circuitId, int version, String qasm) {}

    /** Versions hashed per look-up; the rest wait for the next one (they are new, so few). */
    static final int BATCH = 500;

    private final Jdbc jdbc;

    CanonicalIndex(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Versions of live circuits whose canonical text has this hash, oldest circuit first. */
    synchronized List<Match> find(String sha256) {
        fill();
        return jdbc.query("SELECT v.circuit_id, v.version, c.owner_id FROM circuit_versions v JOIN circuits c ON c.id = v.circuit_id"
                + " WHERE v.canonical_sha256 = ? AND c.deleted = FALSE ORDER BY v.circuit_id, v.version",
                rs -> new Match(rs.getLong(1), rs.getInt(2), rs.getLong(3)), sha256);
    }

    /** Hashes up to {@link #BATCH} versions that have no hash yet; returns how many. */
    int fill() {
        List<Unhashed> todo = jdbc.query("SELECT circuit_id, version, qasm FROM circuit_versions WHERE canonical_sha256 IS NULL"
                + " ORDER BY circuit_id DESC, version DESC LIMIT " + BATCH, rs -> new Unhashed(rs.getLong(1), rs.getInt(2), rs.getString(3)));
        for (Unhashed u : todo) {
            String sha;
            try {
                sha = Manifest.sha256(Manifest.canonicalText(QasmCheck.parse(u.qasm())));
            } catch (RuntimeException unreadable) {
                sha = "-"; // matches no hash, and is not tried again
            }
            jdbc.update("UPDATE circuit_versions SET canonical_sha256 = ? WHERE circuit_id = ? AND version = ?", sha, u.circuitId(), u.version());
        }
        return todo.size();
    }
}
