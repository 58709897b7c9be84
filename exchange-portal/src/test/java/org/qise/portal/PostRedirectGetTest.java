package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.portal.people.Cohort;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;

/**
 * Post/redirect/get on every HTML form of the portal, one table row per form and the class that
 * serves it: a successful post answers 303 See Other with the page to show (so reloading that page
 * posts nothing again), a refused post answers 4xx with the form and its error, and what cannot be
 * undone asks first on a page of its own, without JavaScript.
 */
class PostRedirectGetTest {
    private static final String QASM = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nh q[0];\n";
    private static final String PLUS = "[0.7071067811865476, 0.7071067811865476]";

    static TestPortal portal;
    static User admin;
    static User teacher;
    static User fellow;
    static String fellowToken;
    static String circuit;
    static long workshop;
    static long firstExercise;
    static long secondExercise;

    @BeforeAll
    static void start() {
        portal = TestPortal.start();
        Cohort cohort = portal.cohort("PRG cohort");
        admin = portal.user("prg.admin@example.org", Role.ADMIN, null);
        teacher = portal.user("prg.teacher@example.org", Role.INSTRUCTOR, cohort);
        fellow = portal.user("prg.fellow@example.org", Role.FELLOW, cohort);
        fellowToken = portal.token(fellow);
        circuit = newCircuit("Redirected coin");
        var w = portal.server.services().workshops().create(teacher, "Redirects", "2026-12-01", "PRG cohort");
        workshop = w.id();
        Browser t = signedIn(teacher);
        for (String title : new String[] {"First", "Second"}) {
            assertStatus(303, t.submit("/workshops/" + workshop, "/workshops/" + workshop + "/exercises", Map.of("title", title,
                    "task", "Make |+⟩", "kind", "state", "target", PLUS, "threshold", "0.99", "noise_model", "")));
        }
        var exercises = portal.server.services().workshops().exercises(teacher, workshop);
        firstExercise = exercises.get(0).id();
        secondExercise = exercises.get(1).id();
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    static String newCircuit(String title) {
        var made = portal.json("POST", "/api/v1/circuits", fellowToken, Map.of("title", title, "visibility", "public", "qasm", QASM));
        assertStatus(201, made);
        return parse(made).get("id").asText();
    }

    static Browser signedIn(User who) {
        Browser b = new Browser(portal);
        assertStatus(303, b.login(who.email(), TestPortal.PASSWORD));
        return b;
    }

    /** One form: who posts it, from which page, to where, with what, and where the 303 must lead (a pattern). */
    record Form(String pages, String what, Supplier<User> who, Supplier<String> page, Supplier<String> action,
                Supplier<Map<String, String>> fields, Supplier<String> location) {
        @Override
        public String toString() { return pages + ": " + what; }
    }

    static Form form(String pages, String what, Supplier<User> who, Supplier<String> page, Supplier<String> action,
                     Supplier<Map<String, String>> fields, Supplier<String> location) {
        return new Form(pages, what, who, page, action, fields, location);
    }

    static Map<String, String> fields(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    static final String ID = "[0-9a-z]{12}";

    static Stream<Arguments> successfulForms() {
        return Stream.of(
                form("CircuitPages", "create a circuit", () -> fellow, () -> "/circuits/new", () -> "/circuits",
                        () -> fields("title", "Made by form", "description", "", "tags", "", "visibility", "public", "cohort", "",
                                "qasm", QASM, "license", "CC-BY-4.0"), () -> "/circuits/" + ID),
                form("CircuitPages", "save a new version", () -> fellow, () -> "/circuits/" + circuit + "/edit", () -> "/circuits/" + circuit + "/edit",
                        () -> fields("title", "Redirected coin", "description", "v2", "tags", "", "visibility", "public", "cohort", "", "qasm", QASM),
                        () -> Pattern.quote("/circuits/" + circuit)),
                form("CircuitPages", "fork", () -> teacher, () -> "/circuits/" + circuit, () -> "/circuits/" + circuit + "/fork",
                        () -> fields(), () -> "/circuits/" + ID),
                form("CircuitPages", "comment", () -> teacher, () -> "/circuits/" + circuit, () -> "/circuits/" + circuit + "/comments",
                        () -> fields("body", "Nice coin"), () -> Pattern.quote("/circuits/" + circuit)),
                form("CircuitPages", "delete a comment (confirmed)", () -> fellow, () -> "/circuits/" + circuit,
                        () -> {
                            var services = portal.server.services().circuits();
                            long id = services.addComment(fellow, circuit, "Soon gone");
                            return "/circuits/" + circuit + "/comments/" + id + "/delete";
                        }, () -> fields("confirm", "yes"), () -> Pattern.quote("/circuits/" + circuit)),
                form("CircuitPages", "delete a circuit (confirmed)", () -> fellow, () -> "/circuits/" + circuit,
                        () -> "/circuits/" + newCircuit("Doomed") + "/delete", () -> fields("confirm", "yes"), () -> "/"),
                form("CreditRoutes", "star", () -> teacher, () -> "/circuits/" + circuit, () -> "/circuits/" + circuit + "/star",
                        () -> fields(), () -> Pattern.quote("/circuits/" + circuit)),
                form("CreditRoutes", "unstar", () -> teacher, () -> "/circuits/" + circuit, () -> "/circuits/" + circuit + "/unstar",
                        () -> fields(), () -> Pattern.quote("/circuits/" + circuit)),
                form("RunPages", "start a run", () -> fellow, () -> "/circuits/" + circuit + "/runs", () -> "/circuits/" + circuit + "/runs",
                        () -> fields("shots", "10", "seed", "1", "engine", "", "expect", "", "version", "", "noise_model", "", "parameters", ""),
                        () -> "/runs/" + ID),
                form("AccountPages", "sign in", () -> fellow, () -> "/login", () -> "/login",
                        () -> fields("email", fellow.email(), "password", TestPortal.PASSWORD), () -> "/"),
                form("AccountPages", "sign out", () -> fellow, () -> "/account", () -> "/logout", () -> fields(), () -> "/"),
                form("AccountPages", "register with an invite", () -> null, () -> "/register", () -> "/register",
                        () -> fields("invite", portal.server.services().invites().create(admin, Role.FELLOW, null, 1, Duration.ofDays(1)),
                                "name", "New Person", "email", "prg.new@example.org", "password", "a long enough passphrase",
                                "institution", "Uni", "country", "CH"), () -> "/"),
                form("AccountPages", "create an API token", () -> fellow, () -> "/account", () -> "/account/tokens",
                        () -> fields("name", "laptop", "scope_read", "on"), () -> Pattern.quote("/account?shown=") + "[0-9a-f]{32}"),
                form("AccountPages", "revoke an API token (confirmed)", () -> fellow, () -> "/account",
                        () -> "/account/tokens/" + tokenOf(fellow) + "/revoke", () -> fields("confirm", "yes"), () -> "/account"),
                form("AccountPages", "change the password", () -> portal.user("prg.changer@example.org", Role.FELLOW, null),
                        () -> "/account", () -> "/account/password", () -> fields("currentPassword", TestPortal.PASSWORD,
                                "newPassword", "a brand new passphrase", "repeatPassword", "a brand new passphrase"),
                        () -> Pattern.quote("/account?password=changed")),
                form("AdminPages", "create an invite", () -> teacher, () -> "/invites", () -> "/invites",
                        () -> fields("role", "fellow", "cohort", "PRG cohort", "uses", "1", "days", "7"),
                        () -> Pattern.quote("/invites?shown=") + "[0-9a-f]{32}"),
                form("AdminPages", "revoke an invite (confirmed)", () -> teacher, () -> "/invites",
                        () -> {
                            portal.server.services().invites().create(teacher, Role.FELLOW, portal.cohort("PRG cohort"), 1, Duration.ofDays(1));
                            return "/invites/" + portal.server.services().invites().createdBy(teacher).getFirst().id() + "/revoke";
                        }, () -> fields("confirm", "yes"), () -> "/invites"),
                form("AdminPages", "disable a person (confirmed)", () -> admin, () -> "/admin/users",
                        () -> "/admin/users/" + portal.user("prg.leaving@example.org", Role.FELLOW, null).id() + "/disable",
                        () -> fields("confirm", "yes"), () -> "/admin/users"),
                form("AdminPages", "enable a person", () -> admin, () -> "/admin/users",
                        () -> "/admin/users/" + portal.server.services().users().findByEmail("prg.leaving@example.org").orElseThrow().id() + "/enable",
                        () -> fields(), () -> "/admin/users"),
                form("AdminPages", "change a role", () -> admin, () -> "/admin/users", () -> "/admin/users/" + fellow.id() + "/role",
                        () -> fields("role", "fellow"), () -> "/admin/users"),
                form("AdminPages", "add to a cohort", () -> admin, () -> "/admin/users", () -> "/admin/users/" + fellow.id() + "/cohort",
                        () -> fields("cohort", "Second cohort"), () -> "/admin/users"),
                form("ProfilePages", "edit one's profile", () -> fellow, () -> "/people/" + fellow.id() + "/edit",
                        () -> "/people/" + fellow.id() + "/edit",
                        () -> fields("name", "Fellow Person", "institution", "Uni", "country", "CH", "orcid", "", "bio", "Hi"),
                        () -> Pattern.quote("/people/" + fellow.id())),
                form("ProfilePages", "make a reset link", () -> admin, () -> "/admin/users",
                        () -> "/admin/users/" + teacher.id() + "/reset-link", () -> fields(),
                        () -> Pattern.quote("/admin/users/" + teacher.id() + "/reset-link?shown=") + "[0-9a-f]{32}"),
                form("ProfilePages", "set a new password by reset link", () -> null, () -> resetPath(), () -> resetPath(),
                        () -> fields("password", "a reset passphrase", "repeat", "a reset passphrase"), () -> Pattern.quote("/login?reset=done")),
                form("WorkshopPages", "create a workshop", () -> teacher, () -> "/workshops", () -> "/workshops",
                        () -> fields("title", "Made by form", "date", "2026-12-02", "cohort", ""), () -> "/workshops/\\d+"),
                form("WorkshopPages", "join by code", () -> fellow, () -> "/workshops", () -> "/workshops/join",
                        () -> fields("code", joinCode()), () -> "/workshops/\\d+"),
                form("WorkshopPages", "add an exercise", () -> teacher, () -> "/workshops/" + workshop, () -> "/workshops/" + workshop + "/exercises",
                        () -> fields("title", "Third", "task", "", "kind", "state", "target", PLUS, "threshold", "0.9", "noise_model", ""),
                        () -> Pattern.quote("/workshops/" + workshop)),
                form("WorkshopPages", "submit a solution", () -> fellow, () -> "/workshops/" + workshop,
                        () -> "/workshops/" + workshop + "/exercises/" + firstExercise + "/submit", () -> fields("qasm", QASM),
                        () -> Pattern.quote("/workshops/" + workshop + "?verdict=") + "[0-9a-f]{32}" + Pattern.quote("#exercise-" + firstExercise)),
                form("WorkshopPages", "edit the workshop", () -> teacher, () -> "/workshops/" + workshop + "/edit",
                        () -> "/workshops/" + workshop + "/edit", () -> fields("title", "Redirects", "description", "", "date", "2026-12-01",
                                "opens_at", "", "closes_at", ""), () -> Pattern.quote("/workshops/" + workshop)),
                form("WorkshopPages", "edit an exercise", () -> teacher, () -> "/workshops/" + workshop + "/edit",
                        () -> "/workshops/" + workshop + "/exercises/" + firstExercise + "/edit", () -> fields("title", "First",
                                "task", "Make |+⟩", "kind", "state", "target", PLUS, "threshold", "0.95", "noise_model", ""),
                        () -> Pattern.quote("/workshops/" + workshop + "/edit#exercise-" + firstExercise)),
                form("WorkshopPages", "move an exercise", () -> teacher, () -> "/workshops/" + workshop + "/edit",
                        () -> "/workshops/" + workshop + "/exercises/" + secondExercise + "/move", () -> fields("direction", "up"),
                        () -> Pattern.quote("/workshops/" + workshop + "/edit#exercise-" + secondExercise))
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("successfulForms")
    void aSuccessfulPostAnswers303ToThePageToShow(Form f) {
        User who = f.who().get();
        Browser b = who == null ? new Browser(portal) : signedIn(who);
        String action = f.action().get();
        HttpResponse<String> r = b.submit(f.page().get(), action, f.fields().get());
        assertStatus(303, r);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.matches(f.location().get()), action + " led to " + location + ", not " + f.location().get());
        assertFalse(r.body().contains("<form"), "a redirect carries no page a reload could post again: " + r.body());
    }

    /** What cannot be undone: the first post only asks, with a button that posts the same form again confirmed. */
    static Stream<Arguments> destructiveForms() {
        return Stream.of(
                form("CircuitPages", "delete a circuit", () -> fellow, () -> "/circuits/" + circuit,
                        () -> "/circuits/" + circuit + "/delete", Map::of, () -> "Delete circuit"),
                form("CircuitPages", "delete a comment", () -> fellow, () -> "/circuits/" + circuit,
                        () -> "/circuits/" + circuit + "/comments/" + portal.server.services().circuits().addComment(fellow, circuit, "Kept")
                                + "/delete", Map::of, () -> "Delete this comment?"),
                form("RunPages", "cancel a run", () -> fellow, () -> "/me/runs",
                        () -> "/runs/" + parse(portal.json("POST", "/api/v1/circuits/" + circuit + "/runs", fellowToken,
                                Map.of("shots", 10, "seed", 2))).get("id").asText() + "/cancel", Map::of, () -> "Cancel run"),
                form("AccountPages", "revoke an API token", () -> fellow, () -> "/account",
                        () -> "/account/tokens/" + tokenOf(fellow) + "/revoke", Map::of, () -> "Revoke API token"),
                form("AdminPages", "revoke an invite", () -> teacher, () -> "/invites",
                        () -> {
                            portal.server.services().invites().create(teacher, Role.FELLOW, portal.cohort("PRG cohort"), 1, Duration.ofDays(1));
                            return "/invites/" + portal.server.services().invites().createdBy(teacher).getFirst().id() + "/revoke";
                        }, Map::of, () -> "Revoke this invite?"),
                form("AdminPages", "disable a person", () -> admin, () -> "/admin/users",
                        () -> "/admin/users/" + fellow.id() + "/disable", Map::of, () -> "Disable ")
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("destructiveForms")
    void aDestructivePostAsksFirstWithoutJavaScript(Form f) {
        Browser b = signedIn(f.who().get());
        String action = f.action().get();
        HttpResponse<String> asked = b.submit(f.page().get(), action, f.fields().get());
        assertStatus(200, asked);
        String page = asked.body();
        assertTrue(page.contains(f.location().get()), "the question: " + page);
        assertTrue(page.contains("action=\"" + action + "\"") && page.contains("name=\"confirm\" value=\"yes\""),
                "a button posts the same form, confirmed: " + page);
        assertFalse(TestPortal.withoutOwnScripts(page).contains("<script"), "no script needed");
        assertStatus(200, b.get(f.page().get())); // nothing happened yet: the page it came from is still there
    }

    /** A refused post: the same form again with the reason, under a 4xx status (never a redirect that loses what was typed). */
    static Stream<Arguments> refusedForms() {
        return Stream.of(
                form("CircuitPages", "a circuit that does not parse", () -> fellow, () -> "/circuits/new", () -> "/circuits",
                        () -> fields("title", "Broken", "description", "", "tags", "", "visibility", "public", "cohort", "",
                                "qasm", "OPENQASM 2.0;\nqreg q[1];\nfoo q[0];\n", "license", "CC-BY-4.0"), () -> "value=\"Broken\""),
                form("CircuitPages", "an empty comment", () -> teacher, () -> "/circuits/" + circuit, () -> "/circuits/" + circuit + "/comments",
                        () -> fields("body", "   "), () -> "the comment is empty"),
                form("CircuitPages", "a comment too long", () -> teacher, () -> "/circuits/" + circuit, () -> "/circuits/" + circuit + "/comments",
                        () -> fields("body", "Long " + "x".repeat(6000)), () -> "Long xxxx"),
                form("AdminPages", "an invite into someone else's cohort", () -> teacher, () -> "/invites", () -> "/invites",
                        () -> fields("role", "fellow", "cohort", "Not mine", "uses", "1", "days", "7"), () -> "instructors may only invite into a cohort"),
                form("AdminPages", "an invite with uses that are not a number", () -> teacher, () -> "/invites", () -> "/invites",
                        () -> fields("role", "fellow", "cohort", "", "uses", "many", "days", "7"), () -> "uses must be a whole number"),
                form("AccountPages", "a wrong password at sign-in", () -> null, () -> "/login", () -> "/login",
                        () -> fields("email", fellow.email(), "password", "not it"), () -> "value=\"" + fellow.email() + "\""),
                form("AccountPages", "a new password and a different repetition", () -> fellow, () -> "/account", () -> "/account/password",
                        () -> fields("currentPassword", TestPortal.PASSWORD, "newPassword", "one long passphrase", "repeatPassword", "another"),
                        () -> "the new password and its repetition differ"),
                form("AccountPages", "an API token without a scope", () -> fellow, () -> "/account", () -> "/account/tokens",
                        () -> fields("name", "no scope"), () -> "Token not created"),
                form("ProfilePages", "an ORCID iD with a wrong check digit", () -> fellow, () -> "/people/" + fellow.id() + "/edit",
                        () -> "/people/" + fellow.id() + "/edit",
                        () -> fields("name", "Fellow", "institution", "", "country", "", "orcid", "0000-0002-1825-0096", "bio", ""),
                        () -> "value=\"0000-0002-1825-0096\""),
                form("WorkshopPages", "a workshop without a title", () -> teacher, () -> "/workshops", () -> "/workshops",
                        () -> fields("title", "", "date", "2026-12-02", "cohort", ""), () -> "class=\"error\""),
                form("WorkshopPages", "closing before opening", () -> teacher, () -> "/workshops/" + workshop + "/edit",
                        () -> "/workshops/" + workshop + "/edit", () -> fields("title", "Typed", "description", "", "date", "2026-12-01",
                                "opens_at", "2026-12-02T10:00", "closes_at", "2026-12-01T10:00"), () -> "value=\"Typed\"")
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedForms")
    void aRefusedPostShowsTheFormAgainWithTheReason(Form f) {
        User who = f.who().get();
        Browser b = who == null ? new Browser(portal) : signedIn(who);
        String action = f.action().get();
        HttpResponse<String> r = b.submit(f.page().get(), action, f.fields().get());
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, action + " answered " + r.statusCode() + ": " + r.body());
        assertTrue(r.body().contains("action=\"" + action + "\""), "the form again: " + r.body());
        assertTrue(r.body().contains(f.location().get()), "with what was typed or the reason: " + r.body());
    }

    /** A fresh token of the person's, never the one the test itself calls the API with. */
    static long tokenOf(User u) {
        String name = "spare " + System.nanoTime();
        portal.server.services().tokens().create(u.id(), name);
        return portal.server.services().tokens().list(u.id()).stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().id();
    }

    private static String resetPathOnce;

    static String resetPath() {
        if (resetPathOnce == null) {
            User who = portal.user("prg.forgetful@example.org", Role.FELLOW, null);
            var made = portal.json("POST", "/api/v1/users/" + who.id() + "/password-reset", portal.token(admin), Map.of());
            assertStatus(201, made);
            resetPathOnce = parse(made).get("path").asText();
        }
        return resetPathOnce;
    }

    static String joinCode() {
        var w = portal.server.services().workshops().create(teacher, "Open to all", "2026-12-03", "");
        return portal.server.services().workshops().get(teacher, w.id()).joinCode();
    }
}
