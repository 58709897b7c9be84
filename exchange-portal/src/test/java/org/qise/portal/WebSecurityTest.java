package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;

/** Sessions, CSRF and security headers of the web pages. */
class WebSecurityTest {
    static TestPortal portal;
    static User admin;

    @BeforeAll
    static void start() {
        portal = TestPortal.start();
        admin = portal.user("admin@example.org", Role.ADMIN, null);
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @Test
    void pagesCarrySecurityHeaders() {
        HttpResponse<String> r = portal.get("/", null);
        assertStatus(200, r);
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertTrue(csp.contains("default-src 'none'"), csp);
        // The portal's own scripts, and the live preview's posts to the portal itself; nothing inline.
        assertTrue(csp.contains("script-src 'self';") && csp.contains("connect-src 'self';"), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        for (String script : List.of("/static/localtime.js", "/static/preview.js")) {
            var js = portal.get(script, null);
            assertStatus(200, js);
            assertTrue(js.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"), script);
        }
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertNotNull(r.headers().firstValue("Referrer-Policy").orElse(null));
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().contains("charset=utf-8"));
        var api = portal.get("/api/v1/circuits", null);
        assertEquals("nosniff", api.headers().firstValue("X-Content-Type-Options").orElseThrow());
    }

    @Test
    void formPostWithoutOrWithWrongCsrfTokenIsRejected() {
        Browser b = new Browser(portal);
        b.get("/login"); // has a session now, but posts no token
        var noToken = b.post("/login", Map.of("email", "admin@example.org", "password", TestPortal.PASSWORD));
        assertEquals(403, noToken.statusCode());
        assertTrue(noToken.body().contains("reload the page"), noToken.body());
        var wrong = b.post("/login", Map.of("email", "admin@example.org", "password", TestPortal.PASSWORD, "csrf", "guessed"));
        assertEquals(403, wrong.statusCode());

        assertEquals(302, b.login("admin@example.org", TestPortal.PASSWORD).statusCode());
        // Signed in, a state-changing form without the token still fails and changes nothing.
        int invitesBefore = portal.server.services().invites().createdBy(admin).size();
        var invite = b.post("/invites", Map.of("role", "fellow", "uses", "1", "days", "1"));
        assertEquals(403, invite.statusCode());
        assertEquals(invitesBefore, portal.server.services().invites().createdBy(admin).size());
    }

    @Test
    void loginIssuesANewHttpOnlySameSiteSessionAndLogoutEndsIt() {
        Browser b = new Browser(portal);
        HttpResponse<String> loginPage = b.get("/login");
        String setCookie = loginPage.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
        assertFalse(setCookie.contains("Secure"), "plain HTTP gets no Secure flag: " + setCookie);
        String before = b.cookie(WebSession());
        var login = b.submit("/login", "/login", Map.of("email", "admin@example.org", "password", TestPortal.PASSWORD));
        assertEquals(302, login.statusCode());
        String after = b.cookie(WebSession());
        assertNotNull(after);
        assertNotEquals(before, after, "a new session id is issued at login");
        assertEquals(200, b.get("/account").statusCode());

        assertEquals(302, b.submit("/account", "/logout", Map.of()).statusCode());
        // Replaying the old cookie value does not sign anyone in: the server-side session is gone.
        var replay = portal.send(HttpRequest.newBuilder(URI.create(portal.base + "/account"))
                .header("Cookie", WebSession() + "=" + after).GET().build());
        assertEquals(302, replay.statusCode());
        assertEquals("/login?next=%2Faccount", replay.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void secureCookiesWhenConfigured() {
        try (TestPortal tls = TestPortal.start(TestPortal.config(TestPortal.tempDir()).withSecureCookies(true))) {
            String setCookie = tls.get("/login", null).headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(setCookie.contains("; Secure"), setCookie);
        }
    }

    @Test
    void disablingAnAccountEndsItsBrowserSession() {
        User fellow = portal.user("web.fellow@example.org", Role.FELLOW, null);
        Browser b = new Browser(portal);
        assertEquals(302, b.login("web.fellow@example.org", TestPortal.PASSWORD).statusCode());
        assertEquals(200, b.get("/account").statusCode());
        portal.server.services().users().disable(admin, fellow.id());
        assertEquals(302, b.get("/account").statusCode());
    }

    @Test
    void registerThroughTheFormAndManageTokens() {
        String code = portal.server.services().invites().create(admin, Role.FELLOW, portal.cohort("Web cohort"), 1, Duration.ofDays(1));
        Browser b = new Browser(portal);
        var reg = b.submit("/register?invite=" + code, "/register", Map.of("invite", code, "name", "Wen Fellow",
                "email", "wen@example.org", "institution", "Uni", "country", "SG", "password", "long enough pw"));
        assertEquals(302, reg.statusCode(), reg.body());
        var posted = b.submit("/account", "/account/tokens", Map.of("name", "notebook", "scope_read", "on"));
        assertEquals(303, posted.statusCode(), "post/redirect/get: a reload creates no second token");
        String shownAt = posted.headers().firstValue("Location").orElseThrow();
        assertTrue(shownAt.startsWith("/account?shown="), shownAt);
        assertFalse(new Browser(portal).get(shownAt).body().contains("class=\"token\""), "another browser is not shown the secret");
        var created = b.get(shownAt);
        assertEquals(200, created.statusCode());
        Matcher m = Pattern.compile("<pre class=\"token\">([^<]+)</pre>").matcher(created.body());
        assertTrue(m.find(), created.body());
        String token = m.group(1);
        assertStatus(200, portal.get("/api/v1/circuits", token));
        // The secret is shown once: the account page does not show it again.
        assertFalse(b.get("/account").body().contains(token));
        assertFalse(b.get(shownAt).body().contains(token), "nor does reloading the page that showed it");
        assertEquals(1, portal.server.services().tokens().list(
                portal.server.services().users().findByEmail("wen@example.org").orElseThrow().id()).size());

        long tokenId = portal.server.services().tokens().list(
                portal.server.services().users().findByEmail("wen@example.org").orElseThrow().id()).getFirst().id();
        assertEquals(302, b.submit("/account", "/account/tokens/" + tokenId + "/revoke", Map.of()).statusCode());
        assertStatus(401, portal.get("/api/v1/circuits", token));
    }

    @Test
    void changingThePasswordSignsOutOtherBrowsers() {
        portal.user("changer@example.org", Role.FELLOW, null);
        Browser laptop = new Browser(portal);
        Browser phone = new Browser(portal);
        assertEquals(302, laptop.login("changer@example.org", TestPortal.PASSWORD).statusCode());
        assertEquals(302, phone.login("changer@example.org", TestPortal.PASSWORD).statusCode());
        String before = laptop.cookie(WebSession());

        var wrong = laptop.submit("/account", "/account/password", Map.of("currentPassword", "not the password",
                "newPassword", "brand new secret", "repeatPassword", "brand new secret"));
        assertEquals(400, wrong.statusCode());
        assertTrue(wrong.body().contains("the current password is wrong"), wrong.body());
        var mismatch = laptop.submit("/account", "/account/password", Map.of("currentPassword", TestPortal.PASSWORD,
                "newPassword", "brand new secret", "repeatPassword", "brand new secreT"));
        assertEquals(400, mismatch.statusCode());
        assertEquals(200, phone.get("/account").statusCode(), "failed attempts change nothing");

        var ok = laptop.submit("/account", "/account/password", Map.of("currentPassword", TestPortal.PASSWORD,
                "newPassword", "brand new secret", "repeatPassword", "brand new secret"));
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().contains("Password changed"));
        assertNotEquals(before, laptop.cookie(WebSession()), "this browser gets a new session id");
        assertEquals(200, laptop.get("/account").statusCode());
        assertEquals(302, phone.get("/account").statusCode(), "the other browser is signed out");
        assertEquals(401, portal.json("POST", "/api/v1/auth/token", null,
                Map.of("email", "changer@example.org", "password", TestPortal.PASSWORD)).statusCode());
        assertEquals(201, portal.json("POST", "/api/v1/auth/token", null,
                Map.of("email", "changer@example.org", "password", "brand new secret")).statusCode());
    }

    @Test
    void errorsAreFriendlyPagesWithoutStackTraces() {
        var missing = portal.get("/no/such/page", null);
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("Not found"));
        assertFalse(missing.body().contains("Exception"));
        var badId = portal.get("/circuits/not-a-number", null);
        assertEquals(404, badId.statusCode());
        var apiMissing = portal.get("/api/v1/nothing-here", null);
        assertEquals(404, apiMissing.statusCode());
        assertTrue(TestPortal.parse(apiMissing).has("error"));
    }

    private static String WebSession() {
        return org.qise.portal.web.WebSession.COOKIE;
    }
}
