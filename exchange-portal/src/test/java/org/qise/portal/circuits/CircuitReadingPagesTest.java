package org.qise.portal.circuits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qise.portal.Browser;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;

/**
 * Circuits read and written through plain forms (no JavaScript): highlighted source, formulas in
 * descriptions, the Preview button on the new and edit forms, and the side-by-side diff.
 */
class CircuitReadingPagesTest {
    static final String BELL = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n";

    static TestPortal portal;
    static User author;

    @BeforeAll
    static void start() {
        portal = TestPortal.start();
        author = portal.user("writer@example.org", Role.FELLOW, null);
        portal.user("reader@example.org", Role.FELLOW, null);
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    private static Browser signedIn(String email) {
        Browser b = new Browser(portal);
        assertEquals(302, b.login(email, TestPortal.PASSWORD).statusCode());
        return b;
    }

    private static String create(Browser b, String title, String description, String qasm) {
        var r = b.submit("/circuits/new", "/circuits", Map.of("title", title, "description", description, "tags", "",
                "visibility", "public", "cohort", "", "qasm", qasm, "license", "CC-BY-4.0"));
        assertEquals(302, r.statusCode(), r.body());
        Matcher m = Pattern.compile("/circuits/([0-9a-z]{12})$").matcher(r.headers().firstValue("Location").orElseThrow());
        assertTrue(m.find());
        return m.group(1);
    }

    private static int circuitsOf(User user) {
        return portal.server.services().circuits()
                .page(user, new CircuitService.Filter(null, String.valueOf(user.id()), null), null, 100).items().size();
    }

    @Test
    void theSourceIsHighlightedAndHostileCommentsStayText() {
        Browser b = signedIn("writer@example.org");
        String qasm = BELL + "// </pre></details><script>alert(1)</script>\n";
        String ref = create(b, "Highlighted Bell", "", qasm);
        String page = b.get("/circuits/" + ref).body();
        assertTrue(page.contains("<span class=\"tok-kw\">OPENQASM</span> <span class=\"tok-num\">2.0</span>;"), page);
        assertTrue(page.contains("<span class=\"tok-gate\">cx</span> <span class=\"tok-reg\">q</span>[<span class=\"tok-num\">0</span>]"), page);
        assertTrue(page.contains("<span class=\"tok-com\">// &lt;/pre&gt;&lt;/details&gt;&lt;script&gt;alert(1)&lt;/script&gt;</span>"), page);
        assertFalse(TestPortal.withoutOwnScripts(page).contains("<script"), page);
    }

    @Test
    void formulasInTheDescriptionAreMathMl() {
        Browser b = signedIn("writer@example.org");
        String ref = create(b, "Formula Bell", "Makes $\\frac{1}{\\sqrt{2}}(\\ket{00}+\\ket{11})$, not $5 or $6.", BELL);
        String page = b.get("/circuits/" + ref).body();
        assertTrue(page.contains("<math><semantics><mrow><mfrac><mrow><mn>1</mn></mrow><mrow><msqrt>"), page);
        assertTrue(page.contains("<annotation encoding=\"application/x-tex\">\\frac{1}{\\sqrt{2}}(\\ket{00}+\\ket{11})</annotation>"), page);
        assertTrue(page.contains("not $5 or $6."), page);
    }

    @Test
    void previewDrawsTheDiagramAndStoresNothing() {
        User previewer = portal.user("previewer@example.org", Role.FELLOW, null);
        Browser b = signedIn(previewer.email());
        var r = b.submit("/circuits/new", "/circuits", Map.of("title", "", "description", "Phase $e^{i\\pi}$", "tags", "",
                "visibility", "public", "cohort", "", "qasm", BELL, "license", "MIT", "preview", "1"));
        assertEquals(200, r.statusCode(), r.body());
        String html = r.body();
        int preview = html.indexOf("<section id=\"preview\"");
        assertTrue(preview > 0, html);
        String section = html.substring(preview);
        assertTrue(section.contains("2 qubits · 2 gates"), section);
        assertTrue(section.contains("<figure class=\"diagram\"><svg"), section);
        assertTrue(section.contains("<msup><mi>e</mi>"), section);
        assertTrue(section.contains("<span class=\"tok-gate\">h</span>"), section);
        // The form comes back as it was sent, ready to save.
        assertTrue(html.contains("<option value=\"MIT\" selected"), html);
        assertTrue(html.contains("measure q -&gt; c;\n</textarea>"), html);
        assertEquals(0, circuitsOf(previewer), "a preview stores no circuit");
    }

    @Test
    void previewShowsTheParseErrorWithLineAndColumn() {
        Browser b = signedIn("writer@example.org");
        var r = b.submit("/circuits/new", "/circuits", Map.of("title", "Broken", "description", "", "tags", "",
                "visibility", "public", "cohort", "", "qasm", BELL.replace("cx q[0],q[1];", "cx q[0],q[7];"), "license", "MIT",
                "preview", "1"));
        assertEquals(200, r.statusCode(), r.body());
        String section = r.body().substring(r.body().indexOf("<section id=\"preview\""));
        Matcher m = Pattern.compile("<p class=\"error\">circuit\\.qasm:(\\d+):(\\d+): ").matcher(section);
        assertTrue(m.find(), section);
        assertEquals("6", m.group(1), "the error points at the cx line");
        assertFalse(section.contains("<svg"), section);
    }

    @Test
    void previewOfAnUploadedFileFillsTheTextBox() {
        Browser b = signedIn("writer@example.org");
        var r = b.submitMultipart("/circuits/new", "/circuits", Map.of("title", "Upload", "description", "", "tags", "",
                "visibility", "public", "cohort", "", "qasm", "", "license", "MIT", "preview", "1"), "qasmFile", "bell.qasm", BELL);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("measure q -&gt; c;\n</textarea>"), r.body());
        assertTrue(r.body().contains("<figure class=\"diagram\"><svg"), r.body());
    }

    @Test
    void previewOnTheEditFormKeepsTheStoredVersionAndIsTheOwnersOnly() {
        Browser owner = signedIn("writer@example.org");
        String ref = create(owner, "Editable", "", BELL);
        Map<String, String> changed = Map.of("title", "Editable", "description", "", "tags", "", "visibility", "public",
                "cohort", "", "qasm", BELL.replace("h q[0];", "h q[0];\nx q[1];"), "preview", "1");
        var r = owner.submit("/circuits/" + ref + "/edit", "/circuits/" + ref + "/edit", changed);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("2 qubits · 3 gates"), r.body());
        long id = portal.server.services().circuits().resolve(null, ref);
        assertEquals(1, portal.server.services().circuits().get(author, id, null).summary().latestVersion());

        Browser other = signedIn("reader@example.org");
        var refused = other.submit("/circuits/" + ref, "/circuits/" + ref + "/edit", changed);
        assertEquals(403, refused.statusCode(), refused.body());
    }

    @Test
    void theDiffShowsBothVersionsSideBySideAndInline() {
        Browser b = signedIn("writer@example.org");
        String ref = create(b, "Diffed", "", BELL);
        String edited = BELL.replace("h q[0];\n", "x q[0];\nh q[0];\n").replace("cx q[0],q[1];\n", "cz q[0],q[1];\n");
        var saved = b.submit("/circuits/" + ref + "/edit", "/circuits/" + ref + "/edit", Map.of("title", "Diffed",
                "description", "", "tags", "", "visibility", "public", "cohort", "", "qasm", edited));
        assertEquals(302, saved.statusCode(), saved.body());
        String page = b.get("/circuits/" + ref + "/diff?from=1&to=2").body();
        // Hand-worked rows: line 5 (h) kept as right line 6 after the inserted x; line 6 (cx) replaced by cz.
        assertTrue(page.contains("<tr><td class=\"num\"></td><td class=\"empty\"></td><td class=\"num\">5</td><td class=\"add\">x q[0];</td></tr>"), page);
        assertTrue(page.contains("<tr><td class=\"num\">5</td><td class=\"same\">h q[0];</td><td class=\"num\">6</td><td class=\"same\">h q[0];</td></tr>"), page);
        assertTrue(page.contains("<tr><td class=\"num\">6</td><td class=\"del\">cx q[0],q[1];</td><td class=\"num\">7</td><td class=\"add\">cz q[0],q[1];</td></tr>"), page);
        assertTrue(page.contains("<span class=\"del\">- cx q[0],q[1];</span>"), page);
        assertTrue(page.contains("<span class=\"add\">+ cz q[0],q[1];</span>"), page);
    }

    @Test
    void thePaletteAppendsAGateAndPreviewsWithoutSaving() {
        User builder = portal.user("builder@example.org", Role.FELLOW, null);
        Browser b = signedIn(builder.email());
        Map<String, String> form = new java.util.HashMap<>(Map.of("title", "Built", "description", "", "tags", "",
                "visibility", "public", "cohort", "", "qasm", "", "license", "MIT", "append", "1"));
        form.putAll(Map.of("paletteGate", "cx", "paletteQubits", "0, 1", "paletteAngle", ""));
        var r = b.submit("/circuits/new", "/circuits", form);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("class=\"qasm\">OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\ncx q[0], q[1];\n</textarea>"),
                r.body());
        assertTrue(r.body().contains("<figure class=\"diagram\"><svg"), r.body());
        assertTrue(r.body().contains("<option value=\"cx\" selected"), "the palette keeps its choice");

        form.put("paletteQubits", "0");
        var wrong = b.submit("/circuits/new", "/circuits", form);
        assertEquals(200, wrong.statusCode());
        assertTrue(wrong.body().contains("<p class=\"error\">qubits: cx acts on 2 qubits"), wrong.body());
        assertEquals(0, circuitsOf(builder), "neither request stored a circuit");
    }
}
