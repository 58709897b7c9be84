package org.qise.portal.people;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qise.portal.PortalException;
import org.qise.portal.api.ApiRoutes;
import org.qise.portal.api.RouteTable;

/**
 * API routes for people: read a profile and the person's visible runs, edit one's own profile,
 * an admin's one-time password-reset link (also mailed when SMTP is configured), and an email
 * change (confirmed by mail, so refused without SMTP). camelCase names, as the circuits API.
 */
public final class ProfileApi {
    private static final ObjectMapper JSON = org.qise.portal.PortalJson.MAPPER;

    private final ProfileService profiles;
    private final PasswordResets resets;
    private final EmailChanges emailChanges;
    private final org.qise.portal.mail.Outbox outbox;
    private List<String> registered = List.of();

    public ProfileApi(ProfileService profiles, PasswordResets resets, EmailChanges emailChanges, org.qise.portal.mail.Outbox outbox) {
        this.profiles = profiles;
        this.resets = resets;
        this.emailChanges = emailChanges;
        this.outbox = outbox;
    }

    public List<String> routes() {
        return registered;
    }

    public void register(RoutesConfig config) {
        RouteTable routes = new RouteTable(config);
        routes.get("/people/{id}", ctx -> send(ctx, 200, json(profiles.profile(id(ctx)))));
        routes.put("/people/{id}", ctx -> {
            JsonNode b = body(ctx);
            var draft = new ProfileService.Draft(text(b, "name"), text(b, "institution"), text(b, "country"), text(b, "orcid"), text(b, "bio"));
            send(ctx, 200, json(profiles.update(ApiRoutes.requireUser(ctx), id(ctx), draft)));
        });
        routes.get("/people/{id}/runs", ctx -> {
            long id = id(ctx);
            profiles.profile(id); // 404 for an unknown or disabled person
            send(ctx, 200, profiles.runs(ApiRoutes.user(ctx), id).stream().map(r -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("id", r.publicId());
                out.put("circuitId", r.circuitPublicId());
                out.put("circuitTitle", r.circuitTitle());
                out.put("status", r.status());
                out.put("shots", r.shots());
                out.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
                return out;
            }).toList());
        });
        routes.post("/users/{id}/password-reset", ctx -> {
            var issued = resets.issue(ApiRoutes.requireUser(ctx), id(ctx));
            var mailing = PasswordResets.mail(outbox, issued, linkBase(ctx) + ProfilePages.resetPath(issued.secret()));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("path", ProfilePages.resetPath(issued.secret()));
            out.put("expiresAt", issued.expiresAt().toString());
            out.put("mailed", mailing.sent());
            if (mailing.problem() != null) out.put("mailError", mailing.problem());
            ctx.header("Cache-Control", "no-store");
            send(ctx, 201, out);
        });
        routes.post("/me/email", ctx -> {
            User me = ApiRoutes.requireUser(ctx);
            if (!emailChanges.available()) throw EmailChanges.refusal();
            JsonNode b = body(ctx);
            var pending = emailChanges.request(me, text(b, "email"), text(b, "password"), ctx.ip(),
                    secret -> linkBase(ctx) + EmailChangePages.confirmPath(secret));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("pendingEmail", pending.newEmail());
            out.put("expiresAt", pending.expiresAt().toString());
            send(ctx, 202, out);
        });
        registered = routes.registered();
    }

    private String linkBase(Context ctx) {
        return outbox.linkBase(ctx.scheme() + "://" + ctx.host());
    }

    static Map<String, Object> json(ProfileService.Profile p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", p.id());
        out.put("name", p.name());
        out.put("institution", p.institution());
        out.put("country", p.country());
        out.put("orcid", p.orcid());
        out.put("orcidUrl", p.orcid() == null ? null : Orcid.url(p.orcid()));
        out.put("bio", p.bio());
        out.put("joinedAt", p.joinedAt().toString());
        return out;
    }

    private static long id(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw PortalException.notFound("person " + raw);
        }
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode b = JSON.readTree(ctx.body());
            if (b == null || !b.isObject()) throw PortalException.badRequest("the body must be a JSON object");
            return b;
        } catch (JsonProcessingException e) {
            throw PortalException.badRequest("the body is not JSON: " + e.getOriginalMessage());
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
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new PortalException(500, "cannot write the answer as JSON: " + e.getOriginalMessage());
        }
    }
}
