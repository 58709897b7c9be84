package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qise.circuit.Circuit;
import org.qise.portal.PortalException;
import org.qise.portal.TestPortal;
import org.qise.portal.circuits.CircuitDraft;
import org.qise.portal.circuits.QasmCheck;
import org.qise.portal.circuits.Visibility;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;

/**
 * The sweep service without HTTP: the points a request names, the values each point is bound
 * to, and the expectation values against closed forms. For the test circuit (ry(θ) q0; h, rz(2φ),
 * h on q1; cx q0, q1) ⟨Z0⟩ = cos θ and ⟨Z0 Z1⟩ = cos 2φ (the cx turns Z0 Z1 into Z1).
 */
class SweepServiceTest {
    private static java.nio.file.Path dir;
    private static TestPortal portal;
    private static User alice;
    private static long circuitId;

    @BeforeAll
    static void start() {
        dir = TestPortal.tempDir();
        portal = TestPortal.startKeeping(Runs.config(dir, Runs.runConfig()));
        alice = portal.user("service-sweeper@example.org", Role.FELLOW, null);
        circuitId = portal.server.services().circuits().create(alice,
                new CircuitDraft("Swept", "", ParametricRunsTest.PARAMETRIC, Visibility.PRIVATE, List.of()));
    }

    @AfterAll
    static void stop() {
        portal.close();
        TestPortal.deleteTree(dir);
    }

    private static JsonNode json(String text) {
        return RunJson.readTree(text);
    }

    @Test
    void everyPointIsBoundToItsGridValuesAndMatchesTheClosedForms() {
        RunService runs = portal.server.services().runs();
        long id = runs.submitSweep(alice, circuitId, new RunService.RunRequest(null, 0L, 3L, null, List.of("Z0", "Z0 Z1")),
                json("{\"grid\": {\"theta\": \"0:2*pi:7\", \"phi\": [0.25, -1]}}"));
        assertTrue(runs.awaitEnd(id, Duration.ofMinutes(1)));
        RunService.SweepView v = runs.sweep(alice, id).orElseThrow();
        assertEquals(RunStatus.DONE, v.run().status(), v.run().message());
        assertEquals(14, v.points().size());
        for (RunSweeps.Point p : v.points()) {
            double theta = 2 * Math.PI * (p.index() / 2) / 6, phi = p.index() % 2 == 0 ? 0.25 : -1;
            assertEquals(theta, p.parameters().get("theta"), 1e-15, "point " + p.index());
            assertEquals(phi, p.parameters().get("phi"), 0.0, "point " + p.index());
            assertEquals(Math.cos(theta), p.expectations()[0], 1e-12, "<Z0> at point " + p.index());
            assertEquals(Math.cos(2 * phi), p.expectations()[1], 1e-12, "<Z0 Z1> at point " + p.index());
        }
        assertTrue(runs.sweep(alice, runs.submit(alice, circuitId, new RunService.RunRequest(null, 10L, 1L, null, List.of(), null,
                Map.of("theta", 0.1, "phi", 0.2)))).isEmpty(), "an ordinary run is not a sweep");
    }

    @Test
    void aNoisySweepShrinksTheBlochVectorOfTheNoisyQubitOnly() {
        // depolarizing p = 0.2 after ry only: qubit 0's Bloch vector shrinks by 1 − p, <Z0 Z1> = <Z1> before the cx is untouched
        String model = "{\"schema\":\"qise-noise-model/1\",\"gate_noise\":[{\"gates\":[\"ry\"],\"channel\":{\"type\":\"depolarizing\",\"p\":0.2}}]}";
        RunService runs = portal.server.services().runs();
        long id = runs.submitSweep(alice, circuitId, new RunService.RunRequest(null, 0L, 3L, null, List.of("Z0", "Z0 Z1"), model, null),
                json("{\"grid\": {\"theta\": \"0:pi:5\", \"phi\": [0.25]}}"));
        assertTrue(runs.awaitEnd(id, Duration.ofMinutes(1)));
        RunService.SweepView v = runs.sweep(alice, id).orElseThrow();
        assertEquals(RunStatus.DONE, v.run().status(), v.run().message());
        assertEquals("density-matrix", v.run().noiseMethod(), "no shots: expectation values come from the exact density matrix");
        for (RunSweeps.Point p : v.points()) {
            double theta = Math.PI * p.index() / 4;
            assertEquals(0.8 * Math.cos(theta), p.expectations()[0], 1e-12, "<Z0> at point " + p.index());
            assertEquals(Math.cos(0.5), p.expectations()[1], 1e-12, "<Z0 Z1> at point " + p.index());
        }
    }

    @Test
    void theSameSeedGivesTheSameRowsAndAnotherSeedOtherCounts() {
        RunService runs = portal.server.services().runs();
        JsonNode body = json("{\"points\": [{\"theta\": 1.1, \"phi\": 0.3}, {\"theta\": 2, \"phi\": 0}]}");
        long a = runs.submitSweep(alice, circuitId, new RunService.RunRequest(null, 500L, 8L, null, List.of()), body);
        long b = runs.submitSweep(alice, circuitId, new RunService.RunRequest(null, 500L, 8L, null, List.of()), body);
        long c = runs.submitSweep(alice, circuitId, new RunService.RunRequest(null, 500L, 9L, null, List.of()), body);
        for (long id : new long[]{a, b, c}) assertTrue(runs.awaitEnd(id, Duration.ofMinutes(1)));
        List<String> rowsA = runs.sweep(alice, a).orElseThrow().points().stream().map(RunSweeps.Point::csvRow).toList();
        List<String> rowsB = runs.sweep(alice, b).orElseThrow().points().stream().map(RunSweeps.Point::csvRow).toList();
        List<String> rowsC = runs.sweep(alice, c).orElseThrow().points().stream().map(RunSweeps.Point::csvRow).toList();
        assertEquals(rowsA, rowsB);
        assertTrue(!rowsA.equals(rowsC), "seed 9 samples other counts than seed 8");
    }

    @Test
    void aSpecSurvivesItsStoredJson() {
        Circuit c = QasmCheck.parse(ParametricRunsTest.PARAMETRIC);
        RunSweeps.Spec grid = RunSweeps.read(json("{\"grid\": {\"phi\": \"0:1:3\", \"theta\": [0.5, 0.1]}}"), c);
        RunSweeps.Spec back = RunSweeps.Spec.fromJson(grid.json());
        assertEquals(List.of("phi", "theta"), back.names());
        assertEquals(6, back.points().size());
        assertArrayEquals(new double[]{0.5, 0.1}, back.axes().get(1).values());
        RunSweeps.Spec list = RunSweeps.read(json("{\"points\": [{\"phi\": \"pi/2\", \"theta\": 1e-3}]}"), c);
        assertEquals(List.of("theta", "phi"), list.names(), "explicit points take the circuit's order");
        assertArrayEquals(new double[]{1e-3, Math.PI / 2}, RunSweeps.Spec.fromJson(list.json()).rows()[0]);
    }

    @Test
    void aRequestWithBothGridAndPointsIsRefused() {
        Circuit c = QasmCheck.parse(ParametricRunsTest.PARAMETRIC);
        var e = assertThrows(PortalException.class, () -> RunSweeps.read(json("{\"grid\": {\"theta\": 1, \"phi\": 1}, \"points\": []}"), c));
        assertEquals(422, e.status());
    }
}
