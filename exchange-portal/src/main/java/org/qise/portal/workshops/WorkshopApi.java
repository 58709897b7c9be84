package org.qise.portal.workshops;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qise.portal.PortalException;
import org.qise.portal.PortalJson;
import org.qise.portal.api.ApiRoutes;
import org.qise.portal.api.RouteTable;
import org.qise.portal.people.User;
import org.qise.portal.web.Forms;

/** The workshop endpoints of the JSON API (documented in api/openapi.json). */
public final class WorkshopApi {
    private final WorkshopService workshops;
    private List<String> registered = List.of();

    public WorkshopApi(WorkshopService workshops) {
        this.workshops = workshops;
    }

    public List<String> routes() {
        return registered;
    }

    public void register(RoutesConfig config) {
        RouteTable routes = new RouteTable(config);
        routes.get("/workshops", ctx -> {
            User viewer = ApiRoutes.requireUser(ctx);
            send(ctx, 200, workshops.list(viewer).stream().map(w -> workshopJson(w, workshops.runs(viewer, w))).toList());
        });
        routes.post("/workshops", ctx -> {
            WorkshopBody b = PortalJson.body(ctx, WorkshopBody.class, true);
            User actor = ApiRoutes.requireUser(ctx);
            // Read before creating, so a bad time creates nothing.
            var opens = SubmissionWindow.parse("opens_at", b.opens_at());
            var closes = SubmissionWindow.parse("closes_at", b.closes_at());
            new SubmissionWindow(opens, closes);
            var w = workshops.create(actor, b.title(), b.date(), b.cohort());
            if (b.description() != null || opens != null || closes != null) {
                w = workshops.update(actor, w.id(), w.title(), b.description(), w.heldOn(), opens, closes);
            }
            send(ctx, 201, workshopJson(w, true));
        });
        routes.post("/workshops/join", ctx -> send(ctx, 200, workshopJson(workshops.join(ApiRoutes.requireUser(ctx), PortalJson.body(ctx, JoinBody.class, true).code()), false)));
        routes.get("/workshops/{id}", ctx -> {
            User viewer = ApiRoutes.requireUser(ctx);
            var w = workshops.get(viewer, id(ctx, "id"));
            Map<String, Object> out = workshopJson(w, workshops.runs(viewer, w));
            var best = workshops.best(viewer, w.id());
            out.put("exercises", workshops.exercises(viewer, w.id()).stream().map(e -> {
                Map<String, Object> m = exerciseJson(e, workshops.runs(viewer, w));
                var mine = best.get(e.id());
                if (mine != null) m.put("my_best", submissionJson(mine));
                return m;
            }).toList());
            send(ctx, 200, out);
        });
        routes.patch("/workshops/{id}", ctx -> {
            User actor = ApiRoutes.requireUser(ctx);
            JsonNode b = PortalJson.object(ctx, true);
            var w = workshops.get(actor, id(ctx, "id"));
            // PATCH: a field left out keeps its value; null clears the description or a date.
            var updated = workshops.update(actor, w.id(), text(b, "title", w.title()), text(b, "description", w.description()),
                    text(b, "date", w.heldOn()), time(b, "opens_at", w.opensAt()), time(b, "closes_at", w.closesAt()));
            send(ctx, 200, workshopJson(updated, true));
        });
        routes.post("/workshops/{id}/exercises", ctx -> {
            ExerciseBody b = PortalJson.body(ctx, ExerciseBody.class, true);
            Target t = target(b.kind(), b.target(), b.reference_qasm());
            if (t == null) throw PortalException.badRequest("give the exercise a \"target\" or a \"reference_qasm\" solution");
            long id = workshops.addExercise(ApiRoutes.requireUser(ctx), id(ctx, "id"), b.title(), b.task(), t,
                    b.threshold(), noiseText(b.noise_model()));
            send(ctx, 201, Map.of("id", id));
        });
        routes.patch("/workshops/{id}/exercises/{exercise}", ctx -> {
            User actor = ApiRoutes.requireUser(ctx);
            JsonNode b = PortalJson.object(ctx, true);
            var e = workshops.exercise(actor, id(ctx, "id"), id(ctx, "exercise"));
            Target t = e.target();
            if (b.has("kind") || b.has("target") || b.has("reference_qasm")) {
                String kind = b.hasNonNull("kind") ? b.get("kind").asText() : e.target().kind().name().toLowerCase(java.util.Locale.ROOT);
                t = target(kind, b.get("target"), b.hasNonNull("reference_qasm") ? b.get("reference_qasm").asText() : null);
                if (t == null) throw PortalException.badRequest("a new \"kind\" needs its \"target\" or \"reference_qasm\"");
            }
            Double threshold = e.threshold();
            if (b.has("threshold")) {
                if (!b.get("threshold").isNumber()) throw PortalException.badRequest("\"threshold\" must be a number");
                threshold = b.get("threshold").asDouble();
            }
            var updated = workshops.updateExercise(actor, e.workshopId(), e.id(), text(b, "title", e.title()), text(b, "task", e.task()),
                    t, threshold, b.has("noise_model") ? noiseText(b.get("noise_model")) : e.noiseModel());
            send(ctx, 200, exerciseJson(updated, true));
        });
        routes.put("/workshops/{id}/exercise-order", ctx -> {
            JsonNode ids = PortalJson.object(ctx, true).get("exercise_ids");
            if (ids == null || !ids.isArray()) throw PortalException.badRequest("\"exercise_ids\" must be an array of exercise ids");
            List<Long> order = new java.util.ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (!ids.get(i).canConvertToLong() || !ids.get(i).isIntegralNumber()) {
                    throw PortalException.badRequest("\"exercise_ids[" + i + "]\" must be an exercise id (an integer)");
                }
                order.add(ids.get(i).asLong());
            }
            send(ctx, 200, workshops.reorder(ApiRoutes.requireUser(ctx), id(ctx, "id"), order).stream().map(e -> exerciseJson(e, true)).toList());
        });
        routes.get("/workshops/{id}/participants/{user}/submissions", ctx -> {
            User viewer = ApiRoutes.requireUser(ctx);
            long id = id(ctx, "id");
            var who = workshops.participant(viewer, id, id(ctx, "user"));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("user_id", who.id());
            out.put("name", who.name());
            out.put("institution", who.institution());
            out.put("submissions", workshops.history(viewer, id, who.id()).stream().map(s -> {
                Map<String, Object> m = submissionJson(s);
                m.put("submitted_at", s.createdAt().toString());
                m.put("qasm", s.qasm());
                return m;
            }).toList());
            send(ctx, 200, out);
        });
        routes.get("/workshops/{id}/results.csv", ctx -> sendCsv(ctx, workshops.get(ApiRoutes.requireUser(ctx), id(ctx, "id")),
                workshops.resultsCsv(ApiRoutes.requireUser(ctx), id(ctx, "id"))));
        routes.post("/workshops/{id}/exercises/{exercise}/submissions", ctx -> {
            var s = workshops.submit(ApiRoutes.requireUser(ctx), id(ctx, "id"), id(ctx, "exercise"), PortalJson.body(ctx, SubmissionBody.class, true).qasm());
            send(ctx, 201, submissionJson(s));
        });
        routes.get("/workshops/{id}/results", ctx -> {
            User actor = ApiRoutes.requireUser(ctx);
            long id = id(ctx, "id");
            var exercises = workshops.exercises(actor, id);
            send(ctx, 200, Map.of("exercises", exercises.stream().map(e -> Map.of("id", e.id(), "title", e.title())).toList(),
                    "participants", workshops.results(actor, id).stream().map(r -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("user_id", r.userId());
                        m.put("name", r.name());
                        m.put("solved", r.solved());
                        Map<String, Object> cells = new LinkedHashMap<>();
                        r.best().forEach((ex, s) -> cells.put(String.valueOf(ex), Map.of("score", s.score(), "passed", s.passed())));
                        m.put("best", cells);
                        return m;
                    }).toList()));
        });
        registered = routes.registered();
    }

    /** The join code only for those who run the workshop (participants already joined). */
    static Map<String, Object> workshopJson(WorkshopService.Workshop w, boolean showCode) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("title", w.title());
        m.put("date", w.heldOn());
        m.put("instructor", w.instructorName());
        if (w.cohortName() != null) m.put("cohort", w.cohortName());
        if (showCode && w.joinCode() != null) m.put("join_code", w.joinCode());
        m.put("description", w.description());
        m.put("opens_at", w.opensAt() == null ? null : w.opensAt().toString());
        m.put("closes_at", w.closesAt() == null ? null : w.closesAt().toString());
        m.put("open_now", w.window().isOpen(java.time.Instant.now()));
        return m;
    }

    /** The target only for those who run the workshop: a state or distribution would give the answer away. */
    private static Map<String, Object> exerciseJson(WorkshopService.Exercise e, boolean showTarget) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("title", e.title());
        m.put("task", e.task());
        m.put("kind", e.target().kind().label());
        m.put("qubits", e.target().numQubits());
        m.put("threshold", e.threshold());
        if (showTarget && e.target().checker() == null) m.put("target", e.target().toData());
        if (e.noiseModel() != null) m.put("noise_model_sha256", e.noiseModelSha256());
        return m;
    }

    private static Map<String, Object> submissionJson(WorkshopService.Submission s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("exercise_id", s.exerciseId());
        m.put("score", s.score());
        m.put("passed", s.passed());
        m.put("detail", s.detail());
        return m;
    }

    /** The exercise target a body or form gives: a checker's name, a reference solution, or the target as JSON; null if none. */
    static Target target(String kindText, JsonNode target, String reference) {
        TargetKind kind = TargetKind.parse(kindText);
        String checker = TargetKind.checkerName(kindText);
        if (checker != null) return Target.checker(checker);
        if (reference != null) return TargetInput.parse(kind, reference);
        if (target != null && !target.isNull()) return TargetInput.fromJson(kind, target);
        return null;
    }

    private static String noiseText(JsonNode noise) {
        String noiseText = noise == null || noise.isNull() ? null : noise.isTextual() ? noise.asText()
                : noise.isObject() ? noise.toString() : null;
        if (noise != null && !noise.isNull() && noiseText == null) {
            throw PortalException.unprocessable("noise_model: must be a qise-noise-model/1 object or \"example:NAME\"");
        }
        return noiseText;
    }

    /** A PATCH field: absent keeps {@code current}, null is empty, else it must be a string. */
    private static String text(JsonNode body, String field, String current) {
        if (!body.has(field)) return current;
        JsonNode v = body.get(field);
        if (v.isNull()) return "";
        if (!v.isTextual()) throw PortalException.badRequest("\"" + field + "\" must be a string");
        return v.asText();
    }

    /** A PATCH time field: absent keeps {@code current}, null clears it (no limit). */
    private static java.time.Instant time(JsonNode body, String field, java.time.Instant current) {
        if (!body.has(field)) return current;
        JsonNode v = body.get(field);
        if (v.isNull()) return null;
        if (!v.isTextual()) throw PortalException.badRequest("\"" + field + "\" must be a time such as \"2026-12-01T09:00:00Z\" or null");
        return SubmissionWindow.parse(field, v.asText());
    }

    /** The results CSV as a download named after the workshop (pages and API alike). */
    static void sendCsv(Context ctx, WorkshopService.Workshop w, String csv) {
        String name = "workshop-" + w.id() + "-results.csv";
        ctx.status(200).contentType("text/csv; charset=utf-8; header=present")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").result(csv);
    }

    static long id(Context ctx, String name) {
        return Forms.pathId(ctx, name);
    }

    record WorkshopBody(String title, String date, String cohort, String description, String opens_at, String closes_at) {}

    record JoinBody(String code) {}

    /** target and noise_model take more than one shape, so they stay trees. */
    record ExerciseBody(String kind, JsonNode target, String reference_qasm, Double threshold, JsonNode noise_model,
                        String title, String task) {}

    record SubmissionBody(String qasm) {}

    private static void send(Context ctx, int status, Object body) {
        PortalJson.send(ctx, status, body);
    }
}
