package org.qise.portal.people;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.qise.portal.PortalException;
import org.qise.portal.audit.AuditLog;
import org.qise.portal.auth.Passwords;
import org.qise.portal.db.DataAccessException;
import org.qise.portal.db.Jdbc;

/** Researchers: registration, look-up, cohorts, role changes and disabling. */
public final class UserService {
    /** What a person fills in to register. */
    public record Registration(String email, String password, String name, String institution, String country) {}

    /** A user row together with its stored password hash (never leaves the auth code). */
    public record Credentials(User user, String passwordHash) {}

    private final Jdbc jdbc;
    private final Passwords passwords;
    private final AuditLog audit;
    private final InviteService invites;

    public UserService(Jdbc jdbc, Passwords passwords, AuditLog audit, InviteService invites) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.audit = audit;
        this.invites = invites;
    }

    /** Registers with an invite code, which fixes the role and cohort. */
    public User register(Registration r, String inviteCode) {
        String email = normaliseEmail(r.email());
        String name = required("name", r.name(), 200);
        String institution = required("institution", r.institution(), 200);
        String country = required("country", r.country(), 100);
        Passwords.checkPolicy(r.password());
        invites.requireUsable(inviteCode);
        String hash = passwords.hash(r.password());
        long id = jdbc.transaction(tx -> {
            InviteService.Redeemed invite = invites.redeem(tx, inviteCode);
            long userId = insertUser(tx, email, name, institution, country, invite.role(), hash);
            if (invite.cohortId() != null) joinCohort(tx, userId, invite.cohortId());
            return userId;
        });
        audit.record(id, "register", email, null);
        return find(id).orElseThrow();
    }

    /** Creates an admin directly (first start-up, demo data). */
    public User createUser(Registration r, Role role, Long cohortId) {
        String email = normaliseEmail(r.email());
        String hash = passwords.hash(r.password());
        long id = jdbc.transaction(tx -> {
            long userId = insertUser(tx, email, required("name", r.name(), 200),
                    r.institution() == null ? "" : r.institution(), r.country() == null ? "" : r.country(), role, hash);
            if (cohortId != null) joinCohort(tx, userId, cohortId);
            return userId;
        });
        audit.record(null, "create-user", email + " as " + role.label(), null);
        return find(id).orElseThrow();
    }

    /**
     * Sets a new password. The caller checks the current one first (through the login
     * throttle); this method only enforces the policy and records the change.
     */
    public void setPassword(User user, String newPassword) {
        String hash = passwords.hash(newPassword);
        jdbc.update("UPDATE users SET password_hash = ? WHERE id = ?", hash, user.id());
        audit.record(user.id(), "password-change", user.email(), null);
    }

    public boolean hasActiveAdmin() {
        return jdbc.count("SELECT COUNT(*) FROM users WHERE role = ? AND disabled = FALSE", Role.ADMIN) > 0;
    }

    public Optional<User> find(long id) {
        return withCohorts(jdbc.query("SELECT * FROM users WHERE id = ?", UserService::mapUser, id)).stream().findFirst();
    }

    public Optional<Credentials> credentials(String email) {
        if (email == null) return Optional.empty();
        Optional<Credentials> row = jdbc.queryOne("SELECT * FROM users WHERE email = ?",
                rs -> new Credentials(mapUser(rs), rs.getString("password_hash")),
                email.strip().toLowerCase(Locale.ROOT));
        return row.map(c -> new Credentials(withCohorts(List.of(c.user())).getFirst(), c.passwordHash()));
    }

    public Optional<User> findByEmail(String email) {
        return credentials(email).map(Credentials::user);
    }

    public List<User> all() {
        return withCohorts(jdbc.query("SELECT * FROM users ORDER BY name, id", UserService::mapUser));
    }

    /** Disables an account: its sessions, API tokens and unused invites stop working at once. */
    public void disable(User actor, long userId) {
        requireAdmin(actor);
        if (actor.id() == userId) throw PortalException.badRequest("you cannot disable your own account");
        User target = find(userId).orElseThrow(() -> PortalException.notFound("user"));
        jdbc.transaction(tx -> {
            tx.update("UPDATE users SET disabled = TRUE WHERE id = ?", userId);
            tx.update("DELETE FROM sessions WHERE user_id = ?", userId);
            tx.update("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                    Instant.now(), userId);
            InviteService.revokeAllBy(tx, userId);
            return null;
        });
        audit.record(actor.id(), "disable", target.email(), null);
    }

    public void enable(User actor, long userId) {
        requireAdmin(actor);
        User target = find(userId).orElseThrow(() -> PortalException.notFound("user"));
        jdbc.update("UPDATE users SET disabled = FALSE WHERE id = ?", userId);
        audit.record(actor.id(), "enable", target.email(), null);
    }

    public void changeRole(User actor, long userId, Role role) {
        requireAdmin(actor);
        if (actor.id() == userId) throw PortalException.badRequest("you cannot change your own role");
        User target = find(userId).orElseThrow(() -> PortalException.notFound("user"));
        jdbc.update("UPDATE users SET role = ? WHERE id = ?", role, userId);
        audit.record(actor.id(), "role-change", target.email() + ": " + target.role().label() + " -> " + role.label(), null);
    }

    public Cohort cohortNamed(String name) {
        String clean = required("cohort", name, 100);
        return jdbc.queryOne("SELECT id, name FROM cohorts WHERE name = ?",
                rs -> new Cohort(rs.getLong("id"), rs.getString("name")), clean).orElseGet(() -> {
                    try {
                        long id = jdbc.insert("INSERT INTO cohorts (name, created_at) VALUES (?, ?)", clean, Instant.now());
                        return new Cohort(id, clean);
                    } catch (DataAccessException e) {
                        if (!e.isConstraintViolation()) throw e;
                        return jdbc.queryOne("SELECT id, name FROM cohorts WHERE name = ?",
                                rs -> new Cohort(rs.getLong("id"), rs.getString("name")), clean).orElseThrow();
                    }
                });
    }

    public Optional<Cohort> findCohort(String name) {
        if (name == null || name.isBlank()) return Optional.empty();
        return jdbc.queryOne("SELECT id, name FROM cohorts WHERE name = ?",
                rs -> new Cohort(rs.getLong("id"), rs.getString("name")), name.strip());
    }

    public List<Cohort> cohorts() {
        return jdbc.query("SELECT id, name FROM cohorts ORDER BY name",
                rs -> new Cohort(rs.getLong("id"), rs.getString("name")));
    }

    public void addToCohort(User actor, long userId, Cohort cohort) {
        requireAdmin(actor);
        jdbc.transaction(tx -> {
            if (tx.count("SELECT COUNT(*) FROM user_cohorts WHERE user_id = ? AND cohort_id = ?", userId, cohort.id()) == 0) {
                joinCohort(tx, userId, cohort.id());
            }
            return null;
        });
    }

    static String normaliseEmail(String email) {
        String e = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        int at = e.indexOf('@');
        if (at < 1 || at != e.lastIndexOf('@') || at == e.length() - 1 || e.length() > 254
                || e.chars().anyMatch(ch -> ch <= ' ')) {
            throw PortalException.badRequest("'" + (email == null ? "" : email) + "' is not a valid email address");
        }
        return e;
    }

    static String required(String field, String value, int maxLength) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) throw PortalException.badRequest(field + " is required");
        if (v.length() > maxLength) throw PortalException.badRequest(field + " is longer than " + maxLength + " characters");
        return v;
    }

    private static void requireAdmin(User actor) {
        if (!actor.isAdmin()) throw PortalException.forbidden("only admins may do this");
    }

    private static long insertUser(Jdbc tx, String email, String name, String institution, String country,
                                   Role role, String hash) {
        if (tx.count("SELECT COUNT(*) FROM users WHERE email = ?", email) > 0) {
            throw PortalException.conflict("an account with email " + email + " already exists");
        }
        return tx.insert("INSERT INTO users (email, name, institution, country, role, password_hash, disabled, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, FALSE, ?)", email, name, institution, country, role, hash, Instant.now());
    }

    private static void joinCohort(Jdbc tx, long userId, long cohortId) {
        tx.update("INSERT INTO user_cohorts (user_id, cohort_id) VALUES (?, ?)", userId, cohortId);
    }

    /** A user row without cohorts; {@link #withCohorts} adds them in one query for all rows (none inside the mapper). */
    private static User mapUser(ResultSet rs) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("email"), rs.getString("name"), rs.getString("institution"),
                rs.getString("country"), Role.valueOf(rs.getString("role")), rs.getBoolean("disabled"), List.of());
    }

    private List<User> withCohorts(List<User> users) {
        if (users.isEmpty()) return users;
        java.util.Map<Long, List<Cohort>> cohorts = new java.util.HashMap<>();
        String sql = "SELECT uc.user_id, c.id, c.name FROM user_cohorts uc JOIN cohorts c ON c.id = uc.cohort_id";
        Object[] ids = users.stream().map(User::id).toArray();
        // Many users (the admin's list): read all memberships rather than build a huge IN list.
        boolean all = ids.length > 500;
        jdbc.query(sql + (all ? "" : " WHERE uc.user_id IN (" + String.join(", ", java.util.Collections.nCopies(ids.length, "?")) + ")")
                        + " ORDER BY c.name",
                rs -> cohorts.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>()).add(new Cohort(rs.getLong(2), rs.getString(3))),
                all ? new Object[0] : ids);
        return users.stream().map(u -> new User(u.id(), u.email(), u.name(), u.institution(), u.country(), u.role(), u.disabled(),
                List.copyOf(cohorts.getOrDefault(u.id(), List.of())))).toList();
    }
}
