package org.qise.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The result document: the JSON that {@code qise run --json} prints, that {@code qise push}
 * sends and the portal reads back, and that the portal offers as a run's result.json. One
 * writer ({@link #write}), one reader ({@link #read}) and one bitstring formatter
 * ({@link Bitstrings}), so that the CLI and the portal cannot drift apart.
 *
 * <p>The document is an ordered JSON object; its writer keeps the order the fields were put in,
 * and sorts counts by bitstring. Every result document has {@code counts}, {@code shots},
 * {@code seed} and {@code manifest}; the reader checks those and their agreement (the manifest
 * repeats the seed, shots and engine; a stated result hash is the hash of the counts), and names
 * the first problem by its JSON path ({@code $.counts['10 x']}). The same reader takes each form
 * a result travels in: {@code qise run --json}'s output (what {@code qise push} sends), the
 * portal's result.json and its API answer ({@code resultSha256}, with the manifest holding the
 * circuit). A document to push must also carry its circuit ({@link #requireCircuit}).
 */
public final class ResultDocument {
    /** One mapper: Jackson is loaded only when a document is written or read. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
        // "key": value, two-space indent, one field a line: what qise run --json has always printed
        static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter().withSeparators(
                Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));
    }

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final JsonNode root;
    private final Map<String, Long> counts;

    private ResultDocument(JsonNode root, Map<String, Long> counts) {
        this.root = root;
        this.counts = counts;
    }

    // ---- writing -------------------------------------------------------------------------

    /**
     * The document's text: the fields in the order given (values are maps, lists, arrays,
     * strings and numbers), pretty-printed, ending in a newline. Counts are written sorted by
     * bitstring whatever map they come in.
     */
    public static String write(Map<String, ?> fields) {
        Map<String, Object> ordered = new LinkedHashMap<>(fields);
        if (ordered.get("counts") instanceof Map<?, ?> c) ordered.put("counts", new TreeMap<>(c));
        try {
            return Json.WRITER.writeValueAsString(ordered) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the result document", e);
        }
    }

    /** A distribution over n bits keyed by bitstring (bit n-1 leftmost), in index order, for {@code marginals}. */
    public static <T> Map<String, T> byBitstring(int n, java.util.function.IntFunction<T> valueOfIndex) {
        Map<String, T> out = new LinkedHashMap<>();
        for (int j = 0; j < 1 << n; j++) out.put(Bitstrings.ofIndex(j, n), valueOfIndex.apply(j));
        return out;
    }

    /** A state vector of interleaved (re, im) doubles as the document's [[re, im], …] pairs. */
    public static double[][] amplitudePairs(double[] interleaved) {
        double[][] pairs = new double[interleaved.length / 2][];
        for (int i = 0; i < pairs.length; i++) pairs[i] = new double[]{interleaved[2 * i], interleaved[2 * i + 1]};
        return pairs;
    }

    /** The canonical text of a result from its shots and counts alone; see {@link Result#canonicalText(long, Map)}. */
    public static String canonicalText(long shots, Map<String, Long> counts) {
        return Result.canonicalText(shots, counts);
    }

    // ---- reading -------------------------------------------------------------------------

    /** Reads and checks a run document's text. */
    public static ResultDocument read(String text) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new Invalid("$", "is not JSON" + where + " (" + e.getOriginalMessage() + ")");
        }
        return read(node);
    }

    /** Checks a result document already parsed (the portal receives it parsed). */
    public static ResultDocument read(JsonNode body) {
        if (body == null || !body.isObject()) throw new Invalid("$", "must be a JSON object, the output of qise run --json");
        String qasm = text(body, "$", "circuit_qasm", false);
        if (qasm != null && qasm.isBlank()) throw new Invalid("$.circuit_qasm", "is empty; it must be the circuit's OpenQASM text");
        long shots = whole(body, "$", "shots", true);
        if (shots < 0) throw new Invalid("$.shots", "must not be negative, got " + shots);
        long seed = whole(body, "$", "seed", true);
        // The API answers a page of counts at a time; a page is not the result, and would not hash to it.
        for (String next : new String[]{"countsNextCursor", "counts_next_cursor"}) {
            if (body.hasNonNull(next)) throw new Invalid("$.counts", "is one page of the counts ($." + next + " is set); read the run's result.json");
        }
        Map<String, Long> counts = counts(body.get("counts"), shots);

        JsonNode m = body.get("manifest");
        if (m == null || m.isNull()) throw new Invalid("$.manifest", "is required: the manifest qise run --json writes");
        if (!m.isObject()) throw new Invalid("$.manifest", "must be an object, got " + kind(m));
        String version = text(m, "$.manifest", "simulator_version", true);
        if (version.isBlank()) throw new Invalid("$.manifest.simulator_version", "is empty");
        String sha = text(m, "$.manifest", "circuit_sha256", true);
        if (!SHA256.matcher(sha).matches()) throw new Invalid("$.manifest.circuit_sha256", "must be 64 lower-case hexadecimal digits");
        agree(m, "seed", seed);
        agree(m, "shots", shots);
        String topEngine = text(body, "$", "engine", false);
        String manifestEngine = text(m, "$.manifest", "engine", true);
        if (topEngine != null && !topEngine.equals(manifestEngine)) {
            throw new Invalid("$.manifest.engine", "is \"" + shorten(manifestEngine) + "\" but $.engine is \"" + shorten(topEngine) + "\"");
        }
        if (m.has("threads")) {
            long threads = whole(m, "$.manifest", "threads", true);
            if (threads < 1) throw new Invalid("$.manifest.threads", "must be at least 1, got " + threads);
        }
        for (String f : new String[]{"simulator", "java_version", "os", "arch"}) text(m, "$.manifest", f, false);
        JsonNode options = m.get("options");
        if (options != null && !options.isNull() && !options.isObject()) {
            throw new Invalid("$.manifest.options", "must be an object, got " + kind(options));
        }
        // The portal keeps the circuit in the manifest; the command writes it beside it.
        String storedQasm = text(m, "$.manifest", "circuit_qasm", false);
        if (qasm != null && storedQasm != null && !qasm.equals(storedQasm)) {
            throw new Invalid("$.manifest.circuit_qasm", "is not the text of $.circuit_qasm");
        }
        if (qasm == null && storedQasm != null && storedQasm.isBlank()) throw new Invalid("$.manifest.circuit_qasm", "is empty");
        ResultDocument doc = new ResultDocument(body, Collections.unmodifiableMap(counts));
        // A stated hash (the portal's result_sha256, the API's resultSha256) is over the canonical text, not these bytes,
        // so a document stored in any layout still verifies.
        String hash = doc.resultSha256();
        for (String[] where : new String[][]{{"$", "result_sha256"}, {"$", "resultSha256"}, {"$.manifest", "result_sha256"}}) {
            String stated = text(where[0].equals("$") ? body : m, where[0], where[1], false);
            if (stated != null && !stated.equals(hash)) {
                throw new Invalid(where[0] + "." + where[1], "is " + shorten(stated) + " but the counts hash to " + hash);
            }
        }
        probabilities(body.get("probabilities"));
        statevector(body.get("statevector"));
        return doc;
    }

    /**
     * This document, if it carries its circuit's OpenQASM text (at {@code $.circuit_qasm}, as
     * {@code qise run --json} writes it); what {@code qise push} sends and the portal re-runs.
     */
    public ResultDocument requireCircuit() {
        if (circuitQasm() == null) throw new Invalid("$.circuit_qasm", "is required");
        return this;
    }

    public long shots() { return root.get("shots").asLong(); }

    public long seed() { return root.get("seed").asLong(); }

    /** The engine the manifest names. */
    public String engine() { return root.get("manifest").get("engine").asText(); }

    /** Counts by bitstring, sorted by bitstring. */
    public Map<String, Long> counts() { return counts; }

    /** The circuit's OpenQASM text, from {@code $.circuit_qasm} or the portal's {@code $.manifest.circuit_qasm}; null when neither. */
    public String circuitQasm() {
        JsonNode v = root.hasNonNull("circuit_qasm") ? root.get("circuit_qasm") : manifest().get("circuit_qasm");
        return v == null || v.isNull() ? null : v.asText();
    }

    /** SHA-256 of the circuit's canonical text, as the manifest states it. */
    public String circuitSha256() { return manifest().get("circuit_sha256").asText(); }

    /** Outcome probabilities by basis-state index ({@code $.probabilities}), or null when the document has none. */
    public double[] probabilities() { return probabilities(root.get("probabilities")); }

    /** The state vector as [re, im] pairs by basis-state index ({@code $.statevector}), or null when the document has none. */
    public double[][] statevector() { return statevector(root.get("statevector")); }

    /** The manifest as sent, an ordered JSON object. */
    public JsonNode manifest() { return root.get("manifest"); }

    /** The whole document, for fields a reader of its own needs (noise_model, file, …). */
    public JsonNode fields() { return root; }

    /** SHA-256 of {@link #canonicalText(long, Map)} of this document's shots and counts. */
    public String resultSha256() { return Manifest.sha256(canonicalText(shots(), counts)); }

    private static Map<String, Long> counts(JsonNode c, long shots) {
        if (c == null || c.isNull()) throw new Invalid("$.counts", "is required: an object of bitstring → count");
        if (!c.isObject()) throw new Invalid("$.counts", "must be an object of bitstring → count, got " + kind(c));
        if (c.isEmpty() && shots > 0) throw new Invalid("$.counts", "is empty");
        Map<String, Long> out = new TreeMap<>();
        for (var it = c.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            String path = "$.counts['" + shorten(e.getKey()) + "']";
            if (!Bitstrings.isCountKey(e.getKey())) throw new Invalid(path, "is not a bitstring of 0 and 1 (registers separated by one space)");
            JsonNode v = e.getValue();
            if (!v.isIntegralNumber() || !v.canConvertToLong()) throw new Invalid(path, "must be a whole number, got " + kind(v));
            if (v.asLong() < 0) throw new Invalid(path, "must not be negative, got " + v.asLong());
            out.put(e.getKey(), v.asLong());
        }
        return out;
    }

    private static double[] probabilities(JsonNode p) {
        if (p == null || p.isNull()) return null;
        if (!p.isArray()) throw new Invalid("$.probabilities", "must be an array of numbers by basis state, got " + kind(p));
        double[] out = new double[p.size()];
        for (int i = 0; i < out.length; i++) out[i] = number(p.get(i), "$.probabilities[" + i + "]");
        return out;
    }

    private static double[][] statevector(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (!v.isArray()) throw new Invalid("$.statevector", "must be an array of [re, im] pairs, got " + kind(v));
        double[][] out = new double[v.size()][];
        for (int i = 0; i < out.length; i++) {
            JsonNode pair = v.get(i);
            String path = "$.statevector[" + i + "]";
            if (!pair.isArray() || pair.size() != 2) throw new Invalid(path, "must be an [re, im] pair, got " + kind(pair));
            out[i] = new double[]{number(pair.get(0), path + "[0]"), number(pair.get(1), path + "[1]")};
        }
        return out;
    }

    private static double number(JsonNode v, String path) {
        if (!v.isNumber()) throw new Invalid(path, "must be a number, got " + kind(v));
        return v.asDouble();
    }

    /** A manifest number that must repeat the top-level one. */
    private static void agree(JsonNode m, String field, long topLevel) {
        long v = whole(m, "$.manifest", field, true);
        if (v != topLevel) throw new Invalid("$.manifest." + field, "is " + v + " but $." + field + " is " + topLevel);
    }

    private static String text(JsonNode node, String parent, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) throw new Invalid(parent + "." + field, "is required");
            return null;
        }
        if (!v.isTextual()) throw new Invalid(parent + "." + field, "must be a string, got " + kind(v));
        return v.asText();
    }

    private static long whole(JsonNode node, String parent, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) throw new Invalid(parent + "." + field, "is required");
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw new Invalid(parent + "." + field, "must be a whole number, got " + kind(v));
        return v.asLong();
    }

    /** What a JSON value is, in words, for messages. */
    public static String kind(JsonNode v) {
        if (v.isTextual()) return "a string";
        if (v.isIntegralNumber()) return "a whole number";
        if (v.isNumber()) return "a number with a fraction";
        if (v.isBoolean()) return "true/false";
        if (v.isArray()) return "an array";
        if (v.isObject()) return "an object";
        return "null";
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /** A document that is not a well-formed run document; the message starts with the JSON path of the problem. */
    public static final class Invalid extends IllegalArgumentException {
        private final String path;
        private final String problem;

        Invalid(String path, String problem) {
            super(path + " " + problem);
            this.path = path;
            this.problem = problem;
        }

        /** Where, as a JSON path: {@code $.manifest.seed}. */
        public String path() { return path; }

        /** What is wrong there. */
        public String problem() { return problem; }
    }
}
