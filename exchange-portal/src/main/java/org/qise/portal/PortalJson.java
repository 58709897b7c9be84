package org.qise.portal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.util.Collection;
import java.util.Map;

/**
 * The portal's one JSON layer: the single {@link ObjectMapper} that writes responses and stored
 * columns (run manifests, counts, workshop targets) and reads request bodies. Javalin is given the
 * same mapper, so {@code ctx.json} and {@code ctx.bodyAsClass} agree with everything else; one
 * mapper means one set of rules for how a manifest is written, which its stored hash depends on.
 */
public final class PortalJson {
    public static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private PortalJson() {}

    /**
     * Request records are read strictly for value types: a number is not silently a string, nor
     * 1.5 or "2" a whole number, so a client's type mistake is answered with the field's name
     * rather than stored. Unknown fields are ignored, as they always were. Nothing here changes
     * how values are written, so stored manifests and their hashes are unaffected.
     */
    private static ObjectMapper configure(ObjectMapper m) {
        m.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean}) {
            m.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return m;
    }

    /** The mapper Javalin uses for {@code ctx.json} and {@code ctx.bodyAsClass}. */
    public static JavalinJackson javalinMapper() {
        return new JavalinJackson(MAPPER, false);
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Answers with {@code body} as JSON through Javalin's mapper. */
    public static void send(Context ctx, int status, Object body) {
        ctx.status(status).json(body);
    }

    /**
     * The request body as a record of the given type, through Javalin's mapper. An empty body is
     * read as {@code {}} when {@code required} is false. Errors are 400s that name the field by its
     * JSON path: {@code "tags[1]" must be a string}.
     */
    public static <T> T body(Context ctx, Class<T> type, boolean required) {
        String text = ctx.body();
        if (text.isBlank()) {
            if (required) throw PortalException.badRequest("the request body must be a JSON object");
            return MAPPER.convertValue(Map.of(), type);
        }
        try {
            T value = ctx.bodyAsClass(type);
            if (value == null) throw PortalException.badRequest("the request body must be a JSON object");
            return value;
        } catch (PortalException e) {
            throw e;
        } catch (Exception e) { // Javalin's mapper is Kotlin: Jackson's checked exceptions arrive undeclared
            throw badBody(e);
        }
    }

    /** A required request field: a 400 naming it when absent or null. */
    public static <T> T required(T value, String field) {
        if (value == null) throw PortalException.badRequest("\"" + field + "\" is required");
        return value;
    }

    /** The request body as a JSON object tree, for bodies whose fields take more than one shape. */
    public static JsonNode object(Context ctx, boolean required) {
        String text = ctx.body();
        if (text.isBlank()) {
            if (required) throw PortalException.badRequest("the request body must be a JSON object");
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || !node.isObject()) throw PortalException.badRequest("the request body must be a JSON object");
            return node;
        } catch (JsonProcessingException e) {
            throw notJson(e);
        }
    }

    /** A stored JSON text as a tree. */
    public static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored JSON column is not valid JSON", e);
        }
    }

    private static PortalException badBody(Exception e) {
        Throwable t = e;
        while (t != null && !(t instanceof JsonProcessingException)) {
            if (t instanceof PortalException p) return p;
            t = t.getCause();
        }
        if (!(t instanceof JsonMappingException mapping)) {
            return t == null ? PortalException.badRequest("the request body is not valid JSON") : notJson((JsonProcessingException) t);
        }
        if (mapping.getCause() instanceof PortalException p) return p;
        String path = path(mapping);
        if (path.isEmpty()) return PortalException.badRequest("the request body must be a JSON object");
        Class<?> target = mapping instanceof MismatchedInputException m ? m.getTargetType() : null;
        return PortalException.badRequest("\"" + path + "\" must be " + kind(target));
    }

    private static PortalException notJson(JsonProcessingException e) {
        var loc = e.getLocation();
        return PortalException.badRequest("the request body is not valid JSON"
                + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")"));
    }

    /** The failing value's JSON path without the leading "$.": tags[1], options.shots. */
    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!out.isEmpty()) out.append('.');
                out.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String kind(Class<?> target) {
        if (target == null) return "of the documented type";
        if (target == String.class || target.isEnum()) return "a string";
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) return "a whole number";
        if (target == Double.class || target == double.class) return "a number";
        if (target == Boolean.class || target == boolean.class) return "true or false";
        if (Collection.class.isAssignableFrom(target) || target.isArray()) return "an array";
        return "an object";
    }
}
