package org.qise.portal.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.qise.portal.PortalException;

/**
 * Slows down password guessing, per account and per client address.
 *
 * <p>After {@code freeFailures} failed logins for a key, each further attempt must wait
 * 1, 2, 4, … seconds (capped at {@code maxDelay}) after the previous failure; an attempt made
 * sooner gets 429 with Retry-After. Nothing ever locks an account: an attacker can at worst
 * make its owner wait {@code maxDelay}. A key is forgotten after a successful login (account
 * keys) or after a quiet period. Addresses get more free failures than accounts, because a
 * whole classroom may share one address.
 */
public final class LoginThrottle {
    private record State(int failures, Instant lastFailure) {}

    private static final Duration FORGET_AFTER = Duration.ofMinutes(30);
    private static final int MAX_KEYS = 100_000;

    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();
    private final int freeAccountFailures;
    private final int freeAddressFailures;
    private final Duration maxDelay;
    private final Clock clock;

    public LoginThrottle(int freeAccountFailures, Duration maxDelay, Clock clock) {
        this.freeAccountFailures = freeAccountFailures;
        this.freeAddressFailures = freeAccountFailures * 4;
        this.maxDelay = maxDelay;
        this.clock = clock;
    }

    /** Throws 429 when either the account or the address must still wait. */
    public void check(String email, String address) {
        long wait = Math.max(secondsToWait(accountKey(email), freeAccountFailures),
                secondsToWait(addressKey(address), freeAddressFailures));
        if (wait > 0) {
            throw PortalException.tooManyRequests(
                    "too many failed logins; try again in " + wait + " seconds", wait);
        }
    }

    public void recordFailure(String email, String address) {
        Instant now = clock.instant();
        if (states.size() > MAX_KEYS) states.values().removeIf(s -> expired(s, now)); // bounded memory
        for (String key : new String[] {accountKey(email), addressKey(address)}) {
            states.compute(key, (k, s) -> s == null || expired(s, now)
                    ? new State(1, now) : new State(s.failures() + 1, now));
        }
    }

    public void recordSuccess(String email) {
        states.remove(accountKey(email));
    }

    private long secondsToWait(String key, int free) {
        State s = states.get(key);
        Instant now = clock.instant();
        if (s == null || expired(s, now) || s.failures() < free) return 0;
        int over = s.failures() - free; // 0 for the first throttled attempt
        long delay = over >= 30 ? maxDelay.toSeconds() : Math.min(1L << over, maxDelay.toSeconds());
        long elapsed = Duration.between(s.lastFailure(), now).toSeconds();
        return Math.max(0, delay - elapsed);
    }

    private static boolean expired(State s, Instant now) {
        return Duration.between(s.lastFailure(), now).compareTo(FORGET_AFTER) > 0;
    }

    private static String accountKey(String email) { return "account:" + email; }

    private static String addressKey(String address) { return "address:" + address; }
}
