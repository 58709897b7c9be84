package org.qise.portal.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qise.portal.PostgresSchema;

/**
 * Every write the portal acknowledged with a 2xx survives SIGKILL, however many clients write
 * at once, and no id is handed out twice. A real PortalMain process is killed at a random
 * moment while 16 clients (each its own account) create circuits, save new versions, comment and
 * start runs; after each restart every item acknowledged before the kill must be there with
 * its content, and a new acknowledgement must never carry an id acknowledged before for
 * something else. At the end every item of every cycle is checked once more.
 *
 * <p>{@code -Dqise.kill.cycles=N} changes the number of kill cycles (20 by default);
 * {@code -Dqise.kill.databases=postgresql} runs one database only.
 */
class KillDurabilityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "root@example.org";
    private static final String ADMIN_PASSWORD = "durable admin password";
    private static final String PASSWORD = "a writer's long password";
    private static final int WRITERS = 16;
    private static final int CYCLES = Integer.getInteger("qise.kill.cycles", 20);
    private static final String QASM = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\n"
            + "measure q -> c;\n";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What the portal acknowledged: kind and id (or "circuit/version") to the content it must keep. */
    private final Map<String, Item> acked = new ConcurrentHashMap<>();
    private final List<String> reused = new CopyOnWriteArrayList<>();

    /** Circuits by their public ids; versions, comments and runs by the ids the API gave them. */
    private record Item(int writer, String kind, String circuitId, String id, String content) {}

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "postgresql"})
    void everyAcknowledgedWriteSurvivesKillNineAndNoIdIsReused(String database) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("qise.kill.databases", database).contains(database),
                "-Dqise.kill.databases leaves out " + database);
        Path dir = Files.createTempDirectory("qise-kill-");
        PostgresSchema pg = null;
        PortalProcess.Store store = PortalProcess.Store.embedded(dir.resolve("data"));
        if (database.equals("postgresql")) {
            pg = PostgresSchema.create("qise_kill_");
            store = new PortalProcess.Store(null, pg.schemaUrl, pg.user, pg.password);
        }
        int port = PortalProcess.freePort();
        Path log = dir.resolve("portal.log");
        Map<String, String> env = Map.of("QISE_ADMIN_EMAIL", ADMIN, "QISE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        SplittableRandom random = new SplittableRandom(11);
        List<String> tokens;
        PortalProcess portal = PortalProcess.start(store, port, log, env);
        long began = System.nanoTime();
        try {
            tokens = writerTokens(portal.base);
            int lostTotal = 0;
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                List<Item> before = List.copyOf(acked.values());
                int ackedBefore = before.size();
                writeAndKill(portal, tokens, 10 + random.nextInt(50), random.nextInt(150));
                portal = PortalProcess.start(store, port, log, env);
                List<String> lost = missing(portal.base, tokens, newSince(before));
                lostTotal += lost.size();
                System.out.printf("[kill-durability %s] cycle %d: %d acknowledged writes in the cycle, %d lost%n",
                        database, cycle, acked.size() - ackedBefore, lost.size());
                assertTrue(lost.isEmpty(), "cycle " + cycle + ": acknowledged but lost after kill -9: " + lost);
                assertTrue(reused.isEmpty(), "ids handed out twice: " + reused);
            }
            List<String> lost = missing(portal.base, tokens, List.copyOf(acked.values()));
            assertEquals(List.of(), lost, "acknowledged items missing at the end");
            assertEquals(0, lostTotal);
            assertTrue(acked.size() >= CYCLES * 10, "too few writes were acknowledged to mean anything: " + acked.size());
            System.out.printf("[kill-durability %s] %d cycles, %d acknowledged items, none lost, no id reused (%.0f s)%n",
                    database, CYCLES, acked.size(), (System.nanoTime() - began) / 1e9);
        } finally {
            portal.close();
            if (pg != null) pg.close();
            deleteTree(dir);
        }
    }

    private List<Item> newSince(List<Item> before) {
        var known = new java.util.HashSet<>(before);
        return acked.values().stream().filter(i -> !known.contains(i)).toList();
    }

    /** 16 writers write until the portal has acknowledged {@code ackTarget} more items, then it is killed. */
    private void writeAndKill(PortalProcess portal, List<String> tokens, int ackTarget, int extraMillis) throws Exception {
        AtomicInteger acks = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writers = new ArrayList<>();
        try {
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> write(portal.base, writer, tokens.get(writer), acks)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acks.get() < ackTarget && System.nanoTime() < deadline) Thread.sleep(5);
            assertTrue(acks.get() >= ackTarget, "the portal acknowledged only " + acks.get() + " writes in 60 s");
            Thread.sleep(extraMillis);
            portal.kill();
            for (Future<?> f : writers) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    private static final AtomicLong SERIAL = new AtomicLong();

    /** One writer's loop: create, edit, comment, run, until the portal is gone. */
    private void write(String base, int writer, String token, AtomicInteger acks) {
        SplittableRandom random = new SplittableRandom(writer * 7919L + System.nanoTime());
        List<String> own = acked.values().stream().filter(i -> i.writer() == writer && i.kind().equals("circuit"))
                .map(Item::id).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        try {
            while (true) {
                String unique = "w" + writer + "-" + SERIAL.incrementAndGet();
                int op = own.isEmpty() ? 0 : random.nextInt(4);
                String circuit = own.isEmpty() ? "none" : own.get(random.nextInt(own.size()));
                HttpResponse<String> r;
                switch (op) {
                    case 0 -> {
                        r = send(base, "POST", "/api/v1/circuits", token,
                                Map.of("title", "circuit " + unique, "qasm", QASM, "visibility", "private"));
                        if (r.statusCode() / 100 == 2) {
                            String id = JSON.readTree(r.body()).get("id").asText();
                            record(new Item(writer, "circuit", id, id, "circuit " + unique));
                            own.add(id);
                        }
                    }
                    case 1 -> {
                        r = send(base, "PUT", "/api/v1/circuits/" + circuit, token,
                                Map.of("title", "version " + unique, "description", "", "qasm", QASM));
                        if (r.statusCode() / 100 == 2) {
                            String v = JSON.readTree(r.body()).get("version").asText();
                            record(new Item(writer, "version", circuit, v, "version " + unique));
                        }
                    }
                    case 2 -> {
                        r = send(base, "POST", "/api/v1/circuits/" + circuit + "/comments", token,
                                Map.of("body", "comment " + unique));
                        if (r.statusCode() / 100 == 2) {
                            record(new Item(writer, "comment", circuit, JSON.readTree(r.body()).get("id").asText(),
                                    "comment " + unique));
                        }
                    }
                    default -> {
                        r = send(base, "POST", "/api/v1/circuits/" + circuit + "/runs", token, Map.of("shots", 16, "seed", 5));
                        if (r.statusCode() / 100 == 2) {
                            record(new Item(writer, "run", circuit, JSON.readTree(r.body()).get("id").asText(), circuit));
                        }
                    }
                }
                if (r.statusCode() / 100 == 2) {
                    acks.incrementAndGet();
                } else if (r.statusCode() == 429 || r.statusCode() == 503) {
                    Thread.sleep(50);
                } else if (r.statusCode() != 409) {
                    throw new AssertionError("unexpected " + r.statusCode() + ": " + r.body());
                }
            }
        } catch (IOException serverGone) {
            // the kill: whatever was in flight was never acknowledged
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(Item item) {
        String key = item.kind() + ":" + (item.kind().equals("version") ? item.circuitId() + "/" : "") + item.id();
        Item earlier = acked.putIfAbsent(key, item);
        if (earlier != null) reused.add(key + " acknowledged for '" + earlier.content() + "' and again for '" + item.content() + "'");
    }

    /** The items the portal no longer has as acknowledged, each checked by its owner. */
    private List<String> missing(String base, List<String> tokens, List<Item> items) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> checks = new ArrayList<>();
            for (Item item : items) checks.add(pool.submit(() -> check(base, tokens.get(item.writer()), item)));
            List<String> lost = new ArrayList<>();
            for (Future<String> f : checks) {
                String problem = f.get(120, TimeUnit.SECONDS);
                if (problem != null) lost.add(problem);
            }
            return lost;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Null if the item is there with its content; otherwise what is wrong. */
    private String check(String base, String token, Item item) throws IOException, InterruptedException {
        HttpResponse<String> r = switch (item.kind()) {
            case "circuit" -> get(base, "/api/v1/circuits/" + item.id() + "?version=1", token);
            case "version" -> get(base, "/api/v1/circuits/" + item.circuitId() + "?version=" + item.id(), token);
            case "comment" -> get(base, "/api/v1/circuits/" + item.circuitId() + "/comments", token);
            default -> get(base, "/api/v1/circuits/" + item.circuitId() + "/runs", token);
        };
        if (r.statusCode() != 200) return item + ": " + r.statusCode() + " " + r.body();
        JsonNode body = JSON.readTree(r.body());
        boolean ok = switch (item.kind()) {
            case "circuit", "version" -> item.content().equals(body.get("title").asText());
            case "comment" -> {
                boolean found = false;
                for (JsonNode c : body) found |= c.get("id").asText().equals(item.id()) && item.content().equals(c.get("body").asText());
                yield found;
            }
            default -> {
                // The run is listed under the circuit it was started on.
                boolean found = false;
                for (JsonNode run : body) found |= run.get("id").asText().equals(item.id());
                yield found;
            }
        };
        return ok ? null : item + ": different content " + r.body();
    }

    /** An invite for 16, then 16 fellows with an API token each (the admin comes from the environment). */
    private List<String> writerTokens(String base) throws Exception {
        String admin = token(base, ADMIN, ADMIN_PASSWORD);
        HttpResponse<String> invite = send(base, "POST", "/api/v1/invites", admin, Map.of("role", "fellow", "uses", WRITERS));
        assertEquals(201, invite.statusCode(), invite.body());
        String code = JSON.readTree(invite.body()).get("code").asText();
        List<String> tokens = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            String email = "writer" + w + "@example.org";
            HttpResponse<String> r = send(base, "POST", "/api/v1/auth/register", null, Map.of("email", email, "password", PASSWORD,
                    "name", "Writer " + w, "institution", "QISE", "country", "NL", "invite", code));
            assertEquals(201, r.statusCode(), r.body());
            tokens.add(token(base, email, PASSWORD));
        }
        return tokens;
    }

    private String token(String base, String email, String password) throws Exception {
        HttpResponse<String> r = send(base, "POST", "/api/v1/auth/token", null, Map.of("email", email, "password", password));
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("token").asText();
    }

    private HttpResponse<String> send(String base, String method, String path, String token, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String base, String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
