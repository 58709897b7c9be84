package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Every write the portal acknowledged survives a kill -9: PortalMain runs as its own JVM, is
 * killed while clients are writing, and a restart on the same data directory must have every
 * circuit that got a 2xx.
 */
class KillDurabilityTest {
    private static final String ADMIN = "root@example.org";
    private static final String ADMIN_PASSWORD = "durable admin password";
    private static final String QASM = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nh q[0];\ncx q[0],q[1];\n";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void acknowledgedWritesSurviveKillNine() throws Exception {
        Path dir = TestPortal.tempDir();
        Process first = null;
        Process second = null;
        try {
            int port = freePort();
            first = startPortal(dir, port, "first.log");
            String base = "http://localhost:" + port;
            String token = tokenFor(base);

            Map<Long, String> acknowledged = new ConcurrentHashMap<>();
            AtomicInteger attempts = new AtomicInteger();
            CountDownLatch enough = new CountDownLatch(40);
            ExecutorService writers = Executors.newFixedThreadPool(4);
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.submit(() -> {
                    for (int i = 0; i < 200 && !Thread.currentThread().isInterrupted(); i++) {
                        String title = "writer " + writer + " circuit " + i;
                        attempts.incrementAndGet();
                        try {
                            HttpResponse<String> r = post(base + "/api/v1/circuits", token, TestPortal.JSON.writeValueAsString(
                                    Map.of("title", title, "qasm", QASM, "visibility", "private")));
                            if (r.statusCode() / 100 == 2) {
                                acknowledged.put(TestPortal.JSON.readTree(r.body()).get("id").asLong(), title);
                                enough.countDown();
                            }
                        } catch (IOException e) {
                            return; // the server is gone
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
            }
            assertTrue(enough.await(120, TimeUnit.SECONDS), "40 writes acknowledged in time");
            first.destroyForcibly(); // SIGKILL: no shutdown hooks, no clean database close
            first.waitFor(30, TimeUnit.SECONDS);
            writers.shutdownNow();
            assertTrue(writers.awaitTermination(30, TimeUnit.SECONDS));
            Map<Long, String> acked = Map.copyOf(acknowledged);
            assertTrue(acked.size() >= 40);

            second = startPortal(dir, port, "second.log");
            String token2 = tokenFor(base);
            for (var e : acked.entrySet()) {
                HttpResponse<String> r = get(base + "/api/v1/circuits/" + e.getKey(), token2);
                assertEquals(200, r.statusCode(), "acknowledged circuit " + e.getKey() + " lost: " + r.body());
                JsonNode c = TestPortal.JSON.readTree(r.body());
                assertEquals(e.getValue(), c.get("title").asText());
                assertEquals(QASM, c.get("qasm").asText());
            }
            // Nothing half-written either: every stored circuit has its version row.
            JsonNode all = TestPortal.JSON.readTree(get(base + "/api/v1/circuits", token2).body());
            assertTrue(all.size() >= Math.min(acked.size(), 200));
            for (JsonNode c : all) assertEquals(2, c.get("numGates").asInt());
        } finally {
            for (Process p : new Process[] {first, second}) {
                if (p != null && p.isAlive()) {
                    p.destroy();
                    if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            TestPortal.deleteTree(dir);
        }
    }

    /** PortalMain in a fresh JVM, the first admin created from the environment (production bcrypt cost). */
    private static Process startPortal(Path dir, int port, String log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                PortalMain.class.getName(), "--port", String.valueOf(port), "--data", dir.resolve("db").toString()));
        pb.environment().put("QISE_ADMIN_EMAIL", ADMIN);
        pb.environment().put("QISE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        pb.redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile());
        return pb.start();
    }

    private String tokenFor(String base) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try {
                HttpResponse<String> r = post(base + "/api/v1/auth/token", null,
                        TestPortal.JSON.writeValueAsString(Map.of("email", ADMIN, "password", ADMIN_PASSWORD)));
                assertEquals(201, r.statusCode(), r.body());
                return TestPortal.JSON.readTree(r.body()).get("token").asText();
            } catch (IOException notUpYet) {
                if (System.nanoTime() > deadline) throw notUpYet;
                Thread.sleep(200);
            }
        }
    }

    private HttpResponse<String> post(String url, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

}
