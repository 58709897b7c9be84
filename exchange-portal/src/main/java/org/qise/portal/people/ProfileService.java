package org.qise.portal.people;

import java.time.Instant;
import java.util.List;
import org.qise.portal.PortalException;
import org.qise.portal.audit.AuditLog;
import org.qise.portal.db.Jdbc;

/**
 * Public profiles: name, institution, country, ORCID iD, a short bio, and the person's runs on
 * circuits the viewer may see. Only the person edits their own profile. Email addresses are never
 * part of a profile (nobody should learn an address from a public page). A disabled account's
 * profile is not found.
 */
public final class ProfileService {
    /** What a profile page shows. */
    public record Profile(long id, String name, String institution, String country, String orcid, String bio, Instant joinedAt) {}

    /** What the person may change. Null keeps a field (API PATCH-like PUT); blank clears ORCID and bio. */
    public record Draft(String name, String institution, String country, String orcid, String bio) {}

    /** A run on a profile: public id, circuit title and public id, status, shots and when it ended. */
    public record RunLine(String publicId, String circuitPublicId, String circuitTitle, String status, long shots, Instant finishedAt) {}

    public static final int MAX_BIO = 1_000;
    public static final int MAX_NAME = 200;
    public static final int MAX_COUNTRY = 100;
    public static final int MAX_RUNS_LISTED = 50;

    private final Jdbc jdbc;
    private final AuditLog audit;

    public ProfileService(Jdbc jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public Profile profile(long id) {
        return jdbc.queryOne("SELECT id, name, institution, country, orcid, bio, created_at FROM users WHERE id = ? AND disabled = FALSE",
                rs -> new Profile(rs.getLong("id"), rs.getString("name"), rs.getString("institution"), rs.getString("country"),
                        rs.getString("orcid"), rs.getString("bio") == null ? "" : rs.getString("bio"), Jdbc.instant(rs, "created_at")), id)
                .orElseThrow(() -> PortalException.notFound("person " + id));
    }

    /** Changes the actor's own profile; 403 for anyone else's. Returns the profile as stored. */
    public Profile update(User actor, long id, Draft d) {
        if (actor == null) throw PortalException.unauthorized("sign in to edit your profile");
        if (actor.id() != id) throw PortalException.forbidden("only the person may edit their profile");
        Profile now = profile(id);
        String name = d.name() == null ? now.name() : bounded("name", d.name(), MAX_NAME, true);
        String institution = d.institution() == null ? now.institution() : bounded("institution", d.institution(), MAX_NAME, false);
        String country = d.country() == null ? now.country() : bounded("country", d.country(), MAX_COUNTRY, false);
        String orcid = d.orcid() == null ? now.orcid() : Orcid.normalise(d.orcid());
        String bio = d.bio() == null ? now.bio() : bounded("bio", d.bio(), MAX_BIO, false);
        jdbc.update("UPDATE users SET name = ?, institution = ?, country = ?, orcid = ?, bio = ? WHERE id = ?",
                name, institution, country, orcid, bio, id);
        audit.record(actor.id(), "profile-change", "user " + id, null);
        return profile(id);
    }

    /**
     * The person's latest runs on circuits the viewer may see (the circuits' visibility rule, as
     * in circuits.CircuitService), newest first.
     */
    public List<RunLine> runs(User viewer, long personId) {
        StringBuilder sql = new StringBuilder("SELECT r.public_id, c.public_id AS circuit_public_id, v.title, r.status, r.shots,"
                + " r.finished_at FROM runs r JOIN circuits c ON c.id = r.circuit_id"
                + " JOIN circuit_versions v ON v.circuit_id = c.id AND v.version = r.circuit_version"
                + " WHERE r.owner_id = ? AND c.deleted = FALSE");
        List<Object> params = new java.util.ArrayList<>(List.of(personId));
        org.qise.portal.access.AccessPolicy.appendCircuitFilter(viewer, "c", sql, params);
        sql.append(" ORDER BY r.id DESC LIMIT ").append(MAX_RUNS_LISTED);
        return jdbc.query(sql.toString(), rs -> new RunLine(rs.getString("public_id"), rs.getString("circuit_public_id"),
                rs.getString("title"), rs.getString("status").toLowerCase(java.util.Locale.ROOT), rs.getLong("shots"),
                Jdbc.instant(rs, "finished_at")), params.toArray());
    }

    private static String bounded(String field, String value, int max, boolean required) {
        String v = value.strip();
        if (required && v.isEmpty()) throw PortalException.badRequest(field + " must not be empty");
        if (v.length() > max) throw PortalException.badRequest(field + " is " + v.length() + " characters; at most " + max);
        return v;
    }
}
