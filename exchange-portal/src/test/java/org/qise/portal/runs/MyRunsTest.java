package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qise.portal.Browser;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/**
 * "My runs": a person's own runs with their place in the fair queue, status and duration; the
 * sign-in that leads back to it; and forms that answer 303 so a reload never posts twice.
 */
class MyRunsTest {
    @Test
    void myRunsShowsEachRunsPlaceInTheFairQueueAndHowLongItTook() {
        try (TestPortal portal = Runs.portal()) {
            String alice = portal.token(portal.user("alice@example.org", Role.FELLOW, null));
            String bob = portal.token(portal.user("bob@example.org", Role.FELLOW, null));
            String slow = Runs.circuit(portal, alice, "Slow twelve qubits", Runs.slow(), "public");
            String bell = Runs.circuit(portal, alice, "Bell pair", Runs.BELL, "public");
            // The one worker is busy with alice's slow run, so the next two wait.
            String running = Runs.start(portal, alice, slow, Runs.SLOW_RUN);
            Runs.await(portal, alice, running, "running");
            String alicesSecond = Runs.start(portal, alice, bell, Map.of("shots", 100, "seed", 4));
            String bobsFirst = Runs.start(portal, bob, bell, Map.of("shots", 100, "seed", 5));

            Browser a = new Browser(portal);
            assertStatus(303, a.login("alice@example.org", TestPortal.PASSWORD));
            String page = a.get("/me/runs").body();
            // Alice was served last, so bob's run, though queued after hers, goes first.
            assertEquals("number 2 in the queue", positionOf(page, alicesSecond));
            assertTrue(page.contains("2 runs wait in the queue"), page);
            assertTrue(entryOf(page, running).contains("running for"), page);
            assertTrue(entryOf(page, running).contains("<time class=\"when\" datetime=\""), "a machine-readable time: " + page);
            assertTrue(page.contains("<meta http-equiv=\"refresh\""), "it refreshes while runs wait");
            assertFalse(page.contains(bobsFirst), "only her own runs");

            Browser b = new Browser(portal);
            assertStatus(303, b.login("bob@example.org", TestPortal.PASSWORD));
            String bobsPage = b.get("/me/runs").body();
            assertEquals("number 1 in the queue", positionOf(bobsPage, bobsFirst));
            assertFalse(bobsPage.contains(running), "not alice's runs");
            // The same through the API, for scripts that wait on their runs.
            var api = TestPortal.parse(portal.get("/api/v1/me/runs", bob));
            assertEquals(1, api.size(), api.toString());
            assertEquals(bobsFirst, api.get(0).get("id").asText());
            assertEquals(1, api.get(0).get("queuePosition").asInt());
            assertEquals("Bell pair", api.get(0).get("circuitTitle").asText());
            assertStatus(401, portal.get("/api/v1/me/runs", null));

            // Cancelling asks first (a page, no script needed); nothing happens until it is confirmed.
            var asked = a.submit("/runs/" + running, "/runs/" + running + "/cancel", Map.of());
            assertStatus(200, asked);
            assertTrue(asked.body().contains("Cancel run " + running + "?") && asked.body().contains("name=\"confirm\" value=\"yes\""),
                    asked.body());
            assertEquals("running", Runs.get(portal, alice, running).get("status").asText());
            // Confirmed, it answers 303: reloading shows the run's page, not the form again.
            var cancelled = a.submit("/runs/" + running, "/runs/" + running + "/cancel", Map.of("confirm", "yes"));
            assertStatus(303, cancelled);
            assertEquals("/runs/" + running, cancelled.headers().firstValue("Location").orElseThrow());
            Runs.awaitDone(portal, bob, bobsFirst);
            Runs.awaitDone(portal, alice, alicesSecond);
            String after = a.get("/me/runs").body();
            assertTrue(entryOf(after, alicesSecond).contains("took"), after);
            assertTrue(entryOf(after, alicesSecond).contains("done"), after);
            assertTrue(entryOf(after, running).contains("cancelled"), after);
            assertFalse(after.contains("in the queue</span>"), "nothing of hers waits now");
            assertFalse(after.contains("http-equiv=\"refresh\""), "nothing left to follow");
        }
    }

    @Test
    void aVisitorIsSentToSignInAndThenBackToMyRuns() {
        try (TestPortal portal = TestPortal.start()) {
            portal.user("carol@example.org", Role.FELLOW, null);
            Browser c = new Browser(portal);
            var asked = c.get("/me/runs?x=1");
            assertStatus(302, asked);
            String login = asked.headers().firstValue("Location").orElseThrow();
            assertEquals("/login?next=%2Fme%2Fruns%3Fx%3D1", login);
            assertTrue(c.get(login).body().contains("name=\"next\" value=\"/me/runs?x=1\""), "the form carries the way back");
            var signedIn = c.submit(login, "/login", Map.of("email", "carol@example.org", "password", TestPortal.PASSWORD,
                    "next", "/me/runs?x=1"));
            assertEquals("/me/runs?x=1", signedIn.headers().firstValue("Location").orElseThrow());
            assertStatus(200, c.get("/me/runs"));
        }
    }

    @ParameterizedTest(name = "next={0}")
    @ValueSource(strings = {"//evil.example/me/runs", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"})
    void signingInNeverLeadsToAnotherSite(String next) {
        try (TestPortal portal = TestPortal.start()) {
            portal.user("dave@example.org", Role.FELLOW, null);
            Browser d = new Browser(portal);
            String form = d.get("/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8)).body();
            assertFalse(form.contains("evil") || form.contains("javascript:"), "the address is not echoed into the form");
            var signedIn = d.submit("/login", "/login", Map.of("email", "dave@example.org", "password", TestPortal.PASSWORD, "next", next));
            assertStatus(303, signedIn);
            assertEquals("/", signedIn.headers().firstValue("Location").orElseThrow());
        }
    }

    /** The entry of the list that links to this run. */
    private static String entryOf(String page, String runId) {
        Matcher m = Pattern.compile("<li class=\"run[^\"]*\">\\s*<a class=\"title\" href=\"/runs/" + runId + "\">.*?</li>",
                Pattern.DOTALL).matcher(page);
        if (!m.find()) throw new AssertionError("run " + runId + " not listed:\n" + page);
        return m.group();
    }

    private static String positionOf(String page, String runId) {
        Matcher m = Pattern.compile("<span class=\"position\">([^<]*)</span>").matcher(entryOf(page, runId));
        if (!m.find()) throw new AssertionError("no queue position for run " + runId + ":\n" + entryOf(page, runId));
        return m.group(1);
    }
}
