package org.qise.portal.workshops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.qise.portal.people.Role;
import org.qise.portal.people.User;

/**
 * In real Chromium (headless; Debian packages chromium and chromium-driver), at a desktop and a
 * 390 px phone width: the instructor edits a workshop (title, closing time) and an exercise,
 * moves an exercise, opens a participant's submissions, and downloads the results as CSV by
 * clicking the link; the pages fit the window.
 */
class WorkshopBrowserTest {
    static final String BELL = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nh q[0];\ncx q[0],q[1];\n";

    static TestPortal portal;
    static ChromeDriver driver;
    static Path downloads;
    static long workshop;
    static User ada;

    @BeforeAll
    static void start() throws IOException {
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
        driver = Chromium.start(downloads);
        Chromium.signIn(driver, portal, "teacher@example.org");
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (portal != null) portal.close();
        if (downloads != null) TestPortal.deleteTree(downloads);
    }

    @DesktopAndPhone
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
        Path csv = Chromium.awaitDownload(driver, downloads, ".csv");
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
        Chromium.assertFitsTheWindow(driver, "the " + page + " page");
    }

    private static void click(By link) {
        Chromium.submit(driver, link);
    }

    private static void submit(By button) {
        Chromium.submit(driver, button);
    }

    private static void submit(WebElement target) {
        Chromium.submit(driver, target);
    }
}
