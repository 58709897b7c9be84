package org.qise.portal.circuits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.qise.portal.Chromium;
import org.qise.portal.DesktopAndPhone;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/**
 * In real Chromium (headless; Debian packages chromium and chromium-driver), at a desktop and a
 * 390 px phone width. With JavaScript switched off for the portal: the Preview button draws the
 * diagram and shows a parse error without storing anything, the gate palette adds a gate,
 * formulas render as MathML, and a diff between two versions shows side by side, all without the
 * page growing wider than the window. With it on: the edit page's preview follows the typing by
 * itself (the portal's /static/preview.js), the page never reloading, and the Preview button
 * still works.
 */
class CircuitPreviewBrowserTest {
    static final String BELL = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n";

    static TestPortal portal;
    static ChromeDriver driver;
    static String token;

    @BeforeAll
    static void start() {
        driver = Chromium.start();
        portal = TestPortal.start();
        token = portal.token(portal.user("drafter@example.org", Role.FELLOW, null));
        Chromium.signIn(driver, portal, "drafter@example.org");
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (portal != null) portal.close();
    }

    @DesktopAndPhone
    void withoutScriptsPreviewThenSaveThenDiff(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        // The portal's pages work without their scripts; the driver's checks use the DevTools protocol.
        Chromium.scripts(driver, false);
        String title = "Previewed Bell " + width;
        driver.get(portal.base + "/circuits/new");
        driver.findElement(By.name("title")).sendKeys(title);
        driver.findElement(By.cssSelector("select[name=visibility] option[value=public]")).click();
        driver.findElement(By.name("description")).sendKeys("Prepares $\\frac{1}{\\sqrt{2}}(\\ket{00}+\\ket{11})$.");
        // The palette starts an empty text with a header and the chosen gate.
        driver.findElement(By.cssSelector("select[name=paletteGate] option[value=h]")).click();
        submit(By.cssSelector("button[name=append]"));
        assertTrue(driver.findElement(By.name("qasm")).getAttribute("value").endsWith("qreg q[2];\ncreg c[2];\nh q[0];\n"),
                driver.findElement(By.name("qasm")).getAttribute("value"));
        assertTrue(driver.findElement(By.cssSelector("#preview figure.diagram svg")).isDisplayed());
        assertNoSideways("the form with its palette");

        driver.findElement(By.name("qasm")).clear();
        driver.findElement(By.name("qasm")).sendKeys(BELL.replace("q[1]", "q[5]"));
        submit(By.cssSelector("button[name=preview]"));

        // A mistake is shown with its place, the text kept for fixing, and nothing saved.
        assertTrue(driver.getCurrentUrl().endsWith("/circuits#preview"), driver.getCurrentUrl());
        WebElement error = driver.findElement(By.cssSelector("#preview .error"));
        assertTrue(error.isDisplayed());
        assertTrue(error.getText().startsWith("circuit.qasm:6:"), error.getText());
        assertEquals(title, driver.findElement(By.name("title")).getAttribute("value"));

        WebElement qasm = driver.findElement(By.name("qasm"));
        qasm.clear();
        qasm.sendKeys(BELL);
        submit(By.cssSelector("button[name=preview]"));
        WebElement svg = driver.findElement(By.cssSelector("#preview figure.diagram svg"));
        assertTrue(svg.isDisplayed());
        assertTrue(svg.getSize().getWidth() > 100 && svg.getSize().getHeight() > 50, "diagram drawn at " + svg.getSize());
        WebElement math = driver.findElement(By.cssSelector("#preview .description math"));
        assertTrue(math.isDisplayed());
        assertTrue(math.getSize().getWidth() > 20, "formula drawn at " + math.getSize());
        assertEquals(List.of(), driver.findElements(By.cssSelector("#preview .error")));
        assertTrue(driver.findElement(By.cssSelector("#preview pre.qasm .tok-gate")).isDisplayed());
        assertNoSideways("the previewed form");

        submit(By.cssSelector("form.stack button[type=submit]:not([name])"));
        assertEquals(title, driver.findElement(By.tagName("h1")).getText());
        assertTrue(driver.findElement(By.cssSelector(".description math")).isDisplayed());
        String ref = driver.getCurrentUrl().substring((portal.base + "/circuits/").length()).replaceAll("[?#].*", "");

        driver.get(portal.base + "/circuits/" + ref + "/edit");
        WebElement edit = driver.findElement(By.name("qasm"));
        edit.clear();
        edit.sendKeys(BELL.replace("cx q[0],q[1];", "cz q[0],q[1];"));
        // The edit page's Preview button, too, works with scripts off: the page comes back previewed.
        submit(By.cssSelector("button[name=preview]"));
        assertTrue(driver.getCurrentUrl().endsWith("/circuits/" + ref + "/edit#preview"), driver.getCurrentUrl());
        assertTrue(driver.findElement(By.cssSelector("#preview pre.qasm")).getText().contains("cz q[0],q[1];"));
        assertTrue(driver.findElement(By.cssSelector("#preview figure.diagram svg")).isDisplayed());
        submit(By.cssSelector("form.stack button[type=submit]:not([name])"));

        driver.get(portal.base + "/circuits/" + ref + "/diff?from=1&to=2");
        WebElement removed = driver.findElement(By.cssSelector("table.diff-split td.del"));
        WebElement added = driver.findElement(By.cssSelector("table.diff-split td.add"));
        assertEquals("cx q[0],q[1];", removed.getText());
        assertEquals("cz q[0],q[1];", added.getText());
        assertEquals(removed.getLocation().getY(), added.getLocation().getY(), "old and new line on one row");
        assertTrue(removed.getLocation().getX() < added.getLocation().getX(), "old on the left");
        assertTrue(driver.findElement(By.cssSelector("pre.diff .add")).getText().contains("+ cz q[0],q[1];"));
        // On a phone the table scrolls inside its box; the page itself does not.
        assertNoSideways("the diff page");
        assertFalse(TestPortal.withoutOwnScripts(driver.getPageSource()).contains("<script"));
        Chromium.scripts(driver, true);
    }

    @DesktopAndPhone
    void withScriptsTheEditPreviewFollowsTheTypingWithoutReloading(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        Chromium.scripts(driver, true);
        var made = portal.json("POST", "/api/v1/circuits", token, Map.of("title", "Live Bell " + width, "visibility", "private", "qasm", BELL));
        TestPortal.assertStatus(201, made);
        String ref = TestPortal.parse(made).get("id").asText();
        driver.get(portal.base + "/circuits/" + ref + "/edit");
        assertEquals(List.of(), driver.findElements(By.id("preview")), "no preview before any typing");
        WebElement samePage = driver.findElement(By.tagName("html"));

        // Typing, then a pause: the preview of exactly the typed text appears below the form.
        WebElement qasm = driver.findElement(By.name("qasm"));
        qasm.sendKeys("x q[1];");
        Chromium.waitUntil(driver, () -> previewSource().contains("x q[1];"));
        assertTrue(driver.findElement(By.cssSelector("#preview figure.diagram svg")).isDisplayed());
        assertEquals(List.of(), driver.findElements(By.cssSelector("#preview .error")));

        // A mistake shows with its place, and the diagram goes until it is fixed.
        qasm.sendKeys("\ncx q[0],q[7];");
        Chromium.waitUntil(driver, () -> !driver.findElements(By.cssSelector("#preview .error")).isEmpty());
        String error = driver.findElement(By.cssSelector("#preview .error")).getText();
        assertTrue(error.startsWith("circuit.qasm:9:"), error);
        assertEquals(List.of(), driver.findElements(By.cssSelector("#preview figure.diagram")));

        // All of it happened in the page that was loaded: no reload, no navigation, and nothing saved.
        assertTrue(samePage.isEnabled(), "the page was not replaced");
        assertTrue(driver.getCurrentUrl().endsWith("/circuits/" + ref + "/edit"), driver.getCurrentUrl());
        assertEquals(1, TestPortal.parse(portal.get("/api/v1/circuits/" + ref + "/versions", token)).size(), "a preview saves nothing");
        assertNoSideways("the edit page with its live preview");

        // The Preview button still posts the form and shows the page it answers with.
        qasm.sendKeys(Keys.BACK_SPACE, Keys.BACK_SPACE, Keys.BACK_SPACE, "1];");
        submit(By.cssSelector("button[name=preview]"));
        assertTrue(driver.getCurrentUrl().endsWith("/circuits/" + ref + "/edit#preview"), driver.getCurrentUrl());
        assertTrue(previewSource().contains("measure q -> c;\nx q[1];\ncx q[0],q[1];"), previewSource());
        assertTrue(driver.findElement(By.cssSelector("#preview figure.diagram svg")).isDisplayed());
    }

    /** The text of the shown preview's highlighted source, or "" when there is none. */
    private static String previewSource() {
        var shown = driver.findElements(By.cssSelector("#preview pre.qasm"));
        return shown.isEmpty() ? "" : shown.getFirst().getText().replace("\r\n", "\n");
    }

    private static void assertNoSideways(String what) {
        Chromium.assertFitsTheWindow(driver, what);
    }

    private static void submit(By button) {
        Chromium.submit(driver, button);
    }
}
