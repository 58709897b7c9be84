package org.qise.portal.runs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qise.circuit.Circuit;
import org.qise.portal.PortalException;
import org.qise.portal.circuits.QasmCheck;
import org.qise.qasm.ParseLimits;

/**
 * Values for a circuit's free parameters (declared with {@code // @parameters theta, phi}, see
 * {@link QasmCheck#declaredParameters}). A run stores the canonical text of the circuit with its
 * parameters still symbolic, plus the values; reproducing parses that text with the stored names
 * and binds the same values, so the bound circuit, and with the seed the counts, are the same.
 */
final class RunParameters {
    private RunParameters() {}

    /**
     * The values to store, in the circuit's order of first use: every parameter of the circuit
     * needs a finite value and every value must name one of its parameters (422 naming it).
     */
    static Map<String, Double> check(Circuit circuit, Map<String, Double> given) {
        Map<String, Double> values = given == null ? Map.of() : given;
        List<String> names = circuit.parameters();
        for (String name : values.keySet()) {
            if (!names.contains(name)) {
                throw RunService.unprocessable("parameters." + name + ": the circuit has no parameter '" + name + "'"
                        + (names.isEmpty() ? " (it has none)" : "; its parameters are " + String.join(", ", names)));
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String name : names) {
            Double v = values.get(name);
            if (v == null) {
                throw RunService.unprocessable("parameters." + name + ": the circuit's parameter '" + name + "' has no value;"
                        + " give one for each of " + String.join(", ", names));
            }
            if (!Double.isFinite(v)) throw RunService.unprocessable("parameters." + name + ": must be a finite number, got " + v);
            out.put(name, v);
        }
        return out;
    }

    /** The stored circuit text parsed with the stored parameter names and bound to their values. */
    static Circuit bound(String canonicalQasm, Map<String, Double> values, ParseLimits limits) {
        if (values == null || values.isEmpty()) return QasmCheck.parse(canonicalQasm, limits, Set.of());
        return QasmCheck.parse(canonicalQasm, limits, values.keySet()).bind(values);
    }

    static Circuit bound(String canonicalQasm, Map<String, Double> values) {
        return bound(canonicalQasm, values, ParseLimits.DEFAULT);
    }

    /** Reads "theta=0.3, phi=pi/2" (the run form's field); 422 naming the part that is not NAME=VALUE. */
    static Map<String, Double> parseForm(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) return out;
        for (String part : text.split("[,;\\n]")) {
            if (part.isBlank()) continue;
            int eq = part.indexOf('=');
            String name = eq < 0 ? part.strip() : part.substring(0, eq).strip();
            if (eq < 0 || name.isEmpty()) throw RunService.unprocessable("parameters: '" + part.strip() + "' is not NAME=VALUE");
            String value = part.substring(eq + 1).strip();
            double v;
            try {
                // A constant OpenQASM expression (pi/2, 2*pi/3) as well as a plain number.
                v = org.qise.qasm.QasmParser.parseExpression(value, Set.of()).evaluate(Map.of());
            } catch (RuntimeException e) {
                throw RunService.unprocessable("parameters." + name + ": '" + value + "' is not a number or constant expression");
            }
            if (out.put(name, v) != null) throw RunService.unprocessable("parameters." + name + ": given twice");
        }
        return out;
    }

    static PortalException notNumber(String name) {
        return RunService.unprocessable("parameters." + name + ": must be a number");
    }
}
