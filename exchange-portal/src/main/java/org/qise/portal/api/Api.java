package org.qise.portal.api;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qise.portal.PortalException;
import org.qise.portal.PortalJson;
import org.qise.portal.people.Cohort;
import org.qise.portal.people.User;
import org.qise.portal.web.Forms;

/** What every API handler needs: the caller, path and query values, and JSON responses. */
public final class Api {
    public static final String USER_ATTR = "qise.api.user";

    private Api() {}

    /** The caller, or null without a token. */
    public static User user(Context ctx) {
        return ctx.attribute(USER_ATTR);
    }

    public static User requireUser(Context ctx) {
        User u = user(ctx);
        if (u == null) throw PortalException.unauthorized("send an API token as 'Authorization: Bearer TOKEN'");
        return u;
    }

    /** The {id} path parameter; anything but a number is "not found". */
    public static long id(Context ctx) {
        return Forms.pathId(ctx, "id");
    }

    public static Integer optionalInt(String raw, String what) {
        return Forms.optionalInt(raw, what);
    }

    public static void send(Context ctx, int status, Object body) {
        PortalJson.send(ctx, status, body);
    }

    /** A JSON object with keys in the order given: name, value, name, value, … (values may be null). */
    public static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        return m;
    }

    public static Map<String, Object> userJson(User u) {
        return object("id", u.id(), "email", u.email(), "name", u.name(), "role", u.role().label(),
                "cohorts", u.cohorts().stream().map(Cohort::name).toList());
    }
}
