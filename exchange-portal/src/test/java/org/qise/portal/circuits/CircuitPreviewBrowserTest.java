package org.qise.portal.circuits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.qise.portal.Prerequisite;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/**
 * In real Chromium (headless; Debian packages chromium and chromium-driver) with JavaScript
 * switched off for the portal, at a desktop and a 390 px phone width: the Preview button draws
 * the diagram and shows a parse error without storing anything, the gate palette adds a gate, formulas render as MathML, and
 * a diff between two versions shows side by side, all without the page growing wider than the
 * window.
 */
class CircuitPreviewBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String BELL = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n";

    static TestPortal portal;
    static ChromeDriver driver;

    @BeforeAll
    static void start() {
        Prerequisite.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        portal = TestPortal.start();
        portal.user("drafter@example.org", Role.FELLOW, null);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        // The portal's own pages run no script; the driver's checks below use the DevTools protocol.
        driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", java.util.Map.of("value", true));
        driver.get(portal.base + "/login");
        driver.findElement(By.name("email")).sendKeys("drafter@example.org");
        driver.findElement(By.name("password")).sendKeys(TestPortal.PASSWORD);
        submit(By.cssSelector("form.stack button[type=submit]"));
        assertTrue(driver.findElement(By.cssSelector("header nav")).getText().contains("Sign out"));
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (portal != null) portal.close();
    }

    @ParameterizedTest(name = "at {0}×{1} px")
    @CsvSource({"1280, 800", "390, 844"})
    void previewThenSaveThenDiff(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
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
        assertFalse(driver.getPageSource().contains("<script"));
    }

    /** The document is no wider than the window (measured through DevTools: page scripts are off). */
    private static void assertNoSideways(String what) {
        @SuppressWarnings("unchecked")
        var metrics = (java.util.Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", java.util.Map.of());
        @SuppressWarnings("unchecked")
        var content = (java.util.Map<String, Object>) metrics.get("cssContentSize");
        @SuppressWarnings("unchecked")
        var viewport = (java.util.Map<String, Object>) metrics.get("cssLayoutViewport");
        double overflow = ((Number) content.get("width")).doubleValue() - ((Number) viewport.get("clientWidth")).doubleValue();
        assertTrue(overflow <= 0, what + " is wider than the window by " + overflow + " px");
    }

    /** Clicks a submit button and waits until the browser has replaced the page. */
    private static void submit(By button) {
        WebElement oldPage = driver.findElement(By.tagName("html"));
        WebElement b = driver.findElement(button);
        b.click();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                oldPage.isEnabled();
            } catch (WebDriverException replaced) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the page did not change after clicking " + button);
    }
}
