package org.qise.noise;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qise.circuit.Matrix;

/**
 * Noise models as JSON, schema {@value #SCHEMA} (documented in docs/noise.md). Reading checks
 * every key and value and reports the first problem with its JSON path, e.g.
 * {@code $.gate_noise[1].channel.p: must be a probability in [0, 1], got 1.5}. Writing gives the
 * model's canonical text: fixed key order, no spaces, numbers as Java writes doubles, so that
 * its SHA-256 identifies the model in manifests. Gson reads the JSON ({@link JsonTree}); the
 * canonical text is written by {@link CanonicalJson}.
 */
public final class NoiseModelJson {
    private NoiseModelJson() {}

    public static final String SCHEMA = "qise-noise-model/1";

    /** Parameter names of the named channels, in constructor order; the JSON "type" is the channel name. */
    static final Map<String, List<String>> PARAMS = new LinkedHashMap<>();

    static {
        PARAMS.put("bit_flip", List.of("p"));
        PARAMS.put("phase_flip", List.of("p"));
        PARAMS.put("bit_phase_flip", List.of("p"));
        PARAMS.put("pauli", List.of("px", "py", "pz"));
        PARAMS.put("depolarizing", List.of("p"));
        PARAMS.put("depolarizing2", List.of("p"));
        PARAMS.put("amplitude_damping", List.of("gamma"));
        PARAMS.put("generalized_amplitude_damping", List.of("p", "gamma"));
        PARAMS.put("phase_damping", List.of("lambda"));
        PARAMS.put("thermal_relaxation", List.of("t1", "t2", "time", "excited_population"));
        PARAMS.put("reset", List.of("p0", "p1"));
    }

    // ---------------------------------------------------------------- reading

    /** Reads a model; errors are {@link NoiseException}s whose message starts with the JSON path. */
    public static NoiseModel read(String json) {
        Object root = JsonTree.parse(json);
        if (!(root instanceof Map)) throw new NoiseException("$: a noise model is a JSON object");
        At at = new At("$", root);
        at.keys("schema", "name", "gate_noise", "readout", "idle", "calibration");
        String schema = at.field("schema").text();
        if (!schema.equals(SCHEMA)) throw at.field("schema").error("unknown schema '" + schema + "'; this version reads '" + SCHEMA + "'");
        String name = at.has("name") ? at.field("name").text() : "";
        if (at.has("calibration")) {
            for (String k : List.of("gate_noise", "readout", "idle")) {
                if (at.has(k)) throw at.field(k).error("a model with \"calibration\" derives its rules from it; remove \"" + k + "\"");
            }
            return calibration(at.field("calibration"), name).toModel();
        }
        NoiseModel.Builder b = NoiseModel.builder().name(name);
        if (at.has("gate_noise")) {
            List<At> rules = at.field("gate_noise").elements();
            for (At r : rules) {
                r.keys("gates", "qubits", "channel");
                List<String> gates = new ArrayList<>();
                if (r.has("gates")) for (At g : r.field("gates").elements()) gates.add(g.text());
                List<int[]> qubits = new ArrayList<>();
                if (r.has("qubits")) {
                    for (At q : r.field("qubits").elements()) qubits.add(q.node instanceof List ? q.qubitList() : new int[]{q.qubit()});
                }
                Channel ch = channel(r.field("channel"));
                r.wrap(() -> b.add(new NoiseModel.GateRule(gates, qubits, ch)));
            }
        }
        if (at.has("readout")) {
            for (At r : at.field("readout").elements()) {
                r.keys("qubits", "confusion", "p1_given_0", "p0_given_1");
                int[] qubits = r.has("qubits") ? r.field("qubits").qubitList() : new int[0];
                ReadoutError e;
                if (r.has("confusion")) {
                    if (r.has("p1_given_0") || r.has("p0_given_1")) throw r.error("give either \"confusion\" or p1_given_0/p0_given_1, not both");
                    List<At> rows = r.field("confusion").elements();
                    double[][] m = new double[rows.size()][];
                    for (int i = 0; i < m.length; i++) {
                        List<At> cells = rows.get(i).elements();
                        m[i] = new double[cells.size()];
                        for (int j = 0; j < cells.size(); j++) m[i][j] = cells.get(j).number();
                    }
                    e = r.field("confusion").wrap(() -> new ReadoutError(m));
                } else {
                    double a = r.field("p1_given_0").number(), c = r.field("p0_given_1").number();
                    e = r.wrap(() -> ReadoutError.of(a, c));
                }
                ReadoutError error = e;
                r.wrap(() -> b.readout(error, qubits));
            }
        }
        if (at.has("idle")) {
            Channel idle = channel(at.field("idle"));
            at.field("idle").wrap(() -> b.idle(idle));
        }
        return b.build();
    }

    static Channel channel(At at) {
        String type = at.field("type").text();
        if (type.equals("kraus")) {
            at.keys("type", "name", "operators");
            String name = at.has("name") ? at.field("name").text() : "kraus";
            List<Matrix> ops = new ArrayList<>();
            for (At op : at.field("operators").elements()) ops.add(op.matrix());
            return at.wrap(() -> Channel.kraus(name, ops));
        }
        List<String> params = PARAMS.get(type);
        if (params == null) {
            throw at.field("type").error("unknown channel type '" + type + "'; known: kraus, " + String.join(", ", PARAMS.keySet()));
        }
        List<String> allowed = new ArrayList<>(params);
        allowed.add("type");
        at.keys(allowed.toArray(String[]::new));
        double[] v = new double[params.size()];
        for (int i = 0; i < v.length; i++) {
            String p = params.get(i);
            v[i] = p.equals("excited_population") && !at.has(p) ? 0 : at.field(p).number();
        }
        return at.wrap(() -> create(type, v));
    }

    static Channel create(String type, double[] v) {
        return switch (type) {
            case "bit_flip" -> Channels.bitFlip(v[0]);
            case "phase_flip" -> Channels.phaseFlip(v[0]);
            case "bit_phase_flip" -> Channels.bitPhaseFlip(v[0]);
            case "pauli" -> Channels.pauli(v[0], v[1], v[2]);
            case "depolarizing" -> Channels.depolarizing(v[0]);
            case "depolarizing2" -> Channels.depolarizing2(v[0]);
            case "amplitude_damping" -> Channels.amplitudeDamping(v[0]);
            case "generalized_amplitude_damping" -> Channels.generalizedAmplitudeDamping(v[0], v[1]);
            case "phase_damping" -> Channels.phaseDamping(v[0]);
            case "thermal_relaxation" -> Channels.thermalRelaxation(v[0], v[1], v[2], v[3]);
            case "reset" -> Channels.resetError(v[0], v[1]);
            default -> throw new NoiseException("unknown channel type '" + type + "'");
        };
    }

    static DeviceCalibration calibration(At at, String name) {
        at.keys("qubits", "pairs", "gates_1q", "gates_2q");
        List<DeviceCalibration.Qubit> qubits = new ArrayList<>();
        for (At q : at.field("qubits").elements()) {
            q.keys("t1", "t2", "excited_population", "gate_error", "gate_time", "readout_error", "p1_given_0", "p0_given_1");
            double p10, p01;
            if (q.has("readout_error")) {
                if (q.has("p1_given_0") || q.has("p0_given_1")) throw q.error("give either readout_error or p1_given_0/p0_given_1, not both");
                p10 = p01 = q.field("readout_error").number();
            } else {
                p10 = q.has("p1_given_0") ? q.field("p1_given_0").number() : 0;
                p01 = q.has("p0_given_1") ? q.field("p0_given_1").number() : 0;
            }
            double t1 = q.field("t1").number(), t2 = q.field("t2").number();
            double pe = q.has("excited_population") ? q.field("excited_population").number() : 0;
            double err = q.has("gate_error") ? q.field("gate_error").number() : 0;
            double time = q.has("gate_time") ? q.field("gate_time").number() : 0;
            var entry = new DeviceCalibration.Qubit(t1, t2, pe, err, time, p10, p01);
            // Check the figures here, where the path is known.
            q.wrap(() -> Channels.thermalRelaxation(t1, t2, time, pe));
            q.wrap(() -> ReadoutError.of(p10, p01));
            q.wrap(() -> {
                Channels.probability("calibration", "gate_error", err);
                return null;
            });
            qubits.add(entry);
        }
        List<DeviceCalibration.Pair> pairs = new ArrayList<>();
        if (at.has("pairs")) {
            for (At p : at.field("pairs").elements()) {
                p.keys("qubits", "gate_error", "gate_time");
                int[] qs = p.field("qubits").qubitList();
                if (qs.length != 2 || qs[0] == qs[1]) throw p.field("qubits").error("a pair is two different qubits");
                for (int q : qs) if (q >= qubits.size()) throw p.field("qubits").error("qubit " + q + " has no entry in calibration.qubits");
                pairs.add(new DeviceCalibration.Pair(qs[0], qs[1], p.field("gate_error").number(), p.field("gate_time").number()));
            }
        }
        List<String> g1 = new ArrayList<>(), g2 = new ArrayList<>();
        if (at.has("gates_1q")) for (At g : at.field("gates_1q").elements()) g1.add(g.text());
        if (at.has("gates_2q")) for (At g : at.field("gates_2q").elements()) g2.add(g.text());
        DeviceCalibration c = new DeviceCalibration(name, qubits, pairs, g1, g2);
        at.wrap(c::toModel); // checks gate names and errors, with the path of the calibration
        return c;
    }

    /** A JSON value (see {@link JsonTree}) and its path, with checked accessors. */
    static final class At {
        final String path;
        final Object node;

        At(String path, Object node) {
            this.path = path;
            this.node = node;
        }

        NoiseException error(String message) {
            return new NoiseException(path + ": " + message);
        }

        <T> T wrap(java.util.function.Supplier<T> action) {
            try {
                return action.get();
            } catch (NoiseException e) {
                throw error(e.getMessage());
            }
        }

        void wrap(Runnable action) {
            wrap(() -> {
                action.run();
                return null;
            });
        }

        boolean has(String key) { return node instanceof Map<?, ?> m && m.containsKey(key); }

        At field(String key) {
            if (!(node instanceof Map<?, ?> m)) throw error("expected an object");
            Object v = m.get(key);
            if (v == null) throw error("missing \"" + key + "\"");
            return new At(path + "." + key, v);
        }

        void keys(String... allowed) {
            if (!(node instanceof Map<?, ?> m)) throw error("expected an object");
            Set<String> ok = Set.of(allowed);
            for (Object k : m.keySet()) {
                if (!ok.contains(k)) throw new NoiseException(path + "." + k + ": unknown key (allowed here: " + String.join(", ", allowed) + ")");
            }
        }

        List<At> elements() {
            if (!(node instanceof List<?> l)) throw error("expected an array");
            List<At> out = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) out.add(new At(path + "[" + i + "]", l.get(i)));
            return out;
        }

        String text() {
            if (!(node instanceof String t)) throw error("expected a string");
            return t;
        }

        double number() {
            if (!(node instanceof Number n)) throw error("expected a number, got " + CanonicalJson.write(node));
            double v = n.doubleValue();
            if (!Double.isFinite(v)) throw error("expected a finite number");
            return v;
        }

        int qubit() {
            if (!(node instanceof Long q) || q < 0 || q > 63) throw error("expected a qubit number 0..63, got " + CanonicalJson.write(node));
            return q.intValue();
        }

        int[] qubitList() {
            List<At> items = elements();
            int[] out = new int[items.size()];
            for (int i = 0; i < out.length; i++) out[i] = items.get(i).qubit();
            return out;
        }

        /** A matrix as rows of entries, each a number or [re, im]. */
        Matrix matrix() {
            List<At> rows = elements();
            int d = rows.size();
            if (d == 0 || Integer.bitCount(d) != 1) throw error("an operator has 2^k rows, got " + d);
            double[] re = new double[d * d], im = new double[d * d];
            for (int r = 0; r < d; r++) {
                List<At> cells = rows.get(r).elements();
                if (cells.size() != d) throw rows.get(r).error("expected " + d + " entries, got " + cells.size());
                for (int c = 0; c < d; c++) {
                    At cell = cells.get(c);
                    if (cell.node instanceof List) {
                        List<At> parts = cell.elements();
                        if (parts.size() != 2) throw cell.error("a complex entry is [re, im]");
                        re[r * d + c] = parts.get(0).number();
                        im[r * d + c] = parts.get(1).number();
                    } else {
                        re[r * d + c] = cell.number();
                    }
                }
            }
            return Matrix.of(d, re, im);
        }
    }

    // ---------------------------------------------------------------- writing

    /** The model's canonical JSON text (one line, then a newline). */
    public static String canonicalText(NoiseModel model) {
        return CanonicalJson.write(toJson(model)) + "\n";
    }

    /**
     * The model as JSON values ({@link JsonTree}'s kinds: ordered maps, lists, strings, Integers for qubits
     * and Doubles for figures) that {@link #read} reads back to an equivalent model.
     */
    static Map<String, Object> toJson(NoiseModel model) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", SCHEMA);
        if (!model.name().isEmpty()) root.put("name", model.name());
        if (model.calibration() != null) {
            root.put("calibration", calibrationJson(model.calibration()));
            return root;
        }
        if (!model.gateRules().isEmpty()) {
            List<Object> rules = new ArrayList<>();
            for (NoiseModel.GateRule r : model.gateRules()) {
                Map<String, Object> o = new LinkedHashMap<>();
                if (!r.gates().isEmpty()) o.put("gates", List.copyOf(r.gates()));
                if (!r.qubits().isEmpty()) {
                    List<Object> qs = new ArrayList<>();
                    for (int[] t : r.qubits()) qs.add(ints(t));
                    o.put("qubits", qs);
                }
                o.put("channel", channelJson(r.channel()));
                rules.add(o);
            }
            root.put("gate_noise", rules);
        }
        if (!model.readoutRules().isEmpty()) {
            List<Object> rules = new ArrayList<>();
            for (NoiseModel.ReadoutRule r : model.readoutRules()) {
                Map<String, Object> o = new LinkedHashMap<>();
                if (r.qubits().length > 0) o.put("qubits", ints(r.qubits()));
                List<Object> m = new ArrayList<>();
                for (double[] row : r.error().matrix()) m.add(doubles(row));
                o.put("confusion", m);
                rules.add(o);
            }
            root.put("readout", rules);
        }
        if (model.idle() != null) root.put("idle", channelJson(model.idle()));
        return root;
    }

    private static List<Object> ints(int[] values) {
        List<Object> out = new ArrayList<>(values.length);
        for (int v : values) out.add(v);
        return out;
    }

    private static List<Object> doubles(double... values) {
        List<Object> out = new ArrayList<>(values.length);
        for (double v : values) out.add(v);
        return out;
    }

    static Map<String, Object> channelJson(Channel ch) {
        Map<String, Object> o = new LinkedHashMap<>();
        List<String> params = PARAMS.get(ch.name());
        double[] v = ch.params();
        if (params != null && v.length == params.size() && create(ch.name(), v).equals(ch)) {
            o.put("type", ch.name());
            for (int i = 0; i < v.length; i++) o.put(params.get(i), v[i]);
            return o;
        }
        o.put("type", "kraus");
        o.put("name", ch.name());
        List<Object> ops = new ArrayList<>();
        for (Matrix k : ch.kraus()) {
            List<Object> rows = new ArrayList<>();
            for (int r = 0; r < k.dim(); r++) {
                List<Object> row = new ArrayList<>();
                for (int c = 0; c < k.dim(); c++) row.add(doubles(k.re(r, c), k.im(r, c)));
                rows.add(row);
            }
            ops.add(rows);
        }
        o.put("operators", ops);
        return o;
    }

    static Map<String, Object> calibrationJson(DeviceCalibration c) {
        Map<String, Object> o = new LinkedHashMap<>();
        List<Object> qs = new ArrayList<>();
        for (DeviceCalibration.Qubit q : c.qubits()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("t1", q.t1());
            e.put("t2", q.t2());
            e.put("excited_population", q.excitedPopulation());
            e.put("gate_error", q.gateError());
            e.put("gate_time", q.gateTime());
            e.put("p1_given_0", q.p1Given0());
            e.put("p0_given_1", q.p0Given1());
            qs.add(e);
        }
        o.put("qubits", qs);
        List<Object> ps = new ArrayList<>();
        for (DeviceCalibration.Pair p : c.pairs()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("qubits", ints(new int[]{p.a(), p.b()}));
            e.put("gate_error", p.gateError());
            e.put("gate_time", p.gateTime());
            ps.add(e);
        }
        o.put("pairs", ps);
        if (!c.gates1q().isEmpty()) o.put("gates_1q", List.copyOf(c.gates1q()));
        if (!c.gates2q().isEmpty()) o.put("gates_2q", List.copyOf(c.gates2q()));
        return o;
    }
}
