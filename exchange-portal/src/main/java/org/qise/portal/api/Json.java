package org.qise.portal.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import org.qise.portal.PortalException;

/** Reading JSON request bodies field by field, with a 400 naming any field that is wrong. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) throw PortalException.badRequest("the request body must be a JSON object");
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || !node.isObject()) throw PortalException.badRequest("the request body must be a JSON object");
            return node;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw PortalException.badRequest("the request body is not valid JSON"
                    + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")"));
        }
    }

    static String text(JsonNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) throw PortalException.badRequest("\"" + field + "\" is required");
            return null;
        }
        if (!v.isTextual()) throw PortalException.badRequest("\"" + field + "\" must be a string");
        return v.asText();
    }

    static Integer integer(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isInt()) throw PortalException.badRequest("\"" + field + "\" must be a whole number");
        return v.asInt();
    }

    static List<String> strings(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isArray()) throw PortalException.badRequest("\"" + field + "\" must be an array of strings");
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) throw PortalException.badRequest("\"" + field + "\" must be an array of strings");
            out.add(e.asText());
        }
        return out;
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise response", e);
        }
    }
}
