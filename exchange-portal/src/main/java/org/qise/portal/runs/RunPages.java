package org.qise.portal.runs;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qise.draw.Histogram;
import org.qise.portal.PortalException;
import org.qise.portal.access.AccessPolicy;
import org.qise.portal.circuits.CircuitService;
import org.qise.portal.people.User;
import org.qise.portal.web.Page;
import org.qise.portal.web.Templates;
import org.qise.portal.web.WebSession;

/**
 * The run pages: a circuit's runs with a form to start one and a comparison of several, each
 * run's page (refreshing itself while it waits or runs, no JavaScript needed), and downloads.
 */
public final class RunPages {
    /** How often a page of an unfinished run reloads itself, in seconds. */
    static final int REFRESH_SECONDS = 2;
    /** How long the reproduce button waits for the verdict before showing the page anyway. */
    static final Duration FORM_WAIT = Duration.ofSeconds(5);

    private final Templates templates;
    private final RunService runs;
    private final CircuitService circuits;
    private final org.qise.portal.credit.CreditService credit;

    public RunPages(Templates templates, RunService runs, CircuitService circuits, org.qise.portal.credit.CreditService credit) {
        this.templates = templates;
        this.runs = runs;
        this.circuits = circuits;
        this.credit = credit;
    }

    public void register(RoutesConfig routes) {
        routes.get("/circuits/{id}/runs", ctx -> showRuns(ctx, Map.of(), null, 200));
        routes.post("/circuits/{id}/runs", this::start);
        routes.get("/circuits/{id}/runs/compare", this::compare);
        routes.get("/circuits/{id}/runs/compare.svg", ctx -> svg(ctx, Histogram.svgCompare(series(ctx),
                "Runs of circuit " + ctx.pathParam("id") + " (bitstrings c[n-1]…c[0])")));
        routes.get("/me/runs", this::mine);
        routes.get("/runs/{id}", this::view);
        routes.get("/runs/{id}/sweep", this::viewSweep);
        routes.get("/runs/{id}/sweep.csv", ctx -> {
            RunService.SweepView v = doneSweep(ctx);
            download(ctx, "sweep.csv", "text/csv", RunSweeps.output(org.qise.sweep.SweepFormat.CSV, v.run(), v.spec(), v.sweepId(), v.points()));
        });
        routes.get("/runs/{id}/sweep.jsonl", ctx -> {
            RunService.SweepView v = doneSweep(ctx);
            download(ctx, "sweep.jsonl", "application/x-ndjson", RunSweeps.output(org.qise.sweep.SweepFormat.JSONL, v.run(), v.spec(), v.sweepId(), v.points()));
        });
        routes.get("/runs/{id}/sweep.svg", ctx -> {
            RunService.SweepView v = doneSweep(ctx);
            svg(ctx, RunSweeps.plot(v.run(), v.spec(), v.points(), "sweep " + v.run().publicId()));
        });
        routes.post("/runs/{id}/cancel", ctx -> {
            User user = WebSession.requireUser(ctx);
            runs.get(user, ctx.pathParam("id")); // 404 before asking about a run one cannot see
            if (!org.qise.portal.web.Confirm.given(ctx, templates, "Cancel run " + ctx.pathParam("id") + "?",
                    "It stops now and keeps no result; you can start it again later.", "Cancel the run",
                    "/runs/" + ctx.pathParam("id"))) return;
            runs.cancel(user, ctx.pathParam("id"));
            seeOther(ctx, "/runs/" + ctx.pathParam("id"));
        });
        routes.post("/runs/{id}/reproduce", ctx -> {
            boolean fresh = "on".equals(ctx.formParam("fresh_seed")) || "true".equals(ctx.formParam("fresh_seed"));
            runs.reproduce(WebSession.requireUser(ctx), ctx.pathParam("id"), fresh, FORM_WAIT);
            seeOther(ctx, "/runs/" + ctx.pathParam("id"));
        });
        routes.get("/runs/{id}/histogram.svg", ctx -> {
            Run r = done(ctx);
            svg(ctx, Histogram.svg(r.counts(), "Run " + r.id() + ": " + r.shots() + " shots, seed " + r.seed()));
        });
        routes.get("/runs/{id}/result.json", ctx -> download(ctx, "result.json", "application/json", ResultFiles.json(done(ctx))));
        routes.get("/runs/{id}/manifest.json", ctx -> download(ctx, "manifest.json", "application/json",
                RunJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(done(ctx).manifest())));
        routes.get("/runs/{id}/counts.csv", ctx -> download(ctx, "counts.csv", "text/csv", ResultFiles.countsCsv(done(ctx))));
        routes.get("/runs/{id}/probabilities.csv", ctx -> {
            Run r = done(ctx);
            if (r.state() == null) throw PortalException.notFound("probabilities of run " + r.id());
            download(ctx, "probabilities.csv", "text/csv", ResultFiles.probabilitiesCsv(r));
        });
        routes.get("/runs/{id}/statevector.csv", ctx -> {
            Run r = done(ctx);
            if (r.state() == null || r.state().statevector() == null) throw PortalException.notFound("state vector of run " + r.id());
            download(ctx, "statevector.csv", "text/csv", ResultFiles.statevectorCsv(r));
        });
    }

    private void start(Context ctx) {
        User user = WebSession.requireUser(ctx);
        long circuitId = RunApi.id(ctx);
        Map<String, String> form = new LinkedHashMap<>();
        for (String f : List.of("shots", "seed", "engine", "expect", "version", "noise_model", "parameters")) {
            String v = ctx.formParam(f);
            form.put(f, v == null ? "" : v);
        }
        try {
            List<String> expect = form.get("expect").isBlank() ? List.of() : List.of(form.get("expect").split("\\R|;"));
            long id = runs.submit(user, circuitId, new RunService.RunRequest(optionalInt(form.get("version"), "version"),
                    optionalLong(form.get("shots"), "shots"), optionalLong(form.get("seed"), "seed"), form.get("engine"), expect, form.get("noise_model"),
                    RunParameters.parseForm(form.get("parameters"))));
            seeOther(ctx, "/runs/" + runs.publicId(id));
        } catch (PortalException e) {
            if (e.status() == 404 || e.status() >= 500) throw e;
            showRuns(ctx, form, e.getMessage(), e.status());
        }
    }

    /**
     * After a form that changed something: 303 tells the browser to fetch the page with GET, so
     * reloading it shows the page again instead of posting the form a second time.
     */
    static void seeOther(Context ctx, String path) {
        ctx.redirect(path, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** The signed-in person's runs: where each waits in the queue, how long it took, and links. */
    private void mine(Context ctx) {
        User user = WebSession.requireUser(ctx);
        List<RunService.MyRun> list = runs.mine(user);
        boolean anyUnfinished = list.stream().anyMatch(r -> !r.run().status().finished());
        ctx.html(templates.render("my_runs.jte", "page", page(ctx, "My runs"), "runs", list, "queued", runs.queued(),
                "now", java.time.Instant.now(), "refresh", anyUnfinished ? Integer.valueOf(REFRESH_SECONDS) : null));
    }

    private void showRuns(Context ctx, Map<String, String> form, String error, int status) {
        User viewer = WebSession.user(ctx);
        // Both read the circuit by the public id in the URL, with no look-up of its internal id first.
        var details = circuits.get(viewer, ctx.pathParam("id"), null);
        List<Run> list = runs.forCircuit(viewer, ctx.pathParam("id"));
        boolean anyUnfinished = list.stream().anyMatch(r -> !r.status().finished());
        ctx.status(status).html(templates.render("runs.jte", "page", page(ctx, "Runs of " + details.version().title()),
                "circuit", details, "runs", list, "form", form, "error", error, "config", runs.config(),
                "refresh", anyUnfinished ? Integer.valueOf(REFRESH_SECONDS) : null));
    }

    private void view(Context ctx) {
        User viewer = WebSession.user(ctx);
        Run run = runs.get(viewer, ctx.pathParam("id"));
        var details = circuits.get(viewer, run.circuitId(), run.circuitVersion());
        var verifications = runs.verifications(viewer, run.id());
        var reproductions = runs.reproductions(viewer, run.id());
        boolean waiting = !run.status().finished() || reproductions.stream().anyMatch(r -> !r.status().finished());
        Citation citation = null;
        if (run.status() == RunStatus.DONE && runs.isPublic(run)) {
            // The whole fork chain is credited, as for the circuit version itself, then the runner.
            var credited = credit.withRunner(credit.credit(viewer, run.circuitId(), run.circuitVersion()), run.ownerId());
            List<String> authors = credited.stream().map(org.qise.portal.credit.Credit.Author::name).toList();
            citation = Citation.of(run, details.version().title(), authors, baseUrl(ctx) + "/runs/" + run.publicId());
        }
        boolean canCancel = !run.status().finished() && AccessPolicy.canRemove(viewer, run.ownerId());
        // The run beside its finished reproductions on one histogram (the comparison takes up to 8 runs).
        List<String> comparable = new ArrayList<>();
        if (run.counts() != null) comparable.add(run.publicId());
        reproductions.stream().filter(r -> r.counts() != null && r.circuitId() == run.circuitId()).limit(7)
                .forEach(r -> comparable.add(r.publicId()));
        String compareHref = comparable.size() < 2 ? null : "/circuits/" + run.circuitPublicId() + "/runs/compare?"
                + String.join("&", comparable.stream().map(id -> "run=" + id).toList());
        ctx.html(templates.render("run.jte", "page", page(ctx, "Run " + run.publicId() + " of " + details.version().title()),
                "run", run, "progress", runs.progress(run), "circuitTitle", details.version().title(),
                "verifications", verifications, "reproductions", reproductions, "canCancel", canCancel,
                "citation", citation, "refresh", waiting ? Integer.valueOf(REFRESH_SECONDS) : null,
                "countsPage", run.counts() == null ? null : CountsPage.of(run.counts(), countsPage(ctx)),
                "sweep", runs.sweep(viewer, run.id()).isPresent(), "compareHref", compareHref));
    }

    /** A sweep's page: its points as a table, the plot, and the downloads. */
    private void viewSweep(Context ctx) {
        User viewer = WebSession.user(ctx);
        RunService.SweepView v = runs.sweep(viewer, RunApi.id(ctx)).orElseThrow(() -> PortalException.notFound("sweep"));
        Run run = v.run();
        var details = circuits.get(viewer, run.circuitId(), run.circuitVersion());
        List<String> expect = RunSweeps.expectNames(run);
        List<String> columns = new ArrayList<>(List.of("point"));
        columns.addAll(v.spec().names());
        for (String e : expect) columns.add("⟨" + e + "⟩");
        List<List<String>> rows = new ArrayList<>();
        for (RunSweeps.Point p : v.points()) {
            List<String> r = new ArrayList<>(List.of(String.valueOf(p.index())));
            // Rounded for reading; the CSV and JSONL downloads keep every digit.
            for (String n : v.spec().names()) r.add(readable(p.parameters().get(n)));
            if (p.expectations() != null) for (double x : p.expectations()) r.add(org.qise.portal.web.Readable.number(x));
            rows.add(r);
        }
        ctx.html(templates.render("run_sweep.jte", "page", page(ctx, "Sweep " + run.publicId() + " of " + details.version().title()),
                "run", run, "circuitTitle", details.version().title(), "sweepId", v.sweepId(), "columns", columns, "rows", rows,
                "refresh", run.status().finished() ? null : Integer.valueOf(REFRESH_SECONDS)));
    }

    private static String readable(Object value) {
        return value instanceof Number n ? org.qise.portal.web.Readable.number(n.doubleValue()) : String.valueOf(value);
    }

    private RunService.SweepView doneSweep(Context ctx) {
        RunService.SweepView v = runs.sweep(WebSession.user(ctx), RunApi.id(ctx)).orElseThrow(() -> PortalException.notFound("sweep"));
        if (v.run().status() != RunStatus.DONE) throw PortalException.conflict("the sweep is " + v.run().status().label() + "; its output is there once it is done");
        return v;
    }

    private static int countsPage(Context ctx) {
        Integer p = optionalInt(ctx.queryParam("page"), "page");
        return p == null ? 1 : p;
    }

    private void compare(Context ctx) {
        User viewer = WebSession.user(ctx);
        long circuitId = RunApi.id(ctx);
        var details = circuits.get(viewer, circuitId, null);
        series(ctx); // validates the selection before the page points at the chart
        // series() accepted each as a public id, so they need no percent-encoding in the chart's address;
        // the template escapes the & between them for the attribute.
        String query = String.join("&", ctx.queryParams("run").stream().map(r -> "run=" + r.strip()).toList());
        ctx.html(templates.render("run_compare.jte", "page", page(ctx, "Compare runs of " + details.version().title()),
                "circuit", details, "query", query));
    }

    /** The chosen runs' counts by label, in the order given; 400 unless 1 to 8 finished runs of this circuit. */
    private Map<String, Map<String, Long>> series(Context ctx) {
        long circuitId = RunApi.id(ctx);
        List<String> ids = ctx.queryParams("run");
        if (ids.isEmpty() || ids.size() > 8) throw PortalException.badRequest("choose between 1 and 8 runs to compare");
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (String raw : ids) {
            String id = raw.strip();
            if (!org.qise.portal.db.PublicIds.isPublicId(id)) throw PortalException.badRequest("run '" + raw + "' is not a run's public id");
            Run r = runs.get(WebSession.user(ctx), id);
            if (r.circuitId() != circuitId) {
                throw PortalException.badRequest("run " + id + " is not a run of circuit " + ctx.pathParam("id"));
            }
            if (r.counts() == null) throw PortalException.badRequest("run " + id + " has no result (it is " + r.status().label() + ")");
            out.put("run " + r.publicId() + " (v" + r.circuitVersion() + ", seed " + r.seed() + ")", r.counts());
        }
        return out;
    }

    private Run done(Context ctx) {
        Run r = runs.get(WebSession.user(ctx), ctx.pathParam("id"));
        if (r.counts() == null) throw PortalException.notFound("result of run " + r.publicId() + " (it is " + r.status().label() + ")");
        return r;
    }

    private static void svg(Context ctx, String svg) {
        // Drawn by the server from counts (never user markup); the policy still forbids scripts.
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
                .contentType("image/svg+xml; charset=utf-8").result(svg);
    }

    private static void download(Context ctx, String name, String type, String body) {
        ctx.contentType(type + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"run-" + ctx.pathParam("id") + "-" + name + "\"").result(body);
    }

    private static String baseUrl(Context ctx) {
        return ctx.scheme() + "://" + ctx.host();
    }

    private static Page page(Context ctx, String title) {
        return new Page(title, WebSession.user(ctx), WebSession.csrf(ctx), null);
    }

    private static Integer optionalInt(String raw, String what) {
        Long v = optionalLong(raw, what);
        if (v == null) return null;
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) throw PortalException.badRequest(what + " is out of range");
        return v.intValue();
    }

    private static Long optionalLong(String raw, String what) {
        if (raw == null || raw.isBlank()) return null;
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw PortalException.badRequest(what + " must be a whole number, got '" + raw + "'");
        }
    }
}
