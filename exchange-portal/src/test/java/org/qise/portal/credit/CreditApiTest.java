package org.qise.portal.credit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;
import org.yaml.snakeyaml.Yaml;

/** Licences, credit along fork chains, stars and "cite this circuit version", through the JSON API. */
class CreditApiTest {
    static final String QASM = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n";

    static TestPortal portal;
    static String ada, bob, cy;

    @BeforeAll
    static void start() {
        portal = TestPortal.start();
        ada = portal.token(portal.user("ada@example.org", Role.FELLOW, null));
        bob = portal.token(portal.user("bob@example.org", Role.FELLOW, null));
        cy = portal.token(portal.user("cy@example.org", Role.FELLOW, null));
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    static String create(String token, String title, String visibility, String license) {
        var body = new java.util.LinkedHashMap<String, Object>(Map.of("title", title, "visibility", visibility, "qasm", QASM));
        if (license != null) body.put("license", license);
        var r = portal.json("POST", "/api/v1/circuits", token, body);
        assertStatus(201, r);
        return parse(r).get("id").asText();
    }

    static JsonNode get(String path, String token) {
        var r = portal.get(path, token);
        assertStatus(200, r);
        return parse(r);
    }

    @Test
    void aCircuitWithoutAChosenLicenceIsCcBy4() {
        String id = create(ada, "default licence", "public", null);
        JsonNode c = get("/api/v1/circuits/" + id, null);
        assertEquals("CC-BY-4.0", c.get("license").get("id").asText());
        assertEquals("https://spdx.org/licenses/CC-BY-4.0", c.get("license").get("url").asText());
    }

    @ParameterizedTest(name = "{0} is stored as {1}")
    @CsvSource({"CC0-1.0, CC0-1.0", "mit, MIT", "Apache-2.0, Apache-2.0", "cc-by-sa-4.0, CC-BY-SA-4.0"})
    void aChosenLicenceIsShownInTheCircuitAndItsCredit(String given, String spdx) {
        String id = create(ada, "licensed " + given, "public", given);
        assertEquals(spdx, get("/api/v1/circuits/" + id, null).get("license").get("id").asText());
        assertEquals(spdx, get("/api/v1/circuits/" + id + "/credit", null).get("license").get("id").asText());
    }

    @ParameterizedTest(name = "licence \"{0}\" is refused")
    @CsvSource({"GPL-3.0-only", "CC-BY-4.0-or-whatever", "proprietary"})
    void anUnknownLicenceIsRefusedNamingTheFieldAndCreatesNothing(String license) {
        int before = parse(portal.get("/api/v1/circuits?limit=200", ada)).size();
        var r = portal.json("POST", "/api/v1/circuits", ada, Map.of("title", "bad", "visibility", "public", "qasm", QASM, "license", license));
        assertStatus(422, r);
        String error = parse(r).get("error").asText();
        assertTrue(error.startsWith("license: '" + license + "'"), error);
        assertTrue(error.contains("CC-BY-4.0") && error.contains("MIT"), error);
        assertEquals(before, parse(portal.get("/api/v1/circuits?limit=200", ada)).size());
    }

    @Test
    void theAllowedLicencesAreListed() {
        JsonNode list = get("/api/v1/licenses", null);
        List<String> ids = new ArrayList<>();
        list.forEach(l -> ids.add(l.get("id").asText()));
        assertEquals("CC-BY-4.0", ids.getFirst());
        assertTrue(ids.containsAll(List.of("CC0-1.0", "MIT", "Apache-2.0", "CC-BY-SA-4.0")), ids.toString());
    }

    @Test
    void aForkOfAForkCreditsTheWholeChainAndKeepsTheLicence() {
        String original = create(ada, "Bell origin", "public", "MIT");
        String forkB = parse(portal.json("POST", "/api/v1/circuits/" + original + "/fork", bob, "")).get("id").asText();
        // Bob edits his fork (version 2) and shares it; Cy forks Bob's version 2.
        assertStatus(200, portal.json("PUT", "/api/v1/circuits/" + forkB, bob,
                Map.of("title", "Bell by Bob", "qasm", QASM.replace("h q[0];", "h q[0];\nx q[1];"), "visibility", "public")));
        String forkC = parse(portal.json("POST", "/api/v1/circuits/" + forkB + "/fork", cy, Map.of("version", 2))).get("id").asText();

        JsonNode credit = get("/api/v1/circuits/" + forkC + "/credit", cy);
        List<String> authors = new ArrayList<>();
        credit.get("authors").forEach(a -> authors.add(a.get("name").asText()));
        assertEquals(List.of("Name of ada@example.org", "Name of bob@example.org", "Name of cy@example.org"), authors);
        assertEquals("MIT", credit.get("license").get("id").asText(), "a fork keeps its origin's licence");
        JsonNode chain = credit.get("forkChain");
        assertEquals(3, chain.size());
        assertEquals(forkC, chain.get(0).get("id").asText());
        assertEquals(forkB, chain.get(1).get("id").asText());
        assertEquals(2, chain.get(1).get("version").asInt());
        assertEquals(original, chain.get(2).get("id").asText());
        assertEquals(1, chain.get(2).get("version").asInt());

        // The circuit JSON carries the same authors; the origins count their forks.
        assertEquals(3, get("/api/v1/circuits/" + forkC, cy).get("authors").size());
        assertEquals(1, get("/api/v1/circuits/" + original, null).get("forks").asLong());
        assertEquals(1, get("/api/v1/circuits/" + forkB + "/credit", null).get("forks").asLong());

        JsonNode cite = get("/api/v1/circuits/" + forkC + "/citation", cy);
        assertTrue(cite.get("bibtex").asText().contains(
                "author       = {Name of ada@example.org and Name of bob@example.org and Name of cy@example.org}"), cite.get("bibtex").asText());
        List<String> risAuthors = cite.get("ris").asText().lines().filter(l -> l.startsWith("AU  - ")).map(l -> l.substring(6)).toList();
        assertEquals(authors, risAuthors);
    }

    @Test
    void aHiddenOriginIsStillCreditedButNotNamed() {
        String original = create(ada, "secret origin", "public", null);
        String fork = parse(portal.json("POST", "/api/v1/circuits/" + original + "/fork", bob, "")).get("id").asText();
        assertStatus(200, portal.json("PUT", "/api/v1/circuits/" + original, ada, Map.of("title", "now private", "qasm", QASM,
                "visibility", "private")));
        JsonNode credit = get("/api/v1/circuits/" + fork + "/credit", bob);
        assertTrue(credit.get("forkChain").get(1).get("id").isNull(), credit.toString());
        assertTrue(credit.get("forkChain").get(1).get("title").isNull(), credit.toString());
        assertEquals("Name of ada@example.org", credit.get("authors").get(0).get("name").asText());
    }

    @Test
    void starringIsPerPersonAndIdempotent() {
        String id = create(ada, "starred", "public", null);
        String path = "/api/v1/circuits/" + id + "/star";
        assertEquals(1, parse(portal.json("PUT", path, bob, "")).get("stars").asLong());
        assertEquals(1, parse(portal.json("PUT", path, bob, "")).get("stars").asLong(), "starring twice counts once");
        assertEquals(2, parse(portal.json("PUT", path, cy, "")).get("stars").asLong());
        assertTrue(get("/api/v1/circuits/" + id + "/credit", bob).get("starred").asBoolean());
        assertFalse(get("/api/v1/circuits/" + id + "/credit", ada).get("starred").asBoolean());
        assertEquals(id, get("/api/v1/me/stars", bob).get(0).get("id").asText(), "the latest star comes first");
        assertEquals("starred", get("/api/v1/me/stars", bob).get(0).get("title").asText());
        var un = portal.json("DELETE", path, bob, "");
        assertStatus(200, un);
        assertEquals(1, parse(un).get("stars").asLong());
        assertEquals(1, parse(portal.json("DELETE", path, bob, "")).get("stars").asLong(), "unstarring twice changes nothing");
        assertEquals(1, get("/api/v1/circuits/" + id, null).get("stars").asLong());
        assertStatus(401, portal.json("PUT", path, null, ""));
    }

    @Test
    void theStarsPageListsStarredCircuitsWhileTheyStayVisible() {
        String id = create(ada, "Starred then hidden", "public", null);
        assertStatus(200, portal.json("PUT", "/api/v1/circuits/" + id + "/star", cy, ""));
        var browser = new org.qise.portal.Browser(portal);
        browser.login("cy@example.org", TestPortal.PASSWORD);
        var page = browser.get("/stars");
        assertStatus(200, page);
        assertTrue(page.body().contains("<a href=\"/circuits/" + id + "\">Starred then hidden</a>"), page.body());
        assertStatus(200, portal.json("PUT", "/api/v1/circuits/" + id, ada, Map.of("title", "hidden", "qasm", QASM, "visibility", "private")));
        assertFalse(browser.get("/stars").body().contains(id), "a circuit made private leaves the list");
        assertFalse(get("/api/v1/me/stars", cy).toString().contains(id));
    }

    @Test
    void someoneElsesPrivateCircuitCannotBeStarredOrCited() {
        String id = create(ada, "private", "private", null);
        assertStatus(404, portal.json("PUT", "/api/v1/circuits/" + id + "/star", bob, ""));
        assertStatus(404, portal.get("/api/v1/circuits/" + id + "/credit", bob));
        assertStatus(404, portal.get("/api/v1/circuits/" + id + "/citation", bob));
        assertStatus(404, portal.get("/circuits/" + id + "/citation.bib", null));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCffCitationIsValidYamlWithTheFieldsCffRequires() {
        String id = create(ada, "Bell: \"quoted\" # not a comment", "public", "CC0-1.0");
        var r = portal.get("/circuits/" + id + "/citation.cff?version=1", null);
        assertStatus(200, r);
        assertTrue(r.headers().firstValue("Content-Disposition").orElse("").contains("CITATION.cff"));
        Map<String, Object> cff = new Yaml().load(r.body());
        // CFF 1.2.0 requires cff-version, message, title and authors.
        assertEquals("1.2.0", cff.get("cff-version"));
        assertTrue(cff.get("message") instanceof String m && !m.isBlank());
        assertEquals("Bell: \"quoted\" # not a comment (version 1)", cff.get("title"));
        var authors = (List<Map<String, Object>>) cff.get("authors");
        assertEquals("Name of ada@example.org", authors.getFirst().get("name"));
        assertEquals("Test University", authors.getFirst().get("affiliation"));
        assertEquals("CC0-1.0", cff.get("license"));
        assertEquals("1", cff.get("version"));
        assertTrue(String.valueOf(cff.get("url")).endsWith("/circuits/" + id + "?version=1"));
    }

    @Test
    void theRisCitationIsOneTagPerLineEndingWithEr() {
        String id = create(ada, "RIS title", "public", null);
        var r = portal.get("/circuits/" + id + "/citation.ris", null);
        assertStatus(200, r);
        List<String> lines = r.body().lines().toList();
        assertEquals("TY  - COMP", lines.getFirst());
        assertEquals("ER  - ", lines.getLast());
        // RIS: two upper-case letters or a letter and a digit, two spaces, a hyphen, a space.
        lines.forEach(l -> assertTrue(l.matches("[A-Z][A-Z0-9]  - .*"), l));
        assertTrue(lines.contains("TI  - RIS title (version 1)"), lines.toString());
    }
}
