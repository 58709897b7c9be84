package org.qise.portal.api;

import static org.qise.portal.api.Api.id;
import static org.qise.portal.api.Api.object;
import static org.qise.portal.api.Api.optionalInt;
import static org.qise.portal.api.Api.requireUser;
import static org.qise.portal.api.Api.send;
import static org.qise.portal.api.Api.user;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.Map;
import org.qise.portal.PortalException;
import org.qise.portal.circuits.CircuitDraft;
import org.qise.portal.circuits.CircuitService;
import org.qise.portal.circuits.Visibility;
import org.qise.portal.web.CircuitPages;

/** API routes for circuits: list, create, read, edit, delete, versions, diff, diagram, fork, comments. */
final class CircuitApi {
    private final CircuitService circuits;
    private final org.qise.portal.credit.CreditService credit;

    CircuitApi(CircuitService circuits, org.qise.portal.credit.CreditService credit) {
        this.circuits = circuits;
        this.credit = credit;
    }

    void register(RouteTable routes) {
        routes.get("/circuits", ctx -> {
            var filter = new CircuitService.Filter(ctx.queryParam("tag"), ctx.queryParam("author"), ctx.queryParam("cohort"));
            Integer limit = optionalInt(ctx.queryParam("limit"), "limit");
            var page = circuits.page(user(ctx), filter, ctx.queryParam("cursor"),
                    limit == null ? org.qise.portal.circuits.Page.DEFAULT_LIMIT : limit);
            if (page.next() != null) {
                // The body stays a plain array; the next page is named in headers (RFC 8288 Link).
                ctx.header("X-Next-Cursor", page.next());
                ctx.header("Link", "<" + org.qise.portal.web.Forms.nextUrl(ctx, page.next()) + ">; rel=\"next\"");
            }
            send(ctx, 200, page.items().stream().map(CircuitApi::summaryJson).toList());
        });
        routes.post("/circuits", ctx -> {
            JsonNode body = Json.body(ctx);
            // Checked before the circuit is made, so an unknown licence creates nothing.
            var licence = org.qise.portal.credit.Licence.parse(Json.text(body, "license", false), "license");
            long id = circuits.create(requireUser(ctx), draft(body, true));
            credit.setLicence(id, licence);
            send(ctx, 201, object("id", circuits.publicId(id), "version", 1));
        });
        routes.get("/circuits/{id}", this::getCircuit);
        routes.put("/circuits/{id}", ctx -> {
            long id = id(ctx);
            int version = circuits.update(requireUser(ctx), id, draft(Json.body(ctx), false));
            send(ctx, 200, object("id", ctx.pathParam("id"), "version", version));
        });
        routes.delete("/circuits/{id}", ctx -> {
            circuits.delete(requireUser(ctx), id(ctx));
            ctx.status(204);
        });
        routes.get("/circuits/{id}/versions", ctx -> send(ctx, 200, circuits.versions(user(ctx), id(ctx)).stream()
                .map(v -> object("version", v.version(), "versionId", v.publicId(), "title", v.title(), "author", v.authorName(),
                        "createdAt", v.createdAt().toString(), "numQubits", v.numQubits(), "numGates", v.numGates()))
                .toList()));
        routes.get("/circuits/{id}/diff", ctx -> {
            Integer from = optionalInt(ctx.queryParam("from"), "from");
            Integer to = optionalInt(ctx.queryParam("to"), "to");
            if (from == null || to == null) throw PortalException.badRequest("give the versions to compare as ?from=…&to=…");
            send(ctx, 200, circuits.diff(user(ctx), id(ctx), from, to).stream()
                    .map(l -> object("kind", String.valueOf(l.kind()), "text", l.text())).toList());
        });
        routes.get("/circuits/{id}/diagram.svg", ctx -> {
            var d = circuits.get(user(ctx), id(ctx), optionalInt(ctx.queryParam("version"), "version"));
            ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
                    .contentType("image/svg+xml; charset=utf-8").result(CircuitPages.diagram(d));
        });
        routes.post("/circuits/{id}/fork", ctx -> {
            Integer version = ctx.body().isBlank() ? null : Json.integer(Json.body(ctx), "version");
            send(ctx, 201, object("id", circuits.publicId(circuits.fork(requireUser(ctx), id(ctx), version))));
        });
        routes.get("/circuits/{id}/comments", ctx -> send(ctx, 200, circuits.comments(user(ctx), id(ctx)).stream()
                .map(c -> object("id", c.id(), "author", c.authorName(), "body", c.body(), "createdAt", c.createdAt().toString()))
                .toList()));
        routes.post("/circuits/{id}/comments", ctx -> {
            long comment = circuits.addComment(requireUser(ctx), id(ctx), Json.text(Json.body(ctx), "body", true));
            send(ctx, 201, object("id", comment));
        });
    }

    private void getCircuit(Context ctx) {
        var d = circuits.get(user(ctx), id(ctx), optionalInt(ctx.queryParam("version"), "version"));
        Map<String, Object> out = summaryJson(d.summary());
        out.put("version", d.version().version());
        out.put("versionId", d.version().publicId());
        out.put("title", d.version().title());
        out.put("description", d.version().description());
        out.put("qasm", d.version().qasm());
        out.put("numQubits", d.version().numQubits());
        out.put("numGates", d.version().numGates());
        if (d.forkedFromId() != null) out.put("forkedFrom", object("id", d.forkedFromPublicId(), "version", d.forkedFromVersion()));
        var c = credit.credit(user(ctx), d.summary().id(), d.version().version());
        out.put("license", org.qise.portal.credit.CreditRoutes.licence(c.licence()));
        out.put("authors", org.qise.portal.credit.CreditRoutes.json(c).get("authors"));
        out.put("stars", c.stars());
        out.put("forks", c.forks());
        send(ctx, 200, out);
    }

    private static CircuitDraft draft(JsonNode b, boolean creating) {
        String visibility = Json.text(b, "visibility", creating);
        return new CircuitDraft(Json.text(b, "title", true), Json.text(b, "description", false), Json.text(b, "qasm", true),
                visibility == null ? null : Visibility.parse(visibility), Json.strings(b, "tags"), Json.text(b, "cohort", false));
    }

    private static Map<String, Object> summaryJson(CircuitService.Summary s) {
        return object("id", s.publicId(), "title", s.title(), "ownerId", s.ownerId(), "owner", s.ownerName(),
                "visibility", s.visibility().label(), "cohort", s.cohort(), "latestVersion", s.latestVersion(),
                "tags", s.tags(), "numQubits", s.numQubits(), "numGates", s.numGates(), "updatedAt", s.updatedAt().toString());
    }
}
