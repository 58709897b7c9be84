package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.qise.portal.Prerequisite;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/**
 * The sweep form in real headless Chromium (Debian packages chromium and chromium-driver), with
 * no JavaScript of the portal's own: from the circuit's page to the form, a mistyped range shown
 * back on the form, then a sweep whose page reloads itself until its table and plot are there.
 */
class SweepBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    static TestPortal portal;
    static WebDriver driver;
    static String circuit;

    @BeforeAll
    static void start() {
        Prerequisite.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        portal = TestPortal.start();
        String token = portal.token(portal.user("chromium-sweeper@example.org", Role.FELLOW, null));
        circuit = Runs.circuit(portal, token, "Swept in a browser", ParametricRunsTest.PARAMETRIC, "public");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (portal != null) portal.close();
    }

    /** Clicks {@code button} and waits until the browser has loaded the page it leads to. */
    private static void clickAndWait(By button) {
        WebElement before = driver.findElement(By.tagName("html"));
        driver.findElement(button).click();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                before.isEnabled();
            } catch (org.openqa.selenium.WebDriverException gone) {
                if ("complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState;"))) return;
            }
            pause(50);
        }
        throw new AssertionError("no new page after clicking " + button);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void type(String field, String text) {
        WebElement e = driver.findElement(By.name(field));
        e.clear();
        e.sendKeys(text);
    }

    @Test
    void aSweepStartedFromTheFormShowsItsTableAndPlot() {
        driver.get(portal.base + "/login");
        type("email", "chromium-sweeper@example.org");
        type("password", TestPortal.PASSWORD);
        clickAndWait(By.cssSelector("form.stack button[type=submit]"));

        driver.get(portal.base + "/circuits/" + circuit);
        clickAndWait(By.linkText("Sweep its parameters"));
        type("param_theta", "0:1:0");
        type("param_phi", "0.5");
        type("seed", "12");
        clickAndWait(By.cssSelector("form.stack button[type=submit]"));
        assertTrue(driver.findElement(By.cssSelector("p.error")).getText().contains("theta: range '0:1:0' for theta has 0 points"),
                driver.getPageSource());
        assertEquals("0:1:0", driver.findElement(By.name("param_theta")).getAttribute("value"), "what was typed stays");

        type("param_theta", "0:pi:5");
        clickAndWait(By.cssSelector("form.stack button[type=submit]"));
        assertTrue(driver.getCurrentUrl().endsWith("/sweep"), driver.getCurrentUrl());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (driver.findElements(By.cssSelector("figure img")).isEmpty() && System.nanoTime() < deadline) {
            pause(250);
            driver.navigate().refresh(); // the page reloads itself every 2 s; this only saves waiting
        }
        WebElement img = driver.findElement(By.cssSelector("figure img"));
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) driver).executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0;", img),
                "the plot loads under the portal's Content-Security-Policy");
        assertEquals(1 + 5, driver.findElements(By.cssSelector("table tr")).size(), "a header and five points");
        assertTrue(driver.findElement(By.cssSelector("table")).getText().contains("⟨Z0⟩"));
    }
}
