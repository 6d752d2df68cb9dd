package io.accesskeys.keycloak.it.permanent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.AccessKeysClient;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.SharedKeycloakTest;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A user's permanent keys through the self-service API: lifecycle, formats, quota, CSV, bad input, events. */
@SharedKeycloakTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermanentKeyLifecycleIT {

    private static final String AK = "KCAK[A-Z2-7]{16}";
    private static final String SK = "[A-Za-z0-9]{40}";

    private TestRealm realm;

    @BeforeAll
    void createRealm(TestRealms realms) {
        realm = realms.create();
        realm.enableEvents();
    }

    @Test
    void lifecycleFromNoKeysToDeleted() {
        realm.createUser("carol", "carol");
        AccessKeysClient carol = AccessKeysClient.as(realm, "carol", "carol");

        assertEquals(0, carol.list().expect(200).json().size());

        Instant before = Instant.now().minusSeconds(5);
        Http.Response created = carol.create("laptop");
        assertEquals(201, created.status());
        JsonNode first = created.json();
        String ak = first.get("accessKeyId").asText();
        assertTrue(ak.matches(AK), ak);
        assertTrue(first.get("secretAccessKey").asText().matches(SK));
        assertEquals("ACTIVE", first.get("status").asText());
        assertEquals("laptop", first.get("description").asText());
        assertTrue(first.get("lastUsed").isNull());
        Instant createdAt = Instant.parse(first.get("createdAt").asText());
        assertTrue(createdAt.isAfter(before) && createdAt.isBefore(Instant.now().plusSeconds(5)), createdAt.toString());
        assertTrue(created.header("Location").endsWith("/access-keys/me/keys/" + ak));
        assertEquals("no-store", created.header("Cache-Control"));

        JsonNode listed = carol.list().expect(200).json();
        assertEquals(1, listed.size());
        assertEquals(ak, listed.get(0).get("accessKeyId").asText());
        assertFalse(listed.get(0).has("secretAccessKey"));
        assertEquals(List.of("accessKeyId", "status", "description", "createdAt", "lastUsed", "roles", "expiresAt",
                "rotationDue"), fieldNames(listed.get(0)));

        JsonNode second = carol.create(null).expect(201).json();
        assertTrue(second.get("description").isNull());
        assertNotEquals(ak, second.get("accessKeyId").asText());

        Http.Response third = carol.create("one too many");
        assertEquals(409, third.status());
        assertEquals("AccessKeyQuotaExceeded", third.json().get("error").asText());
        assertFalse(third.json().get("error_description").asText().isBlank());

        JsonNode disabled = carol.patch(ak, Map.of("status", "INACTIVE")).expect(200).json();
        assertEquals("INACTIVE", disabled.get("status").asText());
        assertEquals("laptop", disabled.get("description").asText());
        assertEquals("INACTIVE", keyIn(carol.list().json(), ak).get("status").asText());
        assertEquals("ACTIVE", carol.patch(ak, Map.of("status", "ACTIVE")).expect(200).json().get("status").asText());
        assertEquals("desk", carol.patch(ak, Map.of("description", "desk")).expect(200).json().get("description").asText());

        assertEquals(204, carol.delete(ak).status());
        JsonNode after = carol.list().expect(200).json();
        assertEquals(1, after.size());
        assertEquals(second.get("accessKeyId").asText(), after.get(0).get("accessKeyId").asText());
        assertEquals(404, carol.delete(ak).status());
        assertEquals("NoSuchAccessKey", carol.patch(ak, Map.of("status", "ACTIVE")).json().get("error").asText());
        // room again after the delete
        assertEquals(201, carol.create("replacement").status());
    }

    @Test
    void concurrentCreatesNeverExceedTheQuota() throws Exception {
        realm.createUser("dave", "dave");
        AccessKeysClient dave = AccessKeysClient.as(realm, "dave", "dave");
        int attempts = 20;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                Callable<Integer> create = () -> {
                    start.await();
                    return dave.create("race").status();
                };
                results.add(pool.submit(create));
            }
            start.countDown();
            int created = 0;
            int refused = 0;
            for (Future<Integer> result : results) {
                int status = result.get();
                if (status == 201) {
                    created++;
                } else if (status == 409) {
                    refused++;
                } else {
                    throw new AssertionError("Unexpected status " + status);
                }
            }
            assertEquals(2, created);
            assertEquals(attempts - 2, refused);
            assertEquals(2, dave.list().expect(200).json().size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void csvDownloadHasTheCloudConsoleFormat() {
        realm.createUser("erin", "erin");
        AccessKeysClient erin = AccessKeysClient.as(realm, "erin", "erin");

        Http.Response csv = Http.post(realm.accessKeys("/me/keys")).bearer(erin.token())
                .header("Accept", "text/csv").json(Map.of("description", "ci")).send();

        assertEquals(201, csv.status());
        assertTrue(csv.header("Content-Type").startsWith("text/csv"));
        assertEquals("attachment; filename=\"credentials.csv\"", csv.header("Content-Disposition"));
        byte[] bytes = csv.body().getBytes(StandardCharsets.UTF_8);
        assertNotEquals((byte) 0xEF, bytes[0], "no BOM");
        String[] lines = csv.body().split("\r\n", -1);
        assertEquals(3, lines.length, "header, one row, and the final CRLF");
        assertEquals("User Name,Access Key Id,Secret Access Key", lines[0]);
        assertTrue(lines[1].matches("erin," + AK + "," + SK), lines[1]);
        assertEquals("", lines[2]);
        assertFalse(csv.body().replace("\r\n", "").contains("\n"), "only CRLF line ends");
        String ak = lines[1].split(",")[1];
        assertEquals(ak, erin.list().json().get(0).get("accessKeyId").asText());
    }

    @Test
    void badInputIsRefusedWithAClearFourHundred() {
        realm.createUser("frank", "frank");
        AccessKeysClient frank = AccessKeysClient.as(realm, "frank", "frank");
        String token = frank.token();
        String ak = frank.createKey().get("accessKeyId").asText();

        assertError(Http.post(realm.accessKeys("/me/keys")).bearer(token).json("{\"descripton\":\"typo\"}").send(), 400, "ValidationError");
        assertError(Http.post(realm.accessKeys("/me/keys")).bearer(token).json("{\"description\":42}").send(), 400, "ValidationError");
        assertError(Http.post(realm.accessKeys("/me/keys")).bearer(token).json("{\"description\":\"" + "x".repeat(256) + "\"}").send(), 400, "ValidationError");
        assertError(Http.post(realm.accessKeys("/me/keys")).bearer(token).json("{\"description\":\"line\\nbreak\"}").send(), 400, "ValidationError");
        assertError(Http.post(realm.accessKeys("/me/keys")).bearer(token).json("{not json").send(), 400, "MalformedInput");
        assertError(Http.post(realm.accessKeys("/me/keys")).bearer(token).json("[1,2]").send(), 400, "MalformedInput");
        assertError(Http.post(realm.accessKeys("/me/keys")).bearer(token).json("{\"description\":\"a\",\"description\":\"b\"}").send(), 400, "MalformedInput");
        assertError(frank.patch(ak, Map.of("status", "PAUSED")), 400, "ValidationError");
        assertError(frank.patch(ak, Map.of("status", true)), 400, "ValidationError");
        assertError(frank.patch(ak, Map.of()), 400, "ValidationError");
        assertError(frank.patch(ak, Map.of("status", "ACTIVE", "owner", "mallory")), 400, "ValidationError");
        assertError(frank.patch("not-an-ak", Map.of("status", "ACTIVE")), 404, "NoSuchAccessKey");
        assertError(frank.delete("KCAK" + "A".repeat(16)), 404, "NoSuchAccessKey");
        assertError(frank.delete("%E2%98%83"), 404, "NoSuchAccessKey");
        assertError(Http.get(realm.accessKeys("/me/keys/" + "A".repeat(300))).bearer(token).send(), 404, "NoSuchAccessKey");
        // exactly 255 characters, multi-byte, is fine
        assertEquals(201, frank.create("é".repeat(255)).status());
    }

    @Test
    void selfServiceChangesAreUserEventsWithTheAccessKeyId() {
        realm.createUser("grace", "grace");
        AccessKeysClient grace = AccessKeysClient.as(realm, "grace", "grace");
        String ak = grace.createKey().get("accessKeyId").asText();
        grace.patch(ak, Map.of("status", "INACTIVE")).expect(200);
        grace.delete(ak).expect(204);

        String userId = realm.userId("grace");
        JsonNode updates = realm.admin().get(realm.adminPath("/events?type=UPDATE_CREDENTIAL&user=" + userId)).expect(200).json();
        JsonNode removals = realm.admin().get(realm.adminPath("/events?type=REMOVE_CREDENTIAL&user=" + userId)).expect(200).json();

        assertEquals(List.of("disable", "create"), operations(updates));
        assertEquals(List.of("delete"), operations(removals));
        for (JsonNode event : List.of(updates.get(0), updates.get(1), removals.get(0))) {
            assertEquals(ak, event.get("details").get("access_key_id").asText());
            assertEquals("access-key", event.get("details").get("credential_type").asText());
        }
    }

    private static List<String> operations(JsonNode events) {
        List<String> operations = new ArrayList<>();
        events.forEach(event -> operations.add(event.get("details").get("operation").asText()));
        return operations;
    }

    private static void assertError(Http.Response response, int status, String code) {
        assertEquals(status, response.status(), response.body());
        assertEquals(code, response.json().get("error").asText(), response.body());
        assertFalse(response.json().get("error_description").asText().isBlank());
    }

    private static JsonNode keyIn(JsonNode keys, String ak) {
        for (JsonNode key : keys) {
            if (key.get("accessKeyId").asText().equals(ak)) {
                return key;
            }
        }
        throw new AssertionError(ak + " not in " + keys);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
