package org.qise.portal.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers API routes (paths relative to {@link ApiRoutes#PREFIX}) with Javalin and remembers
 * them, so a test can compare them with the OpenAPI document.
 */
public final class RouteTable {
    private final RoutesConfig routes;
    private final List<String> registered = new ArrayList<>();

    public RouteTable(RoutesConfig routes) {
        this.routes = routes;
    }

    public void get(String path, Handler handler) { add("GET", path, handler); }

    public void post(String path, Handler handler) { add("POST", path, handler); }

    public void put(String path, Handler handler) { add("PUT", path, handler); }

    public void delete(String path, Handler handler) { add("DELETE", path, handler); }

    public void patch(String path, Handler handler) { add("PATCH", path, handler); }

    /** "METHOD /path" of every route added. */
    public List<String> registered() { return List.copyOf(registered); }

    private void add(String method, String path, Handler handler) {
        String full = ApiRoutes.PREFIX + path;
        registered.add(method + " " + full);
        switch (method) {
            case "GET" -> routes.get(full, handler);
            case "POST" -> routes.post(full, handler);
            case "PUT" -> routes.put(full, handler);
            case "DELETE" -> routes.delete(full, handler);
            case "PATCH" -> routes.patch(full, handler);
            default -> throw new IllegalArgumentException(method);
        }
    }
}
