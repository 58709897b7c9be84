package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;
import org.qise.portal.runs.RunConfig;

/**
 * axe-core (from its npm package, pinned in {@link Axe}) on the main pages, in the light and the
 * dark theme: no critical or serious finding. Minor and moderate ones are printed, not failed.
 */
class AccessibilityBrowserTest {
    static Path dir;
    static TestPortal portal;
    static ChromeDriver driver;
    static Axe axe;
    static String circuit;
    static String run;
    static long reader;

    @BeforeAll
    static void start() {
        axe = Axe.load();
        driver = Chromium.start();
        dir = TestPortal.tempDir();
        PortalConfig config = TestPortal.config(dir).withRuns(RunConfig.defaults().withWorkers(1).withSmallWorkers(0));
        portal = TestPortal.startKeeping(config.withLimits(config.maxBodyBytes(), config.maxQasmBytes(), config.maxQubits(),
                config.maxGates(), 1_000_000));
        User user = portal.user("reader@example.org", Role.FELLOW, null);
        reader = user.id();
        String token = portal.token(user);
        var made = portal.json("POST", "/api/v1/circuits", token, Map.of("title", "Bell pair", "visibility", "public",
                "description", "Two qubits, **entangled**.", "tags", List.of("bell"),
                "qasm", "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0], q[1];\nmeasure q -> c;\n"));
        TestPortal.assertStatus(201, made);
        circuit = TestPortal.parse(made).get("id").asText();
        var started = portal.json("POST", "/api/v1/circuits/" + circuit + "/runs", token, Map.of("shots", 200, "seed", 3));
        TestPortal.assertStatus(202, started);
        run = TestPortal.parse(started).get("id").asText();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!TestPortal.parse(portal.get("/api/v1/runs/" + run, token)).get("status").asText().equals("done")) {
            if (System.nanoTime() > deadline) throw new AssertionError("the run did not finish");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (portal != null) portal.close();
        if (dir != null) TestPortal.deleteTree(dir);
    }

    @ParameterizedTest(name = "{0} ({1}, {2}, {3} px)")
    @CsvSource({
            "/, light, visitor, 1280", "/, dark, visitor, 1280", "/, light, visitor, 390",
            "/search?q=bell, light, visitor, 1280", "/search?q=bell, dark, visitor, 1280", "/search?q=bell, light, visitor, 390",
            "/login, light, visitor, 1280", "/login, dark, visitor, 1280", "/login, light, visitor, 390",
            "/circuits/{circuit}, light, visitor, 1280", "/circuits/{circuit}, dark, visitor, 1280", "/circuits/{circuit}, light, visitor, 390",
            "/circuits/{circuit}/runs, light, signed-in, 1280", "/circuits/{circuit}/runs, dark, signed-in, 1280",
            "/circuits/{circuit}/runs, light, signed-in, 390",
            "/runs/{run}, light, signed-in, 1280", "/runs/{run}, dark, signed-in, 1280", "/runs/{run}, light, signed-in, 390",
            "/me/runs, light, signed-in, 1280", "/me/runs, dark, signed-in, 1280", "/me/runs, light, signed-in, 390",
            "/circuits/{circuit}/edit, light, signed-in, 1280", "/circuits/{circuit}/edit, dark, signed-in, 1280",
            "/circuits/{circuit}/edit, light, signed-in, 390",
            "/people/{reader}, light, visitor, 1280", "/people/{reader}, dark, visitor, 1280", "/people/{reader}, light, visitor, 390",
    })
    void mainPagesHaveNoCriticalOrSeriousFindings(String path, String scheme, String who, int width) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, 844));
        driver.manage().deleteAllCookies();
        if (who.equals("signed-in")) signIn();
        Chromium.colorScheme(driver, scheme);
        try {
            driver.get(portal.base + path.replace("{circuit}", circuit).replace("{run}", run).replace("{reader}", String.valueOf(reader)));
            List<Axe.Violation> found = axe.violations(driver);
            found.stream().filter(v -> !blocking(v)).forEach(v -> System.out.println("axe (not failing) " + path + " " + scheme + ": " + v));
            List<Axe.Violation> blocking = found.stream().filter(AccessibilityBrowserTest::blocking).toList();
            assertTrue(blocking.isEmpty(), path + " in the " + scheme + " theme:\n" + String.join("\n",
                    blocking.stream().map(Axe.Violation::toString).toList()));
        } finally {
            Chromium.colorScheme(driver, "light");
        }
    }

    private static boolean blocking(Axe.Violation v) {
        return v.impact().equals("critical") || v.impact().equals("serious");
    }

    private static void signIn() {
        driver.get(portal.base + "/login");
        driver.findElement(By.name("email")).sendKeys("reader@example.org");
        driver.findElement(By.name("password")).sendKeys(TestPortal.PASSWORD);
        driver.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        Chromium.waitUntil(driver, () -> !driver.getCurrentUrl().contains("/login"));
    }
}
