package io.accesskeys.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesskeys.keycloak.it.support.Browser;
import io.accesskeys.keycloak.it.support.SharedKeycloakTest;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

/** Headless Chromium logs alice in to the account console, and bob through corp. */
@SharedKeycloakTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountConsoleLoginIT {

    private TestRealm realm;

    @BeforeAll
    void createRealm(TestRealms realms) {
        realm = realms.createWithBroker();
    }

    @Test
    void aliceLogsInToTheAccountConsole() {
        try (Browser browser = Browser.start()) {
            browser.open(realm.url("/account/"));
            browser.login("alice", "alice");

            browser.await(d -> d.getPageSource().contains("Personal info"));
            browser.screenshot("account-console-alice");
            assertTrue(browser.find(By.id("username")).getAttribute("value").contains("alice"));
        }
    }

    @Test
    void bobLogsInThroughCorp() {
        try (Browser browser = Browser.start()) {
            browser.open(realm.url("/account/"));
            browser.find(By.id("social-" + TestRealms.CORP)).click();
            browser.await(d -> d.getCurrentUrl().contains("/realms/" + TestRealms.CORP + "/"));
            browser.login("bob", "bob");

            browser.await(d -> d.getCurrentUrl().startsWith(realm.url("/account")) && d.getPageSource().contains("Personal info"));
            browser.screenshot("account-console-bob");
            assertTrue(browser.find(By.id("username")).getAttribute("value").contains("bob"));
        }
    }
}
