package org.qise.portal.credit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.qise.portal.Chromium;
import org.qise.portal.DesktopAndPhone;
import org.qise.portal.TestPortal;
import org.qise.portal.export.RoCrateValidator;
import org.qise.portal.people.Role;

/**
 * In real Chromium (headless; Debian packages chromium and chromium-driver), at a desktop and a
 * 390 px phone width: a licence is chosen when a circuit is created and shown on its page, the
 * circuit is starred, and its RO-Crate is downloaded by clicking the link, unzipped and checked.
 */
class CreditBrowserTest {
    static final String BELL = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n";

    static TestPortal portal;
    static ChromeDriver driver;
    static Path downloads;
    static String token;

    @BeforeAll
    static void start() throws IOException {
        portal = TestPortal.start();
        token = portal.token(portal.user("licensor@example.org", Role.FELLOW, null));
        downloads = Files.createTempDirectory("qise-crate-downloads-");
        driver = Chromium.start(downloads);
        signIn();
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (portal != null) portal.close();
        if (downloads != null) TestPortal.deleteTree(downloads);
    }

    @DesktopAndPhone
    void aLicenceChosenAtCreationIsShownAndTheCrateDownloads(int width, int height) throws IOException {
        driver.manage().window().setSize(new Dimension(width, height));
        String title = "Licensed Bell " + width;
        driver.get(portal.base + "/circuits/new");
        driver.findElement(By.name("title")).sendKeys(title);
        driver.findElement(By.cssSelector("select[name=visibility] option[value=public]")).click();
        assertEquals("CC-BY-4.0", driver.findElement(By.cssSelector("select[name=license] option:checked")).getAttribute("value"),
                "the default licence is preselected");
        driver.findElement(By.cssSelector("select[name=license] option[value='MIT']")).click();
        driver.findElement(By.name("qasm")).sendKeys(BELL);
        submit(By.cssSelector("form.stack button[type=submit]"));

        assertEquals(title, driver.findElement(By.tagName("h1")).getText());
        WebElement licence = driver.findElement(By.cssSelector("section.credit a.license"));
        assertTrue(licence.isDisplayed());
        assertEquals("MIT", licence.getText());
        assertEquals("https://spdx.org/licenses/MIT", licence.getAttribute("href"));
        assertTrue(driver.findElement(By.cssSelector("section.credit .authors")).getText().contains("Name of licensor@example.org"));

        submit(By.cssSelector("section.credit form button"));
        assertEquals("1", driver.findElement(By.cssSelector("section.credit .stars")).getText());
        assertEquals("Unstar", driver.findElement(By.cssSelector("section.credit form button")).getText());

        long overflow = ((Number) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth;")).longValue();
        assertTrue(overflow <= 0, "the circuit page is wider than the window by " + overflow + " px");

        WebElement crateLink = driver.findElement(By.cssSelector("a.ro-crate"));
        assertTrue(crateLink.isDisplayed());
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView();", crateLink);
        crateLink.click();
        Path zip = Chromium.awaitDownload(driver, downloads, ".crate.zip");
        var crate = RoCrateValidator.read(Files.readAllBytes(zip));
        Files.delete(zip);
        assertEquals(List.of(), RoCrateValidator.problems(crate));
        // A browser sends a textarea's lines ending in CR LF; the crate carries the text as saved.
        assertEquals(BELL, crate.text("circuit.qasm").replace("\r\n", "\n"));
        assertEquals("https://spdx.org/licenses/MIT", crate.entity("./").get("license").get("@id").asText());

        // A finished run of it downloads from its page the same way, with its provenance.
        String circuit = driver.getCurrentUrl().substring((portal.base + "/circuits/").length()).replaceAll("[?#].*", "");
        var started = portal.json("POST", "/api/v1/circuits/" + circuit + "/runs", token, Map.of("shots", 100, "seed", 3));
        String run = TestPortal.parse(started).get("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!TestPortal.parse(portal.get("/api/v1/runs/" + run, token)).get("status").asText().equals("done")) {
            assertTrue(System.nanoTime() < deadline, "the run did not finish within a minute");
            pause();
        }
        driver.get(portal.base + "/runs/" + run);
        WebElement runCrate = driver.findElement(By.cssSelector("a.ro-crate"));
        assertTrue(runCrate.isDisplayed());
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView();", runCrate);
        runCrate.click();
        Path runZip = Chromium.awaitDownload(driver, downloads, ".crate.zip");
        var runCrateRead = RoCrateValidator.read(Files.readAllBytes(runZip));
        Files.delete(runZip);
        assertEquals(List.of(), RoCrateValidator.problems(runCrateRead));
        assertEquals(1, runCrateRead.ofType("CreateAction").size());
    }

    private static void signIn() {
        Chromium.signIn(driver, portal, "licensor@example.org");
    }

    private static void submit(By button) {
        Chromium.submit(driver, button);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
