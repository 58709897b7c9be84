package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.qise.portal.people.Cohort;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;
import org.qise.portal.people.UserService.Registration;

/**
 * A real portal on a free port over a fresh SQLite database in a temporary directory, with a low
 * bcrypt cost so that many logins stay fast, plus helpers to call it over HTTP.
 */
public final class TestPortal implements AutoCloseable {
    public static final String PASSWORD = "correct horse battery";
    static final ObjectMapper JSON = new ObjectMapper();

    public final Path dataDir;
    public final PortalServer server;
    public final String base;
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final boolean ownsDir;

    private TestPortal(PortalConfig config, boolean ownsDir) {
        this.dataDir = config.dataDir();
        this.ownsDir = ownsDir;
        this.server = PortalServer.create(config);
        int port = server.start();
        this.base = "http://localhost:" + port;
    }

    /** Test configuration: bcrypt cost 4 (the minimum; production uses 12), otherwise the defaults. */
    public static PortalConfig config(Path dir) {
        return PortalConfig.defaults(dir).withPort(0).withBcryptCost(PortalConfig.MIN_BCRYPT_COST);
    }

    public static TestPortal start() {
        return new TestPortal(config(tempDir()), true);
    }

    /** A portal with this configuration; its data directory is deleted on close. */
    public static TestPortal start(PortalConfig config) {
        return new TestPortal(config, true);
    }

    /** A portal over a data directory that outlives it (restart tests delete it themselves). */
    public static TestPortal startKeeping(PortalConfig config) {
        return new TestPortal(config, false);
    }

    public static Path tempDir() {
        try {
            return Files.createTempDirectory("qise-portal-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Cohort cohort(String name) {
        return server.services().users().cohortNamed(name);
    }

    public User user(String email, Role role, Cohort cohort) {
        return server.services().users().createUser(
                new Registration(email, PASSWORD, "Name of " + email, "Test University", "CH"), role,
                cohort == null ? null : cohort.id());
    }

    /** An API token for the user, created directly in the service. */
    public String token(User user) {
        return server.services().tokens().create(user.id(), "test");
    }

    public HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        return send(b.build());
    }

    public HttpResponse<String> json(String method, String path, String token, Object body) {
        String text;
        try {
            text = body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.ofString(text)).header("Content-Type", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        return send(b.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode parse(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** Asserts the status, showing the body when it differs. */
    public static void assertStatus(int expected, HttpResponse<String> response) {
        assertEquals(expected, response.statusCode(), () -> response.request().method() + " " + response.request().uri()
                + " answered " + response.statusCode() + ": " + response.body());
    }

    /**
     * A page without the portal's own script tags (external files under /static, which the CSP
     * allows), so that what is left can be checked for any other script, e.g. one a user smuggled in.
     */
    public static String withoutOwnScripts(String html) {
        // As served, or as a browser writes the same element back (defer="").
        return html.replaceAll("<script src=\"/static/[a-z]+\\.js\" defer(=\"\")?></script>", "");
    }

    /** Stops the server and closes the database (the data directory stays). */
    public void stop() {
        server.close();
    }

    @Override
    public void close() {
        stop();
        if (ownsDir) deleteTree(dataDir);
    }

    public static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
