package org.qise.portal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.qise.portal.PortalException;

class LoginThrottleTest {
    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
        void advance(Duration d) { now = now.plus(d); }
    }

    private final ManualClock clock = new ManualClock();
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofSeconds(60), clock);

    private long retryAfter() {
        PortalException e = assertThrows(PortalException.class, () -> throttle.check("a@x.org", "10.0.0.1"));
        assertEquals(429, e.status());
        return e.retryAfterSeconds();
    }

    @Test
    void delaysDoubleAfterTheFreeFailuresAndAreCapped() {
        for (int i = 0; i < 3; i++) {
            throttle.check("a@x.org", "10.0.0.1");
            throttle.recordFailure("a@x.org", "10.0.0.1");
        }
        assertEquals(1, retryAfter());
        clock.advance(Duration.ofSeconds(1));
        throttle.check("a@x.org", "10.0.0.1");
        throttle.recordFailure("a@x.org", "10.0.0.1");
        assertEquals(2, retryAfter());
        clock.advance(Duration.ofSeconds(2));
        throttle.recordFailure("a@x.org", "10.0.0.1");
        assertEquals(4, retryAfter());
        for (int i = 0; i < 20; i++) throttle.recordFailure("a@x.org", "10.0.0.1");
        assertEquals(60, retryAfter(), "capped at the configured maximum: never a lock-out");
        clock.advance(Duration.ofSeconds(60));
        throttle.check("a@x.org", "10.0.0.1");
    }

    @Test
    void successResetsTheAccountAndOtherAccountsAreUnaffected() {
        for (int i = 0; i < 3; i++) throttle.recordFailure("a@x.org", "10.0.0.1");
        retryAfter();
        throttle.check("b@x.org", "10.0.0.2");
        throttle.recordSuccess("a@x.org");
        throttle.check("a@x.org", "10.0.0.1");
    }

    @Test
    void oneAddressGuessingManyAccountsIsSlowedToo() {
        for (int i = 0; i < 12; i++) throttle.recordFailure("user" + i + "@x.org", "10.9.9.9");
        PortalException e = assertThrows(PortalException.class, () -> throttle.check("fresh@x.org", "10.9.9.9"));
        assertEquals(429, e.status());
        throttle.check("fresh@x.org", "10.0.0.3");
    }

    @Test
    void failuresAreForgottenAfterAQuietHalfHour() {
        for (int i = 0; i < 3; i++) throttle.recordFailure("a@x.org", "10.0.0.1");
        retryAfter();
        clock.advance(Duration.ofMinutes(31));
        throttle.check("a@x.org", "10.0.0.1");
        throttle.recordFailure("a@x.org", "10.0.0.1");
        throttle.check("a@x.org", "10.0.0.1");
    }
}
