package io.accesskeys.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium through its own chromedriver (no driver or browser download: the network is closed).
 * Override the binaries with {@code -Dchrome.binary=} and {@code -Dchromedriver=} (or CHROME_BIN / CHROMEDRIVER).
 */
public final class Browser implements AutoCloseable {

    /** Selenium warns at every start that it has no CDP bindings for this Chromium; WebDriver itself works. */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM_LOG.setLevel(Level.SEVERE);
    }

    private final WebDriver driver;
    private final Path userDataDir;

    private Browser(WebDriver driver, Path userDataDir) {
        this.driver = driver;
        this.userDataDir = userDataDir;
    }

    public static Browser start() {
        Path driverBinary = Path.of(setting("chromedriver", "CHROMEDRIVER", "/usr/bin/chromedriver"));
        Path browserBinary = Path.of(setting("chrome.binary", "CHROME_BIN", "/usr/bin/chromium"));
        if (!Files.isExecutable(driverBinary) || !Files.isExecutable(browserBinary)) {
            throw new IllegalStateException("Chromium and chromedriver are needed for browser tests: "
                    + "apt-get install chromium chromium-driver (looked for " + browserBinary + " and " + driverBinary + ")");
        }
        try {
            Path profile = Files.createTempDirectory("chromium-profile");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(browserBinary.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
                    "--window-size=1400,1000", "--lang=en-US", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverBinary.toFile()).build();
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(condition::apply);
    }

    /** Waits for an element to be displayed. */
    public WebElement find(By by) {
        return await(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** Fills Keycloak's login form and submits it. */
    public void login(String username, String password) {
        find(By.id("username")).sendKeys(username);
        find(By.id("password")).sendKeys(password);
        find(By.id("kc-login")).click();
    }

    /** Saves a PNG of the page under the test artifacts directory and returns its path. */
    public Path screenshot(String name) {
        Path directory = Path.of(System.getProperty("test.artifacts", "target/it-artifacts"), "screenshots");
        try {
            Files.createDirectories(directory);
            Path target = directory.resolve(name + ".png");
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var paths = Files.walk(userDataDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp profile is harmless
        }
    }

    private static String setting(String property, String environment, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(environment);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
