package org.qise.portal.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qise.portal.PortalException;
import org.qise.portal.api.ApiRoutes;
import org.qise.portal.api.RouteTable;
import org.qise.portal.circuits.Page;
import org.qise.portal.web.Forms;

/**
 * API routes for finding circuits: {@code /search} (words, filters, order, cursor paging as
 * {@code /circuits}: a plain array, the next page in {@code Link} and {@code X-Next-Cursor}),
 * {@code /tags}, and the two lists {@code /search/most-reproduced} and {@code /search/recently-verified}.
 * Names are camelCase, as in the rest of the circuits API.
 */
public final class SearchApi {
    /** Entries in the two short lists unless ?limit= says otherwise. */
    public static final int LIST_LIMIT = 10;
    private static final ObjectMapper JSON = org.qise.portal.PortalJson.MAPPER;

    private final SearchService search;
    private List<String> registered = List.of();

    public SearchApi(SearchService search) {
        this.search = search;
    }

    /** "METHOD /path" of each route this class registers. */
    public List<String> routes() {
        return registered;
    }

    public void register(RoutesConfig config) {
        RouteTable routes = new RouteTable(config);
        routes.get("/search", ctx -> {
            var page = search.search(ApiRoutes.user(ctx), SearchQuery.of(ctx::queryParam), ctx.queryParam("cursor"),
                    limit(ctx, Page.DEFAULT_LIMIT));
            if (page.next() != null) {
                ctx.header("X-Next-Cursor", page.next());
                ctx.header("Link", "<" + Forms.nextUrl(ctx, page.next()) + ">; rel=\"next\"");
            }
            send(ctx, page.items().stream().map(SearchApi::hitJson).toList());
        });
        routes.get("/tags", ctx -> send(ctx, search.tags(ApiRoutes.user(ctx)).stream()
                .map(t -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("tag", t.tag());
                    out.put("circuits", t.circuits());
                    return out;
                }).toList()));
        routes.get("/search/most-reproduced", ctx -> send(ctx, search.mostReproduced(ApiRoutes.user(ctx), limit(ctx, LIST_LIMIT))
                .stream().map(r -> with(hitJson(r.circuit()), "reproductions", r.reproductions())).toList()));
        routes.get("/search/recently-verified", ctx -> send(ctx, search.recentlyVerified(ApiRoutes.user(ctx), limit(ctx, LIST_LIMIT))
                .stream().map(v -> with(hitJson(v.circuit()), "verifiedAt", v.verifiedAt().toString())).toList()));
        registered = routes.registered();
    }

    static Map<String, Object> hitJson(SearchService.Hit h) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", h.publicId());
        out.put("title", h.title());
        out.put("ownerId", h.ownerId());
        out.put("owner", h.ownerName());
        out.put("visibility", h.visibility());
        out.put("cohort", h.cohort());
        out.put("latestVersion", h.latestVersion());
        out.put("tags", h.tags());
        out.put("numQubits", h.numQubits());
        out.put("numGates", h.numGates());
        out.put("createdAt", h.createdAt().toString());
        out.put("updatedAt", h.updatedAt().toString());
        return out;
    }

    private static Map<String, Object> with(Map<String, Object> map, String name, Object value) {
        map.put(name, value);
        return map;
    }

    private static int limit(Context ctx, int otherwise) {
        Integer limit = Forms.optionalInt(ctx.queryParam("limit"), "limit");
        return limit == null ? otherwise : limit;
    }

    private static void send(Context ctx, Object body) {
        try {
            ctx.status(200).contentType("application/json").result(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new PortalException(500, "cannot write the answer as JSON: " + e.getOriginalMessage());
        }
    }
}
