package org.qise.portal.circuits;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/**
 * Versions have routable URLs of their own, in the API and in pages: by circuit and number
 * (/circuits/{id}/versions/{n}) and by the version's public id (/versions/{versionId}); neither
 * shows a version of a circuit the caller may not see.
 */
class VersionUrlsTest {
    static final String V1 = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nh q[0];\n";
    static final String V2 = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nx q[0];\n";
    private static TestPortal portal;
    private static String owner;
    private static String stranger;
    private static String open;
    private static String hidden;

    @BeforeAll
    static void start() {
        portal = TestPortal.start();
        owner = portal.token(portal.user("versions-owner@example.org", Role.FELLOW, null));
        stranger = portal.token(portal.user("versions-stranger@example.org", Role.FELLOW, null));
        open = create("public");
        hidden = create("private");
    }

    static String create(String visibility) {
        var r = portal.json("POST", "/api/v1/circuits", owner, Map.of("title", "first", "qasm", V1, "visibility", visibility));
        assertStatus(201, r);
        String id = parse(r).get("id").asText();
        assertStatus(200, portal.json("PUT", "/api/v1/circuits/" + id, owner, Map.of("title", "second", "qasm", V2)));
        return id;
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    static JsonNode versionOne(String circuit, String token) {
        for (JsonNode v : parse(portal.get("/api/v1/circuits/" + circuit + "/versions", token))) {
            if (v.get("version").asInt() == 1) return v;
        }
        throw new AssertionError("no version 1");
    }

    @Test
    void anOldVersionHasItsOwnApiUrlByNumberAndByPublicId() {
        JsonNode listed = versionOne(open, null);
        assertEquals("/api/v1/circuits/" + open + "/versions/1", listed.get("url").asText());
        var byNumber = portal.get(listed.get("url").asText(), null);
        assertStatus(200, byNumber);
        JsonNode body = parse(byNumber);
        assertEquals(List.of(1, "first", V1, listed.get("versionId").asText(), listed.get("url").asText()),
                List.of(body.get("version").asInt(), body.get("title").asText(), body.get("qasm").asText(),
                        body.get("versionId").asText(), body.get("versionUrl").asText()));
        var byPublicId = portal.get("/api/v1/versions/" + listed.get("versionId").asText(), null);
        assertStatus(200, byPublicId);
        assertEquals(body, parse(byPublicId));
        // The latest version is a version like any other.
        assertEquals(V2, parse(portal.get("/api/v1/circuits/" + open + "/versions/2", null)).get("qasm").asText());
    }

    @Test
    void versionPagesHaveTheirOwnUrlsAndTheVersionListLinksThem() {
        var page = portal.get("/circuits/" + open + "/versions/1", null);
        assertStatus(200, page);
        assertTrue(page.body().contains("version 1 of 2"), page.body());
        var list = portal.get("/circuits/" + open + "/versions", null);
        assertTrue(list.body().contains("href=\"/circuits/" + open + "/versions/1\""), list.body());
        var byPublicId = portal.get("/versions/" + versionOne(open, null).get("versionId").asText(), null);
        assertStatus(302, byPublicId);
        assertEquals("/circuits/" + open + "/versions/1", byPublicId.headers().firstValue("Location").orElse(""));
    }

    @Test
    void aVersionOfAPrivateCircuitIsFoundOnlyByThoseWhoMaySeeIt() {
        String versionId = versionOne(hidden, owner).get("versionId").asText();
        assertStatus(200, portal.get("/api/v1/versions/" + versionId, owner));
        assertStatus(200, portal.get("/api/v1/circuits/" + hidden + "/versions/1", owner));
        for (String token : new String[] {stranger, null}) {
            assertStatus(404, portal.get("/api/v1/versions/" + versionId, token));
            assertStatus(404, portal.get("/api/v1/circuits/" + hidden + "/versions/1", token));
        }
        // The page redirect would name the circuit: it is a 404 instead.
        var page = portal.get("/versions/" + versionId, null);
        assertStatus(404, page);
        assertTrue(page.headers().firstValue("Location").isEmpty());
    }

    @ParameterizedTest(name = "/versions/{0}")
    @ValueSource(strings = {"0", "3", "-1", "one", "01", "99999999999"})
    void aVersionSegmentThatNamesNoVersionIs404(String segment) {
        assertStatus(404, portal.get("/api/v1/circuits/" + open + "/versions/" + segment, null));
        assertStatus(404, portal.get("/circuits/" + open + "/versions/" + segment, null));
    }

    @ParameterizedTest(name = "/versions/{0}")
    @ValueSource(strings = {"aaaaaaaaaaaa", "12", "not-an-id"})
    void aPublicIdThatNamesNoVersionIs404(String ref) {
        assertStatus(404, portal.get("/api/v1/versions/" + ref, null));
        assertStatus(404, portal.get("/versions/" + ref, null));
    }
}
