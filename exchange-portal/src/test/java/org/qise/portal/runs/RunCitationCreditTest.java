package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/**
 * A run's citation credits everyone its circuit version credits along the fork chain (the
 * original's author first), then whoever ran it, each person once: the same people, in the
 * same order, as the circuit version's own citation.
 */
class RunCitationCreditTest {
    static TestPortal portal;
    static String ada, bob, cy;

    @BeforeAll
    static void start() {
        portal = TestPortal.start(Runs.config(TestPortal.tempDir(), Runs.runConfig()));
        ada = portal.token(portal.user("ada@example.org", Role.FELLOW, null));
        bob = portal.token(portal.user("bob@example.org", Role.FELLOW, null));
        cy = portal.token(portal.user("cy@example.org", Role.FELLOW, null));
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    /** Ada's public circuit, forked by Bob, who edits it (version 2) and shares it: Bob's circuit id. */
    private static String bobsForkOfAdasCircuit() {
        String original = Runs.circuit(portal, ada, "Bell by Ada", Runs.BELL, "public");
        var fork = portal.json("POST", "/api/v1/circuits/" + original + "/fork", bob, "");
        assertStatus(201, fork);
        String forkId = parse(fork).get("id").asText();
        assertStatus(200, portal.json("PUT", "/api/v1/circuits/" + forkId, bob,
                Map.of("title", "Bell by Bob", "qasm", Runs.BELL.replace("h q[0];", "h q[0];\nx q[1];"), "visibility", "public")));
        return forkId;
    }

    private static String citationOfRun(String token, String circuit) {
        String run = Runs.start(portal, token, circuit, Map.of("shots", 50, "seed", 7, "version", 2));
        Runs.awaitDone(portal, token, run);
        var page = portal.get("/runs/" + run, null);
        assertStatus(200, page);
        assertTrue(page.body().contains("@misc{qise-run-" + run), "the run page cites the run");
        return page.body();
    }

    @Test
    void aRunOfAForkCreditsTheOriginalsAuthorThenTheForkerThenTheRunner() {
        String page = citationOfRun(cy, bobsForkOfAdasCircuit());
        assertTrue(page.contains("author       = {Name of ada@example.org and Name of bob@example.org and Name of cy@example.org}"), page);
        assertTrue(page.contains("  - name: &#34;Name of ada@example.org&#34;\n  - name: &#34;Name of bob@example.org&#34;\n"
                + "  - name: &#34;Name of cy@example.org&#34;\n") || page.contains("  - name: \"Name of ada@example.org\"\n"
                + "  - name: \"Name of bob@example.org\"\n  - name: \"Name of cy@example.org\"\n"), page);
    }

    @Test
    void aRunnerWhoIsAlreadyCreditedIsNamedOnceAtTheirFirstPlace() {
        String page = citationOfRun(ada, bobsForkOfAdasCircuit());
        assertTrue(page.contains("author       = {Name of ada@example.org and Name of bob@example.org}"), page);
    }
}
