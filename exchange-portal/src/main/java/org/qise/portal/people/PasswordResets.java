package org.qise.portal.people;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.qise.portal.PortalException;
import org.qise.portal.audit.AuditLog;
import org.qise.portal.auth.Passwords;
import org.qise.portal.auth.Secrets;
import org.qise.portal.db.Jdbc;

/**
 * Password resets by one-time link. An admin makes the link and hands it over (in person, by a
 * channel they trust); when SMTP is configured it is also mailed to the person ({@link #mail}),
 * and the admin still sees it, in case the mail does not arrive. The link carries 256 random bits, only
 * their SHA-256 is stored, it works once, and it expires after {@link #LIFETIME}. Making a new
 * link for someone cancels their older unused ones. Using it sets the password (under the usual
 * policy) and ends every browser session of the account, as a password change does.
 */
public final class PasswordResets {
    public static final Duration LIFETIME = Duration.ofHours(24);
    static final String PREFIX = "qr_";

    /** A link just made: the secret (shown once), when it stops working, and whose it is. */
    public record Issued(String secret, Instant expiresAt, String email, String name) {}

    /** What became of mailing a link: not tried (no SMTP), sent, or refused by the server (with why). */
    public record Mailing(boolean tried, boolean sent, String problem) {
        static final Mailing NOT_TRIED = new Mailing(false, false, null);
    }

    private final Jdbc jdbc;
    private final Passwords passwords;
    private final AuditLog audit;
    private final Clock clock;

    public PasswordResets(Jdbc jdbc, Passwords passwords, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new link's secret for the user; admins only. */
    public Issued issue(User admin, long userId) {
        if (admin == null || !admin.isAdmin()) throw PortalException.forbidden("only an admin may make a password-reset link");
        String[] person = jdbc.queryOne("SELECT email, name FROM users WHERE id = ?", rs -> new String[] {rs.getString(1), rs.getString(2)}, userId)
                .orElseThrow(() -> PortalException.notFound("user " + userId));
        String email = person[0];
        String secret = Secrets.newSecret(PREFIX);
        Instant now = clock.instant();
        Instant expires = now.plus(LIFETIME);
        jdbc.transaction(tx -> {
            tx.update("UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL", now, userId);
            tx.insert("INSERT INTO password_resets (token_hash, user_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                    Secrets.sha256(secret), userId, admin.id(), now, expires);
            return null;
        });
        audit.record(admin.id(), "password-reset-link", email, null);
        return new Issued(secret, expires, email, person[1]);
    }

    /**
     * Mails the link (its full address {@code url}) to the person when the outbox can send; a
     * refused mail is reported, not thrown, since the admin holds the link and can hand it over.
     */
    public static Mailing mail(org.qise.portal.mail.Outbox outbox, Issued issued, String url) {
        if (!outbox.enabled()) return Mailing.NOT_TRIED;
        try {
            outbox.send(PeopleMail.resetLink(issued.email(), issued.name(), url, issued.expiresAt()));
            return new Mailing(true, true, null);
        } catch (org.qise.portal.mail.MailFailure e) {
            return new Mailing(true, false, e.getMessage());
        }
    }

    /** The user a link would reset, if it is unused and unexpired; 404 otherwise (never saying which). */
    public long check(String secret) {
        return jdbc.queryOne("SELECT user_id FROM password_resets WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
                rs -> rs.getLong(1), Secrets.sha256(secret == null ? "" : secret), clock.instant())
                .orElseThrow(() -> gone());
    }

    /**
     * Sets the new password and spends the link, in one transaction: of two uses at the same time
     * only one finds it unused. Returns the user whose password changed.
     */
    public long redeem(String secret, String newPassword) {
        String hash = passwords.hash(newPassword); // the policy first: a refused password leaves the link usable
        Instant now = clock.instant();
        long userId = jdbc.transaction(tx -> {
            long id = tx.queryOne("SELECT user_id FROM password_resets WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
                    rs -> rs.getLong(1), Secrets.sha256(secret == null ? "" : secret), now)
                    .orElseThrow(() -> gone());
            int spent = tx.update("UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL",
                    now, Secrets.sha256(secret));
            if (spent != 1) throw gone();
            tx.update("UPDATE users SET password_hash = ? WHERE id = ?", hash, id);
            tx.update("DELETE FROM sessions WHERE user_id = ?", id);
            return id;
        });
        audit.record(userId, "password-reset", "user " + userId, null);
        return userId;
    }

    private static PortalException gone() {
        return new PortalException(404, "this reset link is unknown, used or expired; ask an admin for a new one");
    }
}
