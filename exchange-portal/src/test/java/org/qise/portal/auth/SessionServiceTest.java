package org.qise.portal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qise.portal.TestPortal;
import org.qise.portal.db.Database;

class SessionServiceTest {
    private Path dir;
    private Database db;
    private final LoginThrottleTest.ManualClock clock = new LoginThrottleTest.ManualClock();
    private SessionService sessions;
    private long userId;

    @BeforeEach
    void open() {
        dir = TestPortal.tempDir();
        db = Database.sqlite(dir);
        sessions = new SessionService(db.jdbc(), Duration.ofMinutes(30), Duration.ofHours(8), clock);
        userId = db.jdbc().insert("INSERT INTO users (email, name, institution, country, role, password_hash, disabled, created_at)"
                + " VALUES ('s@x.org', 'S', '', '', 'FELLOW', 'x', FALSE, ?)", clock.instant());
    }

    @AfterEach
    void close() {
        db.close();
        TestPortal.deleteTree(dir);
    }

    @Test
    void signingInReplacesTheSessionId() {
        var before = sessions.signIn(null, userId);
        var signed = sessions.signIn(before.rawId(), userId);
        assertNotEquals(before.rawId(), signed.rawId());
        assertTrue(sessions.find(before.rawId()).isEmpty());
        assertEquals(userId, sessions.find(signed.rawId()).orElseThrow().userId());
        String stored = db.jdbc().queryOne("SELECT id_hash FROM sessions", rs -> rs.getString(1)).orElseThrow();
        assertEquals(Secrets.sha256(signed.rawId()), stored, "only the digest of the id is stored");
    }

    @Test
    void idleTimeout() {
        var s = sessions.signIn(null, userId);
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.find(s.rawId()).isPresent());
        clock.advance(Duration.ofMinutes(29)); // active 29 minutes ago, so still alive
        assertTrue(sessions.find(s.rawId()).isPresent());
        clock.advance(Duration.ofMinutes(31));
        assertFalse(sessions.find(s.rawId()).isPresent());
    }

    @Test
    void absoluteTimeoutEvenWhenActive() {
        var s = sessions.signIn(null, userId);
        for (int i = 0; i < 16; i++) {
            clock.advance(Duration.ofMinutes(29));
            assertTrue(sessions.find(s.rawId()).isPresent(), "after " + (i + 1) * 29 + " minutes");
        }
        clock.advance(Duration.ofMinutes(29)); // 8 h 13 min after login
        assertFalse(sessions.find(s.rawId()).isPresent());
    }

    @Test
    void logoutAndPurge() {
        var a = sessions.signIn(null, userId);
        sessions.end(a.rawId());
        assertTrue(sessions.find(a.rawId()).isEmpty());
        sessions.signIn(null, userId);
        clock.advance(Duration.ofHours(1));
        assertEquals(1, sessions.purgeExpired());
    }
}
