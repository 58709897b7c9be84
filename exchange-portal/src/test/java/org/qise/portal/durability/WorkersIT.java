package org.qise.portal.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.qise.portal.PostgresSchema;
import org.qise.portal.WorkerMain;
import org.qise.portal.circuits.QasmCheck;
import org.qise.sim.Result;
import org.qise.sim.Simulator;

/**
 * Issue 14, item 4: PostgreSQL, one portal that runs nothing itself ({@code --no-run-workers})
 * and three {@code qise worker} processes on loopback. Five people submit 300 runs through the
 * API; once a third are done, one worker is killed with SIGKILL while it holds a run. Every run
 * must end done exactly once, with the counts and result hash of a single-worker simulation of
 * the same circuit, seed and shots in this JVM, and the killed worker's run must be stored by
 * another worker as a later attempt. The same 300 runs on one worker process first give the
 * throughput the three workers are compared with.
 *
 * <p>"Exactly once" is read from the database, not from the workers' logs: a worker prints its
 * line ("run 17 done, attempt 1, by w2") only after its commit, so SIGKILL may land between the
 * two and leave a stored run without a line. A trigger in the test's schema records every write
 * that ends a run, in that write's own transaction; each run must have exactly one, by the
 * attempt and worker its row names. The logs must agree with the database: one line per run,
 * naming that attempt and worker, except the run a killed worker held when it was killed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkersIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "root@example.org";
    private static final String ADMIN_PASSWORD = "workers admin password";
    private static final String PASSWORD = "a submitter's long password";
    private static final int USERS = 5;
    private static final int RUNS = 300;
    private static final int WORKERS = 3;
    private static final int LEASE_SECONDS = 4;
    private static final String ENDED = "('DONE', 'FAILED', 'CANCELLED', 'TIMED_OUT')";
    private static final Pattern STORED = Pattern.compile("^run (\\d+) (\\w+), attempt (\\d+), by (\\S+)$");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Runs per second of the single-worker campaign, when it ran first (the three-worker test compares with it). */
    private static double oneWorkerRate = Double.NaN;

    @Test
    @Order(1)
    void oneWorkerProcessRunsTheSameThreeHundredRunsAsTheThroughputBaseline() throws Exception {
        oneWorkerRate = campaign(1, false);
    }

    @Test
    @Order(2)
    void threeWorkerProcessesRunThreeHundredRunsExactlyOnceThroughAKillNineWithSingleWorkerResults() throws Exception {
        double rate = campaign(WORKERS, true);
        if (!Double.isNaN(oneWorkerRate)) {
            System.out.printf("[workers] %d workers (one killed) over 1 worker: %.1f / %.1f runs/s = %.2f×%n", WORKERS, rate, oneWorkerRate,
                    rate / oneWorkerRate);
        }
    }

    /**
     * Submits the runs, has {@code workerCount} worker processes run them (killing w2 with SIGKILL
     * while it holds a run when {@code killOne}), checks every run done exactly once with the
     * single-worker result, and returns runs per second from the first submission to the last result.
     */
    private double campaign(int workerCount, boolean killOne) throws Exception {
        PostgresSchema pg = PostgresSchema.create("qise_workers_");
        Path dir = Files.createTempDirectory("qise-workers-");
        List<Process> workers = new ArrayList<>();
        PortalProcess portal = null;
        long began = System.nanoTime();
        try (Connection db = pg.connect()) {
            portal = PortalProcess.start(new PortalProcess.Store(null, pg.schemaUrl, pg.user, pg.password), PortalProcess.freePort(),
                    dir.resolve("portal.log"), Map.of("QISE_ADMIN_EMAIL", ADMIN, "QISE_ADMIN_PASSWORD", ADMIN_PASSWORD),
                    "--no-run-workers", "--run-queue", "1000", "--run-queue-per-user", "1000");
            List<String> tokens = userTokens(portal.base);
            List<String> circuits = new ArrayList<>();
            for (int u = 0; u < USERS; u++) circuits.add(circuit(portal.base, tokens.get(u), u));
            recordEndings(db, pg.schema);
            for (int w = 1; w <= workerCount; w++) workers.add(startWorker(pg, "w" + w, dir.resolve("w" + w + ".log")));

            long submitted = System.nanoTime();
            Map<String, Integer> owner = submitAll(portal.base, tokens, circuits);
            assertEquals(RUNS, owner.size());

            List<Killed> killed = new ArrayList<>();
            if (killOne) {
                awaitCount(db, "SELECT COUNT(*) FROM runs WHERE status = 'DONE'", RUNS / 3, Duration.ofMinutes(5));
                // The kill must leave a run that the killed worker never stored, so that another worker
                // has to take it over. A worker frozen with its result already on the way to the database
                // still stores it (the server commits what it received): that kill caught nothing in
                // hand, so a fresh worker is started and caught instead.
                for (Process target = workers.get(1); ; ) {
                    String name = "w" + (workers.indexOf(target) + 1);
                    Killed k = new Killed(name, killWhileHolding(db, target, name, applicationName(pg, name)));
                    killed.add(k);
                    if (!storedByItself(db, k).equals(k.held().keySet())) break;
                    assertTrue(killed.size() < 3, "three killed workers each stored the run they held: " + killed);
                    target = startWorker(pg, "w" + (workers.size() + 1), dir.resolve("w" + (workers.size() + 1) + ".log"));
                    workers.add(target);
                }
            }

            awaitCount(db, "SELECT COUNT(*) FROM runs WHERE status IN " + ENDED, RUNS, Duration.ofMinutes(8));
            double seconds = (System.nanoTime() - submitted) / 1e9;
            Map<Long, Row> rows = rows(db);
            Map<Long, List<Ending>> endings = endings(db);
            Map<String, Killed> killedByName = new HashMap<>();
            for (Killed k : killed) killedByName.put(k.name(), k);

            // A worker prints its line after its result is committed: a surviving worker's last lines may
            // reach its log a moment after the database has the runs. A killed worker's log is final.
            Map<Long, List<String>> stored = storedLines(dir);
            for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); System.nanoTime() < until
                    && !survivorsPrinted(rows, stored, killedByName.keySet()); ) {
                Thread.sleep(100);
                stored = storedLines(dir);
            }

            Map<String, Integer> perWorker = new TreeMap<>();
            int takenOver = 0;
            assertEquals(RUNS, rows.size());
            for (Row row : rows.values()) {
                long id = row.id();
                assertEquals("DONE", row.status(), "run " + id);
                // The durable evidence: the store itself recorded each write that ended a run, in the
                // same transaction as the write, so a run ended by two attempts would show two.
                assertEquals(List.of(row.ending()), endings.getOrDefault(id, List.of()),
                        "run " + id + " must be ended exactly once, by the attempt and worker the row names");
                Result reference = singleWorker(row.qasm(), row.engine(), row.shots(), row.seed());
                assertEquals(reference.sha256(), row.resultSha256(), "run " + id);
                assertEquals(JSON.readTree(JSON.writeValueAsString(new TreeMap<>(reference.counts()))), JSON.readTree(row.counts()),
                        "run " + id);
                perWorker.merge(row.leaseOwner(), 1, Integer::sum);

                // The logs must agree with the database: at most one line, naming the attempt and worker that stored it.
                List<String> lines = stored.getOrDefault(id, List.of());
                assertTrue(lines.size() <= 1, "run " + id + " must be stored at most once in the logs: " + lines);
                String expected = "run " + id + " done, attempt " + row.attempt() + ", by " + row.leaseOwner();
                if (lines.isEmpty()) {
                    // Only a killed worker may lack the line, and only for the attempt it held when it was
                    // killed: SIGKILL landed between its commit and its line.
                    Killed k = killedByName.get(row.leaseOwner());
                    assertTrue(k != null && Integer.valueOf(row.attempt()).equals(k.held().get(id)),
                            "run " + id + " has no line in the logs though the database says '" + expected + "'");
                } else {
                    assertEquals(expected, lines.getFirst(), "run " + id);
                }
            }
            for (Killed k : killed) {
                for (var held : k.held().entrySet()) {
                    Row row = rows.get(held.getKey());
                    if (row.attempt() == held.getValue()) continue; // it stored this one itself as it died
                    takenOver++;
                    assertTrue(row.attempt() > held.getValue(), "run " + row.id() + " was held by " + k.name() + " as attempt "
                            + held.getValue() + " and ended as attempt " + row.attempt());
                    assertFalse(killedByName.containsKey(row.leaseOwner()), "run " + row.id() + " held by the killed " + k.name()
                            + " was finished by the killed " + row.leaseOwner());
                }
            }
            if (killOne) assertTrue(takenOver >= 1, "no run held by a killed worker was taken over: " + killed);
            assertTrue(rows.keySet().containsAll(stored.keySet()), "a line names a run that does not exist: " + stored.keySet());
            System.out.printf("[workers] %d runs from %d people on %d worker(s)%s: %.1f s from the first"
                            + " submission to the last result, %.1f runs/s; runs per worker %s; whole test %.0f s%n", RUNS, USERS,
                    workerCount, killOne ? " (killed " + killed + ", " + takenOver + " run(s) taken over)" : "", seconds, RUNS / seconds, perWorker,
                    (System.nanoTime() - began) / 1e9);
            return RUNS / seconds;
        } finally {
            for (Process p : workers) {
                p.destroy();
                if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
            }
            if (portal != null) portal.close();
            pg.close();
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A worker killed with SIGKILL and the attempts it held when it was killed (run id → attempt). */
    private record Killed(String name, Map<Long, Integer> held) {}

    /** A write that ended a run, as the trigger of {@link #recordEndings} saw it (and as the run's row ends). */
    private record Ending(String status, int attempt, String worker, String resultSha256) {}

    /** A run's row once every run has ended. */
    private record Row(long id, String status, int attempt, String leaseOwner, String qasm, String engine, long shots, long seed,
                       String resultSha256, String counts) {
        Ending ending() { return new Ending(status, attempt, leaseOwner, resultSha256); }
    }

    /**
     * Has the database itself keep a record of every write that leaves a run ended: a trigger on
     * {@code runs} (in this test's own schema, so the portal's code and migrations are untouched)
     * appends the run, status, attempt, lease owner and result hash to a table. The row is written
     * in the transaction that ends the run, so it is there exactly when that write was committed,
     * whatever happened to the worker after its commit. Any later write to an ended run is recorded
     * too, so a result stored twice shows as two rows.
     */
    private static void recordEndings(Connection db, String schema) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE " + schema + ".test_run_endings (seq BIGSERIAL PRIMARY KEY, run_id BIGINT NOT NULL,"
                    + " status VARCHAR(12) NOT NULL, attempt INTEGER NOT NULL, lease_owner VARCHAR(200), result_sha256 VARCHAR(64))");
            s.execute("CREATE FUNCTION " + schema + ".test_record_ending() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " INSERT INTO " + schema + ".test_run_endings (run_id, status, attempt, lease_owner, result_sha256)"
                    + " VALUES (NEW.id, NEW.status, NEW.attempt, NEW.lease_owner, NEW.result_sha256); RETURN NULL; END $$");
            s.execute("CREATE TRIGGER test_run_endings AFTER UPDATE ON " + schema + ".runs FOR EACH ROW WHEN (NEW.status IN " + ENDED
                    + ") EXECUTE FUNCTION " + schema + ".test_record_ending()");
        }
    }

    /** Run id → the writes that ended it, in the order they were committed. */
    private static Map<Long, List<Ending>> endings(Connection db) throws Exception {
        Map<Long, List<Ending>> out = new HashMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT run_id, status, attempt, lease_owner, result_sha256 FROM test_run_endings ORDER BY seq")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new Ending(rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5)));
            }
        }
        return out;
    }

    private static Map<Long, Row> rows(Connection db) throws Exception {
        Map<Long, Row> out = new TreeMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT id, status, attempt, lease_owner, circuit_qasm, engine, shots, seed, result_sha256, counts FROM runs")) {
            while (rs.next()) {
                out.put(rs.getLong("id"), new Row(rs.getLong("id"), rs.getString("status"), rs.getInt("attempt"), rs.getString("lease_owner"),
                        rs.getString("circuit_qasm"), rs.getString("engine"), rs.getLong("shots"), rs.getLong("seed"),
                        rs.getString("result_sha256"), rs.getString("counts")));
            }
        }
        return out;
    }

    /** Whether every run that a worker still alive stored has its line in that worker's log. */
    private static boolean survivorsPrinted(Map<Long, Row> rows, Map<Long, List<String>> stored, java.util.Set<String> killed) {
        return rows.values().stream().allMatch(r -> killed.contains(r.leaseOwner()) || stored.containsKey(r.id()));
    }

    /**
     * Waits until worker {@code name} holds a run, then SIGKILLs it; returns the attempts it held
     * (run id → attempt). The worker is frozen (SIGSTOP) while we look, so that it cannot take or
     * end a run between the look and the kill; the look waits until none of its statements is
     * still being executed by the server, so that a result it sent just before it froze is seen
     * as stored. If it holds nothing at that instant it is let go on (SIGCONT) and caught again a
     * moment later. Returns once the server has closed all its connections: from then on nothing
     * of the killed worker can reach the database, and what it stored is final.
     */
    private static Map<Long, Integer> killWhileHolding(Connection db, Process worker, String name, String applicationName)
            throws Exception {
        String held = "SELECT id, attempt FROM runs WHERE status = 'RUNNING' AND lease_owner = '" + name + "' ORDER BY id";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            assertTrue(System.nanoTime() < deadline, name + " held no run for 60 s");
            if (attempts(db, held).isEmpty()) {
                Thread.sleep(1);
                continue;
            }
            signal(worker, "STOP");
            awaitCount(db, "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = '" + applicationName
                    + "' AND state = 'active'", 0, true, Duration.ofSeconds(30));
            Map<Long, Integer> inHand = attempts(db, held);
            if (!inHand.isEmpty()) {
                worker.destroyForcibly(); // SIGKILL
                assertTrue(worker.waitFor(30, TimeUnit.SECONDS), name + " did not die");
                awaitCount(db, "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = '" + applicationName + "'", 0, true,
                        Duration.ofSeconds(30));
                return inHand;
            }
            signal(worker, "CONT");
        }
    }

    /**
     * Which of the runs a killed worker held it stored itself: those that ended in the attempt it
     * held (only that attempt's holder can store a result for it; a takeover counts a new one).
     */
    private static java.util.Set<Long> storedByItself(Connection db, Killed k) throws Exception {
        java.util.Set<Long> out = new java.util.TreeSet<>();
        for (var held : k.held().entrySet()) {
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT status IN " + ENDED + " AND attempt = " + held.getValue() + " FROM runs WHERE id = " + held.getKey())) {
                assertTrue(rs.next(), "run " + held.getKey());
                if (rs.getBoolean(1)) out.add(held.getKey());
            }
        }
        return out;
    }

    /** How the test's connection names a worker's connections in pg_stat_activity (unique to this schema). */
    private static String applicationName(PostgresSchema pg, String worker) {
        return pg.schema + "_" + worker;
    }

    private static void signal(Process p, String signal) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).inheritIO().start().waitFor());
    }

    private static Map<Long, Integer> attempts(Connection db, String sql) throws Exception {
        Map<Long, Integer> out = new TreeMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.put(rs.getLong(1), rs.getInt(2));
        }
        return out;
    }

    private static void awaitCount(Connection db, String sql, int target, Duration limit) throws Exception {
        awaitCount(db, sql, target, false, limit);
    }

    /** Waits until the count reaches {@code target} (at least, or at most when {@code down}). */
    private static void awaitCount(Connection db, String sql, int target, boolean down, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            int n;
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                n = rs.getInt(1);
            }
            if (down ? n <= target : n >= target) return;
            assertTrue(System.nanoTime() < deadline, n + " not yet " + target + " after " + limit + ": " + sql);
            Thread.sleep(down ? 5 : 50);
        }
    }

    /** Run id → the "run N done, attempt K, by W" lines of all worker logs. */
    private static Map<Long, List<String>> storedLines(Path dir) throws IOException {
        Map<Long, List<String>> out = new HashMap<>();
        for (int w = 1; Files.exists(dir.resolve("w" + w + ".log")); w++) {
            for (String line : Files.readAllLines(dir.resolve("w" + w + ".log"))) {
                Matcher m = STORED.matcher(line.strip());
                if (m.matches()) out.computeIfAbsent(Long.parseLong(m.group(1)), k -> new ArrayList<>()).add(line.strip());
            }
        }
        return out;
    }

    /** The same circuit, seed and shots simulated here on one thread: what a single worker stores. */
    private static Result singleWorker(String qasm, String engine, long shots, long seed) {
        var circuit = QasmCheck.parse(qasm);
        try (Simulator sim = Simulator.builder().engine(engine).threads(1).shots(shots).seed(seed)
                .keepState(circuit.numQubits() <= 12).build()) {
            return sim.run(circuit);
        }
    }

    /** A worker process on the test's schema; its connections carry {@link #applicationName} so that the test can watch them. */
    private static Process startWorker(PostgresSchema pg, String name, Path log) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName(),
                "--database", pg.schemaUrl + "&ApplicationName=" + applicationName(pg, name), "--name", name, "--slots", "1", "--threads-per-run", "1", "--lease",
                String.valueOf(LEASE_SECONDS), "--poll", "100");
        if (pg.user != null) pb.environment().put("QISE_DB_USER", pg.user);
        if (pg.password != null) pb.environment().put("QISE_DB_PASSWORD", pg.password);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    /**
     * Person {@code u}'s circuit: 10 qubits with a measurement mid-circuit, so each shot is
     * simulated on its own and a run lasts long enough (tens of milliseconds) to be caught in hand.
     */
    private static String qasm(int u) {
        StringBuilder sb = new StringBuilder("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[10];\ncreg c[10];\n");
        for (int i = 0; i < 10; i++) sb.append("h q[").append(i).append("];\n");
        sb.append("measure q[0] -> c[0];\n");
        for (int i = 0; i < 10; i++) {
            sb.append("ry(").append(0.1 * (u + 1) + 0.07 * i).append(") q[").append(i).append("];\n");
            if (i > 0) sb.append("cx q[").append(i - 1).append("],q[").append(i).append("];\n");
        }
        sb.append("measure q -> c;\n");
        return sb.toString();
    }

    /** 300 runs, spread over the people round-robin and submitted by one thread per person at once. */
    private Map<String, Integer> submitAll(String base, List<String> tokens, List<String> circuits) throws Exception {
        Map<String, Integer> owner = new ConcurrentHashMap<>(); // public run id → person
        ExecutorService pool = Executors.newFixedThreadPool(USERS);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                int person = u;
                jobs.add(pool.submit(() -> {
                    for (int k = person; k < RUNS; k += USERS) {
                        var r = send(base, "POST", "/api/v1/circuits/" + circuits.get(person) + "/runs", tokens.get(person),
                                Map.of("shots", 200 + 10 * (k % 7), "seed", 1000 + k));
                        assertEquals(202, r.statusCode(), r.body());
                        owner.put(JSON.readTree(r.body()).get("id").asText(), person);
                    }
                    return null;
                }));
            }
            for (Future<?> f : jobs) f.get(5, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        return owner;
    }

    private String circuit(String base, String token, int u) throws Exception {
        var r = send(base, "POST", "/api/v1/circuits", token, Map.of("title", "workers " + u, "qasm", qasm(u), "visibility", "private"));
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("id").asText();
    }

    private List<String> userTokens(String base) throws Exception {
        String admin = token(base, ADMIN, ADMIN_PASSWORD);
        var invite = send(base, "POST", "/api/v1/invites", admin, Map.of("role", "fellow", "uses", USERS));
        assertEquals(201, invite.statusCode(), invite.body());
        String code = JSON.readTree(invite.body()).get("code").asText();
        List<String> tokens = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            String email = "submitter" + u + "@example.org";
            var r = send(base, "POST", "/api/v1/auth/register", null, Map.of("email", email, "password", PASSWORD,
                    "name", "Submitter " + u, "institution", "QISE", "country", "NL", "invite", code));
            assertEquals(201, r.statusCode(), r.body());
            tokens.add(token(base, email, PASSWORD));
        }
        return tokens;
    }

    private String token(String base, String email, String password) throws Exception {
        var r = send(base, "POST", "/api/v1/auth/token", null, Map.of("email", email, "password", password));
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("token").asText();
    }

    private HttpResponse<String> send(String base, String method, String path, String token, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
