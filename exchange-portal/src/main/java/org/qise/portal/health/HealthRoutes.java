package org.qise.portal.health;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.qise.portal.db.Database;

/**
 * Probes for a process supervisor or load balancer. {@code GET /healthz}: the process is up and
 * serving HTTP (restart it if not). {@code GET /readyz}: it can also reach its database, so it
 * should get traffic (503 with Retry-After while it cannot). Neither touches sessions or writes.
 */
public final class HealthRoutes {
    private final Database database;

    public HealthRoutes(Database database) {
        this.database = database;
    }

    public void register(RoutesConfig routes) {
        routes.get("/healthz", ctx -> answer(ctx, 200, "ok"));
        routes.get("/readyz", ctx -> {
            if (database.ready()) {
                answer(ctx, 200, "ready");
            } else {
                ctx.header("Retry-After", "5");
                answer(ctx, 503, "database unavailable");
            }
        });
    }

    private static void answer(Context ctx, int status, String text) {
        ctx.status(status).header("Cache-Control", "no-store").contentType("text/plain; charset=utf-8").result(text + "\n");
    }
}
