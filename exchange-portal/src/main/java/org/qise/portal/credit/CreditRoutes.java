package org.qise.portal.credit;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qise.portal.api.ApiRoutes;
import org.qise.portal.api.RouteTable;
import org.qise.portal.people.User;
import org.qise.portal.web.Forms;
import org.qise.portal.web.WebSession;

/**
 * Credit on the web and in the API: stars (forms and {@code PUT}/{@code DELETE}), the credit
 * of a circuit version (licence, authors along the fork chain, counts), and its citation as
 * BibTeX, CFF and RIS downloads.
 */
public final class CreditRoutes {
    private final CreditService credit;
    private List<String> registered = List.of();

    private final org.qise.portal.web.Templates templates;

    public CreditRoutes(CreditService credit, org.qise.portal.web.Templates templates) {
        this.credit = credit;
        this.templates = templates;
    }

    /** "METHOD /path" of each API route registered. */
    public List<String> apiRoutes() {
        return registered;
    }

    public void registerPages(RoutesConfig routes) {
        routes.get("/stars", ctx -> {
            User user = WebSession.requireUser(ctx);
            ctx.html(templates.render("stars.jte", "page", new org.qise.portal.web.Page("Starred circuits", user, WebSession.csrf(ctx), null),
                    "stars", credit.starredBy(user)));
        });
        routes.post("/circuits/{id}/star", ctx -> {
            credit.star(WebSession.requireUser(ctx), Forms.pathId(ctx, "id"));
            Forms.seeOther(ctx, "/circuits/" + ctx.pathParam("id"));
        });
        routes.post("/circuits/{id}/unstar", ctx -> {
            credit.unstar(WebSession.requireUser(ctx), Forms.pathId(ctx, "id"));
            Forms.seeOther(ctx, "/circuits/" + ctx.pathParam("id"));
        });
        routes.get("/circuits/{id}/citation.bib", ctx -> citation(ctx, WebSession.user(ctx), "bib", "application/x-bibtex"));
        routes.get("/circuits/{id}/citation.cff", ctx -> citation(ctx, WebSession.user(ctx), "cff", "application/x-yaml"));
        routes.get("/circuits/{id}/citation.ris", ctx -> citation(ctx, WebSession.user(ctx), "ris", "application/x-research-info-systems"));
    }

    public void registerApi(RoutesConfig config) {
        RouteTable routes = new RouteTable(config);
        routes.get("/circuits/{id}/credit", ctx -> send(ctx, 200, json(credit.credit(ApiRoutes.user(ctx), Forms.pathId(ctx, "id"),
                version(ctx)))));
        routes.get("/circuits/{id}/citation", ctx -> {
            CircuitCitation c = credit.citation(ApiRoutes.user(ctx), Forms.pathId(ctx, "id"), version(ctx), baseUrl(ctx));
            send(ctx, 200, ordered("bibtex", c.bibtex(), "cff", c.cff(), "ris", c.ris()));
        });
        routes.put("/circuits/{id}/star", ctx -> {
            long stars = credit.star(ApiRoutes.requireUser(ctx), Forms.pathId(ctx, "id"));
            send(ctx, 200, ordered("starred", true, "stars", stars));
        });
        routes.delete("/circuits/{id}/star", ctx -> {
            long stars = credit.unstar(ApiRoutes.requireUser(ctx), Forms.pathId(ctx, "id"));
            send(ctx, 200, ordered("starred", false, "stars", stars));
        });
        routes.get("/me/stars", ctx -> send(ctx, 200, credit.starredBy(ApiRoutes.requireUser(ctx)).stream()
                .map(s -> ordered("id", s.publicId(), "title", s.title(), "owner", s.ownerName(), "starredAt", s.starredAt().toString()))
                .toList()));
        routes.get("/licenses", ctx -> send(ctx, 200, Licence.ALLOWED.stream().map(CreditRoutes::licence).toList()));
        registered = routes.registered();
    }

    /** The credit as the API shows it (and the circuit JSON embeds its licence the same way). */
    public static Map<String, Object> json(Credit c) {
        return ordered("license", licence(c.licence()),
                "authors", c.authors().stream().map(a -> ordered("name", a.name(), "institution", a.institution(), "orcid", a.orcid())).toList(),
                "forkChain", c.chain().stream().map(l -> ordered("id", l.publicId(), "version", l.version(), "title", l.title(),
                        "owner", l.ownerName())).toList(),
                "stars", c.stars(), "forks", c.forks(), "starred", c.starred());
    }

    public static Map<String, Object> licence(Licence l) {
        return ordered("id", l.spdx(), "name", l.name(), "url", l.url());
    }

    private void citation(Context ctx, User viewer, String format, String type) {
        CircuitCitation c = credit.citation(viewer, Forms.pathId(ctx, "id"), version(ctx), baseUrl(ctx));
        String body = switch (format) {
            case "bib" -> c.bibtex();
            case "cff" -> c.cff();
            default -> c.ris();
        };
        String name = format.equals("cff") ? "CITATION.cff" : "circuit-" + ctx.pathParam("id") + "." + format;
        ctx.contentType(type + "; charset=utf-8").header("Content-Disposition", "attachment; filename=\"" + name + "\"").result(body);
    }

    private static Integer version(Context ctx) {
        return Forms.optionalInt(ctx.queryParam("version"), "version");
    }

    /** The portal's address as the client reached it, for stable links in citations and exports. */
    public static String baseUrl(Context ctx) {
        return ctx.scheme() + "://" + ctx.host();
    }

    private static void send(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = org.qise.portal.PortalJson.MAPPER;

    static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        return m;
    }
}
