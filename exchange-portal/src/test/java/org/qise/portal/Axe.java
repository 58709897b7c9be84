package org.qise.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core, the accessibility checker, run from its npm package inside the page under test.
 * .ci/run installs the pinned version with npm and names the file in QISE_AXE_CORE; a developer
 * does the same ({@code npm install --prefix ~/.cache/qise/axe-core-VERSION axe-core@VERSION}).
 */
public final class Axe {
    /** The pinned version; .ci/run installs the same one. */
    public static final String VERSION = "4.10.3";

    private final String source;

    private Axe(String source) {
        this.source = source;
    }

    /** The pinned axe-core, or a skip (a failure in CI) naming how to install it. */
    public static Axe load() {
        String env = System.getenv("QISE_AXE_CORE");
        Path file = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "qise", "axe-core-" + VERSION, "node_modules", "axe-core", "axe.min.js");
        Prerequisite.require(Files.isReadable(file), "needs axe-core " + VERSION + " at " + file
                + " (npm install --prefix ~/.cache/qise/axe-core-" + VERSION + " axe-core@" + VERSION + ", or set QISE_AXE_CORE)");
        try {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            if (!source.contains("axe v" + VERSION)) {
                throw new AssertionError(file + " is not axe-core " + VERSION + " (its header: "
                        + source.substring(0, Math.min(80, source.length())) + ")");
            }
            return new Axe(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One rule's finding: its id, impact (minor … critical), and the elements it found. */
    public record Violation(String id, String impact, String help, List<String> targets) {
        @Override
        public String toString() {
            return impact + " " + id + " (" + help + ") at " + targets;
        }
    }

    /** Runs every axe rule on the page the driver shows now. */
    public List<Violation> violations(WebDriver driver) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(source);
        Object raw = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                   .then(r => done(JSON.stringify(r.violations)))
                   .catch(e => done('ERROR ' + e));""");
        String json = String.valueOf(raw);
        if (json.startsWith("ERROR")) throw new AssertionError("axe-core failed: " + json);
        try {
            List<Violation> out = new ArrayList<>();
            for (JsonNode v : new ObjectMapper().readTree(json)) {
                List<String> targets = new ArrayList<>();
                for (JsonNode n : v.path("nodes")) targets.add(n.path("target").toString() + " " + n.path("failureSummary").asText(""));
                out.add(new Violation(v.path("id").asText(), v.path("impact").asText(), v.path("help").asText(), targets));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
