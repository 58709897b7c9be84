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
            var w = workshops.create(ApiRoutes.requireUser(ctx), b.title(), b.date(), b.cohort());
            send(ctx, 201, workshopJson(w, true));
        });
        routes.post("/workshops/join", ctx -> send(ctx, 200, workshopJson(workshops.join(ApiRoutes.requireUser(ctx), PortalJson.body(ctx, JoinBody.class, true).code()), false)));
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
            ExerciseBody b = PortalJson.body(ctx, ExerciseBody.class, true);
            TargetKind kind = TargetKind.parse(b.kind());
            JsonNode target = b.target();
            String reference = b.reference_qasm();
            Target t;
            String checker = TargetKind.checkerName(b.kind());
            if (checker != null) t = Target.checker(checker);
            else if (reference != null) t = TargetInput.parse(kind, reference);
            else if (target != null && !target.isNull()) t = TargetInput.fromJson(kind, target);
            else throw PortalException.badRequest("give the exercise a \"target\" or a \"reference_qasm\" solution");
            JsonNode noise = b.noise_model();
            String noiseText = noise == null || noise.isNull() ? null : noise.isTextual() ? noise.asText()
                    : noise.isObject() ? noise.toString() : null;
            if (noise != null && !noise.isNull() && noiseText == null) {
                throw PortalException.unprocessable("noise_model: must be a qise-noise-model/1 object or \"example:NAME\"");
            }
            long id = workshops.addExercise(ApiRoutes.requireUser(ctx), id(ctx, "id"), b.title(), b.task(), t,
                    b.threshold(), noiseText);
            send(ctx, 201, Map.of("id", id));
        });
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

    record WorkshopBody(String title, String date, String cohort) {}

    record JoinBody(String code) {}

    /** target and noise_model take more than one shape, so they stay trees. */
    record ExerciseBody(String kind, JsonNode target, String reference_qasm, Double threshold, JsonNode noise_model,
                        String title, String task) {}

    record SubmissionBody(String qasm) {}

    private static void send(Context ctx, int status, Object body) {
        PortalJson.send(ctx, status, body);
    }
}
