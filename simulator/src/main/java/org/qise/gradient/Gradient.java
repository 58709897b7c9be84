package org.qise.gradient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ⟨H⟩ at a point and its partial derivatives with respect to each circuit parameter, in the
 * order of {@code parameters} (the circuit's order of first appearance).
 */
public record Gradient(List<String> parameters, double value, double[] derivatives) {
    public Gradient {
        parameters = List.copyOf(parameters);
        derivatives = derivatives.clone();
        if (derivatives.length != parameters.size()) throw new IllegalArgumentException("one derivative per parameter");
    }

    @Override public double[] derivatives() { return derivatives.clone(); }

    /** ∂⟨H⟩/∂{@code name}. */
    public double derivative(String name) {
        int i = parameters.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("unknown parameter '" + name + "'");
        return derivatives[i];
    }

    /** Parameter → derivative, in parameter order. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < derivatives.length; i++) m.put(parameters.get(i), derivatives[i]);
        return m;
    }
}
