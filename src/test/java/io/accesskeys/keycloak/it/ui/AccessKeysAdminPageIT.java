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

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.AdminApi;
import io.accesskeys.keycloak.it.support.Browser;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.SharedKeycloakTest;
import io.accesskeys.keycloak.it.support.KeycloakServer;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import io.accesskeys.keycloak.signing.AccessSecret;
import io.accesskeys.keycloak.signing.RequestSigner;
import io.accesskeys.keycloak.signing.SignedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin console's "Access keys" page (issue 7) in headless Chromium on the {@code access-keys} admin theme: the
 * master realm's admin manages alice's keys, filters the inventory, revokes bob's temporary keys and changes a
 * setting; a view-only admin of the realm sees no write buttons.
 */
@SharedKeycloakTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessKeysAdminPageIT {

    private static final String CSV_HEADER = "User Name,Access Key Id,Secret Access Key";

    private KeycloakServer server;
    private AdminApi admin;
    private TestRealm realm;
    private String masterAdminTheme;

    @BeforeAll
    void setUp(TestRealms realms, KeycloakServer server, AdminApi admin) {
        this.server = server;
        this.admin = admin;
        realm = realms.createWithBroker();
        ConsoleSupport.useTheme(admin, realm.name(), true);
        // The master realm's admin theme is the one of the admin console at /admin/master/console.
        JsonNode master = admin.get("/master").expect(200).json();
        masterAdminTheme = master.path("adminTheme").asText("");
        admin.put("/master", Map.of("adminTheme", ConsoleSupport.THEME)).expect(204);
    }

    @AfterAll
    void restoreMasterTheme() {
        admin.put("/master", Map.of("adminTheme", masterAdminTheme)).expect(204);
    }

    @Test
    void adminCreatesDisablesEnablesAndDeletesAKeyForAlice() {
        String aliceId = realm.userId("alice");
        withBrowser("adminCreatesDisablesEnablesAndDeletesAKeyForAlice", browser -> {
            Path downloads = allowDownloads(browser, "admin-alice");
            openAccessKeys(browser);
            browser.screenshot("admin-access-keys-inventory");

            // Find alice by name on the Users tab, open her keys.
            click(browser, testId("tab-users"));
            search(browser, "user-search", "alice");
            click(browser, testId("user-link-alice"));
            ConsoleSupport.find(browser, testId("user-access-keys"));
            assertTrue(browser.driver().getCurrentUrl().endsWith("/access-keys/users/" + aliceId), browser.driver().getCurrentUrl());

            ConsoleSupport.submitCreateKey(browser, "handed over by the admin");
            ConsoleSupport.IssuedKey issued = ConsoleSupport.createdKey(browser);
            String accessKeyId = issued.accessKeyId();
            String secret = issued.secret();
            assertTrue(accessKeyId.matches("[A-Z2-7]{20}"), accessKeyId);
            assertTrue(secret.matches("[A-Za-z0-9]{40}"), "a 40-character secret");
            browser.screenshot("admin-access-keys-created");
            click(browser, testId("download-csv"));
            assertEquals(CSV_HEADER + "\r\nalice," + accessKeyId + "," + secret + "\r\n", awaitDownload(downloads, "credentials.csv"));
            click(browser, testId("close-created-key"));
            browser.await(d -> !present(browser, testId("created-key-dialog")));
            assertFalse(browser.driver().getPageSource().contains(secret), "the secret is shown only once");

            WebElement row = ConsoleSupport.find(browser, testId("key-row-" + accessKeyId));
            assertTrue(row.getText().contains("handed over by the admin"), row.getText());
            browser.screenshot("admin-access-keys-user");

            click(browser, testId("disable-" + accessKeyId));
            browser.await(d -> rowText(browser, accessKeyId).contains("Inactive"));
            assertEquals("INACTIVE", keyOf(aliceId, accessKeyId).get("status").asText());
            click(browser, testId("enable-" + accessKeyId));
            browser.await(d -> !rowText(browser, accessKeyId).contains("Inactive"));
            assertEquals("ACTIVE", keyOf(aliceId, accessKeyId).get("status").asText());
            click(browser, testId("delete-" + accessKeyId));
            ConsoleSupport.find(browser, testId("confirm-dialog"));
            click(browser, testId("confirm"));
            browser.await(d -> !present(browser, testId("key-row-" + accessKeyId)));
            assertFalse(userKeys(aliceId).toString().contains(accessKeyId), "deleted through the API too");

            // The user view links to the stock user details page.
            click(browser, testId("user-details-link"));
            browser.await(d -> d.getCurrentUrl().endsWith("/users/" + aliceId + "/settings"));
        });
    }

    @Test
    void inventoryFiltersNarrowTheList() {
        String daveId = realm.createUser("dave", "dave");
        String erinId = realm.createUser("erin", "erin");
        String daveKey = createKey(daveId, "dave's key");
        String erinActive = createKey(erinId, "erin active");
        String erinInactive = createKey(erinId, "erin inactive");
        Http.patch(admin.url(realm.adminPath("/access-keys/users/" + erinId + "/keys/" + erinInactive))).bearer(admin.token())
                .json(Map.of("status", "INACTIVE")).send().expect(200);

        withBrowser("inventoryFiltersNarrowTheList", browser -> {
            openAccessKeys(browser);
            browser.await(d -> shownKeys(browser).containsAll(Set.of(daveKey, erinActive, erinInactive)));

            search(browser, "inventory-search", "dave");
            browser.await(d -> shownKeys(browser).equals(Set.of(daveKey)));
            assertEquals(apiKeys("search=dave"), shownKeys(browser));
            browser.screenshot("admin-access-keys-search");

            search(browser, "inventory-search", "erin");
            browser.await(d -> shownKeys(browser).equals(Set.of(erinActive, erinInactive)));
            new Select(ConsoleSupport.find(browser, testId("inventory-status"))).selectByValue("INACTIVE");
            browser.await(d -> shownKeys(browser).equals(Set.of(erinInactive)));
            assertEquals(apiKeys("search=erin&status=INACTIVE"), shownKeys(browser));
            browser.screenshot("admin-access-keys-status-filter");

            new Select(ConsoleSupport.find(browser, testId("inventory-status"))).selectByValue("");
            ConsoleSupport.find(browser, testId("inventory-unused-days")).sendKeys("30");
            Set<String> expected = apiKeys("search=erin&unusedDays=30");
            browser.await(d -> shownKeys(browser).equals(expected) && browser.driver().getCurrentUrl() != null);
            assertEquals(expected, shownKeys(browser));

            // A key's user links to that user's keys.
            ConsoleSupport.find(browser, testId("inventory-unused-days")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
            browser.await(d -> shownKeys(browser).contains(erinActive));
            click(browser, testId("user-keys-" + erinActive));
            browser.await(d -> d.getCurrentUrl().endsWith("/access-keys/users/" + erinId));
            ConsoleSupport.find(browser, testId("key-row-" + erinInactive));
        });
    }

    @Test
    void revokingBobsTemporaryKeysRefusesHisEarlierKey() {
        JsonNode temporary = Http.post(realm.accessKeys("/me/temporary"))
                .bearer(realm.brokeredLogin("bob", "bob").accessToken())
                .json(Map.of("durationSeconds", 3600)).send().expect(201).json();
        String ak = temporary.get("accessKeyId").asText();
        String sk = temporary.get("secretAccessKey").asText();
        String token = temporary.get("securityToken").asText();
        assertEquals(200, whoami(ak, sk, token).status(), "the temporary key works before the revocation");
        ConsoleSupport.sleep(1100); // not-before has a one-second resolution

        withBrowser("revokingBobsTemporaryKeysRefusesHisEarlierKey", browser -> {
            openAccessKeys(browser);
            click(browser, testId("tab-users"));
            search(browser, "user-search", "bob");
            click(browser, testId("user-link-bob"));
            click(browser, testId("revoke-temporary"));
            ConsoleSupport.find(browser, testId("confirm-dialog"));
            browser.screenshot("admin-access-keys-revoke");
            click(browser, testId("confirm"));
            ConsoleSupport.find(browser, testId("alert-success"));
        });
        Http.Response refused = whoami(ak, sk, token);
        assertTrue(refused.status() == 401 || refused.status() == 403, "refused after the revocation: " + refused);
    }

    @Test
    void changedSettingIsAppliedByTheApi() {
        withBrowser("changedSettingIsAppliedByTheApi", browser -> {
            openAccessKeys(browser);
            click(browser, testId("tab-settings"));
            ConsoleSupport.find(browser, testId("settings-tab"));
            WebElement defaultValidity = ConsoleSupport.find(browser, testId("setting-defaultMinutes"));
            defaultValidity.sendKeys(Keys.chord(Keys.CONTROL, "a"), "30");
            // A PatternFly switch: its checkbox is visually hidden, its label takes the click.
            assertFalse(browser.driver().findElement(By.id("setting-allowTemporaryForLocalUsers")).isSelected());
            click(browser, By.cssSelector("label[for='setting-allowTemporaryForLocalUsers']"));
            browser.screenshot("admin-access-keys-settings");
            click(browser, testId("settings-save"));
            ConsoleSupport.find(browser, testId("alert-success"));
        });
        JsonNode settings = admin.get(realm.adminPath("/access-keys/settings")).expect(200).json();
        assertEquals(1800, settings.get("temporaryDefaultDurationSeconds").asInt());
        assertTrue(settings.get("allowTemporaryForLocalUsers").asBoolean());
        // Applied: alice's local session may now get temporary keys.
        JsonNode me = Http.get(realm.accessKeys("/me")).bearer(realm.passwordLogin("alice", "alice").accessToken())
                .send().expect(200).json();
        assertTrue(me.get("canCreateTemporary").asBoolean(), me.toString());
        admin.put(realm.adminPath("/access-keys/settings"), Map.of(
                "operationProtection", false, "operationProtectionMaxAgeSeconds", 300,
                "temporaryMinDurationSeconds", 900, "temporaryMaxDurationSeconds", 86400,
                "temporaryDefaultDurationSeconds", 900, "temporaryIdentityProviders", List.of(),
                "allowTemporaryForLocalUsers", false, "allowPermanentForFederatedUsers", false)).expect(200);
    }

    @Test
    void adminRotatesCreatesScopedKeysAndSetsTheKeyAge() {
        String hankId = realm.createUser("hank", "hank");
        ConsoleSupport.grantNewRealmRole(realm, hankId, "auditor");
        String oldKey = createKey(hankId, "hank's deploy key");
        try {
            withBrowser("adminRotatesCreatesScopedKeysAndSetsTheKeyAge", browser -> {
                openAccessKeys(browser);

                // The key age settings: out of range is refused in the form, 10 and 90 days are saved.
                click(browser, testId("tab-settings"));
                WebElement maxAge = ConsoleSupport.find(browser, testId("setting-maxKeyAgeDays"));
                WebElement retire = ConsoleSupport.find(browser, testId("setting-retireDays"));
                maxAge.sendKeys(Keys.chord(Keys.CONTROL, "a"), "4000");
                ConsoleSupport.find(browser, testId("setting-maxKeyAgeDays-error"));
                assertFalse(ConsoleSupport.find(browser, testId("settings-save")).isEnabled(), "no save out of range");
                maxAge.sendKeys(Keys.chord(Keys.CONTROL, "a"), "10");
                retire.sendKeys(Keys.chord(Keys.CONTROL, "a"), "90");
                browser.await(d -> !present(browser, testId("setting-maxKeyAgeDays-error")));
                browser.screenshot("admin-access-keys-settings-key-age");
                click(browser, testId("settings-save"));
                ConsoleSupport.find(browser, testId("alert-success"));
                JsonNode settings = admin.get(realm.adminPath("/access-keys/settings")).expect(200).json();
                assertEquals(10, settings.get("maxKeyAgeDays").asInt(), settings.toString());
                assertEquals(90, settings.get("retireUnusedKeysAfterDays").asInt(), settings.toString());

                // Keys now expire 10 days after their creation: within 14 days, so due for rotation.
                click(browser, testId("tab-users"));
                search(browser, "user-search", "hank");
                click(browser, testId("user-link-hank"));
                browser.await(d -> ConsoleSupport.cellText(browser, oldKey, "key-expires").contains("Due for rotation"));
                JsonNode old = keyOf(hankId, oldKey);
                assertTrue(old.get("rotationDue").asBoolean(), old.toString());
                assertEquals(Instant.parse(old.get("createdAt").asText()).plus(java.time.Duration.ofDays(10)),
                        Instant.parse(old.get("expiresAt").asText()), old.toString());
                assertTrue(ConsoleSupport.cellText(browser, oldKey, "key-scope").contains("All roles"));
                browser.screenshot("admin-access-keys-due-for-rotation");

                // Rotate: the second key's secret once, then Disable old key (never used: offered at once).
                click(browser, testId("rotate-access-key"));
                ConsoleSupport.IssuedKey rotated = ConsoleSupport.createdKey(browser);
                ConsoleSupport.closeCreatedKey(browser);
                assertFalse(browser.driver().getPageSource().contains(rotated.secret()), "the secret is shown only once");
                assertEquals("hank's deploy key", keyOf(hankId, rotated.accessKeyId()).get("description").asText());
                assertTrue(keyOf(hankId, rotated.accessKeyId()).get("roles").isNull(), "unscoped like the old key");
                assertFalse(ConsoleSupport.ariaDisabled(browser, testId("disable-old-key")));
                click(browser, testId("disable-old-key"));
                browser.await(d -> rowText(browser, oldKey).contains("Inactive"));
                assertEquals("INACTIVE", keyOf(hankId, oldKey).get("status").asText());

                // A key limited to one of hank's roles (the picker lists his roles).
                click(browser, testId("delete-" + oldKey));
                click(browser, testId("confirm"));
                browser.await(d -> !present(browser, testId("key-row-" + oldKey)));
                ConsoleSupport.submitScopedCreateKey(browser, "audit only", "auditor");
                ConsoleSupport.IssuedKey scoped = ConsoleSupport.createdKey(browser);
                ConsoleSupport.closeCreatedKey(browser);
                browser.await(d -> ConsoleSupport.cellText(browser, scoped.accessKeyId(), "key-scope").contains("auditor"));
                assertEquals("[\"auditor\"]", keyOf(hankId, scoped.accessKeyId()).path("roles").path("realm").toString());

                // The inventory's filters: due for rotation (both), older than a day (none).
                click(browser, By.cssSelector("[data-testid='access-keys-breadcrumb'] a"));
                click(browser, testId("tab-inventory"));
                search(browser, "inventory-search", "hank");
                Set<String> hanks = Set.of(rotated.accessKeyId(), scoped.accessKeyId());
                browser.await(d -> shownKeys(browser).equals(hanks));
                click(browser, By.cssSelector("label[for='inventory-rotation-due']"));
                assertEquals(hanks, apiKeys("search=hank&rotationDue=true"));
                browser.await(d -> shownKeys(browser).equals(hanks));
                ConsoleSupport.find(browser, testId("inventory-min-age-days")).sendKeys("1");
                browser.await(d -> present(browser, testId("keys-empty")));
                assertEquals(Set.of(), apiKeys("search=hank&rotationDue=true&minAgeDays=1"));
                browser.screenshot("admin-access-keys-inventory-due");

                // With a maximum age of 30 days, fresh keys are not due: the filter leaves none.
                admin.put(realm.adminPath("/access-keys/settings"), Map.of("maxKeyAgeDays", 30)).expect(200);
                ConsoleSupport.find(browser, testId("inventory-min-age-days")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
                click(browser, By.cssSelector("label[for='inventory-rotation-due']"));
                browser.await(d -> shownKeys(browser).equals(hanks));
                click(browser, By.cssSelector("label[for='inventory-rotation-due']"));
                browser.await(d -> present(browser, testId("keys-empty")));
                assertEquals(Set.of(), apiKeys("search=hank&rotationDue=true"));
            });
        } finally {
            // null turns them off (sent as text: the test client's JSON leaves nulls out).
            admin.put(realm.adminPath("/access-keys/settings"), "{\"maxKeyAgeDays\": null, \"retireUnusedKeysAfterDays\": null}")
                    .expect(200);
        }
    }

    @Test
    void viewOnlyAdminSeesTheInventoryWithoutWriteButtons() {
        String frankId = realm.createUser("frank", "frank");
        String key = createKey(frankId, "seen by the viewer");
        String viewerId = realm.createUser("viewer", "viewer");
        String realmManagement = admin.clientUuid(realm.name(), "realm-management");
        JsonNode viewUsers = admin.get(realm.adminPath("/clients/" + realmManagement + "/roles/view-users")).expect(200).json();
        admin.post(realm.adminPath("/users/" + viewerId + "/role-mappings/clients/" + realmManagement), List.of(viewUsers)).expect(204);

        withBrowser("viewOnlyAdminSeesTheInventoryWithoutWriteButtons", browser -> {
            browser.open(server.baseUrl() + "/admin/" + realm.name() + "/console/#/" + realm.name() + "/access-keys");
            browser.login("viewer", "viewer");
            ConsoleSupport.find(browser, testId("inventory"));
            ConsoleSupport.find(browser, testId("key-row-" + key));
            assertFalse(present(browser, testId("disable-" + key)), "no Disable for a view-only admin");
            assertFalse(present(browser, testId("delete-" + key)), "no Delete for a view-only admin");
            browser.screenshot("admin-access-keys-view-only");
            click(browser, testId("tab-settings"));
            ConsoleSupport.find(browser, testId("settings-tab"));
            assertFalse(browser.driver().findElement(By.id("setting-operationProtection")).isEnabled(), "read-only settings");
            assertFalse(present(browser, testId("settings-save")), "no Save without manage-realm");
            click(browser, testId("tab-inventory"));

            click(browser, testId("user-keys-" + key));
            ConsoleSupport.find(browser, testId("user-access-keys"));
            ConsoleSupport.find(browser, testId("key-row-" + key));
            assertFalse(present(browser, testId("create-access-key")));
            assertFalse(present(browser, testId("revoke-temporary")));
            assertFalse(present(browser, testId("disable-" + key)));
            browser.screenshot("admin-access-keys-view-only-user");
        });
    }

    private void openAccessKeys(Browser browser) {
        browser.open(server.baseUrl() + "/admin/master/console/#/" + realm.name());
        browser.login(KeycloakServer.ADMIN_USER, KeycloakServer.ADMIN_PASSWORD);
        WebElement nav = ConsoleSupport.find(browser, testId("nav-item-access-keys"));
        assertEquals("Access keys", nav.getText().trim());
        nav.click();
        ConsoleSupport.find(browser, testId("inventory"));
        assertTrue(browser.driver().getCurrentUrl().endsWith("#/" + realm.name() + "/access-keys"), browser.driver().getCurrentUrl());
    }

    private static void search(Browser browser, String testId, String text) {
        WebElement input = browser.find(By.cssSelector("[data-testid='" + testId + "'] input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text, Keys.ENTER);
    }

    /** The keys in the table now (read in one script, so that a re-render cannot leave stale elements). */
    @SuppressWarnings("unchecked")
    private static Set<String> shownKeys(Browser browser) {
        List<String> ids = (List<String>) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "return [...document.querySelectorAll(\"[data-testid^='key-row-']\")].map(r => r.dataset.testid.substring(8));");
        return new TreeSet<>(ids);
    }

    private Set<String> apiKeys(String query) {
        JsonNode keys = admin.get(realm.adminPath("/access-keys/keys?max=100&" + query)).expect(200).json();
        Set<String> ids = new TreeSet<>();
        keys.forEach(key -> ids.add(key.get("accessKeyId").asText()));
        return ids;
    }

    private static String rowText(Browser browser, String accessKeyId) {
        try {
            return ConsoleSupport.find(browser, testId("key-row-" + accessKeyId)).getText();
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return "";
        }
    }

    private String createKey(String userId, String description) {
        return admin.post(realm.adminPath("/access-keys/users/" + userId + "/keys"), Map.of("description", description))
                .expect(201).json().get("accessKeyId").asText();
    }

    private JsonNode userKeys(String userId) {
        return admin.get(realm.adminPath("/access-keys/users/" + userId + "/keys")).expect(200).json();
    }

    private JsonNode keyOf(String userId, String accessKeyId) {
        for (JsonNode key : userKeys(userId)) {
            if (key.get("accessKeyId").asText().equals(accessKeyId)) {
                return key;
            }
        }
        throw new AssertionError("No key " + accessKeyId);
    }

    /** GET /whoami signed with SigV4 and the temporary key's security token. */
    private Http.Response whoami(String accessKeyId, String secret, String securityToken) {
        URI uri = URI.create(realm.accessKeys("/whoami"));
        SignedRequest request = SignedRequest.builder().method("GET").rawPath(uri.getRawPath())
                .header("Host", uri.getHost() + ":" + uri.getPort())
                .header("X-Amz-Security-Token", securityToken)
                .body(new byte[0]).build();
        SignedRequest signed = new RequestSigner(accessKeyId, AccessSecret.of(secret))
                .signAws4(request, Instant.now(), "us-east-1", "sts").request();
        Http http = Http.get(uri.toString());
        for (String name : signed.headers().names()) {
            if (!name.equalsIgnoreCase("host")) {
                http.header(name, signed.headers().first(name));
            }
        }
        return http.send();
    }
}
