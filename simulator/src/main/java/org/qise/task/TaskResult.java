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

    /**
     * Java serialization (how Spark hands results back) goes through a compact form: a 1,000-point
     * sweep with 1,000 shots carries about a million count entries, and as a map of strings they
     * cost more to serialize than the simulation itself.
     */
    @java.io.Serial
    private Object writeReplace() {
        return Compact.of(this);
    }

    /** Counts as parallel arrays, with bitstrings of one width up to 63 bits packed into longs. */
    private record Compact(long index, String name, List<String> paramNames, double[] paramValues, List<String> expectationNames,
                           double[] expectations, int width, long[] packedKeys, String[] keys, long[] values, double[] probabilities,
                           String stateSha256, Map<String, Object> manifest) implements Serializable {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        static Compact of(TaskResult r) {
            int n = r.counts.size();
            long[] values = new long[n];
            long[] packed = new long[n];
            int width = -1, k = 0;
            // one pass that packs as it goes: checking the keys first and parsing them after cost
            // a third of a Spark partition's time on a 1,000-shot sweep of 12 qubits
            for (Map.Entry<String, Long> e : r.counts.entrySet()) {
                String key = e.getKey();
                values[k] = e.getValue();
                if (width < 0) width = key.length();
                long bits = key.length() == width ? bits(key) : -1;
                if (bits < 0) return withStringKeys(r, values);
                packed[k++] = bits;
            }
            return new Compact(r.index, r.name, r.paramNames, r.paramValues, r.expectationNames, r.expectations, Math.max(width, 0),
                    n == 0 ? null : packed, null, values, r.probabilities, r.stateSha256, r.manifest);
        }

        /** The key read as a binary number, or −1 for a key that is not 1 to 63 characters of 0s and 1s. */
        private static long bits(String key) {
            int width = key.length();
            if (width == 0 || width > 63) return -1;
            long v = 0;
            for (int i = 0; i < width; i++) {
                char c = key.charAt(i);
                if (c == '1') v = v << 1 | 1;
                else if (c == '0') v <<= 1;
                else return -1;
            }
            return v;
        }

        private static Compact withStringKeys(TaskResult r, long[] values) {
            String[] keys = new String[values.length];
            int k = 0;
            for (Map.Entry<String, Long> e : r.counts.entrySet()) {
                keys[k] = e.getKey();
                values[k++] = e.getValue();
            }
            return new Compact(r.index, r.name, r.paramNames, r.paramValues, r.expectationNames, r.expectations, 0, null, keys,
                    values, r.probabilities, r.stateSha256, r.manifest);
        }

        @java.io.Serial
        private Object readResolve() {
            if (values.length == 0) {
                return new TaskResult(index, name, paramNames, paramValues, expectationNames, expectations, Map.of(), probabilities,
                        stateSha256, manifest);
            }
            // In the order the entries were written (the sender's map order), so the JSON line is the same.
            Map<String, Long> counts = java.util.LinkedHashMap.newLinkedHashMap(values.length);
            for (int k = 0; k < values.length; k++) {
                counts.put(width > 0 ? org.qise.sim.Bitstrings.ofIndex(packedKeys[k], width) : keys[k], values[k]);
            }
            return new TaskResult(index, name, paramNames, paramValues, expectationNames, expectations, counts, probabilities,
                    stateSha256, manifest);
        }
    }
}
