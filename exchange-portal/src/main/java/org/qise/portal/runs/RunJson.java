package org.qise.portal.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** JSON for the run tables' text columns and the run API. */
final class RunJson {
    /** The portal's one mapper: a manifest's stored text, and so its hash, is written by the same rules everywhere. */
    static final ObjectMapper MAPPER = org.qise.portal.PortalJson.MAPPER;

    private RunJson() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** A stored JSON text as a tree, so that it is sent as JSON rather than as a string of JSON. */
    static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored run column is not valid JSON", e);
        }
    }

    static Map<String, Long> counts(String json) {
        return json == null ? null : new TreeMap<>(read(json, new TypeReference<Map<String, Long>>() {}));
    }

    static Map<String, Double> doubles(String json) {
        return json == null ? null : read(json, new TypeReference<java.util.LinkedHashMap<String, Double>>() {});
    }

    static Map<String, Object> object(String json) {
        return json == null ? null : read(json, new TypeReference<java.util.LinkedHashMap<String, Object>>() {});
    }

    static List<String> strings(String json) {
        return json == null ? List.of() : read(json, new TypeReference<List<String>>() {});
    }

    static Run.StoredState state(String json) {
        if (json == null) return null;
        Map<String, Object> m = read(json, new TypeReference<Map<String, Object>>() {});
        double[] probabilities = MAPPER.convertValue(m.get("probabilities"), double[].class);
        double[][] statevector = m.get("statevector") == null ? null : MAPPER.convertValue(m.get("statevector"), double[][].class);
        return new Run.StoredState(probabilities, statevector);
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored run column is not valid JSON", e);
        }
    }
}
