package org.qise.portal.durability;

import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;
import org.qise.portal.PortalMain;

/**
 * {@link PortalMain} in a JVM of its own, so that tests can kill it with SIGKILL (no shutdown
 * hooks, no clean close of the database) and start it again on the same data.
 */
public final class PortalProcess implements AutoCloseable {
    /** Where the portal keeps its data: a data directory, or a PostgreSQL URL with credentials. */
    public record Store(Path dataDir, String url, String user, String password) {
        public static Store embedded(Path dataDir) { return new Store(dataDir, null, null, null); }
    }

    private final Process process;
    public final String base;

    private PortalProcess(Process process, int port) {
        this.process = process;
        this.base = "http://localhost:" + port;
    }

    /** Starts PortalMain and waits until it answers; the first admin comes from the environment. */
    public static PortalProcess start(Store store, int port, Path log, Map<String, String> env, String... extraArgs)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                PortalMain.class.getName(), "--port", String.valueOf(port)));
        if (store.url() != null) {
            cmd.addAll(List.of("--database", store.url()));
        } else {
            cmd.addAll(List.of("--data", store.dataDir().toString()));
        }
        cmd.addAll(List.of(extraArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        if (store.url() != null) {
            if (store.user() != null) pb.environment().put("QISE_DB_USER", store.user());
            if (store.password() != null) pb.environment().put("QISE_DB_PASSWORD", store.password());
        }
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        PortalProcess p = new PortalProcess(pb.start(), port);
        try {
            p.awaitUp(Duration.ofSeconds(120));
        } catch (IllegalStateException | IOException e) {
            List<String> lines = Files.readAllLines(log);
            throw new IllegalStateException(e.getMessage() + "; the end of its log:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())), e);
        }
        return p;
    }

    private void awaitUp(Duration limit) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (!process.isAlive()) throw new IllegalStateException("the portal exited with " + process.exitValue());
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/static/portal.css"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) throw notYet;
            }
            Thread.sleep(100);
        }
    }

    /** SIGKILL, and wait until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("the portal did not die");
    }

    public boolean alive() { return process.isAlive(); }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
