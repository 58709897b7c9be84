package org.qise.portal.people;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.qise.portal.PortalException;
import org.qise.portal.mail.Outbox;
import org.qise.portal.web.Forms;
import org.qise.portal.web.Page;
import org.qise.portal.web.Templates;
import org.qise.portal.web.WebSession;

/**
 * Changing one's email address in the browser: {@code /account/email} (the form, or without SMTP
 * the reason there is none) and {@code /email/confirm/{secret}}, the page the mailed link opens.
 * Opening the link only shows what would change; a button posts the change, so a mail scanner
 * that fetches links cannot spend it. Usable signed out, with the signed form CSRF token like the
 * reset page. Every post that succeeds answers 303 (post/redirect/get).
 */
public final class EmailChangePages {
    static final String PATH = "/account/email";

    private final Templates templates;
    private final WebSession web;
    private final EmailChanges changes;
    private final Outbox outbox;

    public EmailChangePages(Templates templates, WebSession web, EmailChanges changes, Outbox outbox) {
        this.templates = templates;
        this.web = web;
        this.changes = changes;
        this.outbox = outbox;
    }

    /** Where a confirmation link points, relative to the portal. */
    public static String confirmPath(String secret) {
        return "/email/confirm/" + secret;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, ctx -> {
            String notice = ctx.queryParam("sent") != null ? changes.pending(WebSession.requireUser(ctx).id())
                    .map(p -> "A confirmation link went to " + p.newEmail() + ". Your address changes when it is used.").orElse(null)
                    : ctx.queryParam("changed") != null ? "Your email address is now " + WebSession.requireUser(ctx).email() + "." : null;
            form(ctx, "", notice, null, 200);
        });
        routes.post(PATH, ctx -> {
            User me = WebSession.requireUser(ctx);
            String typed = field(ctx, "email");
            try {
                changes.request(me, typed, field(ctx, "password"), ctx.ip(),
                        secret -> outbox.linkBase(ctx.scheme() + "://" + ctx.host()) + confirmPath(secret));
            } catch (PortalException e) {
                if (e.status() >= 500 && e.status() != 502) throw e;
                if (e.status() == 429) ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
                form(ctx, typed, null, e.getMessage(), e.status());
                return;
            }
            Forms.seeOther(ctx, PATH + "?sent=1");
        });
        routes.get("/email/confirm/{secret}", ctx -> confirmation(ctx, changes.check(ctx.pathParam("secret")), null, 200));
        routes.post("/email/confirm/{secret}", ctx -> {
            String secret = ctx.pathParam("secret");
            try {
                changes.confirm(secret);
            } catch (PortalException e) {
                if (e.status() != 409) throw e;
                confirmation(ctx, changes.check(secret), e.getMessage(), 409);
                return;
            }
            Forms.seeOther(ctx, PATH + "?changed=1");
        });
    }

    private void form(Context ctx, String typed, String notice, String error, int status) {
        User me = WebSession.requireUser(ctx);
        ctx.status(status).html(templates.render("email_change.jte",
                "page", new Page("Email address", me, WebSession.csrf(ctx), notice),
                "available", changes.available(), "pending", changes.pending(me.id()).orElse(null),
                "values", Map.of("email", typed), "error", error));
    }

    private void confirmation(Context ctx, EmailChanges.Change change, String error, int status) {
        // The page's address holds the secret: never cached, never sent on as a Referer.
        ctx.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").status(status)
                .html(templates.render("email_confirm.jte",
                        "page", new Page("Confirm your new address", WebSession.user(ctx), web.ensureCsrf(ctx), null),
                        "change", change, "error", error, "action", confirmPath(ctx.pathParam("secret"))));
    }

    private static String field(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? "" : v;
    }
}
