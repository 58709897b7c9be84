package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.portal.Browser;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/**
 * The sweep form as a browser without JavaScript uses it: one field per declared parameter,
 * post/redirect/get to the sweep's page, whose table, plot and downloads are those of
 * {@code qise sweep} with the same arguments (run in this JVM as the independent path); a bad
 * field comes back on the form with the message and what was typed.
 */
class SweepPagesTest {
    private static java.nio.file.Path dir;
    private static TestPortal portal;
    private static String token;
    private static String circuit;
    private static Browser browser;

    @BeforeAll
    static void start() {
        dir = TestPortal.tempDir();
        portal = TestPortal.startKeeping(Runs.config(dir, Runs.runConfig()));
        token = portal.token(portal.user("form-sweeper@example.org", Role.FELLOW, null));
        circuit = Runs.circuit(portal, token, "Swept by form", ParametricRunsTest.PARAMETRIC, "public");
        browser = new Browser(portal);
        assertEquals(303, browser.login("form-sweeper@example.org", TestPortal.PASSWORD).statusCode());
    }

    @AfterAll
    static void stop() {
        portal.close();
        TestPortal.deleteTree(dir);
    }

    private static Map<String, String> form(String theta, String phi, String shots) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("param_theta", theta);
        f.put("param_phi", phi);
        f.put("expect", "Z0\nZ0 Z1");
        f.put("shots", shots);
        f.put("seed", "4");
        f.put("noise_model", "");
        return f;
    }

    @Test
    void theFormStartsASweepWhosePageShowsTheTablePlotAndTheCliOutput() throws IOException {
        String page = portal.get("/circuits/" + circuit, null).body();
        assertTrue(page.contains("/circuits/" + circuit + "/sweep\""), "a parametric circuit's page links to the sweep form");
        String formPage = browser.get("/circuits/" + circuit + "/sweep").body();
        assertTrue(formPage.contains("name=\"param_theta\"") && formPage.contains("name=\"param_phi\""), formPage);

        var started = browser.submit("/circuits/" + circuit + "/sweep", "/circuits/" + circuit + "/sweeps", form("0:pi:3", "0.25, 1", "100"));
        assertEquals(303, started.statusCode(), started.body());
        String location = started.headers().firstValue("Location").orElseThrow();
        assertTrue(location.matches("/runs/[^/]+/sweep"), location);
        String run = location.split("/")[2];
        Runs.awaitDone(portal, token, run);

        String sweep = browser.get(location).body();
        assertTrue(sweep.contains("<img src=\"/runs/" + run + "/sweep.svg\""), "the plot is on the page once done");
        assertTrue(sweep.contains("<th>⟨Z0 Z1⟩</th>"), sweep);
        assertStatus(200, browser.get("/runs/" + run + "/sweep.svg"));
        String csv = browser.get("/runs/" + run + "/sweep.csv").body();
        assertEquals(SweepApiTest.cliSweep(dir, "--param", "theta=0:pi:3", "--param", "phi=0.25,1", "--expect", "Z0", "--expect", "Z0 Z1",
                "--shots", "100", "--seed", "4"), csv, "the form's sweep is the CLI's sweep");
        // point 3 is θ = π/2, φ = 1: <Z0> = cos θ, <Z0 Z1> = cos 2φ; the page's table shows the same numbers
        String[] row = csv.lines().toList().get(2 + 3).split(",");
        assertEquals(Math.cos(Math.PI / 2), Double.parseDouble(row[3]), 1e-12);
        assertEquals(Math.cos(2.0), Double.parseDouble(row[4]), 1e-12);
        // the page rounds to ten significant digits (Readable); the CSV keeps every digit
        String shown = new java.math.BigDecimal(row[4]).round(new java.math.MathContext(10)).stripTrailingZeros().toPlainString();
        assertTrue(sweep.contains("<td>" + shown + "</td>"), "the table shows ⟨Z0 Z1⟩ of point 3 as the CSV does, rounded: " + shown);
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', textBlock = """
            0:pi:3 |         | 0   | phi: the circuit's parameter 'phi' is not swept          | 422
            0:1:0  | 1       | 0   | theta: range '0:1:0' for theta has 0 points              | 422
            abc    | 1       | 0   | theta: 'abc' for theta is not a number                   | 422
            0:1:3  | 1       | x2  | shots: must be a whole number, got 'x2'                  | 400
            0:1:40 | 0:1:30  | 0   | phi: the sweep would have 1200 points; at most 1000      | 422
            """)
    void aBadFieldComesBackOnTheFormWithItsMessageAndWhatWasTyped(String theta, String phi, String shots, String message, int status) {
        var r = browser.submit("/circuits/" + circuit + "/sweep", "/circuits/" + circuit + "/sweeps", form(theta, phi == null ? "" : phi, shots));
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.body().contains(message.replace("'", "&#39;")) || r.body().contains(message), r.body());
        assertTrue(r.body().contains("value=\"" + theta + "\""), "the typed range stays in its field");
        assertTrue(r.body().contains("name=\"csrf\""), "the form is shown again, ready to correct");
    }

    @Test
    void aCircuitWithoutParametersOffersNoSweepAndAVisitorIsAskedToSignIn() {
        String plain = Runs.circuit(portal, token, "Plain for the form", Runs.SAMPLED, "public");
        assertFalse(portal.get("/circuits/" + plain, null).body().contains("/sweep\""), "no sweep link without parameters");
        assertTrue(browser.get("/circuits/" + plain + "/sweep").body().contains("declares no parameters"));
        String anonymous = portal.get("/circuits/" + circuit + "/sweep", null).body();
        assertTrue(anonymous.contains("Sign in") && !anonymous.contains("name=\"param_theta\""), anonymous);
    }
}
