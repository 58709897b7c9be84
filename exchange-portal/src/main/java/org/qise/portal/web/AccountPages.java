package org.qise.portal.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.qise.portal.PortalException;
import org.qise.portal.auth.AuthService;
import org.qise.portal.auth.Passwords;
import org.qise.portal.auth.TokenService;
import org.qise.portal.people.User;
import org.qise.portal.people.UserService;

/** Sign in, register, sign out, and the account page with API tokens. */
public final class AccountPages {
    private final WebSession web;
    private final Templates templates;
    private final AuthService auth;
    private final UserService users;
    private final TokenService tokens;
    /** Secrets made by a form, waiting for the page it redirects to. */
    private final OneTime shown = new OneTime();

    public AccountPages(WebSession web, Templates templates, AuthService auth, UserService users, TokenService tokens) {
        this.web = web;
        this.templates = templates;
        this.auth = auth;
        this.users = users;
        this.tokens = tokens;
    }

    public void register(RoutesConfig routes) {
        routes.get("/login", ctx -> showLogin(ctx, "", null, 200));
        routes.post("/login", this::login);
        routes.post("/logout", ctx -> {
            web.signOut(ctx);
            ctx.redirect("/");
        });
        routes.get("/register", ctx -> showRegister(ctx, Map.of("invite", nullToEmpty(ctx.queryParam("invite"))), null, 200));
        routes.post("/register", this::registerUser);
        routes.get("/account", ctx -> showAccount(ctx, shown.take(ctx, ctx.queryParam("shown")), null));
        routes.post("/account/tokens", ctx -> {
            User u = WebSession.requireUser(ctx);
            var scopes = java.util.EnumSet.noneOf(org.qise.portal.auth.TokenScope.class);
            for (var scope : org.qise.portal.auth.TokenScope.values()) {
                if (ctx.formParam("scope_" + scope.label()) != null) scopes.add(scope);
            }
            // Post/redirect/get: the new secret waits for the account page, so a reload creates no second token.
            String secret = tokens.create(u.id(), Forms.field(ctx, "name"), scopes);
            ctx.redirect("/account?shown=" + shown.put(ctx, secret), io.javalin.http.HttpStatus.SEE_OTHER);
        });
        routes.post("/account/password", this::changePassword);
        routes.post("/account/tokens/{tokenId}/revoke", ctx -> {
            User u = WebSession.requireUser(ctx);
            tokens.revoke(u.id(), Forms.pathId(ctx, "tokenId"));
            ctx.redirect("/account");
        });
    }

    private void login(Context ctx) {
        String email = Forms.field(ctx, "email");
        try {
            User user = auth.login(email, Forms.field(ctx, "password"), ctx.ip());
            web.signIn(ctx, user);
            // Back to the page that asked for a sign-in, if it is one of ours (never another site).
            ctx.redirect(LocalPath.of(ctx.formParam("next")).orElse("/"));
        } catch (PortalException e) {
            if (e.status() == 429) ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
            showLogin(ctx, email, e.getMessage(), e.status());
        }
    }

    private void changePassword(Context ctx) {
        User u = WebSession.requireUser(ctx);
        String next = Forms.field(ctx, "newPassword");
        try {
            if (!next.equals(Forms.field(ctx, "repeatPassword"))) {
                throw PortalException.badRequest("the new password and its repetition differ");
            }
            Passwords.checkPolicy(next);
            try {
                auth.login(u.email(), Forms.field(ctx, "currentPassword"), ctx.ip()); // throttled like any login
            } catch (PortalException e) {
                throw e.status() == 401 ? PortalException.badRequest("the current password is wrong") : e;
            }
            users.setPassword(u, next);
        } catch (PortalException e) {
            if (e.status() == 429) ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
            ctx.status(e.status());
            showAccount(ctx, null, "Password not changed: " + e.getMessage());
            return;
        }
        web.signInAfterPasswordChange(ctx, u);
        showAccount(ctx, null, "Password changed. Other browsers signed in to this account were signed out.");
    }

    private void registerUser(Context ctx) {
        var form = Forms.echo(ctx, "invite", "name", "email", "institution", "country");
        try {
            User user = users.register(new UserService.Registration(form.get("email"), Forms.field(ctx, "password"),
                    form.get("name"), form.get("institution"), form.get("country")), form.get("invite"));
            web.signIn(ctx, user);
            ctx.redirect("/");
        } catch (PortalException e) {
            showRegister(ctx, form, e.getMessage(), e.status());
        }
    }

    /** Shown on the sign-in page that a password-reset link leads to once the new password is set. */
    static final String RESET_DONE = "Your new password is set. Sign in with it.";

    private void showLogin(Context ctx, String email, String error, int status) {
        // The reset page redirects here (post/redirect/get): say that it worked, or people reset again.
        String notice = error == null && "done".equals(ctx.queryParam("reset")) ? RESET_DONE : null;
        Page page = new Page("Sign in", WebSession.user(ctx), web.ensureCsrf(ctx), notice);
        String next = LocalPath.of(ctx.method().name().equals("GET") ? ctx.queryParam("next") : ctx.formParam("next")).orElse("");
        ctx.status(status).html(templates.render("login.jte", "page", page, "email", email, "error", error, "next", next));
    }

    private void showRegister(Context ctx, Map<String, String> form, String error, int status) {
        Page page = new Page("Register", WebSession.user(ctx), web.ensureCsrf(ctx), null);
        ctx.status(status).html(templates.render("register.jte", "page", page, "form", form, "error", error));
    }

    private void showAccount(Context ctx, String newToken, String notice) {
        User u = WebSession.requireUser(ctx);
        Page page = new Page("Account", u, WebSession.csrf(ctx), notice);
        ctx.header("Cache-Control", "no-store")
                .html(templates.render("account.jte", "page", page, "tokens", tokens.list(u.id()), "newToken", newToken));
    }

    private static String nullToEmpty(String s) { return s == null ? "" : s; }
}
