package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.qise.portal.Chromium;
import org.qise.portal.DesktopAndPhone;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/**
 * The run pages in real headless Chromium: sign in from "My runs" and land back on it, follow a
 * run from the list to its page, all without sideways scrolling on a 390 px phone; and the dark
 * theme that follows the system setting.
 */
class RunsBrowserTest {
    static Path dir;
    static TestPortal portal;
    static ChromeDriver driver;
    static String runId;

    @BeforeAll
    static void start() {
        driver = Chromium.start();
        dir = TestPortal.tempDir();
        portal = TestPortal.startKeeping(Runs.config(dir, Runs.runConfig()));
        String token = portal.token(portal.user("runner@example.org", Role.FELLOW, null));
        String circuit = Runs.circuit(portal, token, "Rotated GHZ state with a title long enough to wrap on a phone screen",
                Runs.SAMPLED, "public");
        runId = Runs.start(portal, token, circuit, Map.of("shots", 500, "seed", 11, "expect", java.util.List.of("Z0 Z1", "X0")));
        Runs.awaitDone(portal, token, runId);
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (portal != null) portal.close();
        if (dir != null) TestPortal.deleteTree(dir);
    }

    @DesktopAndPhone
    void signingInFromMyRunsLeadsBackThereAndToARunThatFitsTheScreen(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        driver.manage().deleteAllCookies();
        driver.get(portal.base + "/me/runs");
        Chromium.waitUntil(driver, () -> driver.getCurrentUrl().contains("/login"));
        driver.findElement(By.name("email")).sendKeys("runner@example.org");
        driver.findElement(By.name("password")).sendKeys(TestPortal.PASSWORD);
        driver.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        Chromium.waitUntil(driver, () -> driver.getCurrentUrl().endsWith("/me/runs"));
        assertEquals("My runs", driver.findElement(By.tagName("h1")).getText());
        Chromium.assertNoSidewaysScroll(driver);
        var entry = driver.findElement(By.cssSelector("ol.runs li"));
        assertTrue(entry.getText().contains("done"), entry.getText());
        assertTrue(entry.getText().contains("took"), entry.getText());
        entry.findElement(By.cssSelector("a.title")).click();
        Chromium.waitUntil(driver, () -> driver.getCurrentUrl().endsWith("/runs/" + runId));
        Chromium.assertNoSidewaysScroll(driver);
        // Times read as dates, with the exact instant in the element for machines.
        var queued = driver.findElement(By.cssSelector("p.times time"));
        assertTrue(queued.getAttribute("datetime").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), queued.getAttribute("datetime"));
        assertTrue(queued.getAttribute("title").endsWith("UTC"), "the server's UTC text stays as the title");
        driver.findElement(By.linkText("all runs of this circuit")).click();
        Chromium.waitUntil(driver, () -> driver.getCurrentUrl().endsWith("/runs") && !driver.getCurrentUrl().contains("/me/"));
        Chromium.assertNoSidewaysScroll(driver);
    }

    @Test
    void timesReadInTheReadersOwnTimeZone() {
        driver.manage().window().setSize(new Dimension(1280, 800));
        driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Asia/Tokyo"));
        try {
            driver.get(portal.base + "/runs/" + runId);
            var queued = driver.findElement(By.cssSelector("p.times time.when"));
            java.time.Instant at = java.time.Instant.parse(queued.getAttribute("datetime"));
            // The server wrote UTC; the script rewrote it for a reader in Tokyo (UTC+9, no summer time).
            assertEquals(org.qise.portal.web.Readable.time(at), queued.getAttribute("title"));
            String text = queued.getText();
            assertTrue(text.contains("GMT+9") || text.contains("JST"), text);
            int tokyoHour = at.atZone(java.time.ZoneId.of("Asia/Tokyo")).getHour();
            String minute = String.format("%02d", at.atZone(java.time.ZoneOffset.UTC).getMinute());
            String hour12 = String.format("%02d", tokyoHour % 12 == 0 ? 12 : tokyoHour % 12);
            assertTrue(text.contains(String.format("%02d", tokyoHour) + ":" + minute) || text.contains(hour12 + ":" + minute),
                    "Tokyo's hour " + tokyoHour + " in " + text);
        } finally {
            driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", ""));
        }
    }

    @Test
    void theDarkThemeFollowsTheSystemSetting() {
        driver.manage().window().setSize(new Dimension(1280, 800));
        try {
            Chromium.colorScheme(driver, "light");
            driver.get(portal.base + "/runs/" + runId);
            String light = background();
            Chromium.colorScheme(driver, "dark");
            driver.get(portal.base + "/runs/" + runId);
            String dark = background();
            assertEquals("rgb(255, 255, 255)", light);
            assertNotEquals(light, dark);
            assertEquals("rgb(18, 18, 18)", dark);
        } finally {
            Chromium.colorScheme(driver, "light");
        }
    }

    private static String background() {
        return String.valueOf(driver.executeScript("return getComputedStyle(document.body).backgroundColor;"));
    }
}
