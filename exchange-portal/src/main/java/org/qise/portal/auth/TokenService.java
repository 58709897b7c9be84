package org.qise.portal.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.qise.portal.PortalException;
import org.qise.portal.db.Jdbc;

/**
 * API tokens: 256 random bits shown once at creation, stored as SHA-256, with a name, an
 * expiry, the time of last use and revocation. A disabled account's tokens stop at once.
 */
public final class TokenService {
    /** A token as listed to its owner (never the secret). */
    public record TokenInfo(long id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
                            Instant revokedAt, java.util.Set<TokenScope> scopes) {
        /** "read, write" for pages. */
        public String scopeLabels() { return TokenScope.format(scopes).replace(",", ", "); }

        public boolean active(Instant now) { return revokedAt == null && expiresAt.isAfter(now); }
    }

    private final Jdbc jdbc;
    private final Duration lifetime;
    private final Clock clock;

    public TokenService(Jdbc jdbc, Duration lifetime, Clock clock) {
        this.jdbc = jdbc;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A live token's account and what the token may do. */
    public record Authenticated(long userId, java.util.Set<TokenScope> scopes) {}

    /** Creates a token with every scope and returns the secret; only its digest is kept. */
    public String create(long userId, String name) {
        return create(userId, name, java.util.EnumSet.allOf(TokenScope.class));
    }

    /** Creates a token with the given scopes (at least one) and returns the secret; only its digest is kept. */
    public String create(long userId, String name, java.util.Set<TokenScope> scopes) {
        if (scopes.isEmpty()) throw PortalException.badRequest("a token needs at least one scope: read, write or run");
        String clean = name == null || name.isBlank() ? "api token" : name.strip();
        if (clean.length() > 100) throw PortalException.badRequest("token name is longer than 100 characters");
        String token = Secrets.newSecret("qise_");
        Instant now = clock.instant();
        jdbc.insert("INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at, scopes) VALUES (?, ?, ?, ?, ?, ?)",
                userId, clean, Secrets.sha256(token), now, now.plus(lifetime), TokenScope.format(scopes));
        return token;
    }

    /** The user id a token belongs to, when it is live and its account enabled; records the use. */
    public Optional<Long> authenticate(String token) {
        return authenticateScoped(token).map(Authenticated::userId);
    }

    /** The account and scopes of a live token of an enabled account; records the use. */
    public Optional<Authenticated> authenticateScoped(String token) {
        if (token == null || token.length() > 100) return Optional.empty();
        String hash = Secrets.sha256(token.strip());
        Instant now = clock.instant();
        record Live(long userId, String scopes, Instant lastUsed) {}
        Optional<Live> live = jdbc.queryOne("SELECT t.user_id, t.scopes, t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id"
                + " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND u.disabled = FALSE",
                rs -> new Live(rs.getLong(1), rs.getString(2), Jdbc.instant(rs, "last_used_at")), hash, now);
        // "Last used" to the minute is enough. Decided here, not in the UPDATE's WHERE: even an
        // UPDATE that changes nothing takes SQLite's write lock, which every API call would queue for.
        live.filter(l -> l.lastUsed() == null || l.lastUsed().isBefore(now.minusSeconds(60)))
                .ifPresent(l -> jdbc.update("UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?", now, hash));
        Optional<Authenticated> user = live.map(l -> new Authenticated(l.userId(), TokenScope.parse(l.scopes())));
        return user;
    }

    public List<TokenInfo> list(long userId) {
        return jdbc.query("SELECT * FROM api_tokens WHERE user_id = ? ORDER BY id DESC", rs -> new TokenInfo(
                rs.getLong("id"), rs.getString("name"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "expires_at"),
                Jdbc.instant(rs, "last_used_at"), Jdbc.instant(rs, "revoked_at"), TokenScope.parse(rs.getString("scopes"))), userId);
    }

    /** Revokes one of the user's own tokens; someone else's token id is "not found". */
    public void revoke(long userId, long tokenId) {
        int n = jdbc.update("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
                clock.instant(), tokenId, userId);
        if (n == 0 && jdbc.count("SELECT COUNT(*) FROM api_tokens WHERE id = ? AND user_id = ?", tokenId, userId) == 0) {
            throw PortalException.notFound("token");
        }
    }
}
