package org.qise.portal.web;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A secret made by a form (a new API token, an invite code) handed to the page the form
 * redirects to, so the form can follow post/redirect/get: the POST stores it here and answers
 * 303 to {@code ?shown=KEY}; that page takes it out and shows it once. Reloading the page then
 * shows no secret and creates nothing. Bound to the browser session that made it, and kept at
 * most {@link #TTL} in this process's memory only (never in a URL or the database).
 */
public final class OneTime {
    static final Duration TTL = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Held(String session, String value, long expiresAtNanos) {}

    private final Map<String, Held> held = new ConcurrentHashMap<>();

    /** Keeps {@code value} for the session of this request; returns the key to name it by. */
    public String put(Context ctx, String value) {
        long now = System.nanoTime();
        held.values().removeIf(h -> h.expiresAtNanos() - now < 0); // forgotten ones do not pile up
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        String k = HexFormat.of().formatHex(key);
        held.put(k, new Held(WebSession.csrf(ctx), value, now + TTL.toNanos()));
        return k;
    }

    /** The value under {@code key} if this session put it there and it is fresh; it is gone afterwards. Null otherwise. */
    public String take(Context ctx, String key) {
        if (key == null) return null;
        Held h = held.get(key);
        // Another session's request leaves it where it is: only its own session may take it.
        if (h == null || h.session() == null || !h.session().equals(WebSession.csrf(ctx)) || !held.remove(key, h)) return null;
        return System.nanoTime() - h.expiresAtNanos() > 0 ? null : h.value();
    }
}
