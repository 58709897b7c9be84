package org.qise.portal.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.qise.portal.db.Jdbc;

/**
 * Server-side browser sessions of signed-in users. The cookie carries a random id; the table
 * keeps only its SHA-256, the user and the CSRF token of the session. Visitors who are not
 * signed in get no row (web.WebSession signs their form tokens instead).
 * Sessions end after an idle timeout, an absolute timeout, logout, or when the account is
 * disabled (the rows are deleted).
 */
public final class SessionService {
    /** A live session. {@code rawId} is what the cookie holds. */
    public record Session(String rawId, Long userId, String csrfToken, Instant createdAt) {}

    /** Touching last_seen_at on every request would write on every page view; a minute is precise enough. */
    private static final Duration TOUCH_GRANULARITY = Duration.ofMinutes(1);

    private final Jdbc jdbc;
    private final Duration idleTimeout;
    private final Duration absoluteTimeout;
    private final Clock clock;

    public SessionService(Jdbc jdbc, Duration idleTimeout, Duration absoluteTimeout, Clock clock) {
        this.jdbc = jdbc;
        this.idleTimeout = idleTimeout;
        this.absoluteTimeout = absoluteTimeout;
        this.clock = clock;
    }

    /** Signs a user in: the old session is dropped and a new id issued, defeating session fixation. */
    public Session signIn(String oldRawId, long userId) {
        if (oldRawId != null) end(oldRawId);
        return insert(userId);
    }

    /** The session for a cookie value, if it exists and has not timed out. */
    public Optional<Session> find(String rawId) {
        if (rawId == null || rawId.isBlank() || rawId.length() > 100) return Optional.empty();
        String hash = Secrets.sha256(rawId);
        record Row(Long userId, String csrf, Instant created, Instant lastSeen) {}
        Optional<Row> row = jdbc.queryOne("SELECT user_id, csrf_token, created_at, last_seen_at FROM sessions WHERE id_hash = ?",
                rs -> new Row(Jdbc.nullableLong(rs, "user_id"), rs.getString("csrf_token"),
                        Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "last_seen_at")), hash);
        if (row.isEmpty()) return Optional.empty();
        Instant now = clock.instant();
        Row r = row.get();
        if (r.lastSeen().plus(idleTimeout).isBefore(now) || r.created().plus(absoluteTimeout).isBefore(now)) {
            jdbc.update("DELETE FROM sessions WHERE id_hash = ?", hash);
            return Optional.empty();
        }
        if (r.lastSeen().plus(TOUCH_GRANULARITY).isBefore(now)) {
            jdbc.update("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?", now, hash);
        }
        return Optional.of(new Session(rawId, r.userId(), r.csrf(), r.created()));
    }

    public void end(String rawId) {
        if (rawId != null) jdbc.update("DELETE FROM sessions WHERE id_hash = ?", Secrets.sha256(rawId));
    }

    /** Ends every session of a user (after a password change, the current one is replaced by a fresh one). */
    public void endAllFor(long userId) {
        jdbc.update("DELETE FROM sessions WHERE user_id = ?", userId);
    }

    /** Deletes sessions past their absolute timeout or idle for longer than the idle timeout. */
    public int purgeExpired() {
        Instant now = clock.instant();
        return jdbc.update("DELETE FROM sessions WHERE created_at < ? OR last_seen_at < ?",
                now.minus(absoluteTimeout), now.minus(idleTimeout));
    }

    private Session insert(long userId) {
        String raw = Secrets.newSecret("");
        String csrf = Secrets.newSecret("");
        Instant now = clock.instant();
        jdbc.update("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
                Secrets.sha256(raw), userId, csrf, now, now);
        return new Session(raw, userId, csrf, now);
    }
}
