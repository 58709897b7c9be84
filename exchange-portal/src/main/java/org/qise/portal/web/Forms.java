package org.qise.portal.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qise.portal.PortalException;

/** Small helpers for reading HTML form fields. */
public final class Forms {
    private Forms() {}

    /**
     * The answer to a form post that changed something (post/redirect/get): 303 See Other tells
     * the browser to load {@code path} with GET, so a reload shows that page again instead of
     * posting the form a second time. Javalin's plain redirect is a 302, which says less.
     */
    public static void seeOther(Context ctx, String path) {
        ctx.redirect(path, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** A field's value, or "" when absent. */
    public static String field(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? "" : v;
    }

    /** The named fields as a map for re-displaying a form (never includes passwords). */
    public static Map<String, String> echo(Context ctx, String... names) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String n : names) m.put(n, field(ctx, n));
        return m;
    }

    /** Request attribute: the internal id of the circuit or run the URL names by its public id. */
    public static final String RESOLVED_ID = "qise.resolvedId";

    /**
     * Request attribute: how to look that id up ({@link java.util.function.LongSupplier}), run
     * only when a handler asks for the internal id. Handlers that read the item by its public id
     * in their main query never pay for a separate look-up.
     */
    public static final String ID_RESOLVER = "qise.idResolver";

    /** A numeric path parameter; anything but a number is "not found". */
    public static long pathId(Context ctx, String name) {
        // Circuits and runs are named by public ids in URLs; a filter has already turned the
        // {id} segment into the internal id (see PortalServer.resolvePublicIds).
        if (name.equals("id") && ctx.attribute(RESOLVED_ID) instanceof Long resolved) return resolved;
        if (name.equals("id") && ctx.attribute(ID_RESOLVER) instanceof java.util.function.LongSupplier resolver) {
            long id = resolver.getAsLong();
            ctx.attribute(RESOLVED_ID, id);
            return id;
        }
        String raw = ctx.pathParam(name);
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw PortalException.notFound("'" + raw + "'");
        }
    }

    /** An optional positive integer query or form value; 400 when present but not a number. */
    public static Integer optionalInt(String raw, String what) {
        if (raw == null || raw.isBlank()) return null;
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw PortalException.badRequest(what + " must be a whole number, got '" + raw + "'");
        }
    }

    /** This request's path and query with the cursor replaced (the "next page" link of a list). */
    public static String nextUrl(Context ctx, String cursor) {
        StringBuilder url = new StringBuilder(ctx.path()).append("?cursor=").append(cursor);
        ctx.queryParamMap().forEach((name, values) -> {
            if (!name.equals("cursor")) {
                for (String v : values) {
                    url.append('&').append(java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)).append('=')
                            .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        });
        return url.toString();
    }
}
