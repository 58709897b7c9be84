package org.qise.portal.workshops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import org.qise.portal.people.User;

/**
 * In real Chromium (headless; Debian packages chromium and chromium-driver), at a desktop and a
 * 390 px phone width: the instructor edits a workshop (title, closing time) and an exercise,
 * moves an exercise, opens a participant's submissions, and downloads the results as CSV by
 * clicking the link; the pages fit the window.
 */
class WorkshopBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String BELL = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nh q[0];\ncx q[0],q[1];\n";

    static TestPortal portal;
    static ChromeDriver driver;
    static Path downloads;
    static long workshop;
    static User ada;

    @BeforeAll
    static void start() throws IOException {
        Prerequisite.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        portal = TestPortal.start();
        User teacher = portal.user("teacher@example.org", Role.INSTRUCTOR, null);
        ada = portal.user("ada@example.org", Role.FELLOW, null);
        WorkshopService service = portal.server.services().workshops();
        var w = service.create(teacher, "Entanglement day", "2026-12-01", null);
        workshop = w.id();
        service.join(ada, w.joinCode());
        service.addExercise(teacher, workshop, "Bell pair", "Prepare (|00⟩+|11⟩)/√2.", TargetInput.parse(TargetKind.STATE, BELL), null);
        service.addExercise(teacher, workshop, "Minus state", "", Target.checker("minus-state"), null);
        String token = portal.token(ada);
        long bell = service.exercises(teacher, workshop).get(0).id();
        TestPortal.assertStatus(201, portal.json("POST", "/api/v1/workshops/" + workshop + "/exercises/" + bell + "/submissions", token,
                Map.of("qasm", BELL)));

        downloads = Files.createTempDirectory("qise-workshop-downloads-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,800");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        driver = new ChromeDriver(driverService, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        driver.get(portal.base + "/login");
        driver.findElement(By.name("email")).sendKeys("teacher@example.org");
        driver.findElement(By.name("password")).sendKeys(TestPortal.PASSWORD);
        submit(By.cssSelector("form.stack button[type=submit]"));
        assertTrue(driver.findElement(By.cssSelector("header nav")).getText().contains("Sign out"));
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (portal != null) portal.close();
        if (downloads != null) TestPortal.deleteTree(downloads);
    }

    @ParameterizedTest(name = "at {0}×{1} px")
    @CsvSource({"1280, 800", "390, 844"})
    void theInstructorEditsTheWorkshopAndDownloadsTheResults(int width, int height) throws IOException {
        driver.manage().window().setSize(new Dimension(width, height));
        String title = "Entanglement day at " + width;
        driver.get(portal.base + "/workshops/" + workshop);
        click(By.cssSelector("a.edit"));
        WebElement titleField = driver.findElement(By.cssSelector("form.workshop-edit input[name=title]"));
        titleField.clear();
        titleField.sendKeys(title);
        // A datetime-local field's keyboard order follows the browser's locale; its value does not.
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = '2030-01-31T17:30';",
                driver.findElement(By.cssSelector("form.workshop-edit input[name=closes_at]")));
        assertFitsTheWindow("edit");
        submit(By.cssSelector("form.workshop-edit button[type=submit]"));
        assertEquals(title, driver.findElement(By.tagName("h1")).getText());
        assertEquals("Submissions close 2030-01-31 17:30 UTC.", driver.findElement(By.cssSelector("p.window")).getText());

        // Move the first exercise down, then rename it; the workshop page shows both.
        click(By.cssSelector("a.edit"));
        List<String> before = exerciseTitles();
        WebElement first = driver.findElements(By.cssSelector("section.exercise-edit")).get(0);
        submit(first.findElement(By.cssSelector("button.move-down")));
        assertEquals(List.of(before.get(1), before.get(0)), exerciseTitles());
        WebElement moved = driver.findElements(By.cssSelector("section.exercise-edit")).get(1);
        WebElement exerciseTitle = moved.findElement(By.name("title"));
        exerciseTitle.clear();
        exerciseTitle.sendKeys(before.get(0) + " (" + width + ")");
        submit(moved.findElement(By.cssSelector("button[type=submit]:not(.move-up):not(.move-down)")));
        driver.get(portal.base + "/workshops/" + workshop);
        List<String> shown = driver.findElements(By.cssSelector("section.exercise h2")).stream().map(WebElement::getText).toList();
        assertEquals(List.of(before.get(1), before.get(0) + " (" + width + ")"), shown);

        // The results: a name opens the participant's circuits; the CSV downloads.
        driver.get(portal.base + "/workshops/" + workshop + "/results");
        assertFitsTheWindow("results");
        click(By.linkText("Name of ada@example.org"));
        assertEquals("Name of ada@example.org", driver.findElement(By.tagName("h1")).getText());
        assertTrue(driver.findElement(By.cssSelector("pre.submitted")).getText().contains("cx q[0],q[1];"));
        assertFitsTheWindow("participant");
        driver.navigate().back();
        WebElement csvLink = driver.findElement(By.cssSelector("a.csv"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView();", csvLink);
        csvLink.click();
        Path csv = awaitDownload(".csv");
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        Files.delete(csv);
        String[] lines = text.split("\r\n");
        assertEquals("participant,institution,exercise,status,score,submitted at,run id", lines[0]);
        assertEquals(3, lines.length, text);
        assertTrue(lines[1].startsWith("Name of ada@example.org,Test University," + before.get(1) + ","), lines[1]);
        assertTrue(lines[2].startsWith("Name of ada@example.org,Test University," + before.get(0) + " (" + width + "),"), lines[2]);
        assertTrue(text.contains(",passed,1,"), "the Bell pair was solved: " + text);
    }

    private static List<String> exerciseTitles() {
        return driver.findElements(By.cssSelector("section.exercise-edit input[name=title]")).stream()
                .map(e -> e.getAttribute("value")).toList();
    }

    private static void assertFitsTheWindow(String page) {
        long overflow = ((Number) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth;")).longValue();
        assertTrue(overflow <= 0, "the " + page + " page is wider than the window by " + overflow + " px");
    }

    /** Waits for a finished download whose name ends so (Chromium writes .crdownload files until it is done). */
    private static Path awaitDownload(String suffix) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (var files = Files.list(downloads)) {
                var done = files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst();
                if (done.isPresent()) return done.get();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            pause();
        }
        throw new AssertionError("no *" + suffix + " was downloaded within 30 s");
    }

    private static void click(By link) {
        submit(driver.findElement(link));
    }

    private static void submit(By button) {
        submit(driver.findElement(button));
    }

    /** Clicks and waits until the browser has replaced the page. */
    private static void submit(WebElement target) {
        WebElement oldPage = driver.findElement(By.tagName("html"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", target);
        target.click();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                oldPage.isEnabled();
            } catch (WebDriverException replaced) {
                if ("complete".equals(driver.executeScript("return document.readyState;"))) return;
            }
            pause();
        }
        throw new AssertionError("the page did not change after clicking " + target);
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
