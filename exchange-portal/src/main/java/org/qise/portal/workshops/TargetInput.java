package org.qise.portal.workshops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qise.portal.PortalException;
import org.qise.portal.circuits.QasmCheck;

/**
 * Reads a target as an instructor writes it: a reference solution in OpenQASM (state and
 * unitary exercises), or JSON — a state as [a0, a1, …] with each amplitude a number or
 * [re, im]; a unitary as rows of such entries; a distribution as {"00": 0.5, "11": 0.5}; for a
 * checker exercise the checker's name.
 */
public final class TargetInput {
    static final ObjectMapper JSON = org.qise.portal.PortalJson.MAPPER;

    /** Most gates a reference solution may have (as for submissions). */
    static final int REFERENCE_MAX_GATES = 10_000;

    private TargetInput() {}

    public static Target parse(TargetKind kind, String text) {
        if (text == null || text.isBlank()) throw PortalException.badRequest("the target is empty");
        String t = text.strip();
        if (kind == TargetKind.CHECKER) return Target.checker(t);
        if (t.startsWith("OPENQASM") || t.contains("qreg")) {
            // A reference solution is simulated like a submission, so it gets the same bounds.
            int bytes = t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes > GradingQueue.MAX_SUBMISSION_BYTES) {
                throw PortalException.tooLarge("a reference solution may have at most " + GradingQueue.MAX_SUBMISSION_BYTES + " bytes");
            }
            var reference = QasmCheck.parse(t, org.qise.portal.runs.RunConfig.untrustedParseLimits(REFERENCE_MAX_GATES, kind.maxQubits));
            if (reference.gateCount() > REFERENCE_MAX_GATES) {
                throw new PortalException(422, "gates " + reference.gateCount() + " exceeds the cap of " + REFERENCE_MAX_GATES);
            }
            return Target.fromReference(kind, reference);
        }
        try {
            return fromJson(kind, JSON.readTree(t));
        } catch (JsonProcessingException e) {
            throw PortalException.badRequest("the target is neither OpenQASM nor valid JSON");
        }
    }

    public static Target fromJson(TargetKind kind, JsonNode node) {
        return switch (kind) {
            case STATE -> {
                if (node == null || !node.isArray()) throw PortalException.badRequest("a state target is an array of amplitudes");
                yield Target.state(amplitudes(node, "the state"));
            }
            case UNITARY -> {
                if (node == null || !node.isArray()) throw PortalException.badRequest("a unitary target is an array of rows");
                List<List<double[]>> rows = new ArrayList<>();
                for (JsonNode row : node) {
                    if (!row.isArray()) throw PortalException.badRequest("each row of a unitary target is an array of entries");
                    rows.add(amplitudes(row, "the unitary"));
                }
                yield Target.unitary(rows);
            }
            case DISTRIBUTION -> {
                if (node == null || !node.isObject()) throw PortalException.badRequest("a distribution target is an object of bitstring → probability");
                Map<String, Double> p = new LinkedHashMap<>();
                node.properties().forEach(e -> {
                    if (!e.getValue().isNumber()) throw PortalException.badRequest("the probability of '" + e.getKey() + "' must be a number");
                    p.put(e.getKey(), e.getValue().asDouble());
                });
                yield Target.distribution(p);
            }
            case CHECKER -> {
                if (node == null || !node.isTextual()) throw PortalException.badRequest("a checker target is the checker's name, a string");
                yield Target.checker(node.asText());
            }
        };
    }

    private static List<double[]> amplitudes(JsonNode array, String what) {
        List<double[]> out = new ArrayList<>();
        for (JsonNode a : array) {
            if (a.isNumber()) {
                out.add(new double[]{a.asDouble(), 0});
            } else if (a.isArray() && a.size() == 2 && a.get(0).isNumber() && a.get(1).isNumber()) {
                out.add(new double[]{a.get(0).asDouble(), a.get(1).asDouble()});
            } else {
                throw PortalException.badRequest("each entry of " + what + " must be a number or [re, im]");
            }
        }
        return out;
    }
}
