package org.qise.portal.export;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Function;
import org.qise.portal.api.ApiRoutes;
import org.qise.portal.api.RouteTable;
import org.qise.portal.credit.CreditRoutes;
import org.qise.portal.people.User;
import org.qise.portal.web.Forms;
import org.qise.portal.web.WebSession;

/**
 * Downloads of research objects, the same on pages (browser session) and in the API (token):
 * {@code ro-crate.zip} and {@code zenodo.json} of a circuit version or a run, and
 * {@code metriq.json} of a run.
 */
public final class ExportRoutes {
    private final ExportService export;
    private List<String> registered = List.of();

    public ExportRoutes(ExportService export) {
        this.export = export;
    }

    /** "METHOD /path" of each API route registered. */
    public List<String> apiRoutes() {
        return registered;
    }

    public void registerPages(RoutesConfig routes) {
        register(routes::get, WebSession::user);
    }

    public void registerApi(RoutesConfig config) {
        RouteTable routes = new RouteTable(config);
        register(routes::get, ApiRoutes::user);
        registered = routes.registered();
    }

    private interface Get {
        void add(String path, io.javalin.http.Handler handler);
    }

    private void register(Get get, Function<Context, User> viewer) {
        get.add("/circuits/{id}/ro-crate.zip", ctx -> zip(ctx, "circuit-" + ctx.pathParam("id") + "-v" + versionLabel(ctx) + ".crate.zip",
                export.circuitCrate(viewer.apply(ctx), id(ctx), version(ctx), CreditRoutes.baseUrl(ctx))));
        get.add("/circuits/{id}/zenodo.json", ctx -> json(ctx, "circuit-" + ctx.pathParam("id") + ".zenodo.json",
                export.circuitZenodo(viewer.apply(ctx), id(ctx), version(ctx), CreditRoutes.baseUrl(ctx))));
        get.add("/runs/{id}/ro-crate.zip", ctx -> zip(ctx, "run-" + ctx.pathParam("id") + ".crate.zip",
                export.runCrate(viewer.apply(ctx), id(ctx), CreditRoutes.baseUrl(ctx))));
        get.add("/runs/{id}/zenodo.json", ctx -> json(ctx, "run-" + ctx.pathParam("id") + ".zenodo.json",
                export.runZenodo(viewer.apply(ctx), id(ctx), CreditRoutes.baseUrl(ctx))));
        get.add("/runs/{id}/metriq.json", ctx -> json(ctx, "run-" + ctx.pathParam("id") + ".metriq.json",
                export.runMetriq(viewer.apply(ctx), id(ctx), CreditRoutes.baseUrl(ctx))));
    }

    private static void zip(Context ctx, String name, byte[] zip) {
        ctx.contentType("application/zip").header("Content-Disposition", "attachment; filename=\"" + name + "\"").result(zip);
    }

    private static void json(Context ctx, String name, Object body) {
        ctx.contentType("application/json").header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .result(ExportService.json(body));
    }

    private static long id(Context ctx) {
        return Forms.pathId(ctx, "id");
    }

    private static Integer version(Context ctx) {
        return Forms.optionalInt(ctx.queryParam("version"), "version");
    }

    private static String versionLabel(Context ctx) {
        Integer v = version(ctx);
        return v == null ? "latest" : String.valueOf(v);
    }
}
