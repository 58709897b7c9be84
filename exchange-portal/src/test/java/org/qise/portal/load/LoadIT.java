package org.qise.portal.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.portal.PortalConfig;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/**
 * 500 clients at once, each on its own connection over loopback, on a public page and on an
 * authenticated API list: no 5xx, no failed connection, no answer slower than 5 s, and within
 * 1 s after the load stops the portal answers normally. Bounded: each client makes at most
 * {@value #REQUESTS_PER_CLIENT} requests and stops after {@value #MAX_SECONDS} s. Prints
 * throughput and p50/p99/max latency, measured after a warm-up.
 */
class LoadIT {
    private static final int CLIENTS = Integer.getInteger("qise.load.clients", 500);
    private static final int REQUESTS_PER_CLIENT = 8;
    private static final int MAX_SECONDS = 60;
    private static final String QASM = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\nh q[0];\ncx q[0],q[1];\ncx q[1],q[2];\n";

    private static TestPortal portal;
    private static String token;

    @BeforeAll
    static void start() {
        // The per-client request limit would answer most of one token's requests with 429;
        // this test is about the server's capacity, so it is lifted.
        PortalConfig config = TestPortal.config(TestPortal.tempDir());
        config = config.withLimits(config.maxBodyBytes(), config.maxQasmBytes(), config.maxQubits(), config.maxGates(), 1_000_000);
        portal = TestPortal.start(config);
        var user = portal.user("load@example.org", Role.FELLOW, null);
        token = portal.token(user);
        for (int i = 0; i < 60; i++) {
            var r = portal.json("POST", "/api/v1/circuits", token, Map.of("title", "load circuit " + i, "qasm", QASM,
                    "visibility", "public", "tags", List.of("load", "t" + (i % 7))));
            assertEquals(201, r.statusCode(), r.body());
        }
        warmUp();
    }

    /** Steady state is what is measured: the JIT compiles the request paths first (8 clients, 400 requests each path). */
    private static void warmUp() {
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int c = 0; c < 8; c++) {
                threads.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        portal.get("/", null);
                        portal.get("/api/v1/circuits", token);
                    }
                });
            }
        }
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    private record Result(int status, long nanos, String failure) {}

    @ParameterizedTest(name = "{0}")
    @CsvSource({"public page, /, false", "authenticated API list, /api/v1/circuits, true"})
    void fiveHundredConcurrentClientsGetNoErrorAndNoSlowAnswer(String what, String path, boolean authenticated) throws Exception {
        ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
        CountDownLatch ready = new CountDownLatch(CLIENTS);
        CountDownLatch go = new CountDownLatch(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_SECONDS);
        long started;
        long ended;
        // One HTTP client opens a connection for every request in flight that finds none idle:
        // 500 clients in flight hold 500 connections.
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CLIENTS; c++) {
                threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    for (int i = 0; i < REQUESTS_PER_CLIENT && System.nanoTime() < deadline; i++) {
                        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(portal.base + path)).timeout(Duration.ofSeconds(30));
                        if (authenticated) b.header("Authorization", "Bearer " + token);
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                            results.add(new Result(r.statusCode(), System.nanoTime() - t0, null));
                        } catch (java.io.IOException e) {
                            results.add(new Result(0, System.nanoTime() - t0, e.toString()));
                        }
                    }
                    return null;
                });
            }
            ready.await();
            started = System.nanoTime();
            go.countDown();
            threads.shutdown();
            assertTrue(threads.awaitTermination(MAX_SECONDS + 60, TimeUnit.SECONDS));
            ended = System.nanoTime();
        } finally {
            http.close();
        }
        // Right after the load: an ordinary request is answered at once.
        long t0 = System.nanoTime();
        var after = portal.get(path, authenticated ? token : null);
        long afterMillis = (System.nanoTime() - t0) / 1_000_000;

        List<Result> all = List.copyOf(results);
        long[] sorted = all.stream().mapToLong(Result::nanos).sorted().toArray();
        double seconds = (ended - started) / 1e9;
        System.out.printf("[load %s] %d clients, %d requests in %.1f s: %.0f requests/s, p50 %d ms, p99 %d ms, max %d ms;"
                        + " statuses %s; first request after the load %d ms%n", what, CLIENTS, all.size(), seconds,
                all.size() / seconds, millis(sorted, 0.50), millis(sorted, 0.99), sorted[sorted.length - 1] / 1_000_000,
                countByStatus(all), afterMillis);
        List<Result> failed = all.stream().filter(r -> r.failure() != null || r.status() >= 500).limit(5).toList();
        assertEquals(List.of(), failed, "failed requests (status 0 = no answer)");
        assertTrue(all.stream().allMatch(r -> r.status() == 200), "every answer is 200: " + countByStatus(all));
        assertTrue(sorted[sorted.length - 1] <= TimeUnit.SECONDS.toNanos(5), "slowest answer " + sorted[sorted.length - 1] / 1_000_000 + " ms");
        assertEquals(CLIENTS * REQUESTS_PER_CLIENT, all.size(), "every client made all its requests in the time bound");
        assertEquals(200, after.statusCode());
        assertTrue(afterMillis < 1000, "first answer after the load took " + afterMillis + " ms");
    }

    private static long millis(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1_000_000;
    }

    private static Map<Integer, Long> countByStatus(List<Result> all) {
        return all.stream().collect(java.util.stream.Collectors.groupingBy(Result::status, java.util.TreeMap::new,
                java.util.stream.Collectors.counting()));
    }
}
