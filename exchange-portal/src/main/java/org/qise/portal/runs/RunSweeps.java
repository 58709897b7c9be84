package org.qise.portal.runs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qise.circuit.Circuit;
import org.qise.portal.PortalException;
import org.qise.portal.db.Jdbc;
import org.qise.sim.PauliSum;
import org.qise.sweep.Sweep;
import org.qise.sweep.SweepAxis;
import org.qise.sweep.SweepFormat;
import org.qise.sweep.SweepPlot;
import org.qise.sweep.SweepPoints;

/**
 * Sweeps: a run of a parametric circuit over a grid or a list of parameter points, through the
 * same queue, workers, caps and reproduction as any run. The points are simulated by the
 * simulator's own {@link Sweep} (point p samples with the stream of (seed, p)), and each point's
 * rows are stored as {@code qise sweep} writes them, so a download is byte-identical to the CLI
 * with the same seed, and a rerun with the same seed has the same result hash.
 */
final class RunSweeps {
    /** The most points one sweep may have: each is a full simulation, and each is a stored row. */
    static final int MAX_POINTS = 1000;

    private final Jdbc jdbc;

    RunSweeps(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The points of a sweep: the grid's axes (kept so the plot can draw a heat map), or explicit rows. */
    record Spec(List<String> names, List<SweepAxis> axes, double[][] rows) {
        SweepPoints points() {
            return axes != null ? SweepPoints.grid(axes) : SweepPoints.table(names, rows);
        }

        String json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("names", names);
            if (axes != null) {
                List<Map<String, Object>> a = new ArrayList<>();
                for (SweepAxis x : axes) a.add(Map.of("name", x.name(), "values", x.values()));
                m.put("grid", a);
            } else {
                m.put("points", rows);
            }
            return RunJson.write(m);
        }

        static Spec fromJson(String json) {
            JsonNode n = RunJson.readTree(json);
            List<String> names = new ArrayList<>();
            n.get("names").forEach(x -> names.add(x.asText()));
            if (n.has("grid")) {
                List<SweepAxis> axes = new ArrayList<>();
                for (JsonNode a : n.get("grid")) axes.add(new SweepAxis(a.get("name").asText(), doubles(a.get("values"))));
                return new Spec(names, axes, null);
            }
            List<double[]> rows = new ArrayList<>();
            for (JsonNode r : n.get("points")) rows.add(doubles(r));
            return new Spec(names, null, rows.toArray(double[][]::new));
        }

        private static double[] doubles(JsonNode a) {
            double[] v = new double[a.size()];
            for (int i = 0; i < v.length; i++) v[i] = a.get(i).asDouble();
            return v;
        }
    }

    // ---- reading a request ----

    /**
     * The points a request names: {@code "grid": {"theta": "0:2*pi:8", "phi": [0, 0.5]}} (ranges
     * as {@code qise sweep --param}; the last parameter varies fastest) or {@code "points":
     * [{"theta": 0.1, "phi": 0}, …]}. Every parameter of the circuit must be covered and no other;
     * errors are 422 naming the JSON path.
     */
    static Spec read(JsonNode body, Circuit circuit) {
        JsonNode grid = body.get("grid"), points = body.get("points");
        boolean hasGrid = grid != null && !grid.isNull(), hasPoints = points != null && !points.isNull();
        if (hasGrid == hasPoints) throw RunService.unprocessable("grid: give either \"grid\" or \"points\" (not both, not neither)");
        List<String> params = circuit.parameters();
        if (params.isEmpty()) throw RunService.unprocessable("grid: the circuit has no parameters to sweep (declare them with // @parameters)");
        Spec spec;
        if (hasGrid) {
            if (!grid.isObject()) throw RunService.unprocessable("grid: must be an object of parameter name to range or list");
            List<SweepAxis> axes = new ArrayList<>();
            long total = 1;
            for (Iterator<Map.Entry<String, JsonNode>> it = grid.properties().iterator(); it.hasNext(); ) {
                var e = it.next();
                String path = "grid." + e.getKey();
                known(params, e.getKey(), path);
                SweepAxis axis = axis(e.getKey(), e.getValue(), path);
                total *= axis.size();
                if (total > MAX_POINTS) throw tooMany(path, total);
                axes.add(axis);
            }
            spec = new Spec(axes.stream().map(SweepAxis::name).toList(), List.copyOf(axes), null);
        } else {
            if (!points.isArray() || points.isEmpty()) throw RunService.unprocessable("points: must be a non-empty array of objects");
            if (points.size() > MAX_POINTS) throw tooMany("points", points.size());
            List<String> names = params;
            double[][] rows = new double[points.size()][names.size()];
            for (int p = 0; p < points.size(); p++) {
                JsonNode pt = points.get(p);
                String path = "points[" + p + "]";
                if (!pt.isObject()) throw RunService.unprocessable(path + ": must be an object of parameter name to value");
                for (var f : pt.properties()) known(params, f.getKey(), path + ".");
                for (int k = 0; k < names.size(); k++) {
                    JsonNode v = pt.get(names.get(k));
                    if (v == null || v.isNull()) throw RunService.unprocessable(path + "." + names.get(k) + ": no value for parameter '" + names.get(k) + "'");
                    rows[p][k] = number(v, names.get(k), path + "." + names.get(k));
                }
            }
            spec = new Spec(names, null, rows);
        }
        for (String n : params) {
            if (!spec.names().contains(n)) throw RunService.unprocessable("grid." + n + ": the circuit's parameter '" + n + "' is not swept; give it a range or a value");
        }
        return spec;
    }

    private static void known(List<String> params, String name, String path) {
        if (!params.contains(name)) {
            throw RunService.unprocessable((path.endsWith(".") ? path + name : path) + ": the circuit has no parameter '" + name
                    + "'; its parameters are " + String.join(", ", params));
        }
    }

    private static PortalException tooMany(String path, long count) {
        return RunService.unprocessable(path + ": the sweep would have " + count + " points; at most " + MAX_POINTS + " are allowed");
    }

    private static SweepAxis axis(String name, JsonNode v, String path) {
        try {
            if (v.isTextual()) return SweepAxis.parse(name + "=" + v.asText());
            if (v.isNumber()) return new SweepAxis(name, new double[]{number(v, name, path)});
            if (v.isArray() && !v.isEmpty()) {
                double[] values = new double[v.size()];
                for (int i = 0; i < values.length; i++) values[i] = number(v.get(i), name, path + "[" + i + "]");
                return new SweepAxis(name, values);
            }
        } catch (IllegalArgumentException e) {
            throw RunService.unprocessable(path + ": " + e.getMessage());
        }
        throw RunService.unprocessable(path + ": must be a range \"START:STOP:COUNT\", a list \"V1,V2\" or [numbers], or a number");
    }

    private static double number(JsonNode v, String name, String path) {
        if (v.isNumber() && Double.isFinite(v.asDouble())) return v.asDouble();
        if (v.isTextual()) {
            try {
                return SweepAxis.parse(name + "=" + v.asText()).value(0);
            } catch (IllegalArgumentException e) {
                throw RunService.unprocessable(path + ": " + e.getMessage());
            }
        }
        throw RunService.unprocessable(path + ": must be a finite number, got " + v);
    }

    /**
     * The circuit a queued run simulates: a sweep's circuit with its swept parameters symbolic
     * (each point binds them), any other run's circuit bound to its stored values.
     */
    static Circuit circuitOf(RunStore store, Run row) {
        return circuitOf(row, new RunSweeps(store.jdbc()).spec(row.id()));
    }

    private static Circuit circuitOf(Run row, Optional<Spec> spec) {
        if (spec.isEmpty()) return RunParameters.bound(row.circuitQasm(), row.parameters());
        return org.qise.portal.circuits.QasmCheck.parse(row.circuitQasm(), org.qise.qasm.ParseLimits.DEFAULT,
                new java.util.LinkedHashSet<>(spec.get().names()));
    }

    /**
     * A stored run made ready to execute, its sweep spec read once: the circuit (symbolic for a
     * sweep, bound otherwise) and, for the queue's sizing, how many points it simulates.
     */
    static LiveRun live(RunStore store, Run row) {
        Optional<Spec> spec = new RunSweeps(store.jdbc()).spec(row.id());
        return new LiveRun(row, circuitOf(row, spec), spec.map(sp -> sp.points().size()).orElse(1));
    }

    /** The expectation columns as the CLI names them (each Pauli sum in its normal form). */
    static List<String> expectNames(Run run) {
        return run.expect().stream().map(e -> PauliSum.parse(e).toString()).toList();
    }

    // ---- storing ----

    void insert(long runId, Spec spec, String sweepId, int points) {
        jdbc.update("INSERT INTO run_sweeps (run_id, spec, sweep_id, points) VALUES (?, ?, ?, ?)", runId, spec.json(), sweepId, points);
    }

    void delete(long runId) {
        jdbc.update("DELETE FROM run_sweep_points WHERE run_id = ?", runId);
        jdbc.update("DELETE FROM run_sweeps WHERE run_id = ?", runId);
    }

    Optional<Spec> spec(long runId) {
        return jdbc.queryOne("SELECT spec FROM run_sweeps WHERE run_id = ?", rs -> Spec.fromJson(rs.getString(1)), runId);
    }

    /** One stored point: what the page and the plot show, and the rows the downloads are made of. */
    record Point(int index, Map<String, Double> parameters, double[] expectations, String csvRow, String jsonlRow) {}

    /** Replaces the stored points of a run (an attempt taken over by another worker starts afresh). */
    void storePoints(long runId, List<Point> points) {
        jdbc.transaction(tx -> {
            tx.update("DELETE FROM run_sweep_points WHERE run_id = ?", runId);
            for (Point p : points) {
                tx.update("INSERT INTO run_sweep_points (run_id, point_index, parameters, expectations, csv_row, jsonl_row)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", runId, p.index(), RunJson.write(p.parameters()),
                        p.expectations() == null ? null : RunJson.write(p.expectations()), p.csvRow(), p.jsonlRow());
            }
            return null;
        });
    }

    List<Point> points(long runId) {
        return jdbc.query("SELECT point_index, parameters, expectations, csv_row, jsonl_row FROM run_sweep_points WHERE run_id = ?"
                + " ORDER BY point_index", rs -> new Point(rs.getInt(1), RunJson.doubles(rs.getString(2)),
                rs.getString(3) == null ? null : RunJson.MAPPER.convertValue(RunJson.readTree(rs.getString(3)), double[].class),
                rs.getString(4), rs.getString(5)), runId);
    }

    // ---- output ----

    /** The whole output as {@code qise sweep --format csv|jsonl} writes it for this run's seed. */
    static String output(SweepFormat fmt, Run run, Spec spec, String sweepId, List<Point> points) {
        StringBuilder sb = new StringBuilder(fmt.header(new SweepFormat.Header(sweepId, spec.points().size(), run.seed(), 0, 0))).append('\n');
        String columns = fmt.columns(spec.names(), expectNames(run), run.shots() > 0, false);
        if (columns != null) sb.append(columns).append('\n');
        for (Point p : points) sb.append(fmt == SweepFormat.CSV ? p.csvRow() : p.jsonlRow()).append('\n');
        return sb.toString();
    }

    /** The SVG plot {@code qise sweep --plot} draws (lines for one parameter, a heat map for two). */
    static String plot(Run run, Spec spec, List<Point> points, String title) {
        List<Sweep.PointResult> results = new ArrayList<>();
        for (Point p : points) {
            double[] values = new double[spec.names().size()];
            for (int k = 0; k < values.length; k++) values[k] = p.parameters().get(spec.names().get(k));
            results.add(new Sweep.PointResult(p.index(), values, p.expectations(), null, null));
        }
        return SweepPlot.svg(spec.points(), expectNames(run), results, title);
    }

    /** The sweep of a run's circuit (parsed with its parameters symbolic) under the run's settings (and noise model, if any). */
    static Sweep sweep(Circuit circuit, Spec spec, Run run) {
        List<PauliSum> sums = run.expect().stream().map(PauliSum::parse).toList();
        return new Sweep(circuit, spec.points(), new Sweep.Settings(sums, run.shots(), run.seed(), run.engine(), false,
                run.noiseModel(), run.noiseMethod()));
    }

    /** A finished point as stored: its rows in both formats, as the CLI writes them. */
    static Point point(Sweep.PointResult r, Spec spec, List<String> expect, boolean counts) {
        Map<String, Double> params = new LinkedHashMap<>();
        for (int k = 0; k < spec.names().size(); k++) params.put(spec.names().get(k), r.values()[k]);
        return new Point(r.index(), params, r.expectations(), SweepFormat.CSV.row(r, spec.names(), expect, counts),
                SweepFormat.JSONL.row(r, spec.names(), expect, counts));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
