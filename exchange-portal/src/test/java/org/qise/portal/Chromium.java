package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for browser tests, set up one way for all of them: start it (optionally saving
 * downloads to a folder), sign in, click and wait for the next page, and check a page's width.
 */
public final class Chromium {
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {}

    /** The window sizes every browser test checks ({@link DesktopAndPhone}): a laptop, and a phone held upright (iPhone 12 to 15). */
    public static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> windowSizes() {
        return java.util.stream.Stream.of(org.junit.jupiter.params.provider.Arguments.of(1280, 800),
                org.junit.jupiter.params.provider.Arguments.of(390, 844));
    }

    /** A headless Chromium at desktop size; skipped (failed in CI) where Chromium is missing. */
    public static ChromeDriver start() {
        return start(null);
    }

    /** As {@link #start()}, saving downloads to {@code downloads} (headless Chromium saves them only where told). */
    public static ChromeDriver start(Path downloads) {
        Prerequisite.require(Files.isExecutable(BINARY) && Files.isExecutable(DRIVER),
                "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,800");
        if (downloads != null) {
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        if (downloads != null) {
            driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        }
        return driver;
    }

    /** Makes pages see {@code prefers-color-scheme: light} or {@code dark}, as a system setting would. */
    public static void colorScheme(ChromeDriver driver, String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", java.util.List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** Switches the page's own scripts off or on (the driver's DevTools commands keep working either way). */
    public static void scripts(ChromeDriver driver, boolean on) {
        driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", !on));
    }

    /** Signs in through the form as {@code email} with {@link TestPortal#PASSWORD}. */
    public static void signIn(ChromeDriver driver, TestPortal portal, String email) {
        driver.get(portal.base + "/login");
        driver.findElement(By.name("email")).sendKeys(email);
        driver.findElement(By.name("password")).sendKeys(TestPortal.PASSWORD);
        submit(driver, By.cssSelector("form.stack button[type=submit]"));
        assertTrue(driver.findElement(By.cssSelector("header nav")).getText().contains("Sign out"), "signed in as " + email);
    }

    /** Clicks a button or link and waits until the browser has loaded the page that replaces this one. */
    public static void submit(ChromeDriver driver, By target) {
        submit(driver, driver.findElement(target));
    }

    public static void submit(ChromeDriver driver, WebElement target) {
        WebElement oldPage = driver.findElement(By.tagName("html"));
        try {
            // To the middle, clear of the sticky header (a click scrolls only as far as the edge).
            driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", target);
        } catch (WebDriverException scriptsOff) {
            // The click below still scrolls it into view.
        }
        target.click();
        waitUntil(driver, () -> {
            try {
                oldPage.isEnabled();
                return false;
            } catch (WebDriverException replaced) {
                return isLoaded(driver);
            }
        });
    }

    /**
     * The document is no wider than the window. Measured through DevTools, so it works with the
     * page's scripts off too.
     */
    @SuppressWarnings("unchecked")
    public static void assertFitsTheWindow(ChromeDriver driver, String what) {
        var metrics = (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        var content = (Map<String, Object>) metrics.get("cssContentSize");
        var viewport = (Map<String, Object>) metrics.get("cssLayoutViewport");
        double overflow = ((Number) content.get("width")).doubleValue() - ((Number) viewport.get("clientWidth")).doubleValue();
        assertTrue(overflow <= 0, what + " is wider than the window by " + overflow + " px at " + driver.getCurrentUrl());
    }

    /**
     * Waits for a finished download in {@code folder} whose name ends so. Chromium writes a
     * .crdownload file until done, but it may also create the final name early, empty, to reserve
     * it (CreditBrowserTest once read such a file: "the crate has no ro-crate-metadata.json at its
     * root"). So a download counts as finished when no .crdownload is left in the folder and the
     * file is not empty and kept its size from one poll to the next.
     */
    public static Path awaitDownload(ChromeDriver driver, Path folder, String suffix) {
        Path[] found = new Path[1];
        long[] lastSize = {-1};
        waitUntil(driver, () -> {
            try (var files = Files.list(folder)) {
                List<Path> all = files.toList();
                if (all.stream().anyMatch(f -> f.getFileName().toString().endsWith(".crdownload"))) return false;
                Path f = all.stream().filter(x -> x.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
                if (f == null) return false;
                long size;
                try {
                    size = Files.size(f);
                } catch (java.nio.file.NoSuchFileException renamedMeanwhile) {
                    return false;
                }
                long before = lastSize[0];
                lastSize[0] = size;
                found[0] = f;
                return size > 0 && size == before;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return found[0];
    }

    /** Whether the new page has loaded; with the page's scripts off, its being there is all that can be known. */
    private static boolean isLoaded(ChromeDriver driver) {
        try {
            return "complete".equals(driver.executeScript("return document.readyState;"));
        } catch (WebDriverException scriptsOff) {
            return true;
        }
    }

    public static void assertNoSidewaysScroll(ChromeDriver driver) {
        long overflow = ((Number) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth;")).longValue();
        assertTrue(overflow <= 0, "the page is " + overflow + " px wider than the window at " + driver.getCurrentUrl());
    }

    public static void waitUntil(ChromeDriver driver, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out at " + driver.getCurrentUrl());
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
