package org.qise.portal;

/**
 * A request that cannot be served, with the HTTP status that says why. Services throw it;
 * the web and API layers turn it into an HTML page or a JSON {@code {"error": …}} body.
 * The message is shown to the user, so it must never carry internals.
 */
public class PortalException extends RuntimeException {
    private final int status;
    private final Integer line;
    private final Integer column;
    private final Long retryAfterSeconds;

    public PortalException(int status, String message) {
        this(status, message, null, null, null);
    }

    private PortalException(int status, String message, Integer line, Integer column, Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.line = line;
        this.column = column;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static PortalException badRequest(String message) { return new PortalException(400, message); }

    /**
     * 422: OpenQASM that arrived intact but cannot be read, at a 1-based line and column. The
     * request itself was well formed (that would be 400); it is the circuit's author who must
     * fix the text, so the answer says where.
     */
    public static PortalException badInputAt(String message, int line, int column) {
        return new PortalException(422, message, line, column, null);
    }

    /** 422: a well-formed request whose content cannot be processed (and no position to give). */
    public static PortalException unprocessable(String message) { return new PortalException(422, message); }

    public static PortalException unauthorized(String message) { return new PortalException(401, message); }

    public static PortalException forbidden(String message) { return new PortalException(403, message); }

    public static PortalException notFound(String what) { return new PortalException(404, what + " not found"); }

    public static PortalException conflict(String message) { return new PortalException(409, message); }

    public static PortalException tooLarge(String message) { return new PortalException(413, message); }

    public static PortalException tooManyRequests(String message, long retryAfterSeconds) {
        return new PortalException(429, message, null, null, Math.max(1, retryAfterSeconds));
    }

    /** 503: the server is saturated (no database connection came free in time); worth retrying. */
    public static PortalException busy(String message, long retryAfterSeconds) {
        return new PortalException(503, message, null, null, Math.max(1, retryAfterSeconds));
    }

    public int status() { return status; }

    public Integer line() { return line; }

    public Integer column() { return column; }

    public Long retryAfterSeconds() { return retryAfterSeconds; }
}
