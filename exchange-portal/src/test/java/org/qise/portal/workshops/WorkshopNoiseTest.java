package org.qise.portal.workshops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/** Exercises graded under a noise model, against closed forms of the noisy state and distribution. */
class WorkshopNoiseTest {
    private static final String HEADER = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";
    private static final String DEPOLARIZING_02 = "{\"schema\":\"qise-noise-model/1\",\"gate_noise\":[{\"channel\":{\"type\":\"depolarizing\",\"p\":0.2}}]}";
    private static final String BIT_FLIP_01 = "{\"schema\":\"qise-noise-model/1\",\"gate_noise\":[{\"channel\":{\"type\":\"bit_flip\",\"p\":0.1}}]}";
    private static TestPortal portal;
    private static String teacher;
    private static String fellow;
    private static long workshop;

    @BeforeAll
    static void start() {
        portal = TestPortal.start();
        teacher = portal.token(portal.user("teacher@example.org", Role.INSTRUCTOR, null));
        fellow = portal.token(portal.user("ada@example.org", Role.FELLOW, null));
        var created = portal.json("POST", "/api/v1/workshops", teacher, Map.of("title", "Noise 101", "date", "2026-12-03"));
        assertStatus(201, created);
        workshop = parse(created).get("id").asLong();
        assertStatus(200, portal.json("POST", "/api/v1/workshops/join", fellow, Map.of("code", parse(created).get("join_code").asText())));
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    private static long exercise(Map<String, Object> body) {
        var r = portal.json("POST", "/api/v1/workshops/" + workshop + "/exercises", teacher, body);
        assertStatus(201, r);
        return parse(r).get("id").asLong();
    }

    private static JsonNode submit(long exercise, String body) {
        var r = portal.json("POST", "/api/v1/workshops/" + workshop + "/exercises/" + exercise + "/submissions", fellow,
                Map.of("qasm", HEADER + body));
        assertStatus(201, r);
        return parse(r);
    }

    @Test
    void aStateExerciseUnderDepolarizingScoresTheNoisyFidelity() {
        long one = exercise(Map.of("title", "Flip it", "kind", "state", "threshold", 0.85, "noise_model", DEPOLARIZING_02,
                "target", List.of(List.of(0, 0), List.of(1, 0))));
        // x then depolarizing p: ρ = (1 − p)|1⟩⟨1| + p·I/2, so ⟨1|ρ|1⟩ = 1 − p/2 = 0.9
        JsonNode s = submit(one, "qreg q[1];\nx q[0];\n");
        assertEquals(0.9, s.get("score").asDouble(), 1e-12, s.toString());
        assertTrue(s.get("passed").asBoolean());
        // two gates: (1 − p)² of the pure part survives; ⟨1|ρ|1⟩ = 1/2 + (1 − p)²/2 = 0.82, below the threshold
        JsonNode twice = submit(one, "qreg q[1];\nx q[0];\nid q[0];\n");
        assertEquals(0.82, twice.get("score").asDouble(), 1e-12, twice.toString());
        assertTrue(!twice.get("passed").asBoolean());
        var seen = portal.get("/api/v1/workshops/" + workshop, fellow);
        assertTrue(seen.body().contains("noise_model_sha256"), seen.body());
    }

    @Test
    void aDistributionExerciseSamplesUnderTheNoise() {
        Map<String, Object> target = Map.of("0", 0.1, "1", 0.9);
        long noisy = exercise(Map.of("title", "Noisy NOT", "kind", "distribution", "threshold", 0.98, "noise_model", BIT_FLIP_01,
                "target", target));
        long ideal = exercise(Map.of("title", "Ideal NOT", "kind", "distribution", "threshold", 0.98, "target", target));
        JsonNode underNoise = submit(noisy, "qreg q[1];\ncreg c[1];\nx q[0];\nmeasure q -> c;\n");
        // 8192 shots from {0.1, 0.9}: the total variation distance is |f − 0.9| with standard deviation √(0.09/8192) ≈ 0.0033
        assertTrue(underNoise.get("score").asDouble() > 0.985, underNoise.toString());
        assertTrue(underNoise.get("detail").asText().contains("noise model"), underNoise.toString());
        JsonNode withoutNoise = submit(ideal, "qreg q[1];\ncreg c[1];\nx q[0];\nmeasure q -> c;\n");
        assertEquals(0.9, withoutNoise.get("score").asDouble(), 1e-12, "ideal counts are all 1: distance 0.1 from the target");
        JsonNode again = submit(noisy, "qreg q[1];\ncreg c[1];\nx q[0];\nmeasure q -> c;\n");
        assertEquals(underNoise.get("score"), again.get("score"), "the seed is fixed, so a resubmission scores the same");
    }

    @Test
    void noiseIsRefusedWhereItHasNoMeaningOrIsMalformed() {
        var unitary = portal.json("POST", "/api/v1/workshops/" + workshop + "/exercises", teacher, Map.of("title", "NOT", "kind", "unitary",
                "noise_model", "example:depolarizing", "target", List.of(List.of(0, 1), List.of(1, 0))));
        assertStatus(422, unitary);
        assertTrue(unitary.body().contains("noise applies to state and distribution exercises"), unitary.body());
        var bad = portal.json("POST", "/api/v1/workshops/" + workshop + "/exercises", teacher, Map.of("title", "Bad", "kind", "distribution",
                "noise_model", "{\"schema\":\"qise-noise-model/1\",\"gate_noise\":[{\"channel\":{\"type\":\"bit_flip\",\"p\":-1}}]}",
                "target", Map.of("0", 1.0)));
        assertStatus(422, bad);
        assertTrue(bad.body().contains("noise_model: $.gate_noise[0].channel"), bad.body());
    }
}
