package org.qise.portal.people;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.qise.portal.PortalException;
import org.qise.portal.audit.AuditLog;
import org.qise.portal.auth.AuthService;
import org.qise.portal.auth.Secrets;
import org.qise.portal.db.Jdbc;
import org.qise.portal.mail.MailFailure;
import org.qise.portal.mail.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changing one's email address. The new address replaces the old one only when the one-time link
 * mailed to it is used: else a typo, or anyone at an unlocked keyboard, could move the account
 * to a mailbox its owner does not read (and password-reset mails would follow it). The request
 * also needs the current password and tells the old address. Links carry 256 random bits of
 * which only the SHA-256 is stored, work once, expire after {@link #LIFETIME}, and a newer request
 * spends the older ones. Without SMTP nothing can be confirmed, so every request is refused (409).
 */
public final class EmailChanges {
    private static final Logger LOG = LoggerFactory.getLogger(EmailChanges.class);
    public static final Duration LIFETIME = Duration.ofHours(24);
    static final String PREFIX = "qm_";
    /** Requests per account in any {@link #LIFETIME}: each mails an address the requester chooses, so it is bounded. */
    public static final int MAX_REQUESTS = 5;

    /** A change waiting for its link. */
    public record Pending(String newEmail, Instant expiresAt) {}

    /** What a confirmation link would do: the account, its address now and the one it would get. */
    public record Change(long userId, String name, String oldEmail, String newEmail) {}

    private final Jdbc jdbc;
    private final AuthService auth;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    public EmailChanges(Jdbc jdbc, AuthService auth, Outbox outbox, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.auth = auth;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether changes can be made at all (an SMTP server is configured). */
    public boolean available() {
        return outbox.enabled();
    }

    public static PortalException refusal() {
        return PortalException.conflict("an email change must be confirmed by mail to the new address, and this portal sends"
                + " no mail (no SMTP server is configured); ask an admin to change your address");
    }

    /**
     * Stores the new address as pending and mails the link (built by {@code linkFor} from the
     * secret) to it, and a notice to the old address. 409 without SMTP or when another account
     * has the address, 400 for a malformed address, the current one, or a wrong password, 502 when
     * the mail server refuses the confirmation mail (the link is then spent).
     */
    public Pending request(User user, String newEmail, String currentPassword, String client, java.util.function.UnaryOperator<String> linkFor) {
        if (!available()) throw refusal();
        String email = UserService.normaliseEmail(newEmail);
        if (email.equals(user.email())) throw PortalException.badRequest(email + " is already your address");
        try {
            auth.login(user.email(), currentPassword == null ? "" : currentPassword, client); // throttled like any login
        } catch (PortalException e) {
            throw e.status() == 401 ? PortalException.badRequest("the current password is wrong") : e;
        }
        Instant now = clock.instant();
        java.util.List<Instant> recent = jdbc.query("SELECT created_at FROM email_changes WHERE user_id = ? AND created_at > ? ORDER BY created_at",
                rs -> Jdbc.instant(rs, "created_at"), user.id(), now.minus(LIFETIME));
        if (recent.size() >= MAX_REQUESTS) {
            long wait = Duration.between(now, recent.get(recent.size() - MAX_REQUESTS).plus(LIFETIME)).toSeconds() + 1;
            throw PortalException.tooManyRequests("at most " + MAX_REQUESTS + " email-change requests a day (each sends mail);"
                    + " try again in " + (wait + 3599) / 3600 + " h", wait);
        }
        if (jdbc.count("SELECT COUNT(*) FROM users WHERE email = ?", email) > 0) {
            throw PortalException.conflict("another account uses " + email);
        }
        String secret = Secrets.newSecret(PREFIX);
        String hash = Secrets.sha256(secret);
        Instant expires = now.plus(LIFETIME);
        jdbc.transaction(tx -> {
            tx.update("UPDATE email_changes SET used_at = ? WHERE user_id = ? AND used_at IS NULL", now, user.id());
            tx.insert("INSERT INTO email_changes (token_hash, user_id, new_email, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                    hash, user.id(), email, now, expires);
            return null;
        });
        try {
            outbox.send(PeopleMail.confirmNewAddress(email, user.name(), user.email(), linkFor.apply(secret), expires));
        } catch (MailFailure e) {
            jdbc.update("UPDATE email_changes SET used_at = ? WHERE token_hash = ?", now, hash);
            LOG.warn("email change for user {}: {}", user.id(), e.getMessage());
            throw new PortalException(502, "the confirmation mail could not be sent, so your address stays " + user.email()
                    + "; try again later (" + e.getMessage() + ")");
        }
        try {
            outbox.send(PeopleMail.noticeToOldAddress(user.email(), user.name(), email, expires));
        } catch (MailFailure e) {
            // The change still needs the new mailbox; a lost notice weakens nothing it protects.
            LOG.warn("email change for user {}: the notice to the old address failed: {}", user.id(), e.getMessage());
        }
        audit.record(user.id(), "email-change-requested", user.email() + " -> " + email, client);
        return new Pending(email, expires);
    }

    /** The unused, unexpired change waiting for the user, if any. */
    public Optional<Pending> pending(long userId) {
        return jdbc.queryOne("SELECT new_email, expires_at FROM email_changes WHERE user_id = ? AND used_at IS NULL AND expires_at > ?"
                        + " ORDER BY id DESC", rs -> new Pending(rs.getString("new_email"), Jdbc.instant(rs, "expires_at")),
                userId, clock.instant());
    }

    /** What the link would change, if it is unused and unexpired and its account active; 404 otherwise (never saying which). */
    public Change check(String secret) {
        return find(jdbc, secret, clock.instant());
    }

    /**
     * Gives the account the new address and spends the link, in one transaction: of two uses at
     * the same time only one finds it unused. 409 if another account took the address meanwhile.
     */
    public Change confirm(String secret) {
        Instant now = clock.instant();
        Change change = jdbc.transaction(tx -> {
            Change c = find(tx, secret, now);
            if (tx.update("UPDATE email_changes SET used_at = ? WHERE token_hash = ? AND used_at IS NULL", now, Secrets.sha256(secret)) != 1) {
                throw gone();
            }
            if (tx.count("SELECT COUNT(*) FROM users WHERE email = ? AND id <> ?", c.newEmail(), c.userId()) > 0) {
                throw PortalException.conflict("another account took " + c.newEmail() + " meanwhile; your address stays " + c.oldEmail());
            }
            tx.update("UPDATE users SET email = ? WHERE id = ?", c.newEmail(), c.userId());
            tx.update("UPDATE email_changes SET used_at = ? WHERE user_id = ? AND used_at IS NULL", now, c.userId());
            return c;
        });
        audit.record(change.userId(), "email-change", change.oldEmail() + " -> " + change.newEmail(), null);
        return change;
    }

    private static Change find(Jdbc db, String secret, Instant now) {
        return db.queryOne("SELECT e.user_id, u.name, u.email, e.new_email FROM email_changes e JOIN users u ON u.id = e.user_id"
                        + " WHERE e.token_hash = ? AND e.used_at IS NULL AND e.expires_at > ? AND u.disabled = FALSE",
                rs -> new Change(rs.getLong("user_id"), rs.getString("name"), rs.getString("email"), rs.getString("new_email")),
                Secrets.sha256(secret == null ? "" : secret), now).orElseThrow(EmailChanges::gone);
    }

    private static PortalException gone() {
        return new PortalException(404, "this confirmation link is unknown, used or expired; ask for a new one on your account's"
                + " email page");
    }
}
