package org.qise.portal.api;

import static org.qise.portal.api.Api.id;
import static org.qise.portal.api.Api.object;
import static org.qise.portal.api.Api.requireUser;
import static org.qise.portal.api.Api.send;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Duration;
import org.qise.portal.PortalException;
import org.qise.portal.PortalJson;
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
        TokenBody b = PortalJson.body(ctx, TokenBody.class, true);
        User user = auth.login(PortalJson.required(b.email(), "email"), PortalJson.required(b.password(), "password"), ctx.ip());
        String token = tokens.create(user.id(), b.name(), scopes(b.scopes()));
        send(ctx, 201, object("token", token));
    }

    /** "scopes" takes two shapes (an array or a comma-separated string), so it stays a tree. */
    record TokenBody(String email, String password, String name, JsonNode scopes) {}

    record RegisterBody(String email, String password, String name, String institution, String country, String invite) {}

    record InviteBody(String role, String cohort, Integer uses, Integer days) {}

    /** "scopes": ["read", "run"] (or a comma-separated string); absent means all three. */
    private static java.util.Set<org.qise.portal.auth.TokenScope> scopes(JsonNode v) {
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
        RegisterBody b = PortalJson.body(ctx, RegisterBody.class, true);
        User u = users.register(new UserService.Registration(PortalJson.required(b.email(), "email"),
                PortalJson.required(b.password(), "password"), PortalJson.required(b.name(), "name"),
                PortalJson.required(b.institution(), "institution"), PortalJson.required(b.country(), "country")),
                PortalJson.required(b.invite(), "invite"));
        send(ctx, 201, Api.userJson(u));
    }

    private void createInvite(Context ctx) {
        User actor = requireUser(ctx);
        InviteBody b = PortalJson.body(ctx, InviteBody.class, true);
        Role role = Role.parse(PortalJson.required(b.role(), "role"));
        String cohortName = b.cohort();
        Cohort cohort = null;
        if (cohortName != null && !cohortName.isBlank()) {
            cohort = actor.isAdmin() ? users.cohortNamed(cohortName)
                    : users.findCohort(cohortName).orElseThrow(
                            () -> PortalException.forbidden("instructors may only invite into a cohort they belong to"));
        }
        Integer uses = b.uses();
        Integer days = b.days();
        String code = invites.create(actor, role, cohort, uses == null ? 1 : uses, Duration.ofDays(days == null ? 14 : days));
        send(ctx, 201, object("code", code));
    }
}
