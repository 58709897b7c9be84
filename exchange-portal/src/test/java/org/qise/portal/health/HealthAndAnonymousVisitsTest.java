package org.qise.portal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qise.portal.Browser;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/** Health probes, and page views by visitors who are not signed in writing nothing. */
class HealthAndAnonymousVisitsTest {
    @Test
    void healthzSaysTheProcessIsUpAndReadyzThatItsDatabaseAnswers() {
        try (TestPortal portal = TestPortal.start()) {
            var health = portal.get("/healthz", null);
            assertEquals(200, health.statusCode());
            assertEquals("ok\n", health.body());
            assertEquals(200, portal.get("/readyz", null).statusCode());
            portal.server.services().database().close();
            var notReady = portal.get("/readyz", null);
            assertEquals(503, notReady.statusCode());
            assertNotNull(notReady.headers().firstValue("Retry-After").orElse(null));
            assertEquals(200, portal.get("/healthz", null).statusCode(), "alive even without its database");
        }
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/login", "/register", "/", "/healthz"})
    void anonymousPageViewsCreateNoSessionRows(String path) {
        try (TestPortal portal = TestPortal.start()) {
            for (int i = 0; i < 20; i++) assertEquals(200, portal.get(path, null).statusCode());
            assertEquals(0, sessionRows(portal));
        }
    }

    @Test
    void theLoginFormStillSignsInAndAFormTokenFromElsewhereIsRefused() {
        try (TestPortal portal = TestPortal.start()) {
            portal.user("visitor@example.org", Role.FELLOW, null);
            Browser stranger = new Browser(portal);
            stranger.get("/login");
            Browser victim = new Browser(portal);
            String othersToken = Browser.csrfOf(stranger.get("/login").body());
            victim.get("/login");
            var forged = victim.post("/login", Map.of("email", "visitor@example.org", "password", TestPortal.PASSWORD,
                    "csrf", othersToken));
            assertEquals(403, forged.statusCode(), "a token signed for another browser's nonce does not fit this one");
            assertEquals(0, sessionRows(portal));

            Browser b = new Browser(portal);
            assertEquals(303, b.login("visitor@example.org", TestPortal.PASSWORD).statusCode());
            assertEquals(1, sessionRows(portal), "the first session row is written at sign-in");
            assertTrue(b.get("/account").body().contains("visitor@example.org"));
        }
    }

    private static long sessionRows(TestPortal portal) {
        return portal.server.services().database().jdbc().count("SELECT COUNT(*) FROM sessions");
    }
}
