package org.qise.portal.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import org.qise.portal.PortalException;
import org.qise.portal.audit.AuditLog;
import org.qise.portal.people.Cohort;
import org.qise.portal.people.InviteService;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;
import org.qise.portal.people.UserService;

/** Invites (admins and instructors) and people management with the audit log (admins). */
public final class AdminPages {
    private final Templates templates;
    private final UserService users;
    private final InviteService invites;
    private final AuditLog audit;
    /** Secrets made by a form, waiting for the page it redirects to. */
    private final OneTime shown = new OneTime();

    public AdminPages(Templates templates, UserService users, InviteService invites, AuditLog audit) {
        this.templates = templates;
        this.users = users;
        this.invites = invites;
        this.audit = audit;
    }

    public void register(RoutesConfig routes) {
        routes.get("/invites", ctx -> showInvites(ctx, shown.take(ctx, ctx.queryParam("shown"))));
        routes.post("/invites", ctx -> {
            User u = inviter(ctx);
            Integer uses = Forms.optionalInt(ctx.formParam("uses"), "uses");
            Integer days = Forms.optionalInt(ctx.formParam("days"), "days");
            String cohortName = Forms.field(ctx, "cohort");
            Cohort cohort = cohortName.isBlank() ? null
                    : u.isAdmin() ? users.cohortNamed(cohortName)
                    : users.findCohort(cohortName).orElseThrow(() -> PortalException.forbidden("instructors may only invite into a cohort they belong to"));
            String code = invites.create(u, Role.parse(Forms.field(ctx, "role")), cohort, uses == null ? 1 : uses,
                    Duration.ofDays(days == null ? 14 : days));
            // Post/redirect/get: the code waits for the invites page, so a reload creates no second invite.
            ctx.redirect("/invites?shown=" + shown.put(ctx, code), io.javalin.http.HttpStatus.SEE_OTHER);
        });
        routes.post("/invites/{id}/revoke", ctx -> {
            invites.revoke(inviter(ctx), Forms.pathId(ctx, "id"));
            ctx.redirect("/invites");
        });
        routes.get("/admin/users", ctx -> {
            User admin = admin(ctx);
            ctx.html(templates.render("users.jte", "page", new Page("People", admin, WebSession.csrf(ctx), null),
                    "users", users.all(), "audit", audit.recent(100)));
        });
        routes.post("/admin/users/{id}/disable", ctx -> {
            User admin = admin(ctx);
            long id = Forms.pathId(ctx, "id");
            String name = users.find(id).map(User::name).orElseThrow(() -> org.qise.portal.PortalException.notFound("user " + id));
            if (!Confirm.given(ctx, templates, "Disable " + name + "?",
                    "They are signed out everywhere and cannot sign in or use their API tokens until enabled again.",
                    "Disable", "/admin/users")) return;
            users.disable(admin, id);
            ctx.redirect("/admin/users");
        });
        routes.post("/admin/users/{id}/enable", ctx -> {
            users.enable(admin(ctx), Forms.pathId(ctx, "id"));
            ctx.redirect("/admin/users");
        });
        routes.post("/admin/users/{id}/role", ctx -> {
            users.changeRole(admin(ctx), Forms.pathId(ctx, "id"), Role.parse(Forms.field(ctx, "role")));
            ctx.redirect("/admin/users");
        });
        routes.post("/admin/users/{id}/cohort", ctx -> {
            User admin = admin(ctx);
            users.addToCohort(admin, Forms.pathId(ctx, "id"), users.cohortNamed(Forms.field(ctx, "cohort")));
            ctx.redirect("/admin/users");
        });
    }

    private void showInvites(Context ctx, String newCode) {
        User u = inviter(ctx);
        ctx.header("Cache-Control", "no-store").html(templates.render("invites.jte",
                "page", new Page("Invites", u, WebSession.csrf(ctx), null), "invites", invites.createdBy(u), "newCode", newCode));
    }

    private static User inviter(Context ctx) {
        User u = WebSession.requireUser(ctx);
        if (!u.canInvite()) throw PortalException.forbidden("only admins and instructors may create invites");
        return u;
    }

    private static User admin(Context ctx) {
        User u = WebSession.requireUser(ctx);
        if (!u.isAdmin()) throw PortalException.forbidden("only admins may manage people");
        return u;
    }
}
