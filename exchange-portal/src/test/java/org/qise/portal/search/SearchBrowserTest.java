package org.qise.portal.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.qise.portal.Chromium;
import org.qise.portal.DesktopAndPhone;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/**
 * Search and profiles in real headless Chromium, without JavaScript of the portal's own: type
 * words, narrow by qubits, page through the results with "More results", open a tag page; set an
 * ORCID iD on one's profile; at desktop width and on a 390 px phone, where nothing may stick out
 * sideways.
 */
class SearchBrowserTest {
    static final String QASM = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[%d];\ncreg c[%d];\nh q[0];\nmeasure q -> c;\n";

    static TestPortal portal;
    static ChromeDriver driver;
    static org.qise.portal.people.User searcher;

    @BeforeAll
    static void start() {
        portal = TestPortal.start();
        searcher = portal.user("searcher@example.org", Role.FELLOW, null);
        String token = portal.token(searcher);
        // 12 teleportation circuits of 3 qubits (a long title, to test wrapping on a phone), 4 of 5 qubits.
        for (int i = 0; i < 16; i++) {
            int qubits = i < 12 ? 3 : 5;
            var r = portal.json("POST", "/api/v1/circuits", token, Map.of("title", "Teleportation protocol with"
                    + " an extraordinarilylongwordthatmustwrapsomewhereonaphone number " + i, "visibility", "public",
                    "qasm", QASM.formatted(qubits, qubits), "tags", List.of("teleportation", "q" + qubits)));
            assertStatus(201, r);
        }
        driver = Chromium.start();
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (portal != null) portal.close();
    }

    @DesktopAndPhone
    void searchPagesThroughResultsAndOpensATagPage(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        driver.get(portal.base + "/");
        driver.findElement(By.linkText("Find")).click();
        assertEquals("Find circuits", driver.findElement(By.tagName("h1")).getText());
        assertNoSidewaysScroll();
        driver.findElement(By.name("q")).sendKeys("teleport");
        driver.findElement(By.name("maxQubits")).sendKeys("3");
        driver.findElement(By.cssSelector("form.search button[type=submit]")).click();
        waitFor("teleport");
        List<String> seen = new ArrayList<>();
        int pages = 0;
        while (true) {
            List<WebElement> titles = driver.findElements(By.cssSelector("ol.results a.title"));
            titles.forEach(t -> seen.add(t.getText()));
            assertNoSidewaysScroll();
            pages++;
            List<WebElement> more = driver.findElements(By.linkText("More results →"));
            if (more.isEmpty()) break;
            String before = driver.getCurrentUrl();
            more.get(0).click();
            waitUntil(() -> !driver.getCurrentUrl().equals(before));
        }
        assertEquals(1, pages, "25 per page: all 12 on one page");
        assertEquals(12, new HashSet<>(seen).size());
        assertTrue(seen.stream().allMatch(t -> t.startsWith("Teleportation")), seen.toString());
        // Smaller pages through the URL, as a bookmark would give them.
        driver.get(portal.base + "/search?q=teleport&sort=created&limit=5");
        List<String> walked = new ArrayList<>();
        while (true) {
            driver.findElements(By.cssSelector("ol.results a.title")).forEach(t -> walked.add(t.getText()));
            List<WebElement> more = driver.findElements(By.linkText("More results →"));
            if (more.isEmpty()) break;
            String before = driver.getCurrentUrl();
            more.get(0).click();
            waitUntil(() -> !driver.getCurrentUrl().equals(before));
        }
        assertEquals(16, walked.size());
        assertEquals(16, new HashSet<>(walked).size(), "no result twice across pages");
        assertTrue(walked.getFirst().endsWith("number 15"), walked.getFirst());
        // A tag on a result leads to that tag's page (the first page shows the newest, tagged q5).
        driver.get(portal.base + "/search?q=teleport&sort=created&limit=5");
        driver.findElements(By.cssSelector("ol.results .tags a")).stream().filter(a -> a.getText().equals("q5")).findFirst()
                .orElseThrow().click();
        waitUntil(() -> driver.getCurrentUrl().endsWith("/tags/q5"));
        assertEquals("Circuits tagged q5", driver.findElement(By.tagName("h1")).getText());
        assertEquals(4, driver.findElements(By.cssSelector("ol.results a.title")).size());
        assertNoSidewaysScroll();
    }

    @DesktopAndPhone
    void aPersonSetsAnOrcidIdOnTheirProfile(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        driver.manage().deleteAllCookies();
        driver.get(portal.base + "/login");
        driver.findElement(By.name("email")).sendKeys("searcher@example.org");
        driver.findElement(By.name("password")).sendKeys(TestPortal.PASSWORD);
        String before = driver.getCurrentUrl();
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waitUntil(() -> !driver.getCurrentUrl().equals(before));
        driver.findElement(By.linkText("Profile")).click();
        waitFor("/people/" + searcher.id());
        driver.findElement(By.linkText("Edit profile")).click();
        waitFor("/edit");
        var orcid = driver.findElement(By.name("orcid"));
        orcid.clear();
        orcid.sendKeys("0000-0002-1825-0098"); // one digit off: refused, naming the field
        driver.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        waitUntil(() -> !driver.findElements(By.cssSelector("p.error")).isEmpty());
        assertTrue(driver.findElement(By.cssSelector("p.error")).getText().startsWith("orcid:"));
        assertNoSidewaysScroll();
        orcid = driver.findElement(By.name("orcid"));
        orcid.clear();
        orcid.sendKeys("https://orcid.org/0000-0002-1825-0097");
        driver.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        waitUntil(() -> driver.getCurrentUrl().endsWith("/people/" + searcher.id()));
        WebElement link = driver.findElement(By.cssSelector("a.orcid"));
        assertEquals("https://orcid.org/0000-0002-1825-0097", link.getAttribute("href"));
        assertEquals(16, driver.findElements(By.cssSelector("ol.results a.title")).size(), "their circuits are listed");
        assertNoSidewaysScroll();
    }

    private static void assertNoSidewaysScroll() {
        Chromium.assertFitsTheWindow(driver, "the page");
    }

    private static void waitFor(String inUrl) {
        waitUntil(() -> driver.getCurrentUrl().contains(inUrl));
    }

    private static void waitUntil(java.util.function.BooleanSupplier done) {
        Chromium.waitUntil(driver, done);
        driver.executeScript("return document.readyState;");
    }
}
