package org.qise.portal.circuits;

import static org.qise.portal.api.Api.id;
import static org.qise.portal.api.Api.object;
import static org.qise.portal.api.Api.optionalInt;
import static org.qise.portal.api.Api.requireUser;
import static org.qise.portal.api.Api.send;
import static org.qise.portal.api.Api.user;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.qise.portal.PortalException;
import org.qise.portal.PortalJson;
import org.qise.portal.api.RouteTable;

/** API routes for circuits: list, create, read, edit, delete, versions, diff, diagram, fork, comments. */
public final class CircuitApi {
    private final CircuitService circuits;
    private final org.qise.portal.credit.CreditService credit;

    public CircuitApi(CircuitService circuits, org.qise.portal.credit.CreditService credit) {
        this.circuits = circuits;
        this.credit = credit;
    }

    public void register(RouteTable routes) {
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
            DraftBody body = PortalJson.body(ctx, DraftBody.class, true);
            // Checked before the circuit is made, so an unknown licence creates nothing.
            var licence = org.qise.portal.credit.Licence.parse(body.license(), "license");
            long id = circuits.create(requireUser(ctx), body.draft(true), licence);
            send(ctx, 201, object("id", circuits.publicId(id), "version", 1));
        });
        routes.get("/circuits/{id}", this::getCircuit);
        routes.put("/circuits/{id}", ctx -> {
            int version = circuits.update(requireUser(ctx), ctx.pathParam("id"), PortalJson.body(ctx, DraftBody.class, true).draft(false));
            send(ctx, 200, object("id", ctx.pathParam("id"), "version", version));
        });
        routes.delete("/circuits/{id}", ctx -> {
            circuits.delete(requireUser(ctx), id(ctx));
            ctx.status(204);
        });
        routes.get("/circuits/{id}/versions", ctx -> send(ctx, 200, circuits.versions(user(ctx), id(ctx)).stream()
                .map(v -> object("version", v.version(), "versionId", v.publicId(), "title", v.title(), "author", v.authorName(),
                        "createdAt", v.createdAt().toString(), "numQubits", v.numQubits(), "numGates", v.numGates(),
                        "url", versionUrl(ctx.pathParam("id"), v.version())))
                .toList()));
        // A version has routable URLs of its own: by circuit and number, and by the version's public id.
        routes.get("/circuits/{id}/versions/{version}", ctx -> sendCircuit(ctx, circuits.get(user(ctx), ctx.pathParam("id"), pathVersion(ctx))));
        routes.get("/versions/{versionId}", ctx -> {
            var ref = circuits.versionByPublicId(ctx.pathParam("versionId"));
            sendCircuit(ctx, circuits.get(user(ctx), ref.circuitId(), ref.version()));
        });
        routes.get("/circuits/{id}/diff", ctx -> {
            Integer from = optionalInt(ctx.queryParam("from"), "from");
            Integer to = optionalInt(ctx.queryParam("to"), "to");
            if (from == null || to == null) throw PortalException.badRequest("give the versions to compare as ?from=…&to=…");
            send(ctx, 200, circuits.diff(user(ctx), id(ctx), from, to).stream()
                    .map(l -> object("kind", String.valueOf(l.kind()), "text", l.text())).toList());
        });
        routes.get("/circuits/{id}/diagram.svg", ctx -> {
            var d = circuits.get(user(ctx), ctx.pathParam("id"), optionalInt(ctx.queryParam("version"), "version"));
            ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
                    .contentType("image/svg+xml; charset=utf-8").result(CircuitPages.diagram(d));
        });
        routes.post("/circuits/{id}/fork", ctx -> {
            Integer version = PortalJson.body(ctx, ForkBody.class, false).version();
            send(ctx, 201, object("id", circuits.publicId(circuits.fork(requireUser(ctx), ctx.pathParam("id"), version))));
        });
        routes.get("/circuits/{id}/comments", ctx -> send(ctx, 200, circuits.comments(user(ctx), ctx.pathParam("id")).stream()
                .map(c -> object("id", c.id(), "author", c.authorName(), "body", c.body(), "createdAt", c.createdAt().toString()))
                .toList()));
        routes.post("/circuits/{id}/comments", ctx -> {
            long comment = circuits.addComment(requireUser(ctx), ctx.pathParam("id"), PortalJson.required(PortalJson.body(ctx, CommentBody.class, true).body(), "body"));
            send(ctx, 201, object("id", comment));
        });
    }

    private void getCircuit(Context ctx) {
        sendCircuit(ctx, circuits.get(user(ctx), ctx.pathParam("id"), optionalInt(ctx.queryParam("version"), "version")));
    }

    /** The {version} path segment: a version number; anything else names no version. */
    static int pathVersion(Context ctx) {
        String raw = ctx.pathParam("version");
        if (!raw.matches("[1-9][0-9]{0,8}")) throw PortalException.notFound("version '" + raw + "'");
        return Integer.parseInt(raw);
    }

    static String versionUrl(String circuitPublicId, int version) {
        return "/api/v1/circuits/" + circuitPublicId + "/versions/" + version;
    }

    private void sendCircuit(Context ctx, CircuitService.Details d) {
        Map<String, Object> out = summaryJson(d.summary());
        out.put("version", d.version().version());
        out.put("versionId", d.version().publicId());
        out.put("versionUrl", versionUrl(d.summary().publicId(), d.version().version()));
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

    /** POST and PUT /circuits bodies; visibility is required only when creating. */
    record DraftBody(String title, String description, String qasm, String visibility, List<String> tags, String cohort,
                     String license) {
        CircuitDraft draft(boolean creating) {
            if (creating) PortalJson.required(visibility, "visibility");
            PortalJson.required(title, "title");
            PortalJson.required(qasm, "qasm");
            return new CircuitDraft(title, description, qasm, visibility == null ? null : Visibility.parse(visibility), tags, cohort);
        }
    }

    record ForkBody(Integer version) {}

    record CommentBody(String body) {}

    private static Map<String, Object> summaryJson(CircuitService.Summary s) {
        return object("id", s.publicId(), "title", s.title(), "ownerId", s.ownerId(), "owner", s.ownerName(),
                "visibility", s.visibility().label(), "cohort", s.cohort(), "latestVersion", s.latestVersion(),
                "tags", s.tags(), "numQubits", s.numQubits(), "numGates", s.numGates(), "updatedAt", s.updatedAt().toString());
    }
}
