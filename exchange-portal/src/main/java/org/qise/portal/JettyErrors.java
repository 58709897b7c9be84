package org.qise.portal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.qise.portal.limits.TargetRecordingConnectionFactory;

/**
 * Answers for requests Jetty refuses before any route runs, a URL with a malformed
 * percent-escape say: the portal's own error page, or its JSON error for API paths and for
 * clients that ask for JSON only, instead of Jetty's default page. Jetty no longer knows the
 * request's path at this point (the request line itself was bad), so the raw target recorded
 * by {@link TargetRecordingConnectionFactory} tells an API call from a page.
 */
final class JettyErrors implements Request.Handler {
    private final BiFunction<Integer, String, String> page;

    /** @param page renders the portal's error page for a status and message */
    JettyErrors(BiFunction<Integer, String, String> page) {
        this.page = page;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : 400;
        String message = switch (status) {
            case 400 -> "the request could not be read: its address or headers are malformed";
            case 413 -> "the request is too large";
            case 414 -> "the address is too long";
            case 431 -> "the request headers are too large";
            default -> "the request could not be handled (HTTP " + status + ")";
        };
        // The placeholder request Jetty makes for a bad request line has no path or headers; the
        // raw target the connection saw still tells an API call from a page.
        Object target = request.getConnectionMetaData() == null ? null
                : request.getConnectionMetaData().getAttribute(TargetRecordingConnectionFactory.TARGET);
        String accept = request.getHeaders() == null ? null : request.getHeaders().get(HttpHeader.ACCEPT);
        boolean json = target instanceof String t && isApi(t)
                || accept != null && accept.contains("json") && !accept.contains("text/html");
        String body;
        if (json) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            body = "{\"error\":\"" + message + "\"}"; // message is one of the constants above: no escaping needed
        } else {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
            response.getHeaders().put("Content-Security-Policy", PortalServer.CSP);
            body = page.apply(status, message);
        }
        response.setStatus(status);
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    /** The raw target names the API: "/api/v1…", or an absolute form "http://host/api/v1…". */
    static boolean isApi(String rawTarget) {
        String path = rawTarget;
        int scheme = path.indexOf("://");
        if (scheme > 0) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        return path.equals(org.qise.portal.api.ApiRoutes.PREFIX) || path.startsWith(org.qise.portal.api.ApiRoutes.PREFIX + "/")
                || path.startsWith(org.qise.portal.api.ApiRoutes.PREFIX + "?");
    }
}
