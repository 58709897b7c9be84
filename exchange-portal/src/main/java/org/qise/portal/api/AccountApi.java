package org.qise.portal.api;

import static org.qise.portal.api.Api.id;
import static org.qise.portal.api.Api.object;
import static org.qise.portal.api.Api.requireUser;
import static org.qise.portal.api.Api.send;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Duration;
import org.qise.portal.PortalException;
import org.qise.portal.auth.AuthService;
import org.qise.portal.auth.TokenService;
import org.qise.portal.people.Cohort;
import org.qise.portal.people.InviteService;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;
import org.qise.portal.people.UserService;

/** API routes for accounts: tokens, registration, invites, the caller, and disabling accounts. */
final class AccountApi {
    private final AuthService auth;
    private final TokenService tokens;
    private final UserService users;
    private final InviteService invites;

    AccountApi(AuthService auth, TokenService tokens, UserService users, InviteService invites) {
        this.auth = auth;
        this.tokens = tokens;
        this.users = users;
        this.invites = invites;
    }

    void register(RouteTable routes) {
        routes.post("/auth/token", this::createToken);
        routes.post("/auth/register", this::registerUser);
        routes.post("/invites", this::createInvite);
        routes.delete("/invites/{id}", ctx -> {
            invites.revoke(requireUser(ctx), id(ctx));
            ctx.status(204);
        });
        routes.get("/me", ctx -> send(ctx, 200, Api.userJson(requireUser(ctx))));
        routes.get("/tokens", ctx -> send(ctx, 200, tokens.list(requireUser(ctx).id()).stream().map(t -> object(
                "id", t.id(), "name", t.name(), "createdAt", t.createdAt().toString(), "expiresAt", t.expiresAt().toString(),
                "lastUsedAt", t.lastUsedAt() == null ? null : t.lastUsedAt().toString(), "revoked", t.revokedAt() != null,
                "scopes", t.scopes().stream().sorted().map(org.qise.portal.auth.TokenScope::label).toList()))
                .toList()));
        routes.delete("/tokens/{id}", ctx -> {
            tokens.revoke(requireUser(ctx).id(), id(ctx));
            ctx.status(204);
        });
        routes.post("/users/{id}/disable", ctx -> {
            users.disable(requireUser(ctx), id(ctx));
            ctx.status(204);
        });
    }

    private void createToken(Context ctx) {
        JsonNode body = Json.body(ctx);
        User user = auth.login(Json.text(body, "email", true), Json.text(body, "password", true), ctx.ip());
        String token = tokens.create(user.id(), Json.text(body, "name", false), scopes(body));
        send(ctx, 201, object("token", token));
    }

    /** "scopes": ["read", "run"] (or a comma-separated string); absent means all three. */
    private static java.util.Set<org.qise.portal.auth.TokenScope> scopes(JsonNode body) {
        JsonNode v = body.get("scopes");
        if (v == null || v.isNull()) return java.util.EnumSet.allOf(org.qise.portal.auth.TokenScope.class);
        if (v.isTextual()) return org.qise.portal.auth.TokenScope.parse(v.asText());
        if (!v.isArray()) throw PortalException.badRequest("\"scopes\" must be an array of read, write and run");
        var out = java.util.EnumSet.noneOf(org.qise.portal.auth.TokenScope.class);
        for (JsonNode e : v) {
            if (!e.isTextual()) throw PortalException.badRequest("\"scopes\" must be an array of read, write and run");
            out.add(org.qise.portal.auth.TokenScope.named(e.asText()));
        }
        return out;
    }

    private void registerUser(Context ctx) {
        JsonNode b = Json.body(ctx);
        User u = users.register(new UserService.Registration(Json.text(b, "email", true), Json.text(b, "password", true),
                Json.text(b, "name", true), Json.text(b, "institution", true), Json.text(b, "country", true)),
                Json.text(b, "invite", true));
        send(ctx, 201, Api.userJson(u));
    }

    private void createInvite(Context ctx) {
        User actor = requireUser(ctx);
        JsonNode b = Json.body(ctx);
        Role role = Role.parse(Json.text(b, "role", true));
        String cohortName = Json.text(b, "cohort", false);
        Cohort cohort = null;
        if (cohortName != null && !cohortName.isBlank()) {
            cohort = actor.isAdmin() ? users.cohortNamed(cohortName)
                    : users.findCohort(cohortName).orElseThrow(
                            () -> PortalException.forbidden("instructors may only invite into a cohort they belong to"));
        }
        Integer uses = Json.integer(b, "uses");
        Integer days = Json.integer(b, "days");
        String code = invites.create(actor, role, cohort, uses == null ? 1 : uses, Duration.ofDays(days == null ? 14 : days));
        send(ctx, 201, object("code", code));
    }
}
