package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to a running portal (a real PortalMain in its own JVM, busy with a long run) stops it:
 * the shutdown hook stops the server and the run workers, and the JVM exits and frees its port.
 * (The {@code qise} launcher execs the JVM for the portal, so SIGTERM to it reaches this hook.)
 */
class SigtermIT {
    private static final String ADMIN = "root@example.org";
    private static final String ADMIN_PASSWORD = "a sigterm admin passphrase";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void sigtermStopsThePortalEvenWhileARunIsGoing() throws Exception {
        Path dir = TestPortal.tempDir();
        Process portal = null;
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            ProcessBuilder pb = new ProcessBuilder(List.of(java, "--add-modules", "jdk.incubator.vector",
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    PortalMain.class.getName(), "--port", String.valueOf(port), "--data", dir.resolve("db").toString()));
            pb.environment().put("QISE_ADMIN_EMAIL", ADMIN);
            pb.environment().put("QISE_ADMIN_PASSWORD", ADMIN_PASSWORD);
            pb.redirectErrorStream(true).redirectOutput(dir.resolve("portal.log").toFile());
            portal = pb.start();
            String base = "http://localhost:" + port;
            String token = token(base);

            StringBuilder slow = new StringBuilder("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[12];\ncreg c[12];\nh q[0];\nmeasure q[0] -> c[0];\n");
            for (int i = 0; i < 12; i++) slow.append("rx(0.3) q[").append(i).append("];\n");
            slow.append("measure q -> c;\n");
            JsonNode circuit = TestPortal.JSON.readTree(post(base + "/api/v1/circuits", token,
                    Map.of("title", "Slow", "visibility", "private", "qasm", slow.toString())).body());
            var started = post(base + "/api/v1/circuits/" + circuit.get("id").asText() + "/runs", token,
                    Map.of("shots", 1_000_000, "seed", 1));
            assertEquals(202, started.statusCode(), started.body());
            String run = TestPortal.JSON.readTree(started.body()).get("id").asText();
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String status;
            do {
                status = TestPortal.JSON.readTree(get(base + "/api/v1/runs/" + run, token).body()).get("status").asText();
            } while (!status.equals("running") && System.nanoTime() < until);
            assertEquals("running", status);

            portal.destroy(); // SIGTERM
            assertTrue(portal.waitFor(90, TimeUnit.SECONDS), "the JVM exited after SIGTERM:\n" + Files.readString(dir.resolve("portal.log")));
            assertEquals(128 + 15, portal.exitValue(), "ended by the signal, after the shutdown hook");
            assertThrows(ConnectException.class, () -> new Socket("localhost", port).close(), "the port is free again");
        } finally {
            if (portal != null && portal.isAlive()) portal.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            TestPortal.deleteTree(dir);
        }
    }

    private String token(String base) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try {
                HttpResponse<String> r = post(base + "/api/v1/auth/token", null, Map.of("email", ADMIN, "password", ADMIN_PASSWORD));
                assertEquals(201, r.statusCode(), r.body());
                return TestPortal.JSON.readTree(r.body()).get("token").asText();
            } catch (IOException notUpYet) {
                if (System.nanoTime() > deadline) throw notUpYet;
                Thread.sleep(200);
            }
        }
    }

    private HttpResponse<String> post(String url, String token, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(TestPortal.JSON.writeValueAsString(body)));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
