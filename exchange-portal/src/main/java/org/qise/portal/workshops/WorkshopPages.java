package org.qise.portal.workshops;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.qise.portal.PortalException;
import org.qise.portal.people.User;
import org.qise.portal.web.Page;
import org.qise.portal.web.Templates;
import org.qise.portal.web.WebSession;

/** The workshop pages: list, create and join; a workshop's exercises with submission forms; the instructor's results table. */
public final class WorkshopPages {
    /** How often the instructor's results table reloads itself, in seconds. */
    static final int RESULTS_REFRESH_SECONDS = 10;

    private final Templates templates;
    private final WorkshopService workshops;

    public WorkshopPages(Templates templates, WorkshopService workshops) {
        this.templates = templates;
        this.workshops = workshops;
    }

    public void register(RoutesConfig routes) {
        routes.get("/workshops", ctx -> showList(ctx, null, 200));
        routes.post("/workshops", ctx -> {
            User user = WebSession.requireUser(ctx);
            try {
                var w = workshops.create(user, ctx.formParam("title"), ctx.formParam("date"), ctx.formParam("cohort"));
                ctx.redirect("/workshops/" + w.id());
            } catch (PortalException e) {
                if (e.status() >= 500) throw e;
                showList(ctx, e.getMessage(), e.status());
            }
        });
        routes.post("/workshops/join", ctx -> {
            User user = WebSession.requireUser(ctx);
            try {
                ctx.redirect("/workshops/" + workshops.join(user, ctx.formParam("code")).id());
            } catch (PortalException e) {
                if (e.status() >= 500) throw e;
                showList(ctx, e.getMessage(), e.status());
            }
        });
        routes.get("/workshops/{id}", ctx -> showWorkshop(ctx, null, null, 200));
        routes.post("/workshops/{id}/exercises", ctx -> {
            User user = WebSession.requireUser(ctx);
            long id = WorkshopApi.id(ctx, "id");
            try {
                TargetKind kind = TargetKind.parse(ctx.formParam("kind"));
                String checker = TargetKind.checkerName(ctx.formParam("kind"));
                Target target = checker != null ? Target.checker(checker) : TargetInput.parse(kind, ctx.formParam("target"));
                workshops.addExercise(user, id, ctx.formParam("title"), ctx.formParam("task"), target, threshold(ctx.formParam("threshold")),
                        ctx.formParam("noise_model"));
                ctx.redirect("/workshops/" + id);
            } catch (PortalException e) {
                if (e.status() == 404 || e.status() == 403 || e.status() >= 500) throw e;
                showWorkshop(ctx, e.getMessage(), null, e.status());
            }
        });
        routes.post("/workshops/{id}/exercises/{exercise}/submit", ctx -> {
            User user = WebSession.requireUser(ctx);
            try {
                var s = workshops.submit(user, WorkshopApi.id(ctx, "id"), WorkshopApi.id(ctx, "exercise"), ctx.formParam("qasm"));
                showWorkshop(ctx, null, (s.passed() ? "Solved! " : "Not yet: ") + s.detail(), 200);
            } catch (PortalException e) {
                if (e.status() == 404 || e.status() >= 500) throw e;
                showWorkshop(ctx, e.getMessage(), null, e.status());
            }
        });
        routes.get("/workshops/{id}/results", ctx -> {
            User user = WebSession.requireUser(ctx);
            long id = WorkshopApi.id(ctx, "id");
            var w = workshops.get(user, id);
            ctx.html(templates.render("workshop_results.jte", "page", page(ctx, "Results of " + w.title(), null), "workshop", w,
                    "exercises", workshops.exercises(user, id), "rows", workshops.results(user, id),
                    "refresh", RESULTS_REFRESH_SECONDS));
        });
    }

    private void showList(Context ctx, String error, int status) {
        User user = WebSession.requireUser(ctx);
        ctx.status(status).html(templates.render("workshops.jte", "page", page(ctx, "Workshops", null),
                "workshops", workshops.list(user), "error", error));
    }

    private void showWorkshop(Context ctx, String error, String notice, int status) {
        User user = WebSession.requireUser(ctx);
        long id = WorkshopApi.id(ctx, "id");
        var w = workshops.get(user, id);
        Map<String, String> form = new java.util.HashMap<>();
        for (String f : new String[]{"title", "task", "kind", "target", "threshold", "noise_model"}) {
            String v = ctx.formParam(f);
            form.put(f, v == null ? "" : v);
        }
        ctx.status(status).html(templates.render("workshop.jte", "page", page(ctx, w.title(), notice), "workshop", w,
                "exercises", workshops.exercises(user, id), "best", workshops.best(user, id), "runs", workshops.runs(user, w),
                "error", error, "form", form));
    }

    private static Double threshold(String raw) {
        if (raw == null || raw.isBlank()) return null;
        try {
            return Double.parseDouble(raw.strip());
        } catch (NumberFormatException e) {
            throw PortalException.badRequest("the threshold must be a number such as 0.99, got '" + raw + "'");
        }
    }

    private static Page page(Context ctx, String title, String notice) {
        return new Page(title, WebSession.user(ctx), WebSession.csrf(ctx), notice);
    }
}
