package org.qise.portal.health;

import io.javalin.config.RoutesConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qise.portal.db.DataAccessException;
import org.qise.portal.db.Database;
import org.qise.portal.db.Jdbc;
import org.qise.portal.runs.RunStatus;

/**
 * {@code GET /metrics}: the run queue in the Prometheus text format (version 0.0.4), read from
 * the database at each scrape, so that every portal process (and, later, every worker sharing
 * the database) reports the same figures: queue length, runs per state, and a histogram of how
 * long finished runs ran, and on PostgreSQL the heartbeats of the {@code qise worker} processes.
 * Written by hand rather than through a metrics library: all of it is
 * derived from rows at scrape time, so there is nothing to accumulate in the process.
 */
public final class MetricsRoutes {

    /** Upper bounds of the duration buckets, in seconds: from a tiny circuit to the longest time limit. */
    static final double[] BUCKETS = {0.1, 0.5, 1, 5, 10, 30, 60, 300, 1800, 3600};

    private final Database database;

    public MetricsRoutes(Database database) {
        this.database = database;
    }

    public void register(RoutesConfig routes) {
        routes.get("/metrics", ctx -> {
            String body;
            try {
                body = render(database.jdbc());
            } catch (DataAccessException e) {
                ctx.status(503).header("Retry-After", "5").contentType("text/plain; charset=utf-8").result("database unavailable\n");
                return;
            }
            ctx.status(200).header("Cache-Control", "no-store").contentType("text/plain; version=0.0.4; charset=utf-8").result(body);
        });
    }

    /** The {@code qise worker} heartbeats (PostgreSQL only: workers need it), ages by the database's clock. */
    private static void workers(Jdbc jdbc, StringBuilder s) {
        record Beat(String name, double age, boolean alive) {}
        List<Beat> beats = jdbc.query("SELECT name, EXTRACT(EPOCH FROM (now() - last_seen_at)) AS age,"
                + " last_seen_at + lease_millis * INTERVAL '1 millisecond' >= now() AS alive FROM run_workers ORDER BY name",
                rs -> new Beat(rs.getString("name"), Math.max(0, rs.getDouble("age")), rs.getBoolean("alive")));
        s.append("# HELP qise_workers_alive Run workers (qise worker processes) heard from within their lease.\n");
        s.append("# TYPE qise_workers_alive gauge\n");
        s.append("qise_workers_alive ").append(beats.stream().filter(Beat::alive).count()).append('\n');
        s.append("# HELP qise_worker_heartbeat_age_seconds Seconds since each run worker's last heartbeat (sent every third"
                + " of its lease); a killed worker's keeps growing until a starting worker removes it a day later.\n");
        s.append("# TYPE qise_worker_heartbeat_age_seconds gauge\n");
        for (Beat b : beats) {
            s.append("qise_worker_heartbeat_age_seconds{worker=\"").append(label(b.name())).append("\"} ")
                    .append(Math.round(b.age() * 1000) / 1000.0).append('\n');
        }
    }

    /** A Prometheus label value: backslash, double quote and line feed escaped. */
    static String label(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String render(Jdbc jdbc) {
        Map<RunStatus, Long> perState = new EnumMap<>(RunStatus.class);
        for (RunStatus s : RunStatus.values()) perState.put(s, 0L);
        jdbc.query("SELECT status, COUNT(*) AS n FROM runs GROUP BY status", rs -> {
            perState.put(RunStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getLong("n"));
            return null;
        });
        List<Double> durations = jdbc.query("SELECT started_at, finished_at FROM runs WHERE started_at IS NOT NULL AND finished_at IS NOT NULL",
                rs -> {
                    Instant start = Jdbc.instant(rs, "started_at"), end = Jdbc.instant(rs, "finished_at");
                    return Math.max(0, Duration.between(start, end).toNanos() / 1e9);
                });
        StringBuilder s = new StringBuilder();
        s.append("# HELP qise_runs_queued Runs waiting for a worker.\n# TYPE qise_runs_queued gauge\n");
        s.append("qise_runs_queued ").append(perState.get(RunStatus.QUEUED)).append('\n');
        s.append("# HELP qise_runs Runs in the database, by state.\n# TYPE qise_runs gauge\n");
        perState.forEach((state, n) -> s.append("qise_runs{state=\"").append(state.label()).append("\"} ").append(n).append('\n'));
        s.append("# HELP qise_run_duration_seconds Time from start to end of the runs that have ended.\n");
        s.append("# TYPE qise_run_duration_seconds histogram\n");
        double sum = 0;
        for (double d : durations) sum += d;
        for (double le : BUCKETS) {
            long n = durations.stream().filter(d -> d <= le).count();
            s.append("qise_run_duration_seconds_bucket{le=\"").append(le).append("\"} ").append(n).append('\n');
        }
        s.append("qise_run_duration_seconds_bucket{le=\"+Inf\"} ").append(durations.size()).append('\n');
        s.append("qise_run_duration_seconds_sum ").append(sum).append('\n');
        s.append("qise_run_duration_seconds_count ").append(durations.size()).append('\n');
        if (jdbc.dialect() == Database.Dialect.POSTGRESQL) workers(jdbc, s);
        return s.toString();
    }
}
