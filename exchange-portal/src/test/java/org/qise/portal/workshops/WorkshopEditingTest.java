package org.qise.portal.workshops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.portal.Browser;
import org.qise.portal.PortalException;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;
import org.qise.portal.people.UserService.Registration;

/**
 * Workshops an instructor can run (issue 16, item 7): editing the workshop and its exercises,
 * the submission window, each participant's circuits, and the results as CSV; through the
 * service, the API and the pages.
 */
class WorkshopEditingTest {
    private static final String HEADER = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";
    private static final String BELL = HEADER + "qreg q[2];\nh q[0];\ncx q[0],q[1];\n";

    @Test
    void theInstructorOrAnAdminEditsTheWorkshopAndItsExercisesAndNobodyElse() {
        try (TestPortal portal = TestPortal.start()) {
            User teacher = portal.user("teacher@example.org", Role.INSTRUCTOR, null);
            User admin = portal.user("admin@example.org", Role.ADMIN, null);
            User ada = portal.user("ada@example.org", Role.FELLOW, null);
            User other = portal.user("other@example.org", Role.INSTRUCTOR, null);
            WorkshopService service = portal.server.services().workshops();
            var w = service.create(teacher, "Draft", "2026-12-01", null);
            service.join(ada, w.joinCode());
            long first = service.addExercise(teacher, w.id(), "First", "", Target.checker("minus-state"), null);
            long second = service.addExercise(teacher, w.id(), "Second", "", Target.checker("singlet"), null);
            long third = service.addExercise(teacher, w.id(), "Third", "", Target.checker("minus-state"), null);

            Instant opens = Instant.parse("2026-12-01T09:00:00Z");
            var edited = service.update(teacher, w.id(), " Entanglement day ", "Bring a **laptop**.", "2026-12-02", opens, null);
            assertEquals("Entanglement day", edited.title());
            assertEquals("Bring a **laptop**.", edited.description());
            assertEquals("2026-12-02", edited.heldOn());
            assertEquals(opens, edited.opensAt());
            assertEquals(w.joinCode(), edited.joinCode(), "the join code people hold stays");
            assertEquals("Admin's title", service.update(admin, w.id(), "Admin's title", "", "2026-12-02", null, null).title());

            PortalException byParticipant = assertThrows(PortalException.class,
                    () -> service.update(ada, w.id(), "Mine", "", "2026-12-02", null, null));
            assertEquals(403, byParticipant.status());
            assertEquals(404, assertThrows(PortalException.class,
                    () -> service.update(other, w.id(), "Mine", "", "2026-12-02", null, null)).status(), "a stranger does not learn it exists");
            assertEquals(403, assertThrows(PortalException.class,
                    () -> service.updateExercise(ada, w.id(), first, "x", "", Target.checker("singlet"), null, null)).status());

            var changed = service.updateExercise(teacher, w.id(), second, "Singlet, please", "Make (|01⟩−|10⟩)/√2.",
                    Target.state(List.of(new double[] {0, 0}, new double[] {Math.sqrt(0.5), 0}, new double[] {-Math.sqrt(0.5), 0},
                            new double[] {0, 0})), 0.95, null);
            assertEquals("Singlet, please", changed.title());
            assertEquals(TargetKind.STATE, changed.target().kind());
            assertEquals(0.95, changed.threshold());

            assertEquals(List.of(first, second, third), ids(service.exercises(teacher, w.id())));
            assertEquals(List.of(third, first, second), ids(service.reorder(teacher, w.id(), List.of(third, first, second))));
            assertEquals(List.of(third, second, first), ids(service.move(teacher, w.id(), second, -1)));
            assertEquals(List.of(third, second, first), ids(service.move(teacher, w.id(), first, 1)), "the last one stays last");
            assertEquals(List.of(third, second, first), ids(service.exercises(ada, w.id())), "participants see the new order");
            assertEquals(422, assertThrows(PortalException.class,
                    () -> service.reorder(teacher, w.id(), List.of(first, second))).status(), "an order must name every exercise");
            long added = service.addExercise(teacher, w.id(), "Fourth", "", Target.checker("singlet"), null);
            assertEquals(List.of(third, second, first, added), ids(service.exercises(teacher, w.id())), "a new exercise comes last");
        }
    }

    @Test
    void submissionsBeforeOpeningOrAfterClosingAreRefusedWithWhen() {
        try (TestPortal portal = TestPortal.start()) {
            String t = portal.token(portal.user("teacher@example.org", Role.INSTRUCTOR, null));
            String ada = portal.token(portal.user("ada@example.org", Role.FELLOW, null));
            var created = parse(portal.json("POST", "/api/v1/workshops", t, Map.of("title", "Timed", "date", "2026-12-01")));
            long id = created.get("id").asLong();
            assertStatus(200, portal.json("POST", "/api/v1/workshops/join", ada, Map.of("code", created.get("join_code").asText())));
            long bell = exercise(portal, t, id, Map.of("title", "Bell", "kind", "state", "reference_qasm", BELL));

            Instant hourAgo = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
            Instant inAnHour = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
            var later = portal.json("PATCH", "/api/v1/workshops/" + id, t, Map.of("opens_at", inAnHour.toString()));
            assertStatus(200, later);
            assertEquals(inAnHour.toString(), parse(later).get("opens_at").asText(), "stored and given back in UTC");
            assertFalse(parse(later).get("open_now").asBoolean());
            assertEquals("Timed", parse(later).get("title").asText(), "fields a PATCH leaves out keep their values");
            var early = portal.json("POST", "/api/v1/workshops/" + id + "/exercises/" + bell + "/submissions", ada, Map.of("qasm", BELL));
            assertStatus(409, early);
            assertTrue(parse(early).get("error").asText().contains("takes submissions from " + SubmissionWindow.shown(inAnHour)),
                    parse(early).get("error").asText());
            // The instructor may still try an exercise out before the room can.
            assertStatus(201, portal.json("POST", "/api/v1/workshops/" + id + "/exercises/" + bell + "/submissions", t, Map.of("qasm", BELL)));

            Map<String, Object> closed = new HashMap<>();
            closed.put("opens_at", null);
            closed.put("closes_at", hourAgo.atOffset(java.time.ZoneOffset.ofHours(2)).toString()); // another offset, same instant
            var past = portal.json("PATCH", "/api/v1/workshops/" + id, t, closed);
            assertStatus(200, past);
            assertTrue(parse(past).get("opens_at").isNull());
            assertEquals(hourAgo.toString(), parse(past).get("closes_at").asText());
            var late = portal.json("POST", "/api/v1/workshops/" + id + "/exercises/" + bell + "/submissions", ada, Map.of("qasm", BELL));
            assertStatus(409, late);
            assertTrue(parse(late).get("error").asText().contains("closed for submissions at " + SubmissionWindow.shown(hourAgo)));

            var backwards = portal.json("PATCH", "/api/v1/workshops/" + id, t, Map.of("opens_at", inAnHour.toString(), "closes_at", hourAgo.toString()));
            assertStatus(400, backwards);
            assertTrue(parse(backwards).get("error").asText().contains("must be after opens_at"));
            var unreadable = portal.json("PATCH", "/api/v1/workshops/" + id, t, Map.of("closes_at", "next friday"));
            assertStatus(400, unreadable);
            assertTrue(parse(unreadable).get("error").asText().startsWith("closes_at: 'next friday'"));

            Map<String, Object> open = new HashMap<>();
            open.put("closes_at", null);
            assertStatus(200, portal.json("PATCH", "/api/v1/workshops/" + id, t, open));
            assertStatus(201, portal.json("POST", "/api/v1/workshops/" + id + "/exercises/" + bell + "/submissions", ada, Map.of("qasm", BELL)));

            // The page says when it closed and takes no submission.
            assertStatus(200, portal.json("PATCH", "/api/v1/workshops/" + id, t, Map.of("closes_at", hourAgo.toString())));
            portal.user("bob@example.org", Role.FELLOW, null);
            Browser bob = new Browser(portal);
            assertStatus(302, bob.login("ada@example.org", TestPortal.PASSWORD));
            String page = bob.get("/workshops/" + id).body();
            assertTrue(page.contains("Submissions close " + SubmissionWindow.shown(hourAgo)), page);
            assertTrue(page.contains("Submissions are not being taken now."), page);
        }
    }

    @Test
    void aWorkshopMayBeCreatedWithItsWindowAndTheEditFormKeepsWhatWasTypedOnError() {
        try (TestPortal portal = TestPortal.start()) {
            String t = portal.token(portal.user("teacher@example.org", Role.INSTRUCTOR, null));
            var bad = portal.json("POST", "/api/v1/workshops", t, Map.of("title", "Bad", "date", "2026-12-01", "closes_at", "soon"));
            assertStatus(400, bad);
            assertTrue(parse(bad).get("error").asText().startsWith("closes_at: 'soon'"));
            assertEquals(0, parse(portal.get("/api/v1/workshops", t)).size(), "a refused time creates nothing");
            var made = portal.json("POST", "/api/v1/workshops", t, Map.of("title", "Timed", "date", "2026-12-01",
                    "description", "Hello", "opens_at", "2026-12-01T09:00", "closes_at", "2026-12-01T17:00:00Z"));
            assertStatus(201, made);
            long id = parse(made).get("id").asLong();
            assertEquals("2026-12-01T09:00:00Z", parse(made).get("opens_at").asText());
            assertEquals("Hello", parse(made).get("description").asText());

            Browser lead = new Browser(portal);
            assertStatus(302, lead.login("teacher@example.org", TestPortal.PASSWORD));
            assertTrue(lead.get("/workshops").body().contains("Submissions open 2026-12-01 09:00 UTC and close 2026-12-01 17:00 UTC."));
            String edit = "/workshops/" + id + "/edit";
            assertTrue(lead.get(edit).body().contains("value=\"2026-12-01T17:00\""), "the form shows the stored time as UTC");
            var refused = lead.submit(edit, edit, Map.of("title", "Typed title", "description", "", "date", "2026-12-01",
                    "opens_at", "2026-12-02T09:00", "closes_at", "2026-12-01T17:00"));
            assertStatus(400, refused);
            assertTrue(refused.body().contains("must be after opens_at"), refused.body());
            assertTrue(refused.body().contains("value=\"Typed title\""), "what was typed stays in the form");
            assertEquals("Timed", parse(portal.get("/api/v1/workshops/" + id, t)).get("title").asText());
            var saved = lead.submit(edit, edit, Map.of("title", "Typed title", "description", "*Bring* a laptop", "date", "2026-12-01",
                    "opens_at", "", "closes_at", ""));
            assertStatus(302, saved);
            String page = lead.get("/workshops/" + id).body();
            assertTrue(page.contains("<em>Bring</em> a laptop"), "the description is Markdown");
            assertFalse(page.contains("Submissions open"), "no window, nothing said");
        }
    }

    @Test
    void exercisesAreEditedAndReorderedOverTheApi() {
        try (TestPortal portal = TestPortal.start()) {
            String t = portal.token(portal.user("teacher@example.org", Role.INSTRUCTOR, null));
            String ada = portal.token(portal.user("ada@example.org", Role.FELLOW, null));
            var created = parse(portal.json("POST", "/api/v1/workshops", t, Map.of("title", "API", "date", "2026-12-01")));
            long id = created.get("id").asLong();
            assertStatus(200, portal.json("POST", "/api/v1/workshops/join", ada, Map.of("code", created.get("join_code").asText())));
            long coin = exercise(portal, t, id, Map.of("title", "Coin", "kind", "distribution", "target", Map.of("0", 0.5, "1", 0.5)));
            long not = exercise(portal, t, id, Map.of("title", "NOT", "kind", "unitary", "target", List.of(List.of(0, 1), List.of(1, 0))));

            assertStatus(403, portal.json("PATCH", "/api/v1/workshops/" + id + "/exercises/" + coin, ada, Map.of("title", "Mine")));
            var retitled = portal.json("PATCH", "/api/v1/workshops/" + id + "/exercises/" + coin, t,
                    Map.of("title", "Biased coin", "threshold", 0.9, "target", Map.of("0", 0.25, "1", 0.75)));
            assertStatus(200, retitled);
            assertEquals("Biased coin", parse(retitled).get("title").asText());
            assertEquals(0.9, parse(retitled).get("threshold").asDouble());
            assertEquals("distribution", parse(retitled).get("kind").asText(), "a target without a kind keeps the kind");
            // The new target grades: ry(2π/3)|0⟩ gives P(1) = sin²(π/3) = 3/4, the biased coin exactly.
            var graded = parse(portal.json("POST", "/api/v1/workshops/" + id + "/exercises/" + coin + "/submissions", ada,
                    Map.of("qasm", HEADER + "qreg q[1];\ncreg c[1];\nry(2*pi/3) q[0];\nmeasure q -> c;\n")));
            assertTrue(graded.get("passed").asBoolean(), graded.toString());
            var notUnitary = portal.json("PATCH", "/api/v1/workshops/" + id + "/exercises/" + not, t,
                    Map.of("target", List.of(List.of(1, 1), List.of(0, 1))));
            assertStatus(400, notUnitary);
            assertEquals("NOT", parse(portal.get("/api/v1/workshops/" + id, t)).get("exercises").get(1).get("title").asText(),
                    "a refused edit changes nothing");

            var order = portal.json("PUT", "/api/v1/workshops/" + id + "/exercise-order", t, Map.of("exercise_ids", List.of(not, coin)));
            assertStatus(200, order);
            assertEquals(not, parse(order).get(0).get("id").asLong());
            assertEquals(not, parse(portal.get("/api/v1/workshops/" + id, ada)).get("exercises").get(0).get("id").asLong());
            assertFalse(parse(portal.get("/api/v1/workshops/" + id, ada)).get("exercises").get(0).has("target"), "participants are not given the answer");
            assertTrue(parse(portal.get("/api/v1/workshops/" + id, t)).get("exercises").get(0).has("target"));
            assertStatus(422, portal.json("PUT", "/api/v1/workshops/" + id + "/exercise-order", t, Map.of("exercise_ids", List.of(not, not))));
            var badId = portal.json("PUT", "/api/v1/workshops/" + id + "/exercise-order", t, Map.of("exercise_ids", List.of("x", coin)));
            assertStatus(400, badId);
            assertTrue(parse(badId).get("error").asText().contains("exercise_ids[0]"));
            assertStatus(403, portal.json("PUT", "/api/v1/workshops/" + id + "/exercise-order", ada, Map.of("exercise_ids", List.of(coin, not))));

            var described = portal.json("PATCH", "/api/v1/workshops/" + id, t, Map.of("description", "Day *two*.", "title", "API day"));
            assertStatus(200, described);
            assertEquals("Day *two*.", parse(described).get("description").asText());
            assertStatus(403, portal.json("PATCH", "/api/v1/workshops/" + id, ada, Map.of("title", "Mine")));
        }
    }

    @Test
    void theInstructorReadsEachParticipantsCircuitsAndDownloadsTheResults() {
        try (TestPortal portal = TestPortal.start()) {
            User teacher = portal.user("teacher@example.org", Role.INSTRUCTOR, null);
            String t = portal.token(teacher);
            // A name and an institution chosen to break a spreadsheet: a formula, a comma, quotes.
            User mallory = portal.server.services().users().createUser(new Registration("mallory@example.org", TestPortal.PASSWORD,
                    "=HYPERLINK(\"http://evil\",\"x\")", "Uni of \"Quotes\", Ltd", "CH"), Role.FELLOW, null);
            User ada = portal.user("ada@example.org", Role.FELLOW, null);
            String m = portal.token(mallory);
            String a = portal.token(ada);
            var created = parse(portal.json("POST", "/api/v1/workshops", t, Map.of("title", "Graded", "date", "2026-12-01")));
            long id = created.get("id").asLong();
            for (String token : List.of(m, a)) {
                assertStatus(200, portal.json("POST", "/api/v1/workshops/join", token, Map.of("code", created.get("join_code").asText())));
            }
            long bell = exercise(portal, t, id, Map.of("title", "Bell, entangled", "kind", "state", "reference_qasm", BELL));
            long plus = exercise(portal, t, id, Map.of("title", "Plus", "kind", "state", "target", List.of(Math.sqrt(0.5), Math.sqrt(0.5))));
            String firstTry = HEADER + "qreg q[2];\nh q[0];\n";
            long s1 = submit(portal, m, id, bell, firstTry).get("id").asLong();
            long s2 = submit(portal, m, id, bell, BELL).get("id").asLong();
            submit(portal, m, id, bell, firstTry); // a worse try after the best one

            var history = portal.get("/api/v1/workshops/" + id + "/participants/" + mallory.id() + "/submissions", t);
            assertStatus(200, history);
            JsonNode subs = parse(history).get("submissions");
            assertEquals(3, subs.size());
            assertEquals(firstTry, subs.get(0).get("qasm").asText(), "oldest first, with the circuit as submitted");
            assertEquals(BELL, subs.get(1).get("qasm").asText());
            assertEquals(0.25, subs.get(0).get("score").asDouble(), 1e-12, "|<Bell|H⊗I|00>|² = 1/4");
            assertEquals(1.0, subs.get(1).get("score").asDouble(), 1e-12);
            assertEquals(s1, subs.get(0).get("id").asLong());
            assertEquals(403, portal.get("/api/v1/workshops/" + id + "/participants/" + mallory.id() + "/submissions", a).statusCode(),
                    "a participant does not read another's circuits");
            assertStatus(200, portal.get("/api/v1/workshops/" + id + "/participants/" + ada.id() + "/submissions", a));

            var csv = portal.get("/api/v1/workshops/" + id + "/results.csv", t);
            assertStatus(200, csv);
            assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
            assertTrue(csv.headers().firstValue("Content-Disposition").orElseThrow().contains("attachment"));
            String submittedAt = parse(history).get("submissions").get(1).get("submitted_at").asText();
            String expectedAt = Instant.parse(submittedAt).truncatedTo(ChronoUnit.SECONDS).toString();
            List<List<String>> rows = Rfc4180.read(csv.body());
            assertEquals(List.of(
                    List.of("participant", "institution", "exercise", "status", "score", "submitted at", "run id"),
                    List.of("'=HYPERLINK(\"http://evil\",\"x\")", "Uni of \"Quotes\", Ltd", "Bell, entangled", "passed", "1", expectedAt,
                            String.valueOf(s2)),
                    List.of("'=HYPERLINK(\"http://evil\",\"x\")", "Uni of \"Quotes\", Ltd", "Plus", "not submitted", "", "", ""),
                    List.of("Name of ada@example.org", "Test University", "Bell, entangled", "not submitted", "", "", ""),
                    List.of("Name of ada@example.org", "Test University", "Plus", "not submitted", "", "", "")), rows);
            assertTrue(csv.body().startsWith("participant,institution,exercise,status,score,submitted at,run id\r\n\"'=HYPERLINK(\"\"http://evil\"\""),
                    csv.body());
            assertStatus(403, portal.get("/api/v1/workshops/" + id + "/results.csv", a));

            // The pages: the results table links each name to their submissions; the CSV downloads.
            Browser lead = new Browser(portal);
            assertStatus(302, lead.login("teacher@example.org", TestPortal.PASSWORD));
            String table = lead.get("/workshops/" + id + "/results").body();
            assertTrue(table.contains("/workshops/" + id + "/participants/" + mallory.id()), table);
            assertTrue(table.contains("/workshops/" + id + "/results.csv"), table);
            var person = lead.get("/workshops/" + id + "/participants/" + mallory.id());
            assertStatus(200, person);
            assertTrue(person.body().contains("All 3 submissions"), person.body());
            assertTrue(person.body().contains("cx q[0],q[1];"), "the submitted circuit is shown");
            assertFalse(person.body().contains("<a href=\"http://evil"), "names are escaped");
            assertEquals(csv.body(), lead.get("/workshops/" + id + "/results.csv").body());
            Browser adaPages = new Browser(portal);
            assertStatus(302, adaPages.login("ada@example.org", TestPortal.PASSWORD));
            assertStatus(403, adaPages.get("/workshops/" + id + "/edit"));
            assertStatus(403, adaPages.get("/workshops/" + id + "/participants/" + mallory.id()));
            assertTrue(adaPages.get("/workshops/" + id).body().contains("/workshops/" + id + "/participants/" + ada.id()), "a link to one's own");
            assertStatus(200, adaPages.get("/workshops/" + id + "/participants/" + ada.id()));
        }
    }

    /** An RFC 4180 reader written for this test, independent of the writer. */
    static final class Rfc4180 {
        static List<List<String>> read(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') { cell.append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else cell.append(c);
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    row.add(cell.toString());
                    cell.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    i++;
                } else {
                    assertFalse(c == '\n' || c == '\r', "a bare line break outside quotes at " + i);
                    cell.append(c);
                }
            }
            assertTrue(row.isEmpty() && cell.isEmpty(), "the last record ends with CRLF");
            return rows;
        }
    }

    private static List<Long> ids(List<WorkshopService.Exercise> exercises) {
        return exercises.stream().map(WorkshopService.Exercise::id).toList();
    }

    private static long exercise(TestPortal portal, String token, long workshop, Map<String, Object> body) {
        var r = portal.json("POST", "/api/v1/workshops/" + workshop + "/exercises", token, body);
        assertStatus(201, r);
        return parse(r).get("id").asLong();
    }

    private static JsonNode submit(TestPortal portal, String token, long workshop, long exercise, String qasm) {
        var r = portal.json("POST", "/api/v1/workshops/" + workshop + "/exercises/" + exercise + "/submissions", token, Map.of("qasm", qasm));
        assertStatus(201, r);
        return parse(r);
    }
}
