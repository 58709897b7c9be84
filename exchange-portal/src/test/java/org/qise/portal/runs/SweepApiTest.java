package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.cli.QiseMain;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;

/**
 * Sweeps through the API: a grid or a list of points of a parametric circuit runs through the
 * run queue, its downloads are byte for byte what {@code qise sweep} writes with the same seed
 * (run here in this JVM as the independent path), its manifest lists every point, a reproduction
 * is bit-exact, and bad requests are 422 naming the JSON path.
 */
class SweepApiTest {
    private static Path dir;
    private static TestPortal portal;
    private static String token;
    private static String circuit;

    @BeforeAll
    static void start() {
        dir = TestPortal.tempDir();
        portal = TestPortal.startKeeping(Runs.config(dir, Runs.runConfig()));
        User alice = portal.user("sweeper@example.org", Role.FELLOW, null);
        token = portal.token(alice);
        circuit = Runs.circuit(portal, token, "Swept", ParametricRunsTest.PARAMETRIC, "public");
    }

    @AfterAll
    static void stop() {
        portal.close();
        TestPortal.deleteTree(dir);
    }

    private static String cliSweep(String... args) throws IOException {
        return cliSweep(dir, args);
    }

    /** {@code qise sweep FILE ARGS…} on the test circuit in this JVM; returns its standard output. */
    static String cliSweep(Path dir, String... args) throws IOException {
        Path file = Files.createTempFile(dir, "swept", ".qasm");
        Files.writeString(file, ParametricRunsTest.PARAMETRIC);
        List<String> all = new ArrayList<>(List.of("sweep", file.toString()));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = new QiseMain(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), Map.of(), false).execute(all.toArray(String[]::new));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String submit(Map<String, Object> body) {
        var r = portal.json("POST", "/api/v1/circuits/" + circuit + "/sweeps", token, body);
        assertStatus(202, r);
        return parse(r).get("id").asText();
    }

    @Test
    void aGridSweepDownloadsWhatTheCliWritesAndReproducesBitExact() throws IOException {
        java.util.Map<String, Object> grid = new java.util.LinkedHashMap<>();
        grid.put("theta", "0:pi:5");
        grid.put("phi", List.of(0, 0.5));
        String run = submit(Map.of("grid", grid, "expect", List.of("Z0 Z1", "X1"), "shots", 200, "seed", 11));
        JsonNode done = Runs.awaitDone(portal, token, run);

        String[] cliArgs = {"--param", "theta=0:pi:5", "--param", "phi=0,0.5", "--expect", "Z0 Z1", "--expect", "X1", "--shots", "200", "--seed", "11"};
        var csv = portal.get("/api/v1/runs/" + run + "/sweep.csv", token);
        assertStatus(200, csv);
        assertEquals(cliSweep(cliArgs), csv.body(), "the CSV is byte-identical to qise sweep's");
        var jsonl = portal.get("/api/v1/runs/" + run + "/sweep.jsonl", token);
        List<String> jsonlArgs = new ArrayList<>(List.of(cliArgs));
        jsonlArgs.addAll(List.of("--format", "jsonl"));
        assertEquals(cliSweep(jsonlArgs.toArray(String[]::new)), jsonl.body(), "the JSON Lines are byte-identical to qise sweep's");

        JsonNode manifest = done.get("manifest");
        assertEquals("sweep", manifest.get("kind").asText());
        assertEquals(10, manifest.at("/sweep/points").size());
        assertEquals(Math.PI / 4, manifest.at("/sweep/points/2/theta").asDouble(), 0.0, "point 2 is theta = pi/4 (the last parameter varies fastest)");
        assertEquals(0.0, manifest.at("/sweep/points/2/phi").asDouble(), 0.0);
        assertEquals(0.5, manifest.at("/sweep/points/3/phi").asDouble(), 0.0);
        assertEquals(RunSweeps.sha256(csv.body()), done.get("result_sha256").asText(), "the result hash is that of the CSV");

        var view = portal.get("/api/v1/runs/" + run + "/sweep", token);
        assertStatus(200, view);
        assertEquals(10, parse(view).get("results").size());
        // theta = 0, phi = 0: the circuit is the identity on |00>, so <Z0 Z1> = 1 exactly
        assertEquals(1.0, parse(view).at("/results/0/expect/0").asDouble(), 1e-12);

        var reproduced = portal.json("POST", "/api/v1/runs/" + run + "/reproduce", token, Map.of());
        assertStatus(200, reproduced);
        assertEquals("bit-exact", parse(reproduced).get("verdict").asText(), reproduced.body());

        String page = portal.get("/runs/" + run + "/sweep", null).body();
        assertTrue(page.contains("<table") && page.contains("sweep.svg") && page.contains("⟨Z0 Z1⟩"), page);
        String runPage = portal.get("/runs/" + run, null).body();
        assertTrue(runPage.contains("/runs/" + run + "/sweep"), "the run page links to the sweep");
        assertTrue(!runPage.contains("histogram.svg"), "a sweep has no counts of its own to draw");
        var svg = portal.get("/runs/" + run + "/sweep.svg", null);
        assertStatus(200, svg);
        assertTrue(svg.body().startsWith("<svg") || svg.body().startsWith("<?xml"), svg.body());
        assertStatus(200, portal.get("/runs/" + run + "/sweep.csv", null));
    }

    @ParameterizedTest(name = "{0} shots per point: {1}")
    @CsvSource({"0, density-matrix", "3, trajectories", "200, density-matrix"})
    void aNoisySweepDownloadsWhatTheCliWritesUnderTheModelAndReproducesBitExact(long shots, String method) throws IOException {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        java.util.Map<String, Object> grid = new java.util.LinkedHashMap<>(); // the order of the axes is the order of the columns
        grid.put("theta", "0:pi:4");
        grid.put("phi", 0.5);
        body.put("grid", grid);
        body.put("expect", List.of("Z0", "Z0 Z1"));
        body.put("shots", shots);
        body.put("seed", 21);
        body.put("noise_model", "example:depolarizing");
        String run = submit(body);
        JsonNode done = Runs.awaitDone(portal, token, run);

        JsonNode manifest = done.get("manifest");
        assertEquals(method, manifest.get("method").asText(), "fixed when queued: 2^2 states ≤ shots, or no shots at all, is the density matrix");
        assertTrue(manifest.get("noise_model").asText().contains("qise-noise-model/1"), manifest.toString());
        assertEquals(RunSweeps.sha256(manifest.get("noise_model").asText()), manifest.get("noise_model_sha256").asText());
        assertTrue(manifest.at("/sweep/random_streams").asText().contains("trajectories"), manifest.toString());

        var csv = portal.get("/api/v1/runs/" + run + "/sweep.csv", token);
        assertStatus(200, csv);
        assertEquals(cliSweep("--param", "theta=0:pi:4", "--param", "phi=0.5", "--expect", "Z0", "--expect", "Z0 Z1", "--shots", String.valueOf(shots),
                "--seed", "21", "--noise", "example:depolarizing", "--method", method), csv.body(), "byte-identical to qise sweep --noise");
        assertTrue(!csv.body().equals(cliSweep("--param", "theta=0:pi:4", "--param", "phi=0.5", "--expect", "Z0", "--expect", "Z0 Z1",
                "--shots", String.valueOf(shots), "--seed", "21")), "the noise changes the values (and the id)");

        var reproduced = portal.json("POST", "/api/v1/runs/" + run + "/reproduce", token, Map.of());
        assertStatus(200, reproduced);
        assertEquals("bit-exact", parse(reproduced).get("verdict").asText(), reproduced.body());
    }

    @Test
    void aListOfPointsMatchesTheCliWithAPointsFile() throws IOException {
        String run = submit(Map.of("points", List.of(Map.of("theta", 0.3, "phi", 1.0), Map.of("theta", "pi/3", "phi", -0.25)),
                "expect", List.of("Z0"), "seed", 5));
        Runs.awaitDone(portal, token, run);
        Path points = Files.createTempFile(dir, "points", ".csv");
        Files.writeString(points, "theta,phi\n0.3,1.0\npi/3,-0.25\n");
        var csv = portal.get("/api/v1/runs/" + run + "/sweep.csv", token);
        assertEquals(cliSweep("--points", points.toString(), "--expect", "Z0", "--seed", "5"), csv.body());
    }

    @ParameterizedTest(name = "{0} → 422 {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"grid": {"theta": "0:1:3", "gamma": [1]}, "shots": 10}        | grid.gamma: the circuit has no parameter 'gamma'
            {"grid": {"theta": "0:1:0", "phi": 0}, "shots": 10}            | grid.theta: range '0:1:0' for theta has 0 points
            {"grid": {"theta": "0:1:3"}, "shots": 10}                      | grid.phi: the circuit's parameter 'phi' is not swept
            {"grid": {"theta": "0:1:1001", "phi": 0}, "shots": 10}         | grid.theta: the sweep would have 1001 points; at most 1000
            {"grid": {"theta": "0:1:50", "phi": "0:1:50"}, "shots": 10}    | grid.phi: the sweep would have 2500 points
            {"grid": {"theta": "abc", "phi": 0}, "shots": 10}              | grid.theta: 'abc' for theta is not a number
            {"grid": {"theta": [0, true], "phi": 0}, "shots": 10}          | grid.theta[1]: must be a finite number
            {"points": [{"theta": 1, "phi": 2}, {"theta": 1}], "shots": 10} | points[1].phi: no value for parameter 'phi'
            {"points": [{"theta": 1, "phi": 2, "psi": 3}], "shots": 10}   | points[0].psi: the circuit has no parameter 'psi'
            {"shots": 10}                                                  | grid: give either
            {"grid": {"theta": "0:1:1000", "phi": 0}, "shots": 2001}       | shots: 1000 points x 2001 shots exceeds the cap
            {"grid": {"theta": 1, "phi": 0}}                               | expect: nothing to report at each point
            {"grid": {"theta": 1, "phi": 0}, "shots": 5, "noise_model": "example:nope"} | noise_model:
            {"grid": {"theta": 1, "phi": 0}, "shots": 5, "noise_model": "example:depolarizing", "engine": "exact"} | engine 'exact': runs with a noise model use the
            """)
    void badSweepsAreRefusedNamingTheJsonPath(String body, String message) {
        var r = portal.json("POST", "/api/v1/circuits/" + circuit + "/sweeps", token, body);
        assertStatus(422, r);
        assertTrue(r.body().contains(message), r.body());
    }

    @Test
    void aCircuitWithoutParametersHasNothingToSweep() {
        String plain = Runs.circuit(portal, token, "Plain", Runs.SAMPLED, "private");
        var r = portal.json("POST", "/api/v1/circuits/" + plain + "/sweeps", token, Map.of("grid", Map.of("theta", 1), "shots", 10));
        assertStatus(422, r);
        assertTrue(r.body().contains("no parameters to sweep"), r.body());
    }
}
