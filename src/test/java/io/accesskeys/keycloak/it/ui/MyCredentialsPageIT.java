package io.accesskeys.keycloak.it.ui;

import static io.accesskeys.keycloak.it.ui.ConsoleSupport.allowDownloads;
import static io.accesskeys.keycloak.it.ui.ConsoleSupport.awaitDownload;
import static io.accesskeys.keycloak.it.ui.ConsoleSupport.click;
import static io.accesskeys.keycloak.it.ui.ConsoleSupport.clipboardValue;
import static io.accesskeys.keycloak.it.ui.ConsoleSupport.present;
import static io.accesskeys.keycloak.it.ui.ConsoleSupport.testId;
import static io.accesskeys.keycloak.it.ui.ConsoleSupport.withBrowser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.Browser;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.SharedKeycloakTest;
import io.accesskeys.keycloak.it.support.Signers;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The account console's "My Credentials" page (issue 6) in headless Chromium, on the {@code access-keys} account
 * theme: alice's permanent keys, bob's temporary keys through {@code corp}, operation protection, the locale.
 */
@SharedKeycloakTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MyCredentialsPageIT {

    private static final String CSV_HEADER = "User Name,Access Key Id,Secret Access Key";

    private TestRealm realm;

    @BeforeAll
    void createRealm(TestRealms realms) {
        realm = realms.createWithBroker();
        ConsoleSupport.useTheme(realm);
    }

    @Test
    void aliceCreatesDownloadsDisablesEnablesAndDeletesAKey() {
        withBrowser("aliceCreatesDownloadsDisablesEnablesAndDeletesAKey", browser -> {
            Path downloads = allowDownloads(browser, "account-alice");
            openMyCredentials(browser, "alice", "alice");
            assertTrue(present(browser, testId("access-keys-section")));
            assertFalse(present(browser, testId("temporary-keys-section")), "a local session gets no temporary keys");

            // Create with a description: the secret is shown once, with a warning, a copy button and the CSV.
            ConsoleSupport.submitCreateKey(browser, "deploy from CI");
            ConsoleSupport.IssuedKey issued = ConsoleSupport.createdKey(browser);
            String accessKeyId = issued.accessKeyId();
            String secret = issued.secret();
            assertTrue(accessKeyId.matches("[A-Z2-7]{20}"), accessKeyId);
            assertTrue(secret.matches("[A-Za-z0-9]{40}"), "a 40-character secret");
            assertTrue(ConsoleSupport.find(browser, testId("secret-once-warning")).isDisplayed());
            assertTrue(present(browser, By.cssSelector("[data-testid='issued-secret-access-key'] button")), "copy button");
            browser.screenshot("account-my-credentials-created");

            click(browser, testId("download-csv"));
            String csv = awaitDownload(downloads, "credentials.csv");
            assertEquals(CSV_HEADER + "\r\nalice," + accessKeyId + "," + secret + "\r\n", csv);

            // Closed: the table lists the key with its description, and the secret is nowhere on the page.
            click(browser, testId("close-created-key"));
            browser.await(d -> !present(browser, testId("created-key-dialog")));
            WebElement row = ConsoleSupport.find(browser, testId("key-row-" + accessKeyId));
            assertTrue(row.getText().contains("deploy from CI"), row.getText());
            assertTrue(row.getText().contains("Active"), row.getText());
            assertFalse(browser.driver().getPageSource().contains(secret), "the secret is shown only once");
            browser.screenshot("account-my-credentials-table");

            // Disable, enable (the API agrees), delete with confirmation.
            click(browser, testId("disable-" + accessKeyId));
            browser.await(d -> rowText(browser, accessKeyId).contains("Inactive"));
            assertEquals("INACTIVE", statusOf(accessKeyId));
            browser.screenshot("account-my-credentials-disabled");
            click(browser, testId("enable-" + accessKeyId));
            browser.await(d -> rowText(browser, accessKeyId).contains("Active") && !rowText(browser, accessKeyId).contains("Inactive"));
            assertEquals("ACTIVE", statusOf(accessKeyId));
            click(browser, testId("delete-" + accessKeyId));
            ConsoleSupport.find(browser, testId("confirm-dialog"));
            click(browser, testId("confirm"));
            browser.await(d -> !present(browser, testId("key-row-" + accessKeyId)));
            assertTrue(keys().isEmpty(), "deleted through the API too");

            // Two keys reach the quota: the button is disabled with the reason.
            for (String description : List.of("first", "second")) {
                ConsoleSupport.submitCreateKey(browser, description);
                ConsoleSupport.find(browser, testId("created-key-dialog"));
                click(browser, testId("close-created-key"));
                browser.await(d -> !present(browser, testId("created-key-dialog")));
            }
            browser.await(d -> d.findElements(By.cssSelector("[data-testid^='key-row-']")).size() == 2);
            WebElement create = ConsoleSupport.find(browser, testId("create-access-key"));
            browser.await(d -> "true".equals(create.getAttribute("aria-disabled")));
            String reason = ConsoleSupport.find(browser, testId("create-disabled-reason")).getText();
            assertTrue(reason.contains("limit of 2 access keys"), reason);
            browser.screenshot("account-my-credentials-quota");
        });
    }

    @Test
    void ginaCreatesAScopedKeyAndRotatesItWithTheDisableOldKeyOffer() {
        String user = "gina";
        String userId = realm.createUser(user, user);
        ConsoleSupport.grantNewRealmRole(realm, userId, "reports-reader");
        withBrowser("ginaCreatesAScopedKeyAndRotatesItWithTheDisableOldKeyOffer", browser -> {
            openMyCredentials(browser, user, user);

            // Limited to one of her roles: the table shows the scope, the API the key's roles.
            ConsoleSupport.submitScopedCreateKey(browser, "reports", "reports-reader");
            ConsoleSupport.IssuedKey first = ConsoleSupport.createdKey(browser);
            ConsoleSupport.closeCreatedKey(browser);
            browser.await(d -> ConsoleSupport.cellText(browser, first.accessKeyId(), "key-scope").contains("reports-reader"));
            assertFalse(ConsoleSupport.cellText(browser, first.accessKeyId(), "key-scope").contains("All roles"));
            JsonNode firstKey = keyOf(user, first.accessKeyId());
            assertEquals("[\"reports-reader\"]", firstKey.path("roles").path("realm").toString(), firstKey.toString());
            assertEquals(0, firstKey.path("roles").path("clients").size(), firstKey.toString());
            assertTrue(firstKey.path("expiresAt").isNull() && !firstKey.path("rotationDue").asBoolean(), "no maximum key age here");
            browser.screenshot("account-my-credentials-scoped");

            // Rotate: the second key (same description and scope) with its secret shown once.
            click(browser, testId("rotate-access-key"));
            ConsoleSupport.IssuedKey second = ConsoleSupport.createdKey(browser);
            assertFalse(second.accessKeyId().equals(first.accessKeyId()));
            assertTrue(ConsoleSupport.find(browser, testId("secret-once-warning")).isDisplayed());
            assertTrue(present(browser, testId("download-csv")));
            ConsoleSupport.closeCreatedKey(browser);
            assertFalse(browser.driver().getPageSource().contains(second.secret()), "the secret is shown only once");
            JsonNode secondKey = keyOf(user, second.accessKeyId());
            assertEquals("reports", secondKey.path("description").asText());
            assertEquals(firstKey.path("roles"), secondKey.path("roles"));
            browser.await(d -> ConsoleSupport.cellText(browser, second.accessKeyId(), "key-scope").contains("reports-reader"));
            assertFalse(present(browser, testId("rotate-access-key")), "Rotate needs exactly one key");

            // The old key was never used: Disable old key is offered at once.
            browser.await(d -> rowText(browser, first.accessKeyId()).contains("Old key")
                    && rowText(browser, second.accessKeyId()).contains("New key"));
            String state = ConsoleSupport.find(browser, testId("rotation-old-key-state")).getText();
            assertTrue(state.contains("never been used"), state);
            assertFalse(ConsoleSupport.ariaDisabled(browser, testId("disable-old-key")));
            browser.screenshot("account-my-credentials-rotation");
            click(browser, testId("disable-old-key"));
            browser.await(d -> rowText(browser, first.accessKeyId()).contains("Inactive"));
            assertEquals("INACTIVE", keyOf(user, first.accessKeyId()).get("status").asText());
            assertEquals("ACTIVE", keyOf(user, second.accessKeyId()).get("status").asText());
            browser.await(d -> !present(browser, testId("rotation-panel")));

            // Rotating again while the old key still signs requests: the offer waits.
            click(browser, testId("delete-" + first.accessKeyId()));
            click(browser, testId("confirm"));
            browser.await(d -> !present(browser, testId("key-row-" + first.accessKeyId())));
            assertEquals(200, Signers.Aws.of(second.accessKeyId(), second.secret()).get(realm.accessKeys("/whoami")).send().status());
            click(browser, testId("rotate-access-key"));
            ConsoleSupport.IssuedKey third = ConsoleSupport.createdKey(browser);
            ConsoleSupport.closeCreatedKey(browser);
            browser.await(d -> ConsoleSupport.find(browser, testId("rotation-old-key-state")).getText().contains("still used"));
            assertTrue(ConsoleSupport.ariaDisabled(browser, testId("disable-old-key")), "not while the old key is in use");
            new Select(ConsoleSupport.find(browser, testId("rotation-unused-for"))).selectByValue("604800");
            assertTrue(ConsoleSupport.ariaDisabled(browser, testId("disable-old-key")));
            browser.screenshot("account-my-credentials-rotation-still-used");
            assertEquals("ACTIVE", keyOf(user, second.accessKeyId()).get("status").asText());
            assertEquals(firstKey.path("roles"), keyOf(user, third.accessKeyId()).path("roles"));
        });
    }

    @Test
    void bobGetsTemporaryKeysThatAreGoneAfterReload() {
        withBrowser("bobGetsTemporaryKeysThatAreGoneAfterReload", browser -> {
            browser.open(realm.url("/account/"));
            browser.find(By.id("social-" + TestRealms.CORP)).click();
            browser.await(d -> d.getCurrentUrl().contains("/realms/" + TestRealms.CORP + "/"));
            browser.login("bob", "bob");
            browser.await(d -> d.getCurrentUrl().startsWith(realm.url("/account")) && d.getPageSource().contains("Personal info"));
            goToMyCredentials(browser);

            ConsoleSupport.find(browser, testId("temporary-keys-section"));
            assertFalse(present(browser, testId("access-keys-section")), "a brokered session gets no permanent keys");

            new Select(ConsoleSupport.find(browser, testId("temporary-duration"))).selectByValue("3600");
            Instant before = Instant.now();
            click(browser, testId("generate-temporary"));
            ConsoleSupport.find(browser, testId("temporary-credentials"));
            String accessKeyId = clipboardValue(browser, "issued-access-key-id");
            String secret = clipboardValue(browser, "issued-secret-access-key");
            String token = clipboardValue(browser, "issued-security-token");
            Instant expiration = Instant.parse(clipboardValue(browser, "issued-expiration"));
            assertTrue(accessKeyId.matches("[A-Z2-7]{20}"), accessKeyId);
            assertTrue(secret.matches("[A-Za-z0-9]{40}"), "a 40-character secret");
            assertFalse(token.isBlank(), "a security token");
            Duration validity = Duration.between(before, expiration);
            assertTrue(validity.compareTo(Duration.ofMinutes(58)) > 0 && validity.compareTo(Duration.ofMinutes(61)) < 0,
                    "valid for one hour: " + validity);
            assertTrue(present(browser, testId("download-csv")));
            browser.screenshot("account-my-credentials-temporary");

            browser.driver().navigate().refresh();
            ConsoleSupport.find(browser, testId("temporary-keys-section"));
            assertFalse(present(browser, testId("temporary-credentials")), "gone after a reload");
            assertFalse(browser.driver().getPageSource().contains(secret));
            browser.screenshot("account-my-credentials-temporary-reloaded");
        });
    }

    @Test
    void operationProtectionReauthenticatesAndTheCreateCompletes() {
        String user = "carol";
        realm.createUser(user, user);
        Map<String, Object> original = settings();
        Map<String, Object> protectedSettings = new java.util.LinkedHashMap<>(original);
        protectedSettings.put("operationProtection", true);
        protectedSettings.put("operationProtectionMaxAgeSeconds", 20);
        realm.admin().put(realm.adminPath("/access-keys/settings"), protectedSettings).expect(200);
        try {
            withBrowser("operationProtectionReauthenticatesAndTheCreateCompletes", browser -> {
            openMyCredentials(browser, user, user);
            ConsoleSupport.find(browser, testId("operation-protection-hint"));
            ConsoleSupport.sleep(21_000); // the sign-in is now older than the realm's max age

            ConsoleSupport.submitCreateKey(browser, "after step-up");

            // Keycloak's login form, then back to My Credentials, where the create completes by itself.
            browser.await(d -> d.getCurrentUrl().contains("/protocol/openid-connect/auth")
                    || d.getCurrentUrl().contains("/login-actions/"));
            browser.screenshot("account-my-credentials-reauthenticate");
            WebElement username = browser.driver().findElements(By.id("username")).stream().findFirst().orElse(null);
            if (username != null && username.isDisplayed() && username.isEnabled() && username.getAttribute("value").isEmpty()) {
                username.sendKeys(user);
            }
            browser.find(By.id("password")).sendKeys(user);
            browser.find(By.id("kc-login")).click();

            ConsoleSupport.find(browser, testId("created-key-dialog"));
            String accessKeyId = clipboardValue(browser, "issued-access-key-id");
            assertTrue(browser.driver().getCurrentUrl().contains("/account/my-credentials"), browser.driver().getCurrentUrl());
            browser.screenshot("account-my-credentials-after-reauthentication");
            click(browser, testId("close-created-key"));
            ConsoleSupport.find(browser, testId("key-row-" + accessKeyId));
            assertTrue(ConsoleSupport.find(browser, testId("key-row-" + accessKeyId)).getText().contains("after step-up"));
            });
        } finally {
            realm.admin().put(realm.adminPath("/access-keys/settings"), original).expect(200);
        }
    }

    @Test
    void followsTheConsoleLocale() {
        realm.admin().put(realm.adminPath(""), Map.of("internationalizationEnabled", true,
                "supportedLocales", List.of("en", "zh-CN"), "defaultLocale", "en")).expect(204);
        String userId = realm.createUser("lihua", "lihua");
        JsonNode li = realm.admin().get(realm.adminPath("/users/" + userId)).expect(200).json();
        Map<String, Object> update = Http.JSON.convertValue(li, Map.class);
        update.put("attributes", Map.of("locale", List.of("zh-CN")));
        realm.admin().put(realm.adminPath("/users/" + userId), update).expect(204);
        withBrowser("followsTheConsoleLocale", browser -> {
            browser.open(realm.url("/account/"));
            browser.login("lihua", "lihua");
            WebElement nav = ConsoleSupport.find(browser, testId("my-credentials"));
            browser.await(d -> nav.getText().contains("我的凭证"));
            nav.click();
            ConsoleSupport.find(browser, testId("access-keys-section"));
            browser.await(d -> d.findElement(By.cssSelector("[data-testid='page-heading']")).getText().contains("我的凭证"));
            assertTrue(ConsoleSupport.find(browser, testId("create-access-key")).getText().contains("创建访问密钥"));
            browser.screenshot("account-my-credentials-zh-CN");
        });
    }

    private void openMyCredentials(Browser browser, String username, String password) {
        browser.open(realm.url("/account/"));
        browser.login(username, password);
        browser.await(d -> d.getPageSource().contains("Personal info"));
        goToMyCredentials(browser);
    }

    private void goToMyCredentials(Browser browser) {
        WebElement nav = ConsoleSupport.find(browser, testId("my-credentials"));
        assertEquals("My Credentials", nav.getText().trim());
        nav.click();
        browser.await(d -> d.getCurrentUrl().endsWith("/account/my-credentials"));
        ConsoleSupport.find(browser, testId("my-credentials-page"));
        browser.await(d -> !d.findElements(By.cssSelector("[data-testid='page-heading']")).isEmpty());
        assertEquals("My Credentials", browser.find(By.cssSelector("[data-testid='page-heading']")).getText().trim());
    }

    private static String rowText(Browser browser, String accessKeyId) {
        try {
            return ConsoleSupport.find(browser, testId("key-row-" + accessKeyId)).getText();
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return "";
        }
    }

    private JsonNode keys() {
        String token = realm.passwordLogin("alice", "alice").accessToken();
        return Http.get(realm.accessKeys("/me/keys")).bearer(token).send().expect(200).json();
    }

    private JsonNode keyOf(String username, String accessKeyId) {
        String token = realm.passwordLogin(username, username).accessToken();
        return Http.get(realm.accessKeys("/me/keys/" + accessKeyId)).bearer(token).send().expect(200).json();
    }

    private String statusOf(String accessKeyId) {
        for (JsonNode key : keys()) {
            if (key.get("accessKeyId").asText().equals(accessKeyId)) {
                return key.get("status").asText();
            }
        }
        throw new AssertionError("No key " + accessKeyId);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> settings() {
        return Http.JSON.convertValue(realm.admin().get(realm.adminPath("/access-keys/settings")).expect(200).json(), Map.class);
    }
}
