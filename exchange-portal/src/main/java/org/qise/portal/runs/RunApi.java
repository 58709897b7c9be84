package org.qise.portal.runs;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
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
 * The run endpoints of the JSON API (documented with the rest in api/openapi.json): start a
 * run, follow it, cancel it, reproduce it, and push a result made elsewhere.
 */
public final class RunApi {
    /** How long reproduce and push wait for the rerun before answering 202 "pending": short, so request threads are not held by simulations. */
    static final Duration VERDICT_WAIT = Duration.ofSeconds(10);

    private final RunService runs;
    private List<String> registered = List.of();

    public RunApi(RunService runs) {
        this.runs = runs;
    }

    /** "METHOD /path" of each route this class registers. */
    public List<String> routes() {
        return registered;
    }

    public void register(RoutesConfig config) {
        RouteTable routes = new RouteTable(config);
        routes.post("/circuits/{id}/runs", this::start);
        routes.get("/circuits/{id}/runs", ctx -> send(ctx, 200,
                runs.forCircuit(ApiRoutes.user(ctx), ctx.pathParam("id")).stream().map(r -> RunViews.summary(r, runs.progress(r))).toList()));
        routes.get("/me/runs", ctx -> send(ctx, 200, runs.mine(ApiRoutes.requireUser(ctx)).stream().map(m -> {
            // New in this release, so camelCase only (the summary's fields keep their old names for a release).
            Map<String, Object> out = RunViews.summary(m.run(), m.progress());
            if (m.queuePosition() != null) out.put("queuePosition", m.queuePosition());
            out.put("circuitTitle", m.circuitTitle());
            if (m.run().startedAt() != null) out.put("startedAt", m.run().startedAt().toString());
            if (m.run().finishedAt() != null) out.put("finishedAt", m.run().finishedAt().toString());
            return out;
        }).toList()));
        routes.get("/runs/{id}", ctx -> {
            User viewer = ApiRoutes.user(ctx);
            Run r = runs.get(viewer, ctx.pathParam("id"));
            Map<String, Object> out = RunViews.run(r, runs.progress(r), runs.verifications(viewer, r.id()));
            if (r.counts() != null) pageCounts(ctx, r, out);
            send(ctx, 200, out);
        });
        routes.post("/runs/{id}/cancel", ctx -> {
            RunStatus status = runs.cancel(ApiRoutes.requireUser(ctx), ctx.pathParam("id"));
            send(ctx, 200, Map.of("id", ctx.pathParam("id"), "status", status.label()));
        });
        routes.post("/runs/{id}/reproduce", this::reproduce);
        routes.post("/circuits/{id}/sweeps", this::startSweep);
        routes.get("/runs/{id}/sweep", ctx -> {
            RunService.SweepView v = sweepOf(ctx);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", v.run().publicId());
            out.put("status", v.run().status().label());
            out.put("sweepId", v.sweepId());
            out.put("parameters", v.spec().names());
            out.put("expect", RunSweeps.expectNames(v.run()));
            out.put("points", v.spec().points().size());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (RunSweeps.Point p : v.points()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("index", p.index());
                r.put("params", p.parameters());
                if (p.expectations() != null) r.put("expect", p.expectations());
                rows.add(r);
            }
            out.put("results", rows);
            out.put("downloads", Map.of("csv", "/api/v1/runs/" + v.run().publicId() + "/sweep.csv",
                    "jsonl", "/api/v1/runs/" + v.run().publicId() + "/sweep.jsonl", "svg", "/api/v1/runs/" + v.run().publicId() + "/sweep.svg"));
            send(ctx, 200, ApiNames.withOldNames(out));
        });
        routes.get("/runs/{id}/sweep.csv", ctx -> sweepFile(ctx, org.qise.sweep.SweepFormat.CSV));
        routes.get("/runs/{id}/sweep.jsonl", ctx -> sweepFile(ctx, org.qise.sweep.SweepFormat.JSONL));
        routes.get("/runs/{id}/sweep.svg", ctx -> {
            RunService.SweepView v = finishedSweep(ctx);
            ctx.status(200).contentType("image/svg+xml").result(RunSweeps.plot(v.run(), v.spec(), v.points(), "run " + v.run().publicId()));
        });
        routes.post("/results", this::push);
        registered = routes.registered();
    }

    private void start(Context ctx) {
        User user = ApiRoutes.requireUser(ctx);
        StartBody b = PortalJson.body(ctx, StartBody.class, false);
        var request = new RunService.RunRequest(b.version(), b.shots(), b.seed(), b.engine(), strings(b.expect(), "expect"),
                noiseModel(ApiNames.either(b.noiseModel(), "noiseModel", b.noise_model(), "noise_model"), b.noise_model() != null ? "noise_model" : "noiseModel"), parameters(b.parameters()));
        String id = runs.publicId(runs.submit(user, id(ctx), request));
        send(ctx, 202, Map.of("id", id, "status", "queued", "url", "/runs/" + id));
    }

    /** POST /circuits/{id}/sweeps: the run fields (version, shots per point, seed, engine, expect) plus "grid" or "points". */
    private void startSweep(Context ctx) {
        User user = ApiRoutes.requireUser(ctx);
        SweepBody b = PortalJson.body(ctx, SweepBody.class, true);
        var request = new RunService.RunRequest(b.version(), b.shots(), b.seed(), b.engine(), strings(b.expect(), "expect"),
                noiseModel(ApiNames.either(b.noiseModel(), "noiseModel", b.noise_model(), "noise_model"), b.noise_model() != null ? "noise_model" : "noiseModel"), parameters(b.parameters()));
        var points = PortalJson.MAPPER.createObjectNode();
        if (b.grid() != null) points.set("grid", b.grid());
        if (b.points() != null) points.set("points", b.points());
        long runId = runs.submitSweep(user, id(ctx), request, points);
        String id = runs.publicId(runId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("status", "queued");
        out.put("url", "/runs/" + id);
        out.put("sweepUrl", "/api/v1/runs/" + id + "/sweep");
        send(ctx, 202, ApiNames.withOldNames(out));
    }

    private RunService.SweepView sweepOf(Context ctx) {
        return runs.sweep(ApiRoutes.user(ctx), id(ctx)).orElseThrow(() -> PortalException.notFound("sweep"));
    }

    private RunService.SweepView finishedSweep(Context ctx) {
        RunService.SweepView v = sweepOf(ctx);
        if (v.run().status() != RunStatus.DONE) {
            throw PortalException.conflict("the sweep is " + v.run().status().label() + "; its output is there once it is done");
        }
        return v;
    }

    /** The output {@code qise sweep --format csv|jsonl --seed S} writes for the same circuit and points, byte for byte. */
    private void sweepFile(Context ctx, org.qise.sweep.SweepFormat fmt) {
        RunService.SweepView v = finishedSweep(ctx);
        String body = RunSweeps.output(fmt, v.run(), v.spec(), v.sweepId(), v.points());
        ctx.header("Content-Disposition", "attachment; filename=\"sweep-" + v.run().publicId() + (fmt == org.qise.sweep.SweepFormat.CSV ? ".csv" : ".jsonl") + "\"");
        ctx.status(200).contentType(fmt == org.qise.sweep.SweepFormat.CSV ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8").result(body);
    }

    private void reproduce(Context ctx) {
        User user = ApiRoutes.requireUser(ctx);
        ReproduceBody body = PortalJson.body(ctx, ReproduceBody.class, false);
        Boolean fresh = ApiNames.either(body.freshSeed(), "freshSeed", body.fresh_seed(), "fresh_seed");
        String runRef = ctx.pathParam("id");
        Origin origin = runs.get(user, runRef).origin();
        // The request thread is free while the rerun runs; the answer is written when the verdict is in or the wait is over.
        var later = runs.reproduceLater(user, runRef, Boolean.TRUE.equals(fresh), VERDICT_WAIT); // refusals throw here
        ctx.future(() -> later.thenAccept(r -> sendReproduction(ctx, runRef, origin, r, runs.publicId(r.rerunId()), new LinkedHashMap<>())));
    }

    private void push(Context ctx) {
        User user = ApiRoutes.requireUser(ctx);
        var later = runs.pushLater(user, PushedClaim.read(PortalJson.object(ctx, true)), VERDICT_WAIT); // refusals throw here
        ctx.future(() -> later.thenAccept(pushed -> sendPushed(ctx, pushed)));
    }

    private void sendPushed(Context ctx, RunService.Pushed pushed) {
        Map<String, Object> out = new LinkedHashMap<>();
        String runRef = runs.publicId(pushed.runId());
        out.put("id", runRef);
        out.put("url", "/runs/" + runRef);
        out.put("circuitId", runs.circuitPublicId(pushed.circuitId()));
        out.put("circuitVersion", pushed.circuitVersion());
        out.put("createdCircuit", pushed.createdCircuit());
        sendReproduction(ctx, runRef, Origin.PUSHED, pushed.reproduction(), runs.publicId(pushed.reproduction().rerunId()), out);
        if (ctx.statusCode() == 200) ctx.status(201);
    }

    /** 200 with the verdict, or 202 "pending" while the rerun has not ended. */
    private static void sendReproduction(Context ctx, String runId, Origin origin, RunService.Reproduction r, String rerunId,
                                         Map<String, Object> out) {
        out.put("runId", runId);
        out.put("rerunId", rerunId);
        if (r.verification().isEmpty()) {
            out.put("verdict", "pending");
            out.put("detail", "the rerun (run " + rerunId + ") has not finished yet; the verdict will appear on run " + runId);
            out.put("rerunUrl", "/api/v1/runs/" + rerunId);
            send(ctx, 202, ApiNames.withOldNames(out));
            return;
        }
        Map<String, Object> v = RunViews.verification(r.verification().get());
        v.remove("id");
        v.remove("rerunId");
        v.remove("rerun_id");
        out.putAll(v);
        out.put("verified", Verdicts.verified(origin, r.verification().get()));
        send(ctx, 200, ApiNames.withOldNames(out));
    }

    /**
     * A run's counts a page at a time, like the run page: a 300 000-shot run on 20 qubits has as
     * many outcomes, megabytes of JSON. The next page is named in the body and, as for lists,
     * in Link and X-Next-Cursor; the full counts stay one download away (result.json, counts.csv).
     */
    private static void pageCounts(Context ctx, Run r, Map<String, Object> out) {
        String limitText = ctx.queryParam("limit");
        int limit = CountsPage.API_DEFAULT_LIMIT;
        if (limitText != null && !limitText.isBlank()) {
            try {
                limit = Integer.parseInt(limitText.strip());
            } catch (NumberFormatException e) {
                throw PortalException.badRequest("limit must be a whole number, got '" + limitText + "'");
            }
        }
        CountsPage.Slice slice = CountsPage.slice(r.counts(), ctx.queryParam("cursor"), limit);
        out.put("counts", slice.counts());
        // The run's map already carries old names beside new ones; these two are added the same way.
        out.put("countsTotal", slice.total());
        out.put("counts_total", slice.total());
        if (slice.next() != null) {
            out.put("countsNextCursor", slice.next());
            out.put("counts_next_cursor", slice.next());
            ctx.header("X-Next-Cursor", slice.next());
            ctx.header("Link", "<" + Forms.nextUrl(ctx, slice.next()) + ">; rel=\"next\"");
        }
    }

    // ---- small helpers ----

    static long id(Context ctx) {
        return Forms.pathId(ctx, "id");
    }

    /**
     * POST /circuits/{id}/runs. expect, noise_model and parameters take more than one shape (or
     * need their own 422 wording), so they stay trees and are read below.
     */
    record StartBody(Integer version, Long shots, Long seed, String engine, JsonNode expect, JsonNode noiseModel,
                     JsonNode parameters, @Deprecated JsonNode noise_model) {}

    /** A sweep: the run fields, plus "grid" (per parameter: a range, a list or a number) or "points" (one object per point). */
    record SweepBody(Integer version, Long shots, Long seed, String engine, JsonNode expect, JsonNode noiseModel,
                     JsonNode parameters, JsonNode grid, JsonNode points, @Deprecated JsonNode noise_model) {}

    /** fresh_seed: the old name of freshSeed, accepted for one release. */
    record ReproduceBody(Boolean freshSeed, @Deprecated Boolean fresh_seed) {}

    /** "noiseModel" (or its old name, as {@code field} says): a qise-noise-model/1 object, its JSON text, or "example:NAME". */
    static String noiseModel(JsonNode v, String field) {
        if (v == null || v.isNull()) return null;
        if (v.isTextual()) return v.asText();
        if (v.isObject()) return RunJson.write(v);
        throw PortalException.unprocessable(field + ": must be a qise-noise-model/1 object or \"example:NAME\"");
    }

    /** "parameters": an object of name → number. */
    static java.util.Map<String, Double> parameters(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (!v.isObject()) throw PortalException.unprocessable("parameters: must be an object of parameter name → number");
        java.util.Map<String, Double> out = new LinkedHashMap<>();
        for (var it = v.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isNumber()) throw RunParameters.notNumber(e.getKey());
            out.put(e.getKey(), e.getValue().asDouble());
        }
        return out;
    }

    private static List<String> strings(JsonNode v, String field) {
        if (v == null || v.isNull()) return null;
        if (v.isTextual()) return List.of(v.asText());
        if (!v.isArray()) throw PortalException.badRequest("\"" + field + "\" must be a string or an array of strings");
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) throw PortalException.badRequest("\"" + field + "\" must be an array of strings");
            out.add(e.asText());
        }
        return out;
    }

    static void send(Context ctx, int status, Object body) {
        PortalJson.send(ctx, status, body);
    }
}
