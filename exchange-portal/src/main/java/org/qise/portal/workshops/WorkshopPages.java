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
        routes.get("/workshops/{id}/edit", ctx -> showEdit(ctx, null, null, 200));
        routes.post("/workshops/{id}/edit", ctx -> {
            User user = WebSession.requireUser(ctx);
            long id = WorkshopApi.id(ctx, "id");
            try {
                workshops.update(user, id, ctx.formParam("title"), ctx.formParam("description"), ctx.formParam("date"),
                        SubmissionWindow.parse("opens_at", ctx.formParam("opens_at")),
                        SubmissionWindow.parse("closes_at", ctx.formParam("closes_at")));
                ctx.redirect("/workshops/" + id);
            } catch (PortalException e) {
                if (e.status() == 404 || e.status() == 403 || e.status() >= 500) throw e;
                showEdit(ctx, e.getMessage(), typedWorkshop(ctx), e.status());
            }
        });
        routes.post("/workshops/{id}/exercises/{exercise}/edit", ctx -> {
            User user = WebSession.requireUser(ctx);
            long id = WorkshopApi.id(ctx, "id");
            long exercise = WorkshopApi.id(ctx, "exercise");
            try {
                Target target = WorkshopApi.target(formKind(ctx), null, null);
                if (target == null) target = TargetInput.parse(TargetKind.parse(ctx.formParam("kind")), ctx.formParam("target"));
                workshops.updateExercise(user, id, exercise, ctx.formParam("title"), ctx.formParam("task"), target,
                        threshold(ctx.formParam("threshold")), ctx.formParam("noise_model"));
                ctx.redirect("/workshops/" + id + "/edit#exercise-" + exercise);
            } catch (PortalException e) {
                if (e.status() == 404 || e.status() == 403 || e.status() >= 500) throw e;
                showEdit(ctx, "Exercise " + exercise + ": " + e.getMessage(), null, e.status());
            }
        });
        routes.post("/workshops/{id}/exercises/{exercise}/move", ctx -> {
            User user = WebSession.requireUser(ctx);
            long id = WorkshopApi.id(ctx, "id");
            long exercise = WorkshopApi.id(ctx, "exercise");
            String direction = ctx.formParam("direction");
            if (!"up".equals(direction) && !"down".equals(direction)) throw PortalException.badRequest("direction must be up or down");
            workshops.move(user, id, exercise, "up".equals(direction) ? -1 : 1);
            ctx.redirect("/workshops/" + id + "/edit#exercise-" + exercise);
        });
        routes.get("/workshops/{id}/participants/{user}", ctx -> {
            User viewer = WebSession.requireUser(ctx);
            long id = WorkshopApi.id(ctx, "id");
            var w = workshops.get(viewer, id);
            var who = workshops.participant(viewer, id, WorkshopApi.id(ctx, "user"));
            var history = workshops.history(viewer, id, who.id());
            Map<Long, java.util.List<WorkshopService.Submission>> byExercise = new java.util.HashMap<>();
            for (var s : history) byExercise.computeIfAbsent(s.exerciseId(), k -> new java.util.ArrayList<>()).add(0, s); // newest first
            ctx.html(templates.render("workshop_participant.jte", "page", page(ctx, who.name() + " in " + w.title(), null),
                    "workshop", w, "participant", who, "exercises", workshops.exercises(viewer, id), "byExercise", byExercise));
        });
        routes.get("/workshops/{id}/results.csv", ctx -> {
            User user = WebSession.requireUser(ctx);
            long id = WorkshopApi.id(ctx, "id");
            WorkshopApi.sendCsv(ctx, workshops.get(user, id), workshops.resultsCsv(user, id));
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
                "error", error, "form", form, "open", w.window().isOpen(java.time.Instant.now())));
    }

    /** The edit page: the workshop's own form (with what was typed after an error) and one form per exercise. */
    private void showEdit(Context ctx, String error, Map<String, String> typed, int status) {
        User user = WebSession.requireUser(ctx);
        long id = WorkshopApi.id(ctx, "id");
        var w = workshops.get(user, id);
        if (!org.qise.portal.access.AccessPolicy.canEditWorkshop(user, w.instructorId())) {
            throw PortalException.forbidden("only the workshop's instructor may edit it");
        }
        Map<String, String> form = typed != null ? typed : Map.of("title", w.title(), "description", w.description(), "date", w.heldOn(),
                "opens_at", SubmissionWindow.formValue(w.opensAt()), "closes_at", SubmissionWindow.formValue(w.closesAt()));
        ctx.status(status).html(templates.render("workshop_edit.jte", "page", page(ctx, "Edit " + w.title(), null), "workshop", w,
                "exercises", workshops.exercises(user, id), "error", error, "form", form));
    }

    private static Map<String, String> typedWorkshop(Context ctx) {
        Map<String, String> form = new java.util.HashMap<>();
        for (String f : new String[]{"title", "description", "date", "opens_at", "closes_at"}) {
            String v = ctx.formParam(f);
            form.put(f, v == null ? "" : v);
        }
        return form;
    }

    /** "checker:NAME" when the form picked kind checker (the name is in the target field), else the kind as given. */
    private static String formKind(Context ctx) {
        String kind = ctx.formParam("kind");
        String target = ctx.formParam("target");
        if ("checker".equals(kind) && target != null && !target.isBlank()) return "checker:" + target.strip();
        return kind;
    }

    /** An exercise's target as its edit form shows it: the checker's name, or the target as JSON. */
    public static String targetText(WorkshopService.Exercise e) {
        if (e.target().checker() != null) return e.target().checker();
        try {
            return TargetInput.JSON.writeValueAsString(e.target().toData());
        } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
            throw new IllegalStateException("cannot write a target as JSON", x);
        }
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
