package org.qise.portal.people;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.qise.portal.PortalException;
import org.qise.portal.search.SearchQuery;
import org.qise.portal.search.SearchService;
import org.qise.portal.web.Forms;
import org.qise.portal.web.Page;
import org.qise.portal.web.Templates;
import org.qise.portal.web.WebSession;

/**
 * Profile pages ({@code /people/{id}}, edit for oneself), the admin's "reset link" button, and the
 * one-time reset page {@code /reset/{secret}} (usable signed out; its form carries the signed
 * double-submit CSRF token like the login form). Every post that succeeds answers 303 to a page
 * (post/redirect/get); a new reset link reaches its page by a one-time key, never in the URL.
 */
public final class ProfilePages {
    private final Templates templates;
    private final WebSession web;
    private final ProfileService profiles;
    private final PasswordResets resets;
    private final SearchService search;
    private final org.qise.portal.mail.Outbox outbox;
    /** Reset links just made, waiting for the page the admin's form redirects to. */
    private final org.qise.portal.web.OneTime<IssuedLink> shownLinks = new org.qise.portal.web.OneTime<>();

    private record IssuedLink(long personId, String url, java.time.Instant expiresAt, PasswordResets.Mailing mailing) {}

    public ProfilePages(Templates templates, WebSession web, ProfileService profiles, PasswordResets resets, SearchService search,
                        org.qise.portal.mail.Outbox outbox) {
        this.templates = templates;
        this.web = web;
        this.profiles = profiles;
        this.resets = resets;
        this.search = search;
        this.outbox = outbox;
    }

    /** Where a reset link points, relative to the portal. */
    public static String resetPath(String secret) {
        return "/reset/" + secret;
    }

    public void register(RoutesConfig routes) {
        routes.get("/people/{id}", this::show);
        routes.get("/people/{id}/edit", ctx -> {
            User me = self(ctx);
            var p = profiles.profile(me.id());
            edit(ctx, Map.of("name", p.name(), "institution", p.institution(), "country", p.country(),
                    "orcid", p.orcid() == null ? "" : p.orcid(), "bio", p.bio()), null, 200);
        });
        routes.post("/people/{id}/edit", ctx -> {
            User me = self(ctx);
            Map<String, String> typed = Map.of("name", field(ctx, "name"), "institution", field(ctx, "institution"),
                    "country", field(ctx, "country"), "orcid", field(ctx, "orcid"), "bio", field(ctx, "bio"));
            try {
                profiles.update(me, me.id(), new ProfileService.Draft(typed.get("name"), typed.get("institution"),
                        typed.get("country"), typed.get("orcid"), typed.get("bio")));
            } catch (PortalException e) {
                if (e.status() != 400) throw e;
                edit(ctx, typed, e.getMessage(), 400);
                return;
            }
            Forms.seeOther(ctx, "/people/" + me.id());
        });
        routes.post("/admin/users/{id}/reset-link", ctx -> {
            User admin = WebSession.requireUser(ctx);
            long id = personId(ctx);
            var person = profiles.profile(id);
            var issued = resets.issue(admin, id);
            String url = outbox.linkBase(ctx.scheme() + "://" + ctx.host()) + resetPath(issued.secret());
            var mailing = PasswordResets.mail(outbox, issued, url);
            // Post/redirect/get: the link waits for the page the form redirects to, so a reload
            // neither makes another link (cancelling this one) nor mails it again.
            String key = shownLinks.put(ctx, new IssuedLink(id, url, issued.expiresAt(), mailing));
            Forms.seeOther(ctx, "/admin/users/" + id + "/reset-link?shown=" + key);
        });
        routes.get("/admin/users/{id}/reset-link", ctx -> {
            User admin = WebSession.requireUser(ctx);
            if (!admin.isAdmin()) throw PortalException.forbidden("only admins may make reset links");
            IssuedLink link = shownLinks.take(ctx, ctx.queryParam("shown"));
            if (link == null || link.personId() != personId(ctx)) {
                throw PortalException.notFound("a reset link to show: it is shown once only; make another from the People page");
            }
            // The page holds the secret: never cached.
            ctx.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").html(templates.render("reset_link.jte",
                    "page", new Page("Password-reset link", admin, WebSession.csrf(ctx), null),
                    "person", profiles.profile(link.personId()), "url", link.url(), "expiresAt", link.expiresAt(), "mailing", link.mailing()));
        });
        routes.get("/reset/{secret}", ctx -> {
            resets.check(ctx.pathParam("secret"));
            reset(ctx, null, 200);
        });
        routes.post("/reset/{secret}", ctx -> {
            String password = field(ctx, "password");
            if (!password.equals(field(ctx, "repeat"))) {
                reset(ctx, "the two passwords differ", 400);
                return;
            }
            try {
                resets.redeem(ctx.pathParam("secret"), password);
            } catch (PortalException e) {
                if (e.status() != 400) throw e;
                reset(ctx, e.getMessage(), 400);
                return;
            }
            Forms.seeOther(ctx, "/login?reset=done");
        });
    }

    private void show(Context ctx) {
        User viewer = WebSession.user(ctx);
        long id = personId(ctx);
        var profile = profiles.profile(id);
        var circuits = search.search(viewer, SearchQuery.of(Map.of("author", String.valueOf(id), "sort", "updated")::get), null, 25);
        ctx.html(templates.render("profile.jte", "page", new Page(profile.name(), viewer, WebSession.csrf(ctx), null),
                "profile", profile, "circuits", circuits.items(), "more", circuits.next() != null ? "/search?author=" + id : null,
                "runs", profiles.runs(viewer, id), "own", viewer != null && viewer.id() == id));
    }

    private void edit(Context ctx, Map<String, String> values, String error, int status) {
        User me = WebSession.requireUser(ctx);
        ctx.status(status).html(templates.render("profile_form.jte", "page", new Page("Edit profile", me, WebSession.csrf(ctx), null),
                "values", values, "error", error, "action", "/people/" + me.id() + "/edit"));
    }

    private void reset(Context ctx, String error, int status) {
        ctx.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").status(status)
                .html(templates.render("reset.jte", "page", new Page("Choose a new password", WebSession.user(ctx), web.ensureCsrf(ctx), null),
                        "error", error, "action", resetPath(ctx.pathParam("secret"))));
    }

    private static String field(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? "" : v;
    }

    private static User self(Context ctx) {
        User me = WebSession.requireUser(ctx);
        if (personId(ctx) != me.id()) throw PortalException.forbidden("only the person may edit their profile");
        return me;
    }

    private static long personId(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw PortalException.notFound("person " + raw);
        }
    }
}
