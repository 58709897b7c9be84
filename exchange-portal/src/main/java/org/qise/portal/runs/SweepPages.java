package org.qise.portal.runs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qise.portal.PortalException;
import org.qise.portal.circuits.CircuitService;
import org.qise.portal.circuits.QasmCheck;
import org.qise.portal.people.User;
import org.qise.portal.web.Forms;
import org.qise.portal.web.Page;
import org.qise.portal.web.Templates;
import org.qise.portal.web.WebSession;

/**
 * The browser form that starts a sweep of a parametric circuit (no JavaScript): one field per
 * declared parameter taking what {@code qise sweep --param} takes (a range START:STOP:COUNT, a
 * list V1,V2,… or one value), the observables, shots per point, seed and an optional noise
 * model. A valid form is queued as {@code POST /api/v1/circuits/{id}/sweeps} would queue it and
 * redirects to the sweep's page (post/redirect/get), which refreshes itself until the table and
 * plot are there; an invalid one comes back with the message and what was typed.
 */
public final class SweepPages {
    private final Templates templates;
    private final RunService runs;
    private final CircuitService circuits;

    public SweepPages(Templates templates, RunService runs, CircuitService circuits) {
        this.templates = templates;
        this.runs = runs;
        this.circuits = circuits;
    }

    public void register(RoutesConfig routes) {
        routes.get("/circuits/{id}/sweep", ctx -> show(ctx, Map.of(), null, 200));
        routes.post("/circuits/{id}/sweeps", this::start);
    }

    /** The form's field for parameter {@code name} (names are identifiers, so the field name is safe). */
    static String field(String name) {
        return "param_" + name;
    }

    private void start(Context ctx) {
        User user = WebSession.requireUser(ctx);
        long circuitId = RunApi.id(ctx);
        var details = circuits.get(user, circuitId, null);
        List<String> params = new ArrayList<>(QasmCheck.declaredParameters(details.version().qasm()));
        Map<String, String> form = new LinkedHashMap<>();
        for (String f : List.of("shots", "seed", "expect", "noise_model")) form.put(f, value(ctx, f));
        for (String p : params) form.put(field(p), value(ctx, field(p)));
        try {
            ObjectNode body = RunJson.MAPPER.createObjectNode();
            ObjectNode grid = body.putObject("grid");
            // a left-empty field is simply not sent: the service then names the parameter that has no values
            for (String p : params) if (!form.get(field(p)).isBlank()) grid.put(p, form.get(field(p)).strip());
            List<String> expect = new ArrayList<>();
            for (String line : form.get("expect").split("\\R|;")) if (!line.isBlank()) expect.add(line.strip());
            long id = runs.submitSweep(user, circuitId, new RunService.RunRequest(null, number(form.get("shots"), "shots"),
                    number(form.get("seed"), "seed"), null, expect, form.get("noise_model").isBlank() ? null : form.get("noise_model"), null), body);
            Forms.seeOther(ctx, "/runs/" + runs.publicId(id) + "/sweep");
        } catch (PortalException e) {
            if (e.status() == 404 || e.status() >= 500) throw e;
            show(ctx, form, formMessage(e.getMessage()), e.status());
        }
    }

    /** The service speaks of the JSON it was given ({@code grid.theta: …}); on the form that is the field theta. */
    static String formMessage(String message) {
        return message.startsWith("grid.") ? message.substring("grid.".length()) : message;
    }

    private void show(Context ctx, Map<String, String> form, String error, int status) {
        User viewer = WebSession.user(ctx);
        var details = circuits.get(viewer, ctx.pathParam("id"), null);
        List<String> params = new ArrayList<>(QasmCheck.declaredParameters(details.version().qasm()));
        ctx.status(status).html(templates.render("sweep_form.jte",
                "page", new Page("Sweep " + details.version().title(), viewer, WebSession.csrf(ctx), null),
                "circuit", details, "parameters", params, "form", form, "error", error, "config", runs.config(),
                "maxPoints", RunSweeps.MAX_POINTS));
    }

    private static String value(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? "" : v;
    }

    private static Long number(String raw, String what) {
        if (raw == null || raw.isBlank()) return null;
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw PortalException.badRequest(what + ": must be a whole number, got '" + raw.strip() + "'");
        }
    }
}
