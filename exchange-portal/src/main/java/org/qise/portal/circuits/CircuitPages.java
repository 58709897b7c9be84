package org.qise.portal.circuits;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.qise.portal.PortalException;
import org.qise.portal.access.AccessPolicy;
import org.qise.portal.circuits.CircuitService.Details;
import org.qise.portal.people.User;
import org.qise.portal.web.Forms;
import org.qise.portal.web.Page;
import org.qise.portal.web.Templates;
import org.qise.portal.web.WebSession;

/** The circuit pages: list and search, view, create, edit, versions, diff, fork, comments, downloads. */
public final class CircuitPages {
    private final Templates templates;
    private final CircuitService circuits;
    private final org.qise.portal.credit.CreditService credit;
    private final int maxQasmBytes;

    public CircuitPages(Templates templates, CircuitService circuits, org.qise.portal.credit.CreditService credit, int maxQasmBytes) {
        this.templates = templates;
        this.circuits = circuits;
        this.credit = credit;
        this.maxQasmBytes = maxQasmBytes;
    }

    public void register(RoutesConfig routes) {
        routes.get("/", this::list);
        routes.get("/circuits/new", ctx -> {
            WebSession.requireUser(ctx);
            showForm(ctx, "New circuit", "/circuits",
                        Map.of("title", "", "description", "", "tags", "", "visibility", "private", "cohort", "", "qasm", "",
                        "license", org.qise.portal.credit.Licence.DEFAULT.spdx()), null, 200);
        });
        routes.post("/circuits", this::create);
        routes.get("/circuits/{id}", this::view);
        routes.get("/circuits/{id}/edit", this::editForm);
        routes.post("/circuits/{id}/edit", this::edit);
        routes.get("/circuits/{id}/versions", this::versions);
        routes.get("/circuits/{id}/versions/{version}", this::view);
        routes.get("/versions/{versionId}", ctx -> {
            // A version's public id leads to its page by circuit and number (the one links use);
            // the circuit's id appears in the Location only for a viewer who may see it.
            var ref = circuits.versionByPublicId(ctx.pathParam("versionId"));
            Details d = circuits.get(WebSession.user(ctx), ref.circuitId(), ref.version());
            ctx.redirect("/circuits/" + d.summary().publicId() + "/versions/" + d.version().version(), io.javalin.http.HttpStatus.FOUND);
        });
        routes.get("/circuits/{id}/diff", this::diff);
        routes.post("/circuits/{id}/fork", ctx -> {
            long fork = circuits.fork(WebSession.requireUser(ctx), ref(ctx), Forms.optionalInt(ctx.formParam("version"), "version"));
            ctx.redirect("/circuits/" + circuits.publicId(fork));
        });
        routes.post("/circuits/{id}/delete", ctx -> {
            User user = WebSession.requireUser(ctx);
            long id = Forms.pathId(ctx, "id");
            String title = circuits.get(user, id, null).version().title();
            if (!org.qise.portal.web.Confirm.given(ctx, templates, "Delete circuit “" + title + "”?",
                    "It disappears from lists, search and its links for everyone, with its runs.", "Delete", "/circuits/" + ref(ctx))) return;
            circuits.delete(user, id);
            ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
        });
        routes.post("/circuits/{id}/comments", ctx -> {
            circuits.addComment(WebSession.requireUser(ctx), ref(ctx), Forms.field(ctx, "body"));
            ctx.redirect("/circuits/" + ref(ctx));
        });
        routes.post("/circuits/{id}/comments/{commentId}/delete", ctx -> {
            if (!org.qise.portal.web.Confirm.given(ctx, templates, "Delete this comment?",
                    "The comment is removed from the circuit's page.", "Delete", "/circuits/" + ref(ctx))) return;
            circuits.deleteComment(WebSession.requireUser(ctx), ref(ctx), Forms.pathId(ctx, "commentId"));
            ctx.redirect("/circuits/" + ref(ctx));
        });
        routes.get("/circuits/{id}/download.qasm", ctx -> {
            Details d = details(ctx);
            ctx.contentType("text/plain; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"circuit-" + d.summary().publicId() + "-v" + d.version().version() + ".qasm\"")
                    .result(d.version().qasm());
        });
        routes.get("/circuits/{id}/diagram.svg", ctx -> {
            Details d = details(ctx);
            var drawn = DIAGRAMS.of(d.version().qasm());
            // A version never changes, so its hash is a strong validator: a browser asking again gets 304.
            String etag = "\"" + drawn.sha256() + "\"";
            ctx.header("ETag", etag).header("Cache-Control", "private, max-age=3600");
            if (etag.equals(ctx.header("If-None-Match"))) {
                ctx.status(304);
                return;
            }
            String svg = drawn.svg();
            if (ctx.queryParam("download") != null) {
                ctx.header("Content-Disposition", "attachment; filename=\"circuit-" + d.summary().publicId() + "-v" + d.version().version() + ".svg\"");
            }
            // The SVG is drawn by the server from the parsed circuit (never user-supplied markup);
            // the strict policy below still forbids scripts if it is opened directly.
            ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
                    .contentType("image/svg+xml; charset=utf-8").result(svg);
        });
    }

    private void list(Context ctx) {
        User viewer = WebSession.user(ctx);
        var filter = new CircuitService.Filter(ctx.queryParam("tag"), ctx.queryParam("author"), ctx.queryParam("cohort"));
        var shown = new CircuitService.Filter(nz(filter.tag()), nz(filter.author()), nz(filter.cohort()));
        Integer limit = Forms.optionalInt(ctx.queryParam("limit"), "limit");
        var found = circuits.page(viewer, filter, ctx.queryParam("cursor"),
                limit == null ? org.qise.portal.circuits.Page.DEFAULT_LIMIT : limit);
        String next = found.next() == null ? null : Forms.nextUrl(ctx, found.next());
        ctx.html(templates.render("circuits.jte", "page", page(ctx, "Circuits"), "circuits", found.items(),
                "filter", shown, "next", next));
    }

    private void view(Context ctx) {
        User viewer = WebSession.user(ctx);
        Details d = details(ctx);
        long owner = d.summary().ownerId();
        ctx.html(templates.render("circuit.jte", "page", page(ctx, d.version().title()), "circuit", d,
                "comments", circuits.comments(viewer, d.summary().id()), "canEdit", AccessPolicy.canEdit(viewer, owner),
                "credit", credit.credit(viewer, d.summary().id(), d.version().version()),
                "canDelete", AccessPolicy.canRemove(viewer, owner)));
    }

    private void create(Context ctx) {
        User user = WebSession.requireUser(ctx);
        var form = Forms.echo(ctx, "title", "description", "tags", "visibility", "cohort", "qasm", "license");
        if (ctx.formParam("preview") != null || ctx.formParam("append") != null) {
            showPreview(ctx, "New circuit", "/circuits", form);
            return;
        }
        try {
            var licence = org.qise.portal.credit.Licence.parse(form.get("license"), "license");
            long id = circuits.create(user, draft(ctx, form), licence);
            ctx.redirect("/circuits/" + circuits.publicId(id));
        } catch (PortalException e) {
            if (e.status() >= 500) throw e;
            showForm(ctx, "New circuit", "/circuits", form, e.getMessage(), e.status());
        }
    }

    private void editForm(Context ctx) {
        User user = WebSession.requireUser(ctx);
        Details d = details(ctx);
        if (!AccessPolicy.canEdit(user, d.summary().ownerId())) throw PortalException.forbidden("only the owner may edit this circuit");
        var v = d.version();
        showForm(ctx, "Edit " + v.title(), "/circuits/" + d.summary().publicId() + "/edit",
                Map.of("title", v.title(), "description", v.description(), "tags", String.join(", ", d.summary().tags()),
                        "visibility", d.summary().visibility().label(),
                        "cohort", d.summary().cohort() == null ? "" : d.summary().cohort(), "qasm", v.qasm()), null, 200);
    }

    private void edit(Context ctx) {
        User user = WebSession.requireUser(ctx);
        var form = Forms.echo(ctx, "title", "description", "tags", "visibility", "cohort", "qasm");
        if (ctx.formParam("preview") != null || ctx.formParam("append") != null) {
            // The same check as the edit form itself: only the owner previews changes to a circuit.
            if (!AccessPolicy.canEdit(user, details(ctx).summary().ownerId())) {
                throw PortalException.forbidden("only the owner may edit this circuit");
            }
            showPreview(ctx, "Edit circuit", "/circuits/" + ref(ctx) + "/edit", form);
            return;
        }
        try {
            circuits.update(user, ref(ctx), draft(ctx, form));
            ctx.redirect("/circuits/" + ref(ctx));
        } catch (PortalException e) {
            if (e.status() == 404 || e.status() == 403 || e.status() >= 500) throw e;
            showForm(ctx, "Edit circuit", "/circuits/" + ref(ctx) + "/edit", form, e.getMessage(), e.status());
        }
    }

    private void versions(Context ctx) {
        long id = Forms.pathId(ctx, "id");
        var list = circuits.versions(WebSession.user(ctx), id);
        ctx.html(templates.render("versions.jte", "page", page(ctx, "Versions of " + list.getFirst().title()),
                "circuitRef", ref(ctx), "versions", list));
    }

    private void diff(Context ctx) {
        long id = Forms.pathId(ctx, "id");
        Integer from = Forms.optionalInt(ctx.queryParam("from"), "from");
        Integer to = Forms.optionalInt(ctx.queryParam("to"), "to");
        if (from == null || to == null) throw PortalException.badRequest("give the versions to compare as ?from=…&to=…");
        var lines = circuits.diff(WebSession.user(ctx), id, from, to);
        ctx.html(templates.render("diff.jte", "page", page(ctx, "Diff of circuit " + ref(ctx)), "circuitRef", ref(ctx),
                "from", from, "to", to, "lines", lines, "rows", SideBySide.rows(lines)));
    }

    /** The circuit's public id as the URL names it (old integer URLs were redirected before any route ran). */
    private static String ref(Context ctx) {
        return ctx.pathParam("id");
    }

    private Details details(Context ctx) {
        // Not one conditional expression: int and Integer branches would unbox a missing ?version.
        Integer version = Forms.optionalInt(ctx.queryParam("version"), "version");
        if (ctx.pathParamMap().containsKey("version")) version = CircuitApi.pathVersion(ctx);
        return circuits.get(WebSession.user(ctx), ctx.pathParam("id"), version); // by public id, in the main query
    }

    /** Diagrams are drawn once per version, for pages and the API alike. */
    private static final org.qise.portal.circuits.DiagramCache DIAGRAMS = new org.qise.portal.circuits.DiagramCache(64L << 20);

    /** The server-drawn SVG of a stored (already validated) circuit, from the cache (capped in size). */
    public static String diagram(Details d) {
        return DIAGRAMS.of(d.version().qasm()).svg();
    }

    /**
     * The form again with a preview of what saving would store: the diagram, or the parse error
     * with its line and column, plus the highlighted source and rendered description. Nothing is
     * saved, so the browser's back button and a reload lose nothing.
     */
    private void showPreview(Context ctx, String title, String action, Map<String, String> form) {
        CircuitPreview preview;
        // Saving refuses a description over the limit, so the preview does not render one either.
        String description = form.get("description").length() > CircuitService.MAX_DESCRIPTION
                ? "<p class=\"error\">The description is longer than " + CircuitService.MAX_DESCRIPTION + " characters.</p>"
                : Markdown.toSafeHtml(form.get("description"));
        try {
            String qasm = qasmWithUpload(ctx, form);
            if (ctx.formParam("append") != null) {
                // The palette's "Add": the gate goes at the end of the text, which is then previewed.
                form.put("paletteGate", Forms.field(ctx, "paletteGate"));
                form.put("paletteQubits", Forms.field(ctx, "paletteQubits"));
                form.put("paletteAngle", Forms.field(ctx, "paletteAngle"));
                qasm = GatePalette.append(qasm, form.get("paletteGate"), form.get("paletteQubits"), form.get("paletteAngle"));
                form.put("qasm", qasm);
            }
            var circuit = circuits.check(qasm);
            preview = new CircuitPreview(DiagramCache.drawUnkept(circuit), null, QasmHighlight.toHtml(qasm), description,
                    circuit.numQubits(), circuit.gateCount());
        } catch (PortalException e) {
            if (e.status() >= 500) throw e;
            String qasm = form.get("qasm");
            preview = new CircuitPreview(null, e.getMessage(), qasm.isBlank() ? null : QasmHighlight.toHtml(qasm), description, null, null);
        }
        ctx.html(templates.render("circuit_form.jte", "page", page(ctx, title), "action", action,
                "form", form, "error", null, "preview", preview));
    }

    private CircuitDraft draft(Context ctx, Map<String, String> form) {
        String qasm = qasmWithUpload(ctx, form);
        return new CircuitDraft(form.get("title"), form.get("description"), qasm,
                Visibility.parse(form.get("visibility").isBlank() ? "private" : form.get("visibility")),
                List.of(form.get("tags")), form.get("cohort"));
    }

    /** The text box's QASM, or when it is empty an uploaded file's (then also put in the form, so it is shown). */
    private String qasmWithUpload(Context ctx, Map<String, String> form) {
        String qasm = form.get("qasm");
        if (qasm.isBlank()) {
            UploadedFile file = ctx.uploadedFile("qasmFile");
            if (file != null && file.size() > 0) {
                if (file.size() > maxQasmBytes) {
                    throw PortalException.tooLarge("the uploaded file is " + file.size() + " bytes; at most " + maxQasmBytes + " are allowed");
                }
                try (InputStream in = file.content()) {
                    qasm = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw PortalException.badRequest("the uploaded file could not be read");
                }
                form.put("qasm", qasm);
            }
        }
        return qasm;
    }

    private void showForm(Context ctx, String title, String action, Map<String, String> form, String error, int status) {
        ctx.status(status).html(templates.render("circuit_form.jte", "page", page(ctx, title), "action", action,
                "form", form, "error", error));
    }

    private static Page page(Context ctx, String title) {
        return new Page(title, WebSession.user(ctx), WebSession.csrf(ctx), null);
    }

    private static String nz(String s) { return s == null ? "" : s; }
}
