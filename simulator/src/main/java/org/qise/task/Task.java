package org.qise.task;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qise.sim.Rng;

/**
 * One unit of work, complete in itself so that it can be shipped to another thread, process or
 * machine: the circuit's canonical OpenQASM text (parameters left symbolic), the values of its
 * parameters, an optional noise model (its canonical JSON), what to report, the global seed and
 * the task's index. {@code name} only labels the output (a batch's file name; null in a sweep).
 *
 * <p>The task samples with the seed {@code Rng.stream(seed, index).nextLong()}: it depends on
 * the pair (seed, index) alone, never on where or in what order tasks run.
 */
public record Task(long index, String name, String circuit, List<String> paramNames, double[] paramValues,
                   String noiseModel, TaskOptions options, long seed) implements Serializable {

    public Task {
        paramNames = List.copyOf(paramNames);
        paramValues = paramValues.clone();
        if (paramNames.size() != paramValues.length) {
            throw new IllegalArgumentException(paramNames.size() + " parameter names but " + paramValues.length + " values");
        }
        if (index < 0) throw new IllegalArgumentException("task index must be 0 or more, got " + index);
    }

    /** The seed this task's simulation samples with. */
    public long streamSeed() {
        return Rng.stream(seed, index).nextLong();
    }

    /** Parameter name to value, in the order of {@link #paramNames()}. */
    public Map<String, Double> params() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < paramValues.length; k++) m.put(paramNames.get(k), paramValues[k]);
        return m;
    }

    @Override
    public double[] paramValues() {
        return paramValues.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Task t && index == t.index && seed == t.seed && java.util.Objects.equals(name, t.name)
                && circuit.equals(t.circuit) && paramNames.equals(t.paramNames) && Arrays.equals(paramValues, t.paramValues)
                && java.util.Objects.equals(noiseModel, t.noiseModel) && options.equals(t.options);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(index, seed, name, circuit, paramNames, Arrays.hashCode(paramValues), noiseModel, options);
    }

    @Override
    public String toString() {
        return "Task[index=" + index + (name == null ? "" : ", name=" + name) + ", params=" + params() + ", seed=" + seed + "]";
    }
}
