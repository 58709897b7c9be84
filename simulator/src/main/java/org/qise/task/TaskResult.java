package org.qise.task;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What one task gave. {@code counts} is empty without shots; {@code probabilities} and
 * {@code stateSha256} are null unless asked for (and, for the hash, unless there is a final
 * state). {@code manifest} says how to reproduce the result and holds nothing that depends on
 * the machine (no thread count, host or Java version), so equal tasks give equal bytes.
 */
public record TaskResult(long index, String name, List<String> paramNames, double[] paramValues,
                         List<String> expectationNames, double[] expectations, Map<String, Long> counts,
                         double[] probabilities, String stateSha256, Map<String, Object> manifest) implements Serializable {

    /** The result as one JSON object on one line (see docs/batch.md); numbers are Java's shortest round-tripping decimals. */
    public String jsonLine() {
        StringBuilder s = new StringBuilder("{\"index\":").append(index);
        if (name != null) s.append(",\"file\":").append(TaskJson.string(name));
        if (!paramNames.isEmpty()) {
            s.append(",\"params\":{");
            for (int k = 0; k < paramNames.size(); k++) s.append(k == 0 ? "" : ",").append(TaskJson.string(paramNames.get(k))).append(':').append(paramValues[k]);
            s.append('}');
        }
        if (!expectationNames.isEmpty()) {
            s.append(",\"expect\":{");
            for (int k = 0; k < expectationNames.size(); k++) s.append(k == 0 ? "" : ",").append(TaskJson.string(expectationNames.get(k))).append(':').append(expectations[k]);
            s.append('}');
        }
        if (!counts.isEmpty()) {
            s.append(",\"counts\":");
            TaskJson.append(s, counts);
        }
        if (probabilities != null) {
            s.append(",\"probabilities\":[");
            for (int i = 0; i < probabilities.length; i++) s.append(i == 0 ? "" : ",").append(probabilities[i]);
            s.append(']');
        }
        if (stateSha256 != null) s.append(",\"state_sha256\":\"").append(stateSha256).append('"');
        s.append(",\"manifest\":");
        TaskJson.append(s, manifest);
        return s.append('}').toString();
    }
}
