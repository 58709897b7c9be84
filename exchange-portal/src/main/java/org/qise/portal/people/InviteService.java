package org.qise.portal.people;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.qise.portal.PortalException;
import org.qise.portal.auth.Secrets;
import org.qise.portal.db.Jdbc;

/**
 * Invite codes: registration needs one. Admins invite any role into any cohort; instructors
 * invite fellows into cohorts they belong to. Codes are stored only as SHA-256 digests.
 */
public final class InviteService {
    /** What a redeemed code grants. */
    public record Redeemed(Role role, Long cohortId) {}

    /** An invite as listed for its creator (the code itself is not kept). */
    public record Invite(long id, Role role, String cohort, int usesLeft, Instant expiresAt) {}

    public static final int MAX_USES = 1000;

    /**
     * An invite works only while its creator's account does: a disabled creator's invites are
     * revoked when the account is disabled, and this guard also covers invites of accounts
     * disabled before revocation existed.
     */
    private static final String CREATOR_ACTIVE = " AND created_by IN (SELECT id FROM users WHERE disabled = FALSE)";

    private final Jdbc jdbc;

    public InviteService(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates an invite and returns its code (shown once). */
    public String create(User actor, Role role, Cohort cohort, int uses, Duration validFor) {
        if (!actor.canInvite()) throw PortalException.forbidden("only admins and instructors may create invites");
        if (actor.role() == Role.INSTRUCTOR) {
            if (role != Role.FELLOW) throw PortalException.forbidden("instructors may only invite fellows");
            if (cohort == null || !actor.inCohort(cohort.id())) {
                throw PortalException.forbidden("instructors may only invite into a cohort they belong to");
            }
        }
        if (uses < 1 || uses > MAX_USES) throw PortalException.badRequest("uses must be between 1 and " + MAX_USES);
        if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(Duration.ofDays(365)) > 0) {
            throw PortalException.badRequest("an invite must be valid for between 1 and 365 days");
        }
        String code = Secrets.newSecret("inv_");
        Instant now = Instant.now();
        jdbc.insert("INSERT INTO invites (code_hash, role, cohort_id, created_by, uses_left, expires_at, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", Secrets.sha256(code), role, cohort == null ? null : cohort.id(),
                actor.id(), uses, now.plus(validFor), now);
        return code;
    }

    /**
     * Throws 400 unless the code could be redeemed now. Registration checks this before the
     * costly password hash, so a visitor without a valid invite cannot make the server hash.
     */
    void requireUsable(String code) {
        if (code == null || code.isBlank()) throw PortalException.badRequest("an invite code is required to register");
        long usable = jdbc.count("SELECT COUNT(*) FROM invites WHERE code_hash = ? AND uses_left > 0 AND expires_at > ?"
                + CREATOR_ACTIVE, Secrets.sha256(code.strip()), Instant.now());
        if (usable == 0) throw PortalException.badRequest("the invite code is unknown, used up or expired");
    }

    /** Uses up one use of a code inside the registration transaction. */
    Redeemed redeem(Jdbc tx, String code) {
        if (code == null || code.isBlank()) throw PortalException.badRequest("an invite code is required to register");
        String hash = Secrets.sha256(code.strip());
        int changed = tx.update("UPDATE invites SET uses_left = uses_left - 1"
                + " WHERE code_hash = ? AND uses_left > 0 AND expires_at > ?" + CREATOR_ACTIVE, hash, Instant.now());
        if (changed != 1) throw PortalException.badRequest("the invite code is unknown, used up or expired");
        return tx.queryOne("SELECT role, cohort_id FROM invites WHERE code_hash = ?",
                rs -> new Redeemed(Role.valueOf(rs.getString("role")), Jdbc.nullableLong(rs, "cohort_id")), hash)
                .orElseThrow();
    }

    public List<Invite> createdBy(User actor) {
        return jdbc.query("SELECT i.id, i.role, c.name AS cohort, i.uses_left, i.expires_at FROM invites i"
                + " LEFT JOIN cohorts c ON c.id = i.cohort_id WHERE i.created_by = ? ORDER BY i.id DESC",
                rs -> new Invite(rs.getLong("id"), Role.valueOf(rs.getString("role")), rs.getString("cohort"),
                        rs.getInt("uses_left"), Jdbc.instant(rs, "expires_at")), actor.id());
    }

    /** Revokes an invite by hand (its creator or an admin): no further registrations with it. 404 for anyone else. */
    public void revoke(User actor, long inviteId) {
        checkRevocable(actor, inviteId);
        jdbc.update("UPDATE invites SET uses_left = 0 WHERE id = ?", inviteId);
    }

    /** Throws what {@link #revoke} would for someone who may not revoke it (the page asks first only those who may). */
    public void checkRevocable(User actor, long inviteId) {
        if (actor == null) throw PortalException.unauthorized("sign in first");
        Long creator = jdbc.queryOne("SELECT created_by FROM invites WHERE id = ?", rs -> rs.getLong(1), inviteId).orElse(null);
        if (creator == null || (creator != actor.id() && !actor.isAdmin())) throw PortalException.notFound("invite " + inviteId);
    }

    /** Revokes every invite a person created (when their account is disabled); inside the caller's transaction. */
    public static int revokeAllBy(Jdbc tx, long creatorId) {
        return tx.update("UPDATE invites SET uses_left = 0 WHERE created_by = ? AND uses_left > 0", creatorId);
    }
}
