package io.accesskeys.keycloak.it.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.AccessKeysClient;
import io.accesskeys.keycloak.it.support.AdminApi;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.KeycloakServer;
import io.accesskeys.keycloak.it.support.LocalProcesses;
import io.accesskeys.keycloak.it.support.Signers;
import io.accesskeys.keycloak.it.support.TestDatabase;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Keycloak nodes from the distribution ({@code kc.sh start}, clustered caches, Keycloak's default JDBC-based
 * discovery) on one PostgreSQL schema, on 127.0.0.1 with ports of their own: what one node changes, the other
 * applies at once. Not the shared server of the run. PostgreSQL only ({@code -Dtest.db=postgres}); CI runs it in
 * a stage of its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String SCHEMA = "accesskeys_cluster";
    /** How fast a change on one node must reach the other (DESIGN §2: "at once"). */
    private static final Duration PROPAGATION_LIMIT = Duration.ofSeconds(1);
    private static final int HYGIENE_INTERVAL_SECONDS = 2;
    private static final long DAY = 86_400;
    private static final Pattern TWO_MEMBER_VIEW = Pattern.compile("ISPN000094: Received new cluster view[^\\n]*\\(2\\)");

    private static KeycloakServer nodeA;
    private static KeycloakServer nodeB;
    private static TestRealms realmsOnA;
    private static TestRealms realmsOnB;
    private static final List<Long> PROPAGATION_MILLIS = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        TestDatabase database = TestDatabase.selected();
        Assumptions.assumeTrue(database == TestDatabase.POSTGRES,
                "ClusterIT needs the PostgreSQL server (run with -Dtest.db=postgres); test.db is " + database.name().toLowerCase());
        nodeA = node("cluster-a");
        nodeB = node("cluster-b");
        nodeA.startFresh();
        nodeB.startOnExistingDatabase();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!(TWO_MEMBER_VIEW.matcher(nodeA.log()).find() && TWO_MEMBER_VIEW.matcher(nodeB.log()).find())) {
            assertTrue(System.nanoTime() < deadline, "the two nodes formed no cluster within 2 minutes; see the logs "
                    + "cluster-a.log and cluster-b.log in target/it-artifacts");
            pause(200);
        }
        System.out.println("Cluster of two nodes formed: A " + nodeA.baseUrl() + ", B " + nodeB.baseUrl());
        realmsOnA = TestRealms.on(nodeA, AdminApi.of(nodeA));
        realmsOnB = TestRealms.on(nodeB, AdminApi.of(nodeB));
    }

    @AfterAll
    static void stopCluster() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
        if (!PROPAGATION_MILLIS.isEmpty()) {
            System.out.println("Cross-node propagation delays (ms, change acknowledged on A -> refused on B): " + PROPAGATION_MILLIS);
        }
    }

    private static KeycloakServer node(String name) {
        return KeycloakServer.separate(name, SCHEMA).production("--cache=ispn",
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + LocalProcesses.freePort(),
                // both nodes schedule the key hygiene task this often; one of them runs it each time
                "--spi-credential--access-key--hygiene-interval=" + HYGIENE_INTERVAL_SECONDS);
    }

    @Test
    @Order(1)
    void aKeyCreatedOnAVerifiesOnB() {
        TestRealm onA = realmsOnA.create();
        JsonNode key = AccessKeysClient.as(onA, "alice", "alice").createKey();
        TestRealm onB = realmsOnB.existing(onA.name());

        JsonNode identity = sign(key).get(onB.accessKeys("/whoami")).send().expect(200).json();
        assertEquals("alice", identity.get("username").asText());
        assertEquals(key.get("accessKeyId").asText(), identity.get("accessKeyId").asText());
        assertEquals(onA.userId("alice"), identity.get("userId").asText());
    }

    @Test
    @Order(2)
    void disabledOnAIsRefusedOnBWithinOneSecond() {
        TestRealm onA = realmsOnA.create();
        TestRealm onB = realmsOnB.existing(onA.name());
        AccessKeysClient alice = AccessKeysClient.as(onA, "alice", "alice");
        for (int round = 0; round < 3; round++) {
            JsonNode key = alice.createKey();
            String ak = key.get("accessKeyId").asText();
            // B has read (and cached) the user and the key before the change.
            sign(key).get(onB.accessKeys("/whoami")).send().expect(200);

            alice.patch(ak, Map.of("status", "INACTIVE")).expect(200);
            long delay = untilRefused(key, onB, 401, "AccessKeyInactive");
            System.out.printf("disabled on A, refused on B after %d ms%n", delay);

            alice.patch(ak, Map.of("status", "ACTIVE")).expect(200);
            long back = untilAccepted(key, onB);
            System.out.printf("enabled again on A, accepted on B after %d ms%n", back);
            alice.delete(ak).expect(204);
        }
    }

    @Test
    @Order(3)
    void deletedOnAIsRefusedOnB() {
        TestRealm onA = realmsOnA.create();
        TestRealm onB = realmsOnB.existing(onA.name());
        AccessKeysClient alice = AccessKeysClient.as(onA, "alice", "alice");
        JsonNode key = alice.createKey();
        sign(key).get(onB.accessKeys("/whoami")).send().expect(200);

        alice.delete(key.get("accessKeyId").asText()).expect(204);

        long delay = untilRefused(key, onB, 401, "InvalidAccessKeyId");
        System.out.printf("deleted on A, refused on B after %d ms%n", delay);
    }

    @Test
    @Order(4)
    void aTemporaryKeyIssuedOnAVerifiesOnBAndAnAdminRevokeOnAAppliesOnB() {
        TestRealm onA = realmsOnA.createWithBroker();
        TestRealm onB = realmsOnB.existing(onA.name());
        String bobToken = onA.brokeredLogin("bob", "bob").accessToken();
        JsonNode issued = Http.post(onA.accessKeys("/me/temporary")).bearer(bobToken).json(Map.of()).send().expect(201).json();

        JsonNode identity = sign(issued).get(onB.accessKeys("/whoami")).send().expect(200).json();
        assertEquals("bob", identity.get("username").asText());
        assertEquals("temporary", identity.get("keyType").asText());
        assertEquals(issued.get("accessKeyId").asText(), identity.get("accessKeyId").asText());

        onA.admin().post(onA.adminPath("/access-keys/users/" + onA.userId("bob") + "/temporary/revoke"), Map.of()).expect(204);
        long delay = untilRefused(issued, onB, 401, "InvalidToken");
        System.out.printf("temporary keys revoked on A, refused on B after %d ms%n", delay);
    }

    @Test
    @Order(5)
    void lastUseIsWrittenOncePerWindowAcrossBothNodes() throws Exception {
        TestRealm onA = realmsOnA.create();
        TestRealm onB = realmsOnB.existing(onA.name());
        JsonNode key = AccessKeysClient.as(onA, "alice", "alice").createKey();
        String ak = key.get("accessKeyId").asText();

        sign(key).get(onA.accessKeys("/whoami")).send().expect(200);
        long[] first = usageRow(ak);
        for (long deadline = System.currentTimeMillis() + 10_000; first[0] == 0 && System.currentTimeMillis() < deadline; ) {
            pause(100); // written behind, within a second or so
            first = usageRow(ak);
        }
        assertEquals(1, first[0], "one usage row after the first use");
        for (int i = 0; i < 5; i++) {
            sign(key).get(onA.accessKeys("/whoami")).send().expect(200);
            sign(key).get(onB.accessKeys("/whoami")).send().expect(200);
        }
        pause(3 * 1000); // both nodes' write-behind has run (every second) before the row is read again
        long[] after = usageRow(ak);
        assertEquals(1, after[0], "still one usage row");
        assertEquals(first[1], after[1], "the last use recorded first stays for the window, whichever node verifies");

        JsonNode seenOnB = onB.admin().get(onB.adminPath("/access-keys/keys/" + ak)).expect(200).json();
        assertEquals(java.time.Instant.ofEpochMilli(first[1]).getEpochSecond(),
                java.time.Instant.parse(seenOnB.get("lastUsed").get("at").asText()).getEpochSecond());
        System.out.println("last use: 11 verifications on two nodes, one usage row, written once in this window");
    }

    @Test
    @Order(6)
    void aRoleTakenFromTheUserOnALeavesTheScopedKeyOnBAtOnce() {
        TestRealm onA = realmsOnA.create();
        TestRealm onB = realmsOnB.existing(onA.name());
        onA.admin().post(onA.adminPath("/roles"), Map.of("name", "reader")).expect(201);
        JsonNode reader = onA.admin().get(onA.adminPath("/roles/reader")).expect(200).json();
        String aliceId = onA.userId("alice");
        String mappings = onA.admin().url(onA.adminPath("/users/" + aliceId + "/role-mappings/realm"));
        onA.admin().post(onA.adminPath("/users/" + aliceId + "/role-mappings/realm"), List.of(reader)).expect(204);
        AccessKeysClient alice = AccessKeysClient.as(onA, "alice", "alice");
        JsonNode key = Http.post(onA.accessKeys("/me/keys")).bearer(alice.token())
                .json(Map.of("roles", Map.of("realm", List.of("reader")))).send().expect(201).json();

        JsonNode before = sign(key).get(onB.accessKeys("/whoami")).send().expect(200).json();
        assertEquals("[\"reader\"]", before.get("roles").get("realm").toString(), before.toString());

        Http.method("DELETE", mappings).bearer(onA.admin().token()).json(List.of(reader)).send().expect(204);
        long changed = System.nanoTime();
        long deadline = changed + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonNode identity = sign(key).get(onB.accessKeys("/whoami")).send().expect(200).json();
            if (identity.get("roles").get("realm").isEmpty()) {
                long millis = (System.nanoTime() - changed) / 1_000_000;
                System.out.printf("role taken on A, gone from the key on B after %d ms%n", millis);
                record(millis);
                assertTrue(identity.get("scoped").asBoolean());
                break;
            }
            assertTrue(System.nanoTime() < deadline, "the role still on B 10 s after it was taken on A");
            pause(10);
        }
    }

    @Test
    @Order(7)
    void theHygieneTaskDisablesExactlyTheStaleKeysOnceAcrossBothNodes() throws Exception {
        TestRealm onA = realmsOnA.create();
        onA.enableEvents();
        onA.createUser("carol", "carol");
        AccessKeysClient alice = AccessKeysClient.as(onA, "alice", "alice");
        JsonNode neverUsed = alice.createKey();
        JsonNode usedLater = alice.createKey();
        String stale = neverUsed.get("accessKeyId").asText();
        String aliceId = onA.userId("alice");
        String carolId = onA.userId("carol");
        onA.accessKeySettings(Map.of("retireUnusedKeysAfterDays", 30));
        try {
            clockOffsetOnBoth(20 * DAY);
            TestRealm onB = TestRealms.on(nodeB, AdminApi.of(nodeB)).existing(onA.name());
            signAt(usedLater, 20).get(onB.accessKeys("/whoami")).send().expect(200);
            JsonNode young = onB.admin().post(onB.adminPath("/access-keys/users/" + carolId + "/keys"), Map.of())
                    .expect(201).json();

            clockOffsetOnBoth(31 * DAY);
            TestRealm at31OnA = TestRealms.on(nodeA, AdminApi.of(nodeA)).existing(onA.name());
            TestRealm at31OnB = TestRealms.on(nodeB, AdminApi.of(nodeB)).existing(onA.name());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"INACTIVE".equals(keyStatus(at31OnB, aliceId, stale))) {
                assertTrue(System.nanoTime() < deadline, stale + " not retired within 30 s");
                pause(250);
            }
            pause((4L * HYGIENE_INTERVAL_SECONDS + 1) * 1000); // runs on both nodes, several times

            assertEquals("INACTIVE", keyStatus(at31OnA, aliceId, stale));
            assertEquals("ACTIVE", keyStatus(at31OnA, aliceId, usedLater.get("accessKeyId").asText()), "used 11 days ago");
            assertEquals("ACTIVE", keyStatus(at31OnA, carolId, young.get("accessKeyId").asText()), "created 11 days ago");
            List<String> retired = new ArrayList<>();
            for (JsonNode event : at31OnA.admin().get(at31OnA.adminPath(
                    "/admin-events?operationTypes=UPDATE&resourceTypes=USER&max=1000")).expect(200).json()) {
                if (event.path("representation").asText("").contains("\"reason\":\"unused\"")) {
                    retired.add(event.get("details").get("access_key_id").asText());
                }
            }
            assertEquals(List.of(stale), retired, "one event, for the stale key only");
            int runsThatDisabledIt = count(nodeA.log(), "Disabled access key " + stale) + count(nodeB.log(), "Disabled access key " + stale);
            assertEquals(1, runsThatDisabledIt, "one node disabled it, once");
            System.out.printf("hygiene: %s retired once (node %s), 2 fresh keys left active%n", stale,
                    count(nodeA.log(), "Disabled access key " + stale) == 1 ? "A" : "B");
        } finally {
            clockOffsetOnBoth(0);
            // the admin sessions died while the clocks were days ahead
            onA.admin().forgetToken();
            realmsOnB.existing(onA.name()).admin().forgetToken();
        }
    }

    @Test
    @Order(8)
    void nodeBKeepsAnsweringWhileAStopsAndNothingIsLostWhenAComesBack() throws Exception {
        TestRealm onA = realmsOnA.create();
        TestRealm onB = realmsOnB.existing(onA.name());
        AccessKeysClient aliceOnA = AccessKeysClient.as(onA, "alice", "alice");
        JsonNode key = aliceOnA.createKey();
        onA.accessKeySettings(Map.of("operationProtectionMaxAgeSeconds", 1234));
        JsonNode settingsBefore = onA.admin().get(onA.adminPath("/access-keys/settings")).expect(200).json();
        assertEquals(1234, settingsBefore.get("operationProtectionMaxAgeSeconds").asInt());

        AtomicBoolean streaming = new AtomicBoolean(true);
        List<String> wrong = new ArrayList<>();
        long[] counts = new long[2]; // requests, slowest in ms
        Thread stream = new Thread(() -> {
            while (streaming.get()) {
                long started = System.nanoTime();
                Http.Response response;
                try {
                    response = sign(key).get(onB.accessKeys("/whoami")).send();
                } catch (RuntimeException e) {
                    synchronized (wrong) {
                        wrong.add(e.toString());
                    }
                    continue;
                }
                long millis = (System.nanoTime() - started) / 1_000_000;
                synchronized (wrong) {
                    counts[0]++;
                    counts[1] = Math.max(counts[1], millis);
                    if (response.status() != 200 || !"alice".equals(response.json().get("username").asText())) {
                        wrong.add(response.toString());
                    }
                }
                pause(50);
            }
        }, "signed-requests-to-B");
        stream.start();
        pause(2_000);

        long stopping = System.nanoTime();
        nodeA.close();
        System.out.printf("node A stopped in %.1f s while requests went to B%n", (System.nanoTime() - stopping) / 1e9);
        // While A is down: B serves a new key too, which A must know when it comes back.
        JsonNode keyMadeWhileADown = AccessKeysClient.as(onB, "alice", "alice").createKey();
        sign(keyMadeWhileADown).get(onB.accessKeys("/whoami")).send().expect(200);
        pause(3_000);

        nodeA.startOnExistingDatabase();
        pause(2_000);
        streaming.set(false);
        stream.join(30_000);

        synchronized (wrong) {
            System.out.printf("stream to B while A stopped and restarted: %d signed requests, %d wrong, slowest %d ms%n",
                    counts[0], wrong.size(), counts[1]);
            assertTrue(wrong.isEmpty(), "B answered wrongly: " + wrong);
            assertTrue(counts[0] > 10, "the stream ran: " + counts[0]);
        }
        TestRealm backOnA = TestRealms.on(nodeA, AdminApi.of(nodeA)).existing(onA.name());
        assertEquals("alice", sign(key).get(backOnA.accessKeys("/whoami")).send().expect(200).json().get("username").asText());
        assertEquals("alice", sign(keyMadeWhileADown).get(backOnA.accessKeys("/whoami")).send().expect(200).json()
                .get("username").asText());
        assertEquals(2, AccessKeysClient.as(backOnA, "alice", "alice").list().expect(200).json().size());
        assertEquals(settingsBefore, backOnA.admin().get(backOnA.adminPath("/access-keys/settings")).expect(200).json());
    }

    private static void clockOffsetOnBoth(long seconds) {
        nodeA.clockOffset((int) seconds);
        nodeB.clockOffset((int) seconds);
    }

    private static Signers.Aws signAt(JsonNode key, long daysAhead) {
        return sign(key).at(java.time.Instant.now().plus(Duration.ofDays(daysAhead)));
    }

    private static String keyStatus(TestRealm realm, String userId, String ak) {
        return realm.admin().get(realm.adminPath("/access-keys/users/" + userId + "/keys/" + ak)).expect(200).json()
                .get("status").asText();
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static Signers.Aws sign(JsonNode key) {
        Signers.Aws signer = Signers.Aws.of(key.get("accessKeyId").asText(), key.get("secretAccessKey").asText());
        return key.has("securityToken") ? signer.token(key.get("securityToken").asText()) : signer;
    }

    /** Signed requests to {@code realm} (on node B) until one is refused with the code; the delay in ms. */
    private static long untilRefused(JsonNode key, TestRealm realm, int status, String code) {
        long changed = System.nanoTime();
        long deadline = changed + Duration.ofSeconds(10).toNanos();
        while (true) {
            Http.Response response = sign(key).get(realm.accessKeys("/whoami")).send();
            long millis = (System.nanoTime() - changed) / 1_000_000;
            if (response.status() != 200) {
                assertEquals(status, response.status(), response.toString());
                assertEquals(code, response.json().get("error").asText(), response.toString());
                record(millis);
                return millis;
            }
            assertTrue(System.nanoTime() < deadline, "still accepted on B 10 s after the change on A");
            pause(10);
        }
    }

    private static long untilAccepted(JsonNode key, TestRealm realm) {
        long changed = System.nanoTime();
        long deadline = changed + Duration.ofSeconds(10).toNanos();
        while (true) {
            Http.Response response = sign(key).get(realm.accessKeys("/whoami")).send();
            long millis = (System.nanoTime() - changed) / 1_000_000;
            if (response.status() == 200) {
                record(millis);
                return millis;
            }
            assertTrue(System.nanoTime() < deadline, "still refused on B 10 s after the change on A: " + response);
            pause(10);
        }
    }

    private static void record(long millis) {
        synchronized (PROPAGATION_MILLIS) {
            PROPAGATION_MILLIS.add(millis);
        }
        assertTrue(millis <= PROPAGATION_LIMIT.toMillis(), "the change on A reached B only after " + millis + " ms");
    }

    /** {row count, LAST_USED_AT} of the key's usage row. */
    private static long[] usageRow(String accessKeyId) throws Exception {
        try (Connection connection = java.sql.DriverManager.getConnection(TestDatabase.POSTGRES.jdbcUrl(), "postgres", "");
             PreparedStatement query = connection.prepareStatement(
                     "select count(*), max(last_used_at) from " + SCHEMA + ".access_key_usage where access_key_id = ?")) {
            query.setString(1, accessKeyId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return new long[] {rows.getLong(1), rows.getLong(2)};
            }
        }
    }


    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
