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
 */
public final class WebSession {
    public static final String COOKIE = "qise_session";
    public static final String CSRF_FIELD = "csrf";
    private static final String SESSION_ATTR = "qise.session";
    private static final String USER_ATTR = "qise.user";

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
        if (session.isEmpty()) return;
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

    /** Ensures there is a session (anonymous if need be) so a form can carry a CSRF token. */
    public String ensureCsrf(Context ctx) {
        Session s = ctx.attribute(SESSION_ATTR);
        if (s == null) {
            s = sessions.startAnonymous();
            ctx.attribute(SESSION_ATTR, s);
            setCookie(ctx, s.rawId());
        }
        return s.csrfToken();
    }

    /** Rejects a form post whose CSRF token does not match the session's. */
    public static void checkCsrf(Context ctx) {
        Session s = ctx.attribute(SESSION_ATTR);
        String sent = ctx.formParam(CSRF_FIELD);
        if (s == null || !Secrets.sameSecret(s.csrfToken(), sent)) {
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
