package org.qise.portal.limits;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import org.qise.portal.PortalException;

/**
 * Requests per client per minute, counted in fixed one-minute windows. A client is an API
 * user, a signed-in user or, failing both, an address. Beyond the limit: 429 with Retry-After
 * until the window ends.
 */
public final class RateLimiter {
    private record Window(long minute, int count) {}

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final int perMinute;
    private final Clock clock;

    public RateLimiter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    public void acquire(String client) {
        long millis = clock.millis();
        long minute = millis / 60_000;
        Window w = windows.compute(client, (k, old) -> old == null || old.minute() != minute
                ? new Window(minute, 1) : new Window(minute, old.count() + 1));
        if (w.count() > perMinute) {
            long retry = (60_000 - millis % 60_000 + 999) / 1000;
            throw PortalException.tooManyRequests("more than " + perMinute + " requests in a minute; slow down", retry);
        }
        if (windows.size() > 100_000) windows.values().removeIf(x -> x.minute() != minute);
    }
}
