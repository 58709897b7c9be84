package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.portal.people.Role;

/** Repeated bad logins are slowed down with 429 and Retry-After, over the API and the login form. */
class ThrottleTest {
    @Test
    void repeatedBadLoginsGet429WithRetryAfter() {
        try (TestPortal portal = TestPortal.start()) {
            portal.user("target@example.org", Role.FELLOW, null);
            int free = portal.server.config().freeLoginFailures();
            for (int i = 0; i < free; i++) {
                assertStatus(401, portal.json("POST", "/api/v1/auth/token", null,
                        Map.of("email", "target@example.org", "password", "guess number " + i)));
            }
            var throttled = portal.json("POST", "/api/v1/auth/token", null,
                    Map.of("email", "target@example.org", "password", TestPortal.PASSWORD));
            assertStatus(429, throttled);
            String retry = throttled.headers().firstValue("Retry-After").orElse(null);
            assertNotNull(retry);
            assertTrue(Long.parseLong(retry) >= 1);

            // The web form is throttled by the same rule.
            Browser browser = new Browser(portal);
            var form = browser.login("target@example.org", TestPortal.PASSWORD);
            assertEquals(429, form.statusCode());
            assertTrue(form.body().contains("too many failed logins"), form.body());

            // Other accounts from the same address are not locked out.
            portal.user("bystander@example.org", Role.FELLOW, null);
            assertStatus(201, portal.json("POST", "/api/v1/auth/token", null,
                    Map.of("email", "bystander@example.org", "password", TestPortal.PASSWORD)));
            assertTrue(portal.server.services().audit().recent(100).stream()
                    .filter(e -> e.action().equals("login-failed")).count() >= free);
        }
    }
}
