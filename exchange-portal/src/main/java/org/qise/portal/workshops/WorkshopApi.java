package org.qise.portal.workshops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qise.portal.PortalException;
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
            JsonNode b = body(ctx);
            var w = workshops.create(ApiRoutes.requireUser(ctx), text(b, "title"), text(b, "date"), text(b, "cohort"));
            send(ctx, 201, workshopJson(w, true));
        });
        routes.post("/workshops/join", ctx -> send(ctx, 200, workshopJson(workshops.join(ApiRoutes.requireUser(ctx), text(body(ctx), "code")), false)));
        routes.get("/workshops/{id}", ctx -> {
            User viewer = ApiRoutes.requireUser(ctx);
            var w = workshops.get(viewer, id(ctx, "id"));
            Map<String, Object> out = workshopJson(w, workshops.runs(viewer, w));
            var best = workshops.best(viewer, w.id());
            out.put("exercises", workshops.exercises(viewer, w.id()).stream().map(e -> {
                Map<String, Object> m = exerciseJson(e);
                var mine = best.get(e.id());
                if (mine != null) m.put("my_best", submissionJson(mine));
                return m;
            }).toList());
            send(ctx, 200, out);
        });
        routes.post("/workshops/{id}/exercises", ctx -> {
            JsonNode b = body(ctx);
            TargetKind kind = TargetKind.parse(text(b, "kind"));
            JsonNode target = b.get("target");
            String reference = text(b, "reference_qasm");
            Target t;
            String checker = TargetKind.checkerName(text(b, "kind"));
            if (checker != null) t = Target.checker(checker);
            else if (reference != null) t = TargetInput.parse(kind, reference);
            else if (target != null && !target.isNull()) t = TargetInput.fromJson(kind, target);
            else throw PortalException.badRequest("give the exercise a \"target\" or a \"reference_qasm\" solution");
            JsonNode th = b.get("threshold");
            if (th != null && !th.isNull() && !th.isNumber()) throw PortalException.badRequest("\"threshold\" must be a number");
            JsonNode noise = b.get("noise_model");
            String noiseText = noise == null || noise.isNull() ? null : noise.isTextual() ? noise.asText()
                    : noise.isObject() ? noise.toString() : null;
            if (noise != null && !noise.isNull() && noiseText == null) {
                throw PortalException.unprocessable("noise_model: must be a qise-noise-model/1 object or \"example:NAME\"");
            }
            long id = workshops.addExercise(ApiRoutes.requireUser(ctx), id(ctx, "id"), text(b, "title"), text(b, "task"), t,
                    th == null || th.isNull() ? null : th.asDouble(), noiseText);
            send(ctx, 201, Map.of("id", id));
        });
        routes.post("/workshops/{id}/exercises/{exercise}/submissions", ctx -> {
            var s = workshops.submit(ApiRoutes.requireUser(ctx), id(ctx, "id"), id(ctx, "exercise"), text(body(ctx), "qasm"));
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
        return m;
    }

    private static Map<String, Object> exerciseJson(WorkshopService.Exercise e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("title", e.title());
        m.put("task", e.task());
        m.put("kind", e.target().kind().label());
        m.put("qubits", e.target().numQubits());
        m.put("threshold", e.threshold());
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

    static long id(Context ctx, String name) {
        return Forms.pathId(ctx, name);
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode node = ctx.body().isBlank() ? null : TargetInput.JSON.readTree(ctx.body());
            if (node == null || !node.isObject()) throw PortalException.badRequest("the request body must be a JSON object");
            return node;
        } catch (JsonProcessingException e) {
            throw PortalException.badRequest("the request body is not valid JSON");
        }
    }

    private static String text(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw PortalException.badRequest("\"" + field + "\" must be a string");
        return v.asText();
    }

    private static void send(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(TargetInput.JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
