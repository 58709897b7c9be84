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
 * must end done exactly once (each worker prints a line per result it stored, and the killed
 * worker's run is stored by another worker as a later attempt), with the counts and result hash
 * of a single-worker simulation of the same circuit, seed and shots in this JVM. The same 300 runs
 * on one worker process first give the throughput the three workers are compared with.
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
            for (int w = 1; w <= workerCount; w++) workers.add(startWorker(pg.schemaUrl, pg.user, pg.password, "w" + w, dir.resolve("w" + w + ".log")));

            long submitted = System.nanoTime();
            Map<String, Integer> owner = submitAll(portal.base, tokens, circuits);
            assertEquals(RUNS, owner.size());

            List<Long> heldByKilled = List.of();
            if (killOne) {
                awaitCount(db, "SELECT COUNT(*) FROM runs WHERE status = 'DONE'", RUNS / 3, Duration.ofMinutes(5));
                heldByKilled = killWhileHolding(db, workers.get(1), "w2");
                assertFalse(heldByKilled.isEmpty());
            }

            awaitCount(db, "SELECT COUNT(*) FROM runs WHERE status IN ('DONE', 'FAILED', 'CANCELLED', 'TIMED_OUT')", RUNS,
                    Duration.ofMinutes(8));
            double seconds = (System.nanoTime() - submitted) / 1e9;

            // A worker commits a result before it prints its line: the last runs may be in the
            // database a moment before their lines are in the logs.
            Map<Long, List<String>> stored = storedLines(dir);
            for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); stored.size() < RUNS && System.nanoTime() < until; ) {
                Thread.sleep(100);
                stored = storedLines(dir);
            }
            Map<String, Integer> perWorker = new TreeMap<>();
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT id, status, attempt, lease_owner, circuit_qasm, engine, shots, seed, result_sha256, counts FROM runs")) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    long id = rs.getLong("id");
                    assertEquals("DONE", rs.getString("status"), "run " + id);
                    List<String> lines = stored.getOrDefault(id, List.of());
                    assertEquals(1, lines.size(), "run " + id + " must be stored exactly once: " + lines);
                    String by = rs.getString("lease_owner");
                    assertTrue(lines.getFirst().endsWith("attempt " + rs.getInt("attempt") + ", by " + by), lines.getFirst());
                    perWorker.merge(by, 1, Integer::sum);
                    if (heldByKilled.contains(id)) {
                        assertTrue(rs.getInt("attempt") >= 2, "run " + id + " was held by the killed worker");
                        assertFalse(by.equals("w2"), "run " + id + " was finished by the killed worker");
                    }
                    Result reference = singleWorker(rs.getString("circuit_qasm"), rs.getString("engine"), rs.getLong("shots"),
                            rs.getLong("seed"));
                    assertEquals(reference.sha256(), rs.getString("result_sha256"), "run " + id);
                    assertEquals(JSON.readTree(JSON.writeValueAsString(new TreeMap<>(reference.counts()))),
                            JSON.readTree(rs.getString("counts")), "run " + id);
                }
                assertEquals(RUNS, rows);
            }
            assertEquals(RUNS, stored.size(), "every run has one stored line, and no line names a run that does not exist");
            System.out.printf("[workers] %d runs from %d people on %d worker(s)%s: %.1f s from the first"
                            + " submission to the last result, %.1f runs/s; runs per worker %s; whole test %.0f s%n", RUNS, USERS,
                    workerCount, killOne ? " (w2 killed with " + heldByKilled + " in hand)" : "", seconds, RUNS / seconds, perWorker,
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

    /**
     * Waits until worker {@code name} holds a run, then SIGKILLs it; returns the runs it held.
     * The worker is frozen (SIGSTOP) while we look, so what it holds cannot change between the
     * look and the kill; if it holds nothing at that instant it is let go on (SIGCONT) and caught
     * again a moment later.
     */
    private static List<Long> killWhileHolding(Connection db, Process worker, String name) throws Exception {
        String held = "SELECT id FROM runs WHERE status = 'RUNNING' AND lease_owner = '" + name + "' ORDER BY id";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            assertTrue(System.nanoTime() < deadline, name + " held no run for 60 s");
            if (ids(db, held).isEmpty()) {
                Thread.sleep(1);
                continue;
            }
            signal(worker, "STOP");
            List<Long> inHand = ids(db, held);
            if (!inHand.isEmpty()) {
                worker.destroyForcibly(); // SIGKILL
                assertTrue(worker.waitFor(30, TimeUnit.SECONDS), name + " did not die");
                return inHand;
            }
            signal(worker, "CONT");
        }
    }

    private static void signal(Process p, String signal) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).inheritIO().start().waitFor());
    }

    private static List<Long> ids(Connection db, String sql) throws Exception {
        List<Long> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getLong(1));
        }
        return out;
    }

    private static void awaitCount(Connection db, String sql, int target, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            int n;
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                n = rs.getInt(1);
            }
            if (n >= target) return;
            assertTrue(System.nanoTime() < deadline, "only " + n + " of " + target + " after " + limit + ": " + sql);
            Thread.sleep(50);
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

    private static Process startWorker(String url, String user, String password, String name, Path log) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName(),
                "--database", url, "--name", name, "--slots", "1", "--threads-per-run", "1", "--lease",
                String.valueOf(LEASE_SECONDS), "--poll", "100");
        if (user != null) pb.environment().put("QISE_DB_USER", user);
        if (password != null) pb.environment().put("QISE_DB_PASSWORD", password);
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
