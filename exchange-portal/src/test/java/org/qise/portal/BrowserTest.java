package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.qise.portal.people.Role;

/**
 * A real browser (headless Chromium, Debian packages chromium and chromium-driver) uses the
 * portal with its JavaScript-free forms: sign in, paste a circuit, see its diagram, on a
 * phone-sized and a projector-sized window, under the portal's strict Content-Security-Policy.
 */
class BrowserTest {
    static final String GHZ = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\ncreg c[3];\nh q[0];\ncx q[0],q[1];\ncx q[1],q[2];\nmeasure q -> c;\n";

    static TestPortal portal;
    static ChromeDriver driver;
    static String instructorToken;

    @BeforeAll
    static void start() {
        portal = TestPortal.start();
        var cohort = portal.cohort("Browser cohort");
        portal.user("browser@example.org", Role.FELLOW, cohort);
        instructorToken = portal.token(portal.user("teacher@example.org", Role.INSTRUCTOR, cohort));
        driver = Chromium.start();
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (portal != null) portal.close();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static void submit(By button) {
        Chromium.submit(driver, button);
    }

    /** Starts a fresh browser session: no cookies from an earlier test. */
    private static void signedOut() {
        driver.get(portal.base + "/");
        driver.manage().deleteAllCookies();
    }

    private static void signIn(String email) {
        signedOut();
        driver.get(portal.base + "/login");
        driver.findElement(By.name("email")).sendKeys(email);
        driver.findElement(By.name("password")).sendKeys(TestPortal.PASSWORD);
        submit(By.cssSelector("form.stack button[type=submit]"));
        assertTrue(driver.findElement(By.cssSelector("header nav")).getText().contains("Sign out"));
    }

    /** Reloads the page until {@code selector}'s text contains {@code text} (pages refresh themselves while work runs). */
    private static void waitForText(By selector, String text) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String seen = "";
        while (System.nanoTime() < deadline) {
            var found = driver.findElements(selector);
            if (!found.isEmpty()) {
                seen = found.getFirst().getText();
                if (seen.contains(text)) return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            driver.navigate().refresh();
        }
        throw new AssertionError("waited a minute for '" + text + "' in " + selector + ", last saw '" + seen + "'");
    }

    private void assertImageLoaded(By image, String what) {
        WebElement img = driver.findElement(image);
        assertEquals(Boolean.TRUE, js("return arguments[0].complete && arguments[0].naturalWidth > 0;", img), what);
    }

    private static void fillQasm(String qasm) {
        WebElement box = driver.findElement(By.name("qasm"));
        box.clear();
        box.sendKeys(qasm);
    }

    /** Where QISE_SCREENSHOTS names a directory, saves a screenshot there for a person to look at. */
    private static void screenshot(String name) {
        String dir = System.getenv("QISE_SCREENSHOTS");
        if (dir == null) return;
        try {
            byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            Files.write(Path.of(dir, name + ".png"), png);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void signInPasteACircuitAndSeeItOnAPhoneAndAProjector() {
        driver.get(portal.base + "/login");
        driver.findElement(By.name("email")).sendKeys("browser@example.org");
        driver.findElement(By.name("password")).sendKeys(TestPortal.PASSWORD);
        submit(By.cssSelector("form.stack button[type=submit]"));
        assertTrue(driver.findElement(By.cssSelector("header nav")).getText().contains("Sign out"));

        driver.get(portal.base + "/circuits/new");
        driver.findElement(By.name("title")).sendKeys("GHZ from the browser");
        driver.findElement(By.name("tags")).sendKeys("ghz browser");
        driver.findElement(By.cssSelector("select[name=visibility] option[value=cohort]")).click();
        // An invalid line first: the form comes back with the error and keeps the text.
        driver.findElement(By.name("qasm")).sendKeys(GHZ + "cz q[0];\n");
        submit(By.cssSelector("form.stack button[type=submit]"));
        assertTrue(driver.findElement(By.cssSelector("p.error")).getText().contains("circuit.qasm:9:"));
        WebElement qasm = driver.findElement(By.name("qasm"));
        qasm.clear();
        qasm.sendKeys(GHZ);
        submit(By.cssSelector("form.stack button[type=submit]"));

        assertEquals("GHZ from the browser", driver.findElement(By.tagName("h1")).getText());
        assertTrue(driver.findElement(By.cssSelector("p.meta")).getText().contains("3 qubits · 3 gates"));
        WebElement diagram = driver.findElement(By.cssSelector("figure.diagram img"));
        assertEquals(Boolean.TRUE, js("return arguments[0].complete && arguments[0].naturalWidth > 0;", diagram),
                "the server-drawn SVG loads as an image under the page's CSP");
        // The stylesheet is applied (allowed by style-src 'self').
        assertEquals("rgba(10, 79, 160, 1)", driver.findElement(By.cssSelector("form.inline button:not(.link)")).getCssValue("background-color"));

        screenshot("circuit-desktop");
        driver.manage().window().setSize(new Dimension(390, 844));
        for (String path : new String[] {"/", driver.getCurrentUrl().substring(portal.base.length())}) {
            driver.get(portal.base + path);
            long overflow = ((Number) js("return document.documentElement.scrollWidth - window.innerWidth;")).longValue();
            assertTrue(overflow <= 0, path + " is wider than a phone screen by " + overflow + " px");
            screenshot("phone" + path.replace('/', '-'));
        }
        driver.manage().window().setSize(new Dimension(1920, 1080));
        driver.get(portal.base + "/");
        double fontSize = Double.parseDouble(driver.findElement(By.tagName("body")).getCssValue("font-size").replace("px", ""));
        assertTrue(fontSize >= 18, "readable from the back of a room: " + fontSize + "px");
        assertTrue(driver.findElement(By.cssSelector("table.list")).getText().contains("GHZ from the browser"));

        submit(By.cssSelector("form.inline button.link")); // sign out
        assertTrue(driver.findElement(By.cssSelector("header nav")).getText().contains("Sign in"));
        driver.get(portal.base + "/");
        assertTrue(!driver.getPageSource().contains("GHZ from the browser"), "a cohort circuit is hidden once signed out");
    }

    @Test
    void registerWithAnInviteThenEditForkRunAndReproduce() {
        var invite = portal.json("POST", "/api/v1/invites", instructorToken, java.util.Map.of("role", "fellow", "cohort", "Browser cohort"));
        TestPortal.assertStatus(201, invite);
        String code = TestPortal.parse(invite).get("code").asText();

        signedOut();
        driver.get(portal.base + "/register");
        driver.findElement(By.name("invite")).sendKeys(code);
        driver.findElement(By.name("name")).sendKeys("Ada Newcomer");
        driver.findElement(By.name("email")).sendKeys("ada@example.org");
        driver.findElement(By.name("institution")).sendKeys("Partner Institute");
        driver.findElement(By.name("country")).sendKeys("NL");
        driver.findElement(By.name("password")).sendKeys("a long enough passphrase");
        submit(By.cssSelector("form.stack button[type=submit]"));
        assertTrue(driver.findElement(By.cssSelector("header nav")).getText().contains("Sign out"), "registered and signed in");

        driver.get(portal.base + "/circuits/new");
        driver.findElement(By.name("title")).sendKeys("Bell pair");
        fillQasm("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n");
        submit(By.cssSelector("form.stack button[type=submit]"));
        assertEquals("Bell pair", driver.findElement(By.tagName("h1")).getText());
        assertImageLoaded(By.cssSelector("figure.diagram img"), "the diagram of the new circuit");

        driver.findElement(By.linkText("Edit")).click();
        fillQasm("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nx q[1];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n");
        submit(By.cssSelector("form.stack button[type=submit]"));
        assertTrue(driver.findElement(By.cssSelector("p.meta")).getText().contains("version 2 of 2"),
                driver.findElement(By.cssSelector("p.meta")).getText());

        submit(By.xpath("//form[contains(@action, '/fork')]//button"));
        assertTrue(driver.findElement(By.cssSelector("p.meta")).getText().contains("forked from"), "the fork links to its origin");

        driver.findElement(By.linkText("Run / results")).click();
        WebElement shots = driver.findElement(By.name("shots"));
        shots.clear();
        shots.sendKeys("500");
        driver.findElement(By.name("seed")).sendKeys("7");
        submit(By.xpath("//form[contains(@action, '/runs')]//button[text()='Run']"));
        waitForText(By.cssSelector("strong.status"), "done");
        assertImageLoaded(By.cssSelector("figure.diagram img"), "the histogram of the run");
        assertTrue(driver.getPageSource().contains("c[n-1]…c[0]"), "the bit order is labelled");

        submit(By.xpath("//form[contains(@action, '/reproduce')]//button"));
        waitForText(By.cssSelector("p.verdict"), "bit-exact");

        submit(By.cssSelector("form.inline button.link")); // sign out
        assertTrue(driver.findElement(By.cssSelector("header nav")).getText().contains("Sign in"));
    }

    @Test
    void anInstructorsExerciseIsSolvedByAParticipant() {
        signIn("teacher@example.org");
        driver.get(portal.base + "/workshops");
        driver.findElement(By.name("title")).sendKeys("Entanglement workshop");
        js("arguments[0].value = '2026-12-01';", driver.findElement(By.name("date")));
        driver.findElement(By.name("cohort")).sendKeys("Browser cohort");
        submit(By.xpath("//form[@action='/workshops']//button"));
        String workshopUrl = driver.getCurrentUrl();

        driver.findElement(By.name("title")).sendKeys("Make a Bell pair");
        driver.findElement(By.name("task")).sendKeys("Prepare (|00⟩ + |11⟩)/√2.");
        driver.findElement(By.cssSelector("select[name=kind] option[value=state]")).click();
        driver.findElement(By.name("target")).sendKeys("[0.7071067811865476, 0, 0, 0.7071067811865476]");
        submit(By.xpath("//form[contains(@action, '/exercises') and not(contains(@action, 'submit'))]//button"));
        assertTrue(driver.getPageSource().contains("Make a Bell pair"));

        signIn("browser@example.org");
        driver.get(workshopUrl);
        fillQasm("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nh q[0];\ncx q[0],q[1];\n");
        submit(By.xpath("//form[contains(@action, '/submit')]//button"));
        waitForText(By.cssSelector("p.verdict"), "solved");

        signIn("teacher@example.org");
        driver.get(workshopUrl + "/results");
        String table = driver.findElement(By.tagName("table")).getText();
        assertTrue(table.contains("✔"), "the instructor sees who solved it: " + table);
    }
}
