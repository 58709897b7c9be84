package org.qise.portal.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.qise.portal.PortalException;
import org.qise.portal.auth.AuthService;
import org.qise.portal.auth.TokenService;
import org.qise.portal.circuits.CircuitApi;
import org.qise.portal.circuits.CircuitService;
import org.qise.portal.people.InviteService;
import org.qise.portal.people.User;
import org.qise.portal.people.UserService;

/**
 * The JSON API under /api/v1, authenticated with {@code Authorization: Bearer TOKEN} (never
 * with the browser cookie, so cross-site requests cannot use it). Documented in
 * {@code api/openapi.json}, served at /api/v1/openapi.json. The routes themselves live in
 * {@link AccountApi} and {@link CircuitApi}.
 */
public final class ApiRoutes {
    public static final String PREFIX = "/api/v1";

    private final TokenService tokens;
    private final UserService users;
    private final AccountApi accounts;
    private final CircuitApi circuits;
    private final String openApi;
    private List<String> registered = List.of();

    public ApiRoutes(AuthService auth, TokenService tokens, UserService users, InviteService invites, CircuitService circuits,
                     org.qise.portal.credit.CreditService credit) {
        this.tokens = tokens;
        this.users = users;
        this.accounts = new AccountApi(auth, tokens, users, invites);
        this.circuits = new CircuitApi(circuits, credit);
        try (InputStream in = ApiRoutes.class.getResourceAsStream("/api/openapi.json")) {
            if (in == null) throw new IllegalStateException("api/openapi.json is missing from the build");
            this.openApi = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read api/openapi.json", e);
        }
    }

    /** Before each API call: the token's user, if an Authorization header is given (401 if it is bad). */
    public void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) return;
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw PortalException.unauthorized("the Authorization header must be 'Bearer TOKEN'");
        }
        var token = tokens.authenticateScoped(header.substring(7).strip())
                .orElseThrow(() -> PortalException.unauthorized("the API token is unknown, expired or revoked"));
        User user = users.find(token.userId()).filter(u -> !u.disabled())
                .orElseThrow(() -> PortalException.unauthorized("the account is disabled"));
        var needed = org.qise.portal.auth.TokenScope.required(ctx.method().name(), ctx.path());
        if (!token.scopes().contains(needed)) {
            throw PortalException.forbidden("this API token lacks the '" + needed.label() + "' scope that "
                    + ctx.method().name() + " " + ctx.path() + " needs; its scopes are "
                    + org.qise.portal.auth.TokenScope.format(token.scopes()));
        }
        ctx.attribute(Api.USER_ATTR, user);
    }

    /** The API caller, or null without a token. */
    public static User user(Context ctx) {
        return Api.user(ctx);
    }

    /** The API caller; 401 without a token. */
    public static User requireUser(Context ctx) {
        return Api.requireUser(ctx);
    }

    public void register(RoutesConfig config) {
        RouteTable routes = new RouteTable(config);
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        accounts.register(routes);
        circuits.register(routes);
        registered = routes.registered();
    }

    /** "METHOD /path" of every API route, once registered (the OpenAPI test checks each is documented). */
    public List<String> routes() {
        return registered;
    }

    /** The JSON error body: {"error": …} plus line and column for QASM errors. */
    public static void sendError(Context ctx, PortalException e) {
        Map<String, Object> body = Api.object("error", e.getMessage());
        if (e.line() != null) body.put("line", e.line());
        if (e.column() != null) body.put("column", e.column());
        Api.send(ctx, e.status(), body);
    }
}
