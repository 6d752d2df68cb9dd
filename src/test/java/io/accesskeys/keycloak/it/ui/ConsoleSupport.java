package io.accesskeys.keycloak.it.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.accesskeys.keycloak.it.support.AdminApi;
import io.accesskeys.keycloak.it.support.Browser;
import io.accesskeys.keycloak.it.support.TestRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;

/** Helpers the console browser tests share: themes, downloads, reading PatternFly fields. */
final class ConsoleSupport {

    static final String THEME = "access-keys";

    private ConsoleSupport() {
    }

    /** Runs a browser test; a failure leaves a screenshot FAILED-{name}.png beside the others. */
    static void withBrowser(String name, java.util.function.Consumer<Browser> test) {
        try {
            Files.deleteIfExists(Path.of(System.getProperty("test.artifacts", "target/it-artifacts"), "screenshots",
                    "FAILED-" + name + ".png"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Browser browser = Browser.start()) {
            try {
                test.accept(browser);
            } catch (RuntimeException | AssertionError e) {
                try {
                    browser.screenshot("FAILED-" + name);
                } catch (RuntimeException ignored) {
                    // the failure itself matters more
                }
                throw e;
            }
        }
    }

    /** Finds a displayed element, looking again when the page re-rendered it meanwhile. */
    static WebElement find(Browser browser, By by) {
        return browser.await(d -> {
            try {
                return d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return null;
            }
        });
    }

    /** Sets the realm's account theme (and optionally its admin theme) to {@value #THEME}. */
    static void useTheme(AdminApi admin, String realm, boolean adminTheme) {
        Map<String, Object> themes = adminTheme
                ? Map.of("accountTheme", THEME, "adminTheme", THEME)
                : Map.of("accountTheme", THEME);
        admin.put("/" + realm, themes).expect(204);
    }

    static void useTheme(TestRealm realm) {
        useTheme(realm.admin(), realm.name(), false);
    }

    /** Lets Chromium save downloads into a fresh directory, which is returned. */
    static Path allowDownloads(Browser browser, String name) {
        Path directory = Path.of(System.getProperty("test.artifacts", "target/it-artifacts"), "downloads", name);
        try {
            if (Files.exists(directory)) {
                try (Stream<Path> old = Files.walk(directory)) {
                    old.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
                }
            }
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ((HasCdp) browser.driver()).executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", directory.toAbsolutePath().toString()));
        return directory;
    }

    /** Waits for a finished download of that name and returns its text. */
    static String awaitDownload(Path directory, String fileName) {
        Path file = directory.resolve(fileName);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(file) && !Files.exists(directory.resolve(fileName + ".crdownload"))) {
                try {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    if (!text.isEmpty()) {
                        return text;
                    }
                } catch (IOException ignored) {
                    // still being written
                }
            }
            sleep(200);
        }
        List<String> present;
        try (Stream<Path> files = Files.list(directory)) {
            present = files.map(path -> path.getFileName().toString()).toList();
        } catch (IOException e) {
            present = List.of("(" + e.getMessage() + ")");
        }
        throw new AssertionError("No download " + fileName + " in " + directory + "; found " + present);
    }

    /** The value of a PatternFly ClipboardCopy (its read-only text input). */
    static String clipboardValue(Browser browser, String testId) {
        return find(browser, By.cssSelector("[data-testid='" + testId + "'] input")).getAttribute("value");
    }

    /** Opens the create dialog of either console, fills the description and confirms. */
    static void submitCreateKey(Browser browser, String description) {
        click(browser, testId("create-access-key"));
        find(browser, testId("new-key-description")).sendKeys(description);
        click(browser, testId("create-key-confirm"));
    }

    /** The AK and SK the one-time dialog shows (read from its copy fields). */
    record IssuedKey(String accessKeyId, String secret) {
    }

    /** Waits for the one-time dialog of a created key and reads it. */
    static IssuedKey createdKey(Browser browser) {
        find(browser, testId("created-key-dialog"));
        return new IssuedKey(clipboardValue(browser, "issued-access-key-id"), clipboardValue(browser, "issued-secret-access-key"));
    }

    /** Creates a realm role and gives it to the user (what a key can then be limited to). */
    static void grantNewRealmRole(TestRealm realm, String userId, String role) {
        realm.admin().post(realm.adminPath("/roles"), Map.of("name", role)).expect(201);
        Object representation = realm.admin().get(realm.adminPath("/roles/" + role)).expect(200).json();
        realm.admin().post(realm.adminPath("/users/" + userId + "/role-mappings/realm"), List.of(representation)).expect(204);
    }

    /** Opens the create dialog, fills the description, limits the key to one realm role and confirms. */
    static void submitScopedCreateKey(Browser browser, String description, String realmRole) {
        click(browser, testId("create-access-key"));
        find(browser, testId("new-key-description")).sendKeys(description);
        click(browser, testId("scope-limited"));
        click(browser, testId("role-realm-" + realmRole));
        click(browser, testId("create-key-confirm"));
    }

    /** The text of a cell of a key's row ("key-scope", "key-expires", ...), "" while the row re-renders. */
    static String cellText(Browser browser, String accessKeyId, String cell) {
        try {
            return find(browser, By.cssSelector("[data-testid='key-row-" + accessKeyId + "'] [data-testid='" + cell + "']")).getText();
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return "";
        }
    }

    /** Closes the one-time dialog and waits until it is gone. */
    static void closeCreatedKey(Browser browser) {
        click(browser, testId("close-created-key"));
        browser.await(d -> !present(browser, testId("created-key-dialog")));
    }

    static boolean ariaDisabled(Browser browser, By by) {
        return "true".equals(find(browser, by).getAttribute("aria-disabled"));
    }

    static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    static boolean present(Browser browser, By by) {
        return !browser.driver().findElements(by).isEmpty();
    }

    /** Clicks an element once it is displayed and enabled, looking again when the page re-rendered it. */
    static void click(Browser browser, By by) {
        browser.await(d -> {
            try {
                WebElement element = d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
                if (element == null || !element.isEnabled() || "true".equals(element.getAttribute("aria-disabled"))) {
                    return null;
                }
                ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
                element.click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return null;
            }
        });
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
