package org.qise.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.qise.sim.ResultDocument;

/**
 * Sends a result (the JSON of {@code qise run --json}) to a QISE portal's
 * {@code POST /api/v1/results}, which stores it and reproduces it on the server, and reports the
 * portal's verdict. Used by {@code qise push} and {@code qise run --push}.
 */
final class PortalPush {
    /** Exit code when the portal stored the result but could not confirm it (verdict "different" or "inconclusive"). */
    static final int NOT_VERIFIED = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PortalPush() {}

    /**
     * Checks the result is a run document as {@code qise run --json} writes it (the same reader
     * the portal uses) before anything is sent.
     */
    static ResultDocument parseResult(String text, String name) {
        try {
            return ResultDocument.read(text).requireCircuit();
        } catch (ResultDocument.Invalid e) {
            String problem = e.path().equals("$") ? e.problem() : "at " + e.path() + ": " + e.problem();
            throw new UserError("'" + name + "' " + problem + "; push the output of 'qise run --json' as it was written");
        }
    }

    /** Posts the result; prints where it is and the verdict; returns the exit code. */
    static int send(String resultJson, String portal, String token, PrintStream out) {
        if (portal == null || portal.isBlank()) throw new UserError("--portal URL is required, e.g. --portal https://qise.example.org");
        if (token == null || token.isBlank()) {
            throw new UserError("an API token is required: --token TOKEN, or set QISE_TOKEN (create one on the portal's account page)");
        }
        String base = portal.strip().replaceAll("/+$", "");
        URI uri;
        try {
            uri = new URI(base + "/api/v1/results");
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
                throw new URISyntaxException(base, "not an http(s) address");
            }
        } catch (URISyntaxException e) {
            throw new UserError("--portal '" + portal + "' is not an http:// or https:// address");
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(3))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token.strip())
                .POST(HttpRequest.BodyPublishers.ofString(resultJson, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build()) {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new UserError("cannot reach the portal at " + base + " (connection refused or no route)");
        } catch (HttpTimeoutException e) {
            throw new UserError("the portal at " + base + " did not answer in time");
        } catch (IOException e) {
            throw new UserError("cannot reach the portal at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while pushing to " + base);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            answer = null;
        }
        int status = response.statusCode();
        if (status >= 400 || answer == null || !answer.isObject()) {
            String why = answer != null && answer.has("error") ? answer.get("error").asText() : "HTTP " + status;
            throw new UserError("the portal refused the result (HTTP " + status + "): " + why);
        }
        String verdict = answer.path("verdict").asText("unknown");
        out.println("pushed as run " + answer.path("id").asText() + ": " + base + answer.path("url").asText("")
                + (answer.path("created_circuit").asBoolean(false) ? "  (a new private circuit was created for it)" : ""));
        out.println("verdict: " + verdict + (answer.has("detail") ? " — " + answer.get("detail").asText() : ""));
        return switch (verdict) {
            case "bit-exact", "statistically-consistent", "pending" -> QiseMain.OK;
            default -> NOT_VERIFIED;
        };
    }
}
