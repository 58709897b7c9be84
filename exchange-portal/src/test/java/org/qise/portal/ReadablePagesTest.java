package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.qise.portal.TestPortal.assertStatus;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.portal.people.Cohort;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;

/**
 * Every main page shows times and numbers as a person reads them: an instant appears only inside
 * a {@code <time datetime>} attribute (for the reader's zone) with readable text beside it, never
 * as raw ISO text, and no page text carries the floating-point noise of a double
 * ({@code 0.9999999999999998}); source code, typed form values and downloads keep exact values.
 */
class ReadablePagesTest {
    /** An ISO instant as Instant.toString writes it, or the same with a space (a stored timestamp printed as is). */
    private static final Pattern RAW_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}");
    /** A double printed with every digit: eleven or more decimals. */
    private static final Pattern NOISY_NUMBER = Pattern.compile("\\d\\.\\d{11,}");
    private static final String QASM = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\ncreg c[1];\nh q[0];\nmeasure q[0] -> c[0];\n";
    private static final String PLUS = "[0.7071067811865476, 0.7071067811865476]";

    static TestPortal portal;
    static User admin;
    static User teacher;
    static User fellow;
    static Browser fellowPages;
    static Browser teacherPages;
    static Browser adminPages;
    static String circuit;
    static String run;
    static long workshop;
    static String resetLinkPage;

    @BeforeAll
    static void start() throws InterruptedException {
        portal = TestPortal.start();
        Cohort cohort = portal.cohort("Readable cohort");
        admin = portal.user("read.admin@example.org", Role.ADMIN, null);
        teacher = portal.user("read.teacher@example.org", Role.INSTRUCTOR, cohort);
        fellow = portal.user("read.fellow@example.org", Role.FELLOW, cohort);
        fellowPages = signedIn(fellow);
        teacherPages = signedIn(teacher);
        adminPages = signedIn(admin);

        var made = fellowPages.submit("/circuits/new", "/circuits", Map.of("title", "Readable coin", "description", "A fair coin",
                "tags", "readable", "visibility", "public", "cohort", "", "qasm", QASM, "license", "CC-BY-4.0"));
        assertStatus(303, made);
        circuit = made.headers().firstValue("Location").orElseThrow().substring("/circuits/".length());
        assertStatus(303, fellowPages.submit("/circuits/" + circuit + "/edit", "/circuits/" + circuit + "/edit", Map.of("title", "Readable coin",
                "description", "A fair coin, again", "tags", "readable", "visibility", "public", "cohort", "", "qasm", QASM)));
        assertStatus(303, teacherPages.submit("/circuits/" + circuit, "/circuits/" + circuit + "/comments", Map.of("body", "Looks fair")));
        assertStatus(303, teacherPages.submit("/circuits/" + circuit, "/circuits/" + circuit + "/star", Map.of()));
        // ⟨Z⟩ of |+⟩ is 0 only up to rounding: the page must not show the noise.
        var started = fellowPages.submit("/circuits/" + circuit + "/runs", "/circuits/" + circuit + "/runs", Map.of("shots", "100",
                "seed", "7", "engine", "", "expect", "Z0", "version", "", "noise_model", "", "parameters", ""));
        assertStatus(303, started);
        run = started.headers().firstValue("Location").orElseThrow().substring("/runs/".length());
        for (int i = 0; i < 300 && fellowPages.get("/runs/" + run).body().contains("http-equiv=\"refresh\""); i++) Thread.sleep(100);
        assertFalse(fellowPages.get("/runs/" + run).body().contains("http-equiv=\"refresh\""), "the run finished");

        workshop = portal.server.services().workshops().create(teacher, "Readable workshop", "2026-12-01", "Readable cohort").id();
        assertStatus(303, teacherPages.submit("/workshops/" + workshop, "/workshops/" + workshop + "/exercises", Map.of("title", "Plus",
                "task", "Make |+⟩", "kind", "state", "target", PLUS, "threshold", "0.99", "noise_model", "")));
        assertStatus(303, teacherPages.submit("/workshops/" + workshop + "/edit", "/workshops/" + workshop + "/edit", Map.of("title",
                "Readable workshop", "description", "", "date", "2026-12-01", "opens_at", "2026-01-01T09:00", "closes_at", "2099-01-01T09:00")));
        long exercise = portal.server.services().workshops().exercises(teacher, workshop).getFirst().id();
        String solution = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nh q[0];\n";
        for (int i = 0; i < 2; i++) {
            assertStatus(303, fellowPages.submit("/workshops/" + workshop, "/workshops/" + workshop + "/exercises/" + exercise + "/submit",
                    Map.of("qasm", solution)));
        }

        assertStatus(303, fellowPages.submit("/account", "/account/tokens", Map.of("name", "laptop", "scope_read", "on")));
        assertStatus(303, teacherPages.submit("/invites", "/invites", Map.of("role", "fellow", "cohort", "Readable cohort", "uses", "1", "days", "7")));
        assertStatus(303, adminPages.submit("/admin/users", "/admin/users/" + fellow.id() + "/role", Map.of("role", "fellow")));
        var reset = adminPages.submit("/admin/users", "/admin/users/" + teacher.id() + "/reset-link", Map.of());
        assertStatus(303, reset);
        resetLinkPage = reset.headers().firstValue("Location").orElseThrow();
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    static Browser signedIn(User who) {
        Browser b = new Browser(portal);
        assertStatus(303, b.login(who.email(), TestPortal.PASSWORD));
        return b;
    }

    /** The pages, each as the person who sees the most on it. */
    static Stream<String> pages() {
        return Stream.of("/", "/circuits/" + circuit, "/circuits/" + circuit + "/versions", "/circuits/" + circuit + "/versions/1",
                "/circuits/" + circuit + "/diff?from=1&to=2", "/circuits/" + circuit + "/runs", "/runs/" + run, "/me/runs",
                "/search?q=coin", "/search", "/tags/readable", "/people/" + fellow.id(), "/people/" + fellow.id() + "/edit",
                "teacher /stars", "/account", "/account/email", "teacher /invites", "admin /admin/users", "admin " + resetLinkPage,
                "/workshops", "/workshops/" + workshop, "teacher /workshops/" + workshop + "/edit",
                "teacher /workshops/" + workshop + "/participants/" + fellow.id(), "teacher /workshops/" + workshop + "/results");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void timesAndNumbersAreReadable(String spec) {
        Browser who = spec.startsWith("teacher ") ? teacherPages : spec.startsWith("admin ") ? adminPages : fellowPages;
        String path = spec.replaceFirst("^(teacher|admin) ", "");
        var r = who.get(path);
        assertStatus(200, r);
        String html = r.body();

        // Every <time> names its instant for the reader's zone, and says it readably.
        Matcher time = Pattern.compile("<time([^>]*)>([^<]*)</time>").matcher(html);
        while (time.find()) {
            assertTrue(time.group(1).contains("datetime=\""), "a <time> without datetime: " + time.group());
            assertFalse(RAW_INSTANT.matcher(time.group(2)).find(), "raw text in " + time.group());
        }
        // Outside attributes (datetime for the script, value for what a form holds), no raw instant.
        String text = html.replaceAll("\\s(datetime|value|title|href|action)=\"[^\"]*\"", "");
        Matcher raw = RAW_INSTANT.matcher(text);
        if (raw.find()) fail("raw time '" + raw.group() + "' on " + path + " near: " + around(text, raw.start()));

        // Numbers: source code, typed text and drawings keep their digits; the rest is rounded.
        String shown = text.replaceAll("(?s)<(pre|code|textarea|svg|script)\\b.*?</\\1>", "");
        Matcher noisy = NOISY_NUMBER.matcher(shown);
        if (noisy.find()) fail("unrounded number '" + noisy.group() + "' on " + path + " near: " + around(shown, noisy.start()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void pagesShowAtLeastOneReadableTimeWhereTheyHaveOne(String spec) {
        // A guard for the test above: pages that list dated things do render <time> elements (so the check saw them).
        String path = spec.replaceFirst("^(teacher|admin) ", "");
        if (!path.startsWith("/runs/") && !path.endsWith("/participants/" + fellow.id()) && !path.equals("/workshops")) return;
        Browser who = spec.startsWith("teacher ") ? teacherPages : fellowPages;
        String html = who.get(path).body();
        assertTrue(html.contains("<time class=\"when"), path + ": " + html);
        assertTrue(Pattern.compile("<time class=\"when[^\"]*\" datetime=\"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z\">\\d{1,2} [A-Z][a-z]{2} \\d{4}")
                .matcher(html).find(), "readable text such as 3 Dec 2026: " + html);
    }

    private static String around(String s, int at) {
        return s.substring(Math.max(0, at - 120), Math.min(s.length(), at + 80));
    }

    @org.junit.jupiter.api.Test
    void theWorkshopsDayAndWindowReadAsWords() {
        String page = fellowPages.get("/workshops/" + workshop).body();
        assertTrue(page.contains("<time datetime=\"2026-12-01\">1 Dec 2026</time>"), page);
        assertTrue(page.contains("Submissions open <time class=\"when\" datetime=\"2026-01-01T09:00:00Z\">1 Jan 2026, 09:00 UTC</time>"
                + " and close <time class=\"when\" datetime=\"2099-01-01T09:00:00Z\">1 Jan 2099, 09:00 UTC</time>."), page);
        assertEquals(1, countOf(page, "pass at 0.99"), page);
    }

    private static int countOf(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) n++;
        return n;
    }
}
