package org.qise.portal.workshops;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qise.portal.PortalException;
import org.qise.portal.PortalJson;
import org.qise.portal.api.ApiNames;
import org.qise.portal.api.ApiRoutes;
import org.qise.portal.api.RouteTable;
import org.qise.portal.people.User;
import org.qise.portal.web.Forms;

/**
 * The workshop endpoints of the JSON API (documented in api/openapi.json). Field names are
 * camelCase; the snake_case names this API used before are accepted and sent as well for one
 * release ({@link ApiNames}).
 */
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
            var opens = SubmissionWindow.parse(b.opens_at() != null ? "opens_at" : "opensAt",
                    ApiNames.either(b.opensAt(), "opensAt", b.opens_at(), "opens_at"));
            var closes = SubmissionWindow.parse(b.closes_at() != null ? "closes_at" : "closesAt",
                    ApiNames.either(b.closesAt(), "closesAt", b.closes_at(), "closes_at"));
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
            out.put("exercises", workshops.exercises(viewer, w.id()).stream()
                    .map(e -> exerciseJson(e, workshops.runs(viewer, w), best.get(e.id()))).toList());
            send(ctx, 200, out);
        });
        routes.patch("/workshops/{id}", ctx -> {
            User actor = ApiRoutes.requireUser(ctx);
            JsonNode b = PortalJson.object(ctx, true);
            var w = workshops.get(actor, id(ctx, "id"));
            // PATCH: a field left out keeps its value; null clears the description or a date.
            var updated = workshops.update(actor, w.id(), text(b, "title", w.title()), text(b, "description", w.description()),
                    text(b, "date", w.heldOn()), time(b, "opensAt", w.opensAt()), time(b, "closesAt", w.closesAt()));
            send(ctx, 200, workshopJson(updated, true));
        });
        routes.post("/workshops/{id}/exercises", ctx -> {
            ExerciseBody b = PortalJson.body(ctx, ExerciseBody.class, true);
            Target t = target(b.kind(), b.target(), ApiNames.either(b.referenceQasm(), "referenceQasm", b.reference_qasm(), "reference_qasm"));
            if (t == null) throw PortalException.badRequest("give the exercise a \"target\" or a \"referenceQasm\" solution");
            JsonNode noise = ApiNames.either(b.noiseModel(), "noiseModel", b.noise_model(), "noise_model");
            long id = workshops.addExercise(ApiRoutes.requireUser(ctx), id(ctx, "id"), b.title(), b.task(), t,
                    b.threshold(), noiseText(noise, b.noise_model() != null ? "noise_model" : "noiseModel"));
            send(ctx, 201, Map.of("id", id));
        });
        routes.patch("/workshops/{id}/exercises/{exercise}", ctx -> {
            User actor = ApiRoutes.requireUser(ctx);
            JsonNode b = PortalJson.object(ctx, true);
            var e = workshops.exercise(actor, id(ctx, "id"), id(ctx, "exercise"));
            Target t = e.target();
            String reference = ApiNames.given(b, "referenceQasm");
            if (b.has("kind") || b.has("target") || reference != null) {
                String kind = b.hasNonNull("kind") ? b.get("kind").asText() : e.target().kind().name().toLowerCase(java.util.Locale.ROOT);
                t = target(kind, b.get("target"), reference != null && b.hasNonNull(reference) ? b.get(reference).asText() : null);
                if (t == null) throw PortalException.badRequest("a new \"kind\" needs its \"target\" or \"referenceQasm\"");
            }
            String noise = ApiNames.given(b, "noiseModel");
            Double threshold = e.threshold();
            if (b.has("threshold")) {
                if (!b.get("threshold").isNumber()) throw PortalException.badRequest("\"threshold\" must be a number");
                threshold = b.get("threshold").asDouble();
            }
            var updated = workshops.updateExercise(actor, e.workshopId(), e.id(), text(b, "title", e.title()), text(b, "task", e.task()),
                    t, threshold, noise != null ? noiseText(b.get(noise), noise) : e.noiseModel());
            send(ctx, 200, exerciseJson(updated, true, null));
        });
        routes.put("/workshops/{id}/exercise-order", ctx -> {
            JsonNode body = PortalJson.object(ctx, true);
            String field = ApiNames.given(body, "exerciseIds");
            JsonNode ids = field == null ? null : body.get(field);
            if (ids == null || !ids.isArray()) throw PortalException.badRequest("\"exerciseIds\" must be an array of exercise ids");
            List<Long> order = new java.util.ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (!ids.get(i).canConvertToLong() || !ids.get(i).isIntegralNumber()) {
                    throw PortalException.badRequest("\"" + field + "[" + i + "]\" must be an exercise id (an integer)");
                }
                order.add(ids.get(i).asLong());
            }
            send(ctx, 200, workshops.reorder(ApiRoutes.requireUser(ctx), id(ctx, "id"), order).stream().map(e -> exerciseJson(e, true, null)).toList());
        });
        routes.get("/workshops/{id}/participants/{user}/submissions", ctx -> {
            User viewer = ApiRoutes.requireUser(ctx);
            long id = id(ctx, "id");
            var who = workshops.participant(viewer, id, id(ctx, "user"));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("userId", who.id());
            out.put("name", who.name());
            out.put("institution", who.institution());
            out.put("submissions", workshops.history(viewer, id, who.id()).stream().map(s -> {
                Map<String, Object> m = submissionJson(s);
                m.put("submittedAt", s.createdAt().toString());
                m.put("qasm", s.qasm());
                return ApiNames.withOldNames(m);
            }).toList());
            send(ctx, 200, ApiNames.withOldNames(out));
        });
        routes.get("/workshops/{id}/results.csv", ctx -> sendCsv(ctx, workshops.get(ApiRoutes.requireUser(ctx), id(ctx, "id")),
                workshops.resultsCsv(ApiRoutes.requireUser(ctx), id(ctx, "id"))));
        routes.post("/workshops/{id}/exercises/{exercise}/submissions", ctx -> {
            var s = workshops.submit(ApiRoutes.requireUser(ctx), id(ctx, "id"), id(ctx, "exercise"), PortalJson.body(ctx, SubmissionBody.class, true).qasm());
            send(ctx, 201, ApiNames.withOldNames(submissionJson(s)));
        });
        routes.get("/workshops/{id}/results", ctx -> {
            User actor = ApiRoutes.requireUser(ctx);
            long id = id(ctx, "id");
            var exercises = workshops.exercises(actor, id);
            send(ctx, 200, Map.of("exercises", exercises.stream().map(e -> Map.of("id", e.id(), "title", e.title())).toList(),
                    "participants", workshops.results(actor, id).stream().map(r -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("userId", r.userId());
                        m.put("name", r.name());
                        m.put("solved", r.solved());
                        Map<String, Object> cells = new LinkedHashMap<>();
                        r.best().forEach((ex, s) -> cells.put(String.valueOf(ex), Map.of("score", s.score(), "passed", s.passed())));
                        m.put("best", cells);
                        return ApiNames.withOldNames(m);
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
        if (showCode && w.joinCode() != null) m.put("joinCode", w.joinCode());
        m.put("description", w.description());
        m.put("opensAt", w.opensAt() == null ? null : w.opensAt().toString());
        m.put("closesAt", w.closesAt() == null ? null : w.closesAt().toString());
        m.put("openNow", w.window().isOpen(java.time.Instant.now()));
        return ApiNames.withOldNames(m);
    }

    /**
     * The target only for those who run the workshop: a state or distribution would give the
     * answer away. {@code mine}: the viewer's best submission, or null.
     */
    private static Map<String, Object> exerciseJson(WorkshopService.Exercise e, boolean showTarget, WorkshopService.Submission mine) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("title", e.title());
        m.put("task", e.task());
        m.put("kind", e.target().kind().label());
        m.put("qubits", e.target().numQubits());
        m.put("threshold", e.threshold());
        if (showTarget && e.target().checker() == null) m.put("target", e.target().toData());
        if (e.noiseModel() != null) m.put("noiseModelSha256", e.noiseModelSha256());
        if (mine != null) m.put("myBest", ApiNames.withOldNames(submissionJson(mine)));
        return ApiNames.withOldNames(m);
    }

    /** Without the old names: callers may add fields, then call {@link ApiNames#withOldNames}. */
    private static Map<String, Object> submissionJson(WorkshopService.Submission s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("exerciseId", s.exerciseId());
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

    /** {@code field}: the name the body gave it under, for the error. */
    private static String noiseText(JsonNode noise, String field) {
        String noiseText = noise == null || noise.isNull() ? null : noise.isTextual() ? noise.asText()
                : noise.isObject() ? noise.toString() : null;
        if (noise != null && !noise.isNull() && noiseText == null) {
            throw PortalException.unprocessable(field + ": must be a qise-noise-model/1 object or \"example:NAME\"");
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

    /** A PATCH time field, under its name or its old one: absent keeps {@code current}, null clears it (no limit). */
    private static java.time.Instant time(JsonNode body, String name, java.time.Instant current) {
        String field = ApiNames.given(body, name);
        if (field == null) return current;
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

    /** opens_at, closes_at: the old names of opensAt, closesAt, accepted for one release. */
    record WorkshopBody(String title, String date, String cohort, String description, String opensAt, String closesAt,
                        @Deprecated String opens_at, @Deprecated String closes_at) {}

    record JoinBody(String code) {}

    /** target and noiseModel take more than one shape, so they stay trees; the snake_case names are the old ones. */
    record ExerciseBody(String kind, JsonNode target, String referenceQasm, Double threshold, JsonNode noiseModel,
                        String title, String task, @Deprecated String reference_qasm, @Deprecated JsonNode noise_model) {}

    record SubmissionBody(String qasm) {}

    private static void send(Context ctx, int status, Object body) {
        PortalJson.send(ctx, status, body);
    }
}
