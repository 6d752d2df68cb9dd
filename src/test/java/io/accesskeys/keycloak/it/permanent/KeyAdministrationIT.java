package io.accesskeys.keycloak.it.permanent;

import static io.accesskeys.keycloak.it.support.ContractErrors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.AccessKeysClient;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.SharedKeycloakTest;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The admin API and who may do what: users among themselves, view-only and managing admins, other realms. */
@SharedKeycloakTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyAdministrationIT {

    private TestRealm realm;
    private TestRealm otherRealm;
    private String manager;
    private String viewer;

    @BeforeAll
    void setUp(TestRealms realms) {
        realm = realms.createWithBroker();
        realm.enableEvents();
        otherRealm = realms.create();
        realm.createAdmin("manager", "manager", "manage-users", "view-users", "query-users", "manage-realm", "view-realm");
        realm.createAdmin("viewer", "viewer", "view-users", "query-users");
        otherRealm.createAdmin("foreign-admin", "foreign-admin", "manage-users", "view-users", "query-users");
        manager = realm.passwordLogin("manager", "manager").accessToken();
        viewer = realm.passwordLogin("viewer", "viewer").accessToken();
    }

    @Test
    void aUserCannotSeeChangeOrDeleteAnotherUsersKey() {
        realm.createUser("owner1", "owner1");
        realm.createUser("intruder", "intruder");
        String ak = AccessKeysClient.as(realm, "owner1", "owner1").createKey().get("accessKeyId").asText();
        AccessKeysClient intruder = AccessKeysClient.as(realm, "intruder", "intruder");

        assertEquals(404, Http.get(realm.accessKeys("/me/keys/" + ak)).bearer(intruder.token()).send().status());
        assertEquals("NoSuchAccessKey", intruder.patch(ak, Map.of("status", "INACTIVE")).json().get("error").asText());
        assertEquals(404, intruder.delete(ak).status());
        assertEquals(0, intruder.list().json().size());
        assertEquals("ACTIVE", AccessKeysClient.as(realm, "owner1", "owner1").list().json().get(0).get("status").asText());
    }

    /** A key acts as its user: creating one must not give an admin more than they hold. */
    @Test
    void anAdminCannotMintAKeyForAUserWithMorePowerThanTheirs() {
        String boss = realm.createAdmin("boss", "boss", "realm-admin");
        String ordinary = realm.createUser("ordinary", "ordinary");
        realm.createAdmin("impersonator", "impersonator", "manage-users", "view-users", "query-users", "impersonation");
        String impersonator = realm.passwordLogin("impersonator", "impersonator").accessToken();

        assertCode(Http.post(admin("/users/" + boss + "/keys")).bearer(manager).json(Map.of()).send(), 403, "AccessDenied");
        assertEquals(0, Http.get(admin("/users/" + boss + "/keys")).bearer(manager).send().expect(200).json().size());

        // ordinary users hold nothing the manager lacks: admins keep helping them
        assertEquals(201, Http.post(admin("/users/" + ordinary + "/keys")).bearer(manager).json(Map.of()).send().status());
        // whoever may impersonate the user may create their key
        assertEquals(201, Http.post(admin("/users/" + boss + "/keys")).bearer(impersonator).json(Map.of()).send().status());
    }

    @Test
    void anAdminManagesAnyUsersKeys() {
        String userId = realm.createUser("helpme", "helpme");
        String base = admin("/users/" + userId + "/keys");

        Http.Response created = Http.post(base).bearer(manager).json(Map.of("description", "forgot mine")).send();
        assertEquals(201, created.status(), created.body());
        String ak = created.json().get("accessKeyId").asText();
        assertTrue(created.json().get("secretAccessKey").asText().matches("[A-Za-z0-9]{40}"));

        JsonNode listed = Http.get(base).bearer(manager).send().expect(200).json();
        assertEquals(ak, listed.get(0).get("accessKeyId").asText());
        assertFalse(listed.get(0).has("secretAccessKey"));
        assertEquals("INACTIVE", Http.patch(base + "/" + ak).bearer(manager).json(Map.of("status", "INACTIVE")).send()
                .expect(200).json().get("status").asText());
        assertEquals("INACTIVE", AccessKeysClient.as(realm, "helpme", "helpme").list().json().get(0).get("status").asText());

        JsonNode owner = Http.get(admin("/keys/" + ak)).bearer(manager).send().expect(200).json();
        assertEquals(userId, owner.get("userId").asText());
        assertEquals("helpme", owner.get("username").asText());

        assertEquals(204, Http.delete(base + "/" + ak).bearer(manager).send().status());
        assertEquals(0, Http.get(base).bearer(manager).send().json().size());

        JsonNode events = realm.admin().get(realm.adminPath("/admin-events?resourceTypes=USER")).expect(200).json();
        Set<String> operations = new HashSet<>();
        for (JsonNode event : events) {
            if (event.get("resourcePath").asText().startsWith("access-keys/users/" + userId)) {
                operations.add(event.get("operationType").asText() + ":" + event.get("details").get("operation").asText());
                assertEquals(ak, event.get("details").get("access_key_id").asText());
            }
        }
        assertEquals(Set.of("CREATE:create", "UPDATE:disable", "DELETE:delete"), operations);
    }

    @Test
    void anAdminMayCreateKeysForABrokeredUser() {
        realm.brokeredLogin("bob", "bob");
        String bob = realm.userId("bob");

        assertEquals(201, Http.post(admin("/users/" + bob + "/keys")).bearer(manager).json(Map.of()).send().status());
    }

    @Test
    void aServiceAccountCannotHoldKeys() {
        String client = realm.admin().create(realm.adminPath("/clients"), Map.of("clientId", "robot", "publicClient", false,
                "serviceAccountsEnabled", true, "standardFlowEnabled", false));
        String robot = realm.admin().get(realm.adminPath("/clients/" + client + "/service-account-user")).expect(200)
                .json().get("id").asText();

        Http.Response response = Http.post(admin("/users/" + robot + "/keys")).bearer(manager).json(Map.of()).send();

        assertEquals(400, response.status(), response.body());
        assertEquals("ValidationError", response.json().get("error").asText());
        assertEquals(0, Http.get(admin("/users/" + robot + "/keys")).bearer(manager).send().expect(200).json().size());
    }

    @Test
    void aViewOnlyAdminReadsButCannotWrite() {
        String userId = realm.createUser("viewed", "viewed");
        String ak = AccessKeysClient.as(realm, "viewed", "viewed").createKey().get("accessKeyId").asText();
        String base = admin("/users/" + userId + "/keys");

        assertEquals(ak, Http.get(base).bearer(viewer).send().expect(200).json().get(0).get("accessKeyId").asText());
        assertEquals(200, Http.get(admin("/keys?search=viewed")).bearer(viewer).send().status());
        assertForbidden(Http.post(base).bearer(viewer).json(Map.of()).send());
        assertForbidden(Http.patch(base + "/" + ak).bearer(viewer).json(Map.of("status", "INACTIVE")).send());
        assertForbidden(Http.delete(base + "/" + ak).bearer(viewer).send());
        assertForbidden(Http.put(admin("/settings")).bearer(viewer).json(Map.of("operationProtection", true)).send());
        assertEquals(200, Http.get(admin("/settings")).bearer(viewer).send().status());
    }

    @Test
    void aUserWithoutAdminRolesIsForbidden() {
        String alice = realm.passwordLogin("alice", "alice").accessToken();
        String aliceId = realm.userId("alice");

        assertForbidden(Http.get(admin("/users/" + aliceId + "/keys")).bearer(alice).send());
        assertForbidden(Http.post(admin("/users/" + aliceId + "/keys")).bearer(alice).json(Map.of()).send());
        assertForbidden(Http.get(admin("/keys")).bearer(alice).send());
        assertEquals(401, Http.get(admin("/keys")).send().status());
    }

    @Test
    void anotherRealmsAdminCannotReachThisRealmsKeys() {
        String foreign = otherRealm.passwordLogin("foreign-admin", "foreign-admin").accessToken();
        String aliceId = realm.userId("alice");

        int status = Http.get(admin("/users/" + aliceId + "/keys")).bearer(foreign).send().status();
        assertTrue(status == 401 || status == 403, "status " + status);
        int inventory = Http.get(admin("/keys")).bearer(foreign).send().status();
        assertTrue(inventory == 401 || inventory == 403, "status " + inventory);
    }

    @Test
    void aKeyDeletedInTheStockConsoleIsGoneEverywhere() {
        String userId = realm.createUser("stock", "stock");
        AccessKeysClient stock = AccessKeysClient.as(realm, "stock", "stock");
        String ak = stock.createKey().get("accessKeyId").asText();
        JsonNode credentials = realm.admin().get(realm.adminPath("/users/" + userId + "/credentials")).expect(200).json();
        JsonNode credential = null;
        for (JsonNode c : credentials) {
            if (c.get("type").asText().equals("access-key")) {
                credential = c;
            }
        }
        assertEquals(ak, credential.get("id").asText(), "the credential ID is the AK");
        assertEquals(ak, credential.get("userLabel").asText());
        assertFalse(credential.has("secretData") && !credential.get("secretData").isNull());

        realm.admin().delete(realm.adminPath("/users/" + userId + "/credentials/" + ak)).expect(204);

        assertEquals(0, stock.list().expect(200).json().size());
        assertEquals(0, Http.get(admin("/keys?search=" + ak)).bearer(manager).send().expect(200).json().size());
        assertEquals(404, Http.get(admin("/keys/" + ak)).bearer(manager).send().status());
    }

    @Test
    void theInventoryFiltersAndPages() {
        realm.createUser("inv-a", "inv-a");
        realm.createUser("inv-b", "inv-b");
        AccessKeysClient a = AccessKeysClient.as(realm, "inv-a", "inv-a");
        String akA1 = a.createKey().get("accessKeyId").asText();
        String akA2 = a.createKey().get("accessKeyId").asText();
        String akB = AccessKeysClient.as(realm, "inv-b", "inv-b").createKey().get("accessKeyId").asText();
        a.patch(akA2, Map.of("status", "INACTIVE")).expect(200);

        assertEquals(Set.of(akA1, akA2, akB), aks(inventory("?search=INV-")));
        assertEquals(Set.of(akA1, akA2), aks(inventory("?search=inv-a")));
        assertEquals(Set.of(akB), aks(inventory("?search=" + akB.substring(0, 12))));
        assertEquals(Set.of(akA2), aks(inventory("?search=inv-&status=INACTIVE")));
        assertEquals(Set.of(akA1, akB), aks(inventory("?search=inv-&status=active")));
        assertEquals(Set.of(), aks(inventory("?search=inv-&unusedDays=1")), "created today: used or not, not unused for a day");
        assertEquals(Set.of(akA1, akA2, akB), aks(inventory("?search=inv-&unusedDays=0")));
        assertEquals(2, inventory("?search=inv-&max=2").size());
        assertEquals(1, inventory("?search=inv-&first=2&max=2").size());
        assertEquals(Set.of(), aks(inventory("?search=100%25_")));

        JsonNode row = inventory("?search=" + akB).get(0);
        assertEquals("inv-b", row.get("username").asText());
        assertEquals(realm.userId("inv-b"), row.get("userId").asText());
        assertFalse(row.has("secretAccessKey"));

        for (String bad : List.of("?status=PAUSED", "?max=0", "?max=abc", "?first=-1", "?unusedDays=-3")) {
            Http.Response response = Http.get(admin("/keys" + bad)).bearer(manager).send();
            assertEquals(400, response.status(), bad);
            assertEquals("ValidationError", response.json().get("error").asText());
        }
    }

    @Test
    void unknownUsersAndKeysAreNotFound() {
        Http.Response user = Http.get(admin("/users/no-such-user/keys")).bearer(manager).send();
        assertEquals(404, user.status());
        assertEquals("NoSuchUser", user.json().get("error").asText());
        Http.Response key = Http.get(admin("/keys/KCAKAAAAAAAAAAAAAAAA")).bearer(manager).send();
        assertEquals(404, key.status());
        assertEquals("NoSuchAccessKey", key.json().get("error").asText());
        // a key of another realm is not this realm's
        otherRealm.createUser("elsewhere", "elsewhere");
        String foreignAk = AccessKeysClient.as(otherRealm, "elsewhere", "elsewhere").createKey().get("accessKeyId").asText();
        assertEquals(404, Http.get(admin("/keys/" + foreignAk)).bearer(manager).send().status());
    }

    @Test
    void settingsAreValidatedAndApplied() {
        JsonNode defaults = Http.get(admin("/settings")).bearer(manager).send().expect(200).json();
        assertFalse(defaults.get("operationProtection").asBoolean());
        assertEquals(300, defaults.get("operationProtectionMaxAgeSeconds").asInt());
        assertEquals(900, defaults.get("temporaryMinDurationSeconds").asInt());
        assertEquals(86400, defaults.get("temporaryMaxDurationSeconds").asInt());
        assertEquals(900, defaults.get("temporaryDefaultDurationSeconds").asInt());

        JsonNode updated = Http.put(admin("/settings")).bearer(manager)
                .json(Map.of("temporaryMaxDurationSeconds", 7200, "temporaryIdentityProviders", List.of("corp")))
                .send().expect(200).json();
        assertEquals(7200, updated.get("temporaryMaxDurationSeconds").asInt());
        assertEquals("corp", updated.get("temporaryIdentityProviders").get(0).asText());
        assertEquals(900, updated.get("temporaryMinDurationSeconds").asInt(), "fields left out keep their value");

        for (Map<String, Object> bad : List.of(
                Map.<String, Object>of("temporaryMinDurationSeconds", 899),
                Map.<String, Object>of("temporaryMaxDurationSeconds", 86401),
                Map.<String, Object>of("temporaryDefaultDurationSeconds", 9000),
                Map.<String, Object>of("temporaryIdentityProviders", List.of("nope")),
                Map.<String, Object>of("operationProtection", "yes"),
                Map.<String, Object>of("surprise", 1))) {
            Http.Response response = Http.put(admin("/settings")).bearer(manager).json(bad).send();
            assertEquals(400, response.status(), bad.toString());
            assertEquals("ValidationError", response.json().get("error").asText());
        }
        Http.put(admin("/settings")).bearer(manager)
                .json(Map.of("temporaryMaxDurationSeconds", 86400, "temporaryIdentityProviders", List.of())).send().expect(200);
    }

    private JsonNode inventory(String query) {
        return Http.get(admin("/keys" + query)).bearer(manager).send().expect(200).json();
    }

    private static Set<String> aks(JsonNode rows) {
        Set<String> aks = new HashSet<>();
        rows.forEach(row -> aks.add(row.get("accessKeyId").asText()));
        return aks;
    }

    private String admin(String path) {
        return realm.admin().url(realm.adminPath("/access-keys" + path));
    }

    private static void assertForbidden(Http.Response response) {
        assertEquals(403, response.status(), response.body());
    }
}
