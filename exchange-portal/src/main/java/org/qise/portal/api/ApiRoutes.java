package org.qise.portal.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qise.portal.PortalException;
import org.qise.portal.auth.AuthService;
import org.qise.portal.auth.TokenService;
import org.qise.portal.circuits.CircuitDraft;
import org.qise.portal.circuits.CircuitService;
import org.qise.portal.circuits.Visibility;
import org.qise.portal.people.Cohort;
import org.qise.portal.people.InviteService;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;
import org.qise.portal.people.UserService;
import org.qise.portal.web.CircuitPages;

/**
 * The JSON API under /api/v1, authenticated with {@code Authorization: Bearer TOKEN} (never
 * with the browser cookie, so cross-site requests cannot use it). Documented in
 * {@code api/openapi.json}, served at /api/v1/openapi.json.
 */
public final class ApiRoutes {
    public static final String PREFIX = "/api/v1";
    private static final String USER_ATTR = "qise.api.user";

    private final AuthService auth;
    private final TokenService tokens;
    private final UserService users;
    private final InviteService invites;
    private final CircuitService circuits;
    private final String openApi;
    private final List<String> registered = new ArrayList<>();

    public ApiRoutes(AuthService auth, TokenService tokens, UserService users, InviteService invites, CircuitService circuits) {
        this.auth = auth;
        this.tokens = tokens;
        this.users = users;
        this.invites = invites;
        this.circuits = circuits;
        try (InputStream in = ApiRoutes.class.getResourceAsStream("/api/openapi.json")) {
            this.openApi = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("api/openapi.json is missing from the build", e);
        }
    }

    /** Before each API call: the token's user, if an Authorization header is given (401 if it is bad). */
    public void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) return;
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw PortalException.unauthorized("the Authorization header must be 'Bearer TOKEN'");
        }
        long userId = tokens.authenticate(header.substring(7).strip())
                .orElseThrow(() -> PortalException.unauthorized("the API token is unknown, expired or revoked"));
        User user = users.find(userId).filter(u -> !u.disabled())
                .orElseThrow(() -> PortalException.unauthorized("the account is disabled"));
        ctx.attribute(USER_ATTR, user);
    }

    public static User user(Context ctx) {
        return ctx.attribute(USER_ATTR);
    }

    /** The method and path of every API route, as registered (the OpenAPI test checks each is documented). */
    public List<String> routes() {
        return List.copyOf(registered);
    }

    private void add(RoutesConfig routes, String method, String path, Handler handler) {
        registered.add(method + " " + path);
        switch (method) {
            case "GET" -> routes.get(path, handler);
            case "POST" -> routes.post(path, handler);
            case "PUT" -> routes.put(path, handler);
            case "DELETE" -> routes.delete(path, handler);
            default -> throw new IllegalArgumentException(method);
        }
    }

    public void register(RoutesConfig routes) {
        add(routes, "GET", PREFIX + "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        add(routes, "POST", PREFIX + "/auth/token", this::createToken);
        add(routes, "POST", PREFIX + "/auth/register", this::registerUser);
        add(routes, "POST", PREFIX + "/invites", this::createInvite);
        add(routes, "GET", PREFIX + "/circuits", this::listCircuits);
        add(routes, "POST", PREFIX + "/circuits", this::createCircuit);
        add(routes, "GET", PREFIX + "/circuits/{id}", this::getCircuit);
        add(routes, "PUT", PREFIX + "/circuits/{id}", this::updateCircuit);
        add(routes, "DELETE", PREFIX + "/circuits/{id}", ctx -> {
            circuits.delete(requireUser(ctx), id(ctx));
            ctx.status(204);
        });
        add(routes, "GET", PREFIX + "/circuits/{id}/versions", this::listVersions);
        add(routes, "POST", PREFIX + "/circuits/{id}/fork", ctx -> {
            Integer version = ctx.body().isBlank() ? null : Json.integer(Json.body(ctx), "version");
            long fork = circuits.fork(requireUser(ctx), id(ctx), version);
            send(ctx, 201, Map.of("id", fork));
        });
        add(routes, "GET", PREFIX + "/circuits/{id}/comments", ctx -> send(ctx, 200,
                circuits.comments(user(ctx), id(ctx)).stream().map(c -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", c.id());
                    m.put("author", c.authorName());
                    m.put("body", c.body());
                    m.put("createdAt", c.createdAt().toString());
                    return m;
                }).toList()));
        add(routes, "POST", PREFIX + "/circuits/{id}/comments", ctx -> {
            long comment = circuits.addComment(requireUser(ctx), id(ctx), Json.text(Json.body(ctx), "body", true));
            send(ctx, 201, Map.of("id", comment));
        });
        add(routes, "GET", PREFIX + "/circuits/{id}/diagram.svg", ctx -> {
            var d = circuits.get(user(ctx), id(ctx), optionalInt(ctx.queryParam("version"), "version"));
            ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
                    .contentType("image/svg+xml; charset=utf-8").result(CircuitPages.diagram(d));
        });
        add(routes, "GET", PREFIX + "/circuits/{id}/diff", ctx -> {
            Integer from = optionalInt(ctx.queryParam("from"), "from");
            Integer to = optionalInt(ctx.queryParam("to"), "to");
            if (from == null || to == null) throw PortalException.badRequest("give the versions to compare as ?from=…&to=…");
            send(ctx, 200, circuits.diff(user(ctx), id(ctx), from, to).stream()
                    .map(l -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("kind", String.valueOf(l.kind()));
                        m.put("text", l.text());
                        return m;
                    }).toList());
        });
        add(routes, "GET", PREFIX + "/me", ctx -> send(ctx, 200, userJson(requireUser(ctx))));
        add(routes, "GET", PREFIX + "/tokens", ctx -> send(ctx, 200, tokens.list(requireUser(ctx).id()).stream().map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id());
            m.put("name", t.name());
            m.put("createdAt", t.createdAt().toString());
            m.put("expiresAt", t.expiresAt().toString());
            m.put("lastUsedAt", t.lastUsedAt() == null ? null : t.lastUsedAt().toString());
            m.put("revoked", t.revokedAt() != null);
            return m;
        }).toList()));
        add(routes, "DELETE", PREFIX + "/tokens/{id}", ctx -> {
            tokens.revoke(requireUser(ctx).id(), id(ctx));
            ctx.status(204);
        });
        add(routes, "POST", PREFIX + "/users/{id}/disable", ctx -> {
            users.disable(requireUser(ctx), id(ctx));
            ctx.status(204);
        });
    }

    private void createToken(Context ctx) {
        JsonNode body = Json.body(ctx);
        User user = auth.login(Json.text(body, "email", true), Json.text(body, "password", true), ctx.ip());
        String token = tokens.create(user.id(), Json.text(body, "name", false));
        send(ctx, 201, Map.of("token", token));
    }

    private void registerUser(Context ctx) {
        JsonNode b = Json.body(ctx);
        User u = users.register(new UserService.Registration(Json.text(b, "email", true), Json.text(b, "password", true),
                Json.text(b, "name", true), Json.text(b, "institution", true), Json.text(b, "country", true)),
                Json.text(b, "invite", true));
        send(ctx, 201, userJson(u));
    }

    private void createInvite(Context ctx) {
        User actor = requireUser(ctx);
        JsonNode b = Json.body(ctx);
        Role role = Role.parse(Json.text(b, "role", true));
        String cohortName = Json.text(b, "cohort", false);
        Cohort cohort = null;
        if (cohortName != null && !cohortName.isBlank()) {
            cohort = actor.isAdmin() ? users.cohortNamed(cohortName)
                    : users.findCohort(cohortName).orElseThrow(() -> PortalException.forbidden("instructors may only invite into a cohort they belong to"));
        }
        Integer uses = Json.integer(b, "uses");
        Integer days = Json.integer(b, "days");
        String code = invites.create(actor, role, cohort, uses == null ? 1 : uses, Duration.ofDays(days == null ? 14 : days));
        send(ctx, 201, Map.of("code", code));
    }

    private void listCircuits(Context ctx) {
        var filter = new CircuitService.Filter(ctx.queryParam("tag"), ctx.queryParam("author"), ctx.queryParam("cohort"));
        send(ctx, 200, circuits.list(user(ctx), filter).stream().map(ApiRoutes::summaryJson).toList());
    }

    private void createCircuit(Context ctx) {
        User user = requireUser(ctx);
        long id = circuits.create(user, draft(Json.body(ctx), true));
        send(ctx, 201, Map.of("id", id, "version", 1));
    }

    private void updateCircuit(Context ctx) {
        User user = requireUser(ctx);
        long id = id(ctx);
        int version = circuits.update(user, id, draft(Json.body(ctx), false));
        send(ctx, 200, Map.of("id", id, "version", version));
    }

    private void getCircuit(Context ctx) {
        var d = circuits.get(user(ctx), id(ctx), optionalInt(ctx.queryParam("version"), "version"));
        Map<String, Object> out = summaryJson(d.summary());
        out.put("version", d.version().version());
        out.put("title", d.version().title());
        out.put("description", d.version().description());
        out.put("qasm", d.version().qasm());
        out.put("numQubits", d.version().numQubits());
        out.put("numGates", d.version().numGates());
        if (d.forkedFromId() != null) out.put("forkedFrom", Map.of("id", d.forkedFromId(), "version", d.forkedFromVersion()));
        send(ctx, 200, out);
    }

    private void listVersions(Context ctx) {
        send(ctx, 200, circuits.versions(user(ctx), id(ctx)).stream().map(v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", v.version());
            m.put("title", v.title());
            m.put("author", v.authorName());
            m.put("createdAt", v.createdAt().toString());
            m.put("numQubits", v.numQubits());
            m.put("numGates", v.numGates());
            return m;
        }).toList());
    }

    private static CircuitDraft draft(JsonNode b, boolean creating) {
        String visibility = Json.text(b, "visibility", creating);
        return new CircuitDraft(Json.text(b, "title", true), Json.text(b, "description", false), Json.text(b, "qasm", true),
                visibility == null ? null : Visibility.parse(visibility), Json.strings(b, "tags"), Json.text(b, "cohort", false));
    }

    private static Map<String, Object> summaryJson(CircuitService.Summary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("title", s.title());
        m.put("ownerId", s.ownerId());
        m.put("owner", s.ownerName());
        m.put("visibility", s.visibility().label());
        m.put("cohort", s.cohort());
        m.put("latestVersion", s.latestVersion());
        m.put("tags", s.tags());
        m.put("numQubits", s.numQubits());
        m.put("numGates", s.numGates());
        m.put("updatedAt", s.updatedAt().toString());
        return m;
    }

    private static Map<String, Object> userJson(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("email", u.email());
        m.put("name", u.name());
        m.put("role", u.role().label());
        m.put("cohorts", u.cohorts().stream().map(Cohort::name).toList());
        return m;
    }

    private static User requireUser(Context ctx) {
        User u = user(ctx);
        if (u == null) throw PortalException.unauthorized("send an API token as 'Authorization: Bearer TOKEN'");
        return u;
    }

    private static Integer optionalInt(String raw, String what) {
        if (raw == null || raw.isBlank()) return null;
        try {
            return Integer.valueOf(raw.strip());
        } catch (NumberFormatException e) {
            throw PortalException.badRequest(what + " must be a whole number, got '" + raw + "'");
        }
    }

    private static long id(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw PortalException.notFound("'" + raw + "'");
        }
    }

    static void send(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    /** The JSON error body: {"error": …} plus line and column for QASM errors. */
    public static void sendError(Context ctx, PortalException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        if (e.line() != null) body.put("line", e.line());
        if (e.column() != null) body.put("column", e.column());
        send(ctx, e.status(), body);
    }

}
