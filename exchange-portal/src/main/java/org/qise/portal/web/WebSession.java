package org.qise.portal.web;

import io.javalin.http.Context;
import java.util.Optional;
import org.qise.portal.PortalException;
import org.qise.portal.auth.Secrets;
import org.qise.portal.auth.SessionService;
import org.qise.portal.auth.SessionService.Session;
import org.qise.portal.people.User;
import org.qise.portal.people.UserService;

/**
 * Browser sessions on the web pages: reads the session cookie, finds the signed-in user, and
 * checks the synchronizer CSRF token of every form post. The cookie is HttpOnly,
 * SameSite=Lax and, under TLS (or when configured), Secure.
 *
 * <p>Visitors who are not signed in get no session row (anonymous page views would otherwise
 * fill the table): the login and register forms carry a signed double-submit token instead,
 * HMAC-SHA256 under a per-process key of a random nonce kept in the {@value #FORM_COOKIE}
 * cookie. A form opened before a restart is refused with "reload the page".
 */
public final class WebSession {
    public static final String COOKIE = "qise_session";
    public static final String CSRF_FIELD = "csrf";
    private static final String SESSION_ATTR = "qise.session";
    private static final String USER_ATTR = "qise.user";
    public static final String FORM_COOKIE = "qise_form";
    private static final String FORM_CSRF_ATTR = "qise.form-csrf";
    private static final java.util.regex.Pattern NONCE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{40,60}");

    private final javax.crypto.spec.SecretKeySpec formKey = new javax.crypto.spec.SecretKeySpec(
            java.util.Base64.getUrlDecoder().decode(Secrets.newSecret("")), "HmacSHA256");

    private final SessionService sessions;
    private final UserService users;
    private final boolean alwaysSecure;

    public WebSession(SessionService sessions, UserService users, boolean alwaysSecure) {
        this.sessions = sessions;
        this.users = users;
        this.alwaysSecure = alwaysSecure;
    }

    /** Before each page: look up the session and its user; a disabled user's session is ended. */
    public void load(Context ctx) {
        Optional<Session> session = sessions.find(ctx.cookie(COOKIE));
        if (session.isEmpty()) {
            String nonce = ctx.cookie(FORM_COOKIE);
            if (nonce != null && NONCE.matcher(nonce).matches()) ctx.attribute(FORM_CSRF_ATTR, formToken(nonce));
            return;
        }
        Session s = session.get();
        if (s.userId() != null) {
            Optional<User> user = users.find(s.userId()).filter(u -> !u.disabled());
            if (user.isEmpty()) {
                sessions.end(s.rawId());
                return;
            }
            ctx.attribute(USER_ATTR, user.get());
        }
        ctx.attribute(SESSION_ATTR, s);
    }

    /** The signed-in user, or null. */
    public static User user(Context ctx) {
        return ctx.attribute(USER_ATTR);
    }

    /** The signed-in user; 401 (which the page layer turns into a redirect to the login page) otherwise. */
    public static User requireUser(Context ctx) {
        User u = user(ctx);
        if (u == null) throw PortalException.unauthorized("sign in first");
        return u;
    }

    /** The CSRF token of the current session, or null when there is none. */
    public static String csrf(Context ctx) {
        Session s = ctx.attribute(SESSION_ATTR);
        return s == null ? null : s.csrfToken();
    }

    /** The CSRF token for a form: the session's, or for a visitor without one a signed token (no row is written). */
    public String ensureCsrf(Context ctx) {
        Session s = ctx.attribute(SESSION_ATTR);
        if (s != null) return s.csrfToken();
        String token = ctx.attribute(FORM_CSRF_ATTR);
        if (token == null) {
            String nonce = Secrets.newSecret("");
            ctx.res().addHeader("Set-Cookie", FORM_COOKIE + "=" + nonce + "; Path=/; HttpOnly; SameSite=Lax" + secureFlag(ctx));
            token = formToken(nonce);
            ctx.attribute(FORM_CSRF_ATTR, token);
        }
        return token;
    }

    private String formToken(String nonce) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(formKey);
            return java.util.HexFormat.of().formatHex(mac.doFinal(nonce.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Rejects a form post whose CSRF token does not match the session's (or, without a session, the signed form token). */
    public static void checkCsrf(Context ctx) {
        Session s = ctx.attribute(SESSION_ATTR);
        String expected = s != null ? s.csrfToken() : ctx.attribute(FORM_CSRF_ATTR);
        String sent = ctx.formParam(CSRF_FIELD);
        if (expected == null || !Secrets.sameSecret(expected, sent)) {
            throw PortalException.forbidden("the form has expired or did not come from this site; reload the page and try again");
        }
    }

    /** Signs the user in with a fresh session id. */
    public void signIn(Context ctx, User user) {
        Session old = ctx.attribute(SESSION_ATTR);
        Session fresh = sessions.signIn(old == null ? null : old.rawId(), user.id());
        ctx.attribute(SESSION_ATTR, fresh);
        ctx.attribute(USER_ATTR, user);
        setCookie(ctx, fresh.rawId());
    }

    /** Ends all of the user's sessions, on every device, and signs this browser in again with a new id. */
    public void signInAfterPasswordChange(Context ctx, User user) {
        sessions.endAllFor(user.id());
        ctx.attribute(SESSION_ATTR, null);
        signIn(ctx, user);
    }

    public void signOut(Context ctx) {
        Session s = ctx.attribute(SESSION_ATTR);
        if (s != null) sessions.end(s.rawId());
        ctx.res().addHeader("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + secureFlag(ctx));
    }

    private void setCookie(Context ctx, String value) {
        // A session cookie (no Max-Age): the server-side timeouts decide how long it is valid.
        ctx.res().addHeader("Set-Cookie", COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Lax" + secureFlag(ctx));
    }

    private String secureFlag(Context ctx) {
        return alwaysSecure || "https".equalsIgnoreCase(ctx.scheme()) ? "; Secure" : "";
    }
}
