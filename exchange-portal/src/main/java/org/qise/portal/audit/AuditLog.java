package org.qise.portal.audit;

import java.time.Instant;
import java.util.List;
import org.qise.portal.db.Jdbc;

/** Append-only record of security-relevant events: logins, failed logins, role changes, disables, deletions. */
public final class AuditLog {
    /** One recorded event. actorId is null when nobody was signed in (e.g. a failed login). */
    public record Entry(long id, Instant at, Long actorId, String action, String subject, String client) {}

    private final Jdbc jdbc;

    public AuditLog(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void record(Long actorId, String action, String subject, String client) {
        jdbc.update("INSERT INTO audit_log (at, actor_id, action, subject, client) VALUES (?, ?, ?, ?, ?)",
                Instant.now(), actorId, action, truncate(subject, 300), truncate(client, 100));
    }

    /** The most recent entries, newest first. */
    public List<Entry> recent(int limit) {
        return jdbc.query("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", rs -> new Entry(
                rs.getLong("id"), Jdbc.instant(rs, "at"), Jdbc.nullableLong(rs, "actor_id"),
                rs.getString("action"), rs.getString("subject"), rs.getString("client")), limit);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
