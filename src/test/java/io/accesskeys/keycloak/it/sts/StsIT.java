package io.accesskeys.keycloak.it.sts;

import static io.accesskeys.keycloak.it.sts.StsXmlAnswers.assertError;
import static io.accesskeys.keycloak.it.sts.StsXmlAnswers.result;
import static io.accesskeys.keycloak.it.sts.StsXmlAnswers.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.AwsCli;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.KeycloakServer;
import io.accesskeys.keycloak.it.support.Nginx;
import io.accesskeys.keycloak.it.support.SharedKeycloakTest;
import io.accesskeys.keycloak.it.support.Signers;
import io.accesskeys.keycloak.it.support.TableCounts;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import io.accesskeys.keycloak.it.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Element;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The STS-compatible endpoint with stock AWS tooling: the SDK for Java v2's own credential chain (through nginx, since
 * the SDK drops an endpoint's path), Debian's AWS CLI v2, and every refusal as an STS ErrorResponse.
 */
@SharedKeycloakTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StsIT {

    private static final String ROLE = "s3-readers";

    private TestRealm realm;
    private Tokens bob;
    private String bobId;
    private String roleArn;

    @BeforeAll
    void setUp(TestRealms realms) {
        realm = realms.createWithBroker();
        realm.enableEvents();
        bob = realm.brokeredLogin("bob", "bob");
        bobId = realm.userId("bob");
        createRole(realm, ROLE);
        createRole(realm, "other-role");
        grantRole(realm, bobId, ROLE);
        grantRole(realm, realm.userId("alice"), ROLE);
        roleArn = roleArn(realm, ROLE);
    }

    // Issuing

    @Test
    void assumeRoleWithWebIdentityAnswersAwsXmlWithAKeyThatSigns() {
        Instant before = Instant.now();
        // Token files end with a newline, which the SDKs send along.
        Element result = result(assume(bob.accessToken() + "\n", roleArn, "ci-job", null), "AssumeRoleWithWebIdentity");

        String ak = text(result, "Credentials", "AccessKeyId");
        String sk = text(result, "Credentials", "SecretAccessKey");
        String token = text(result, "Credentials", "SessionToken");
        assertTrue(ak.matches("KCTK[A-Z2-7]{16}"), ak);
        assertTrue(sk.matches("[A-Za-z0-9]{40}"));
        long lifetime = Duration.between(before, Instant.parse(text(result, "Credentials", "Expiration"))).getSeconds();
        assertTrue(lifetime >= 3595 && lifetime <= 3605, "AWS's default of 3600 s, was " + lifetime);
        assertEquals(bobId, text(result, "SubjectFromWebIdentityToken"));
        assertEquals("arn:aws:sts::" + realm.name() + ":assumed-role/" + ROLE + "/ci-job",
                text(result, "AssumedRoleUser", "Arn"));
        assertTrue(text(result, "AssumedRoleUser", "AssumedRoleId").endsWith(":ci-job"));
        assertEquals(realm.url(""), text(result, "Provider"));
        assertEquals(TestRealm.TEST_CLIENT, text(result, "Audience"));

        JsonNode whoami = Signers.Aws.of(ak, sk).token(token).get(realm.accessKeys("/whoami")).send().expect(200).json();
        assertEquals("bob", whoami.get("username").asText());
        assertEquals("temporary", whoami.get("keyType").asText());
        // scoped to the role it assumed
        assertTrue(whoami.get("scoped").asBoolean(), whoami.toString());
        assertEquals(List.of(ROLE), Http.JSON.convertValue(whoami.get("roles").get("realm"), List.class), whoami.toString());
        assertEquals(0, whoami.get("roles").get("clients").size(), whoami.toString());

        Element identity = result(Signers.Aws.of(ak, sk).token(token).sign("POST", realm.accessKeys("/sts"),
                "application/x-www-form-urlencoded; charset=utf-8", "Action=GetCallerIdentity&Version=2011-06-15").send(),
                "GetCallerIdentity");
        assertEquals("arn:aws:sts::" + realm.name() + ":assumed-role/" + ROLE + "/ci-job", text(identity, "Arn"));
        assertEquals(bobId, text(identity, "UserId"));
        assertEquals(realm.name(), text(identity, "Account"));

        // The same event as every issuance, and no secret in it.
        JsonNode events = realm.admin().get(realm.adminPath("/events?type=UPDATE_CREDENTIAL&user=" + bobId)).expect(200).json();
        JsonNode details = null;
        for (JsonNode event : events) {
            if (ak.equals(event.get("details").path("access_key_id").asText())) {
                details = event.get("details");
            }
        }
        assertEquals("issue-temporary", details.get("operation").asText(), events.toString());
        assertEquals("3600", details.get("duration_seconds").asText());
        assertEquals("corp", details.get("identity_provider").asText());
        assertFalse(events.toString().contains(sk));
    }

    @Test
    void anIdTokenWorksAndDurationSecondsIsHonoured() {
        Instant before = Instant.now();
        Element result = result(assume(bob.idToken(), roleArn, "with-id-token", "900"), "AssumeRoleWithWebIdentity");
        long lifetime = Duration.between(before, Instant.parse(text(result, "Credentials", "Expiration"))).getSeconds();
        assertTrue(lifetime >= 895 && lifetime <= 905, "lifetime " + lifetime);
    }

    @Test
    void permanentKeysNameTheUserInGetCallerIdentity() {
        String alice = realm.passwordLogin("alice", "alice").accessToken();
        JsonNode key = Http.post(realm.accessKeys("/me/keys")).bearer(alice).json(Map.of()).send().expect(201).json();
        Element identity = result(Signers.Aws.of(key.get("accessKeyId").asText(), key.get("secretAccessKey").asText())
                .sign("POST", realm.accessKeys("/sts"), "application/x-www-form-urlencoded",
                        "Action=GetCallerIdentity&Version=2011-06-15").send(), "GetCallerIdentity");
        assertEquals("arn:aws:iam::" + realm.name() + ":user/alice", text(identity, "Arn"));
        assertEquals(realm.userId("alice"), text(identity, "UserId"));
    }

    // Refusals

    @Test
    void badWebIdentityTokensAreRefused(TestRealms realms, KeycloakServer server) {
        assertError(assume("garbage", roleArn, "s1", null), 400, "InvalidIdentityToken");
        assertError(assume("a.b.c", roleArn, "s1", null), 400, "InvalidIdentityToken");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String unsigned = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"iss\":\"" + realm.url("") + "\",\"sub\":\"" + bobId + "\",\"typ\":\"Bearer\","
                        + "\"azp\":\"test-client\",\"exp\":" + (Instant.now().getEpochSecond() + 300) + "}")
                        .getBytes(StandardCharsets.UTF_8)) + ".";
        assertError(assume(unsigned, roleArn, "s1", null), 400, "InvalidIdentityToken");
        String[] parts = bob.accessToken().split("\\.");
        assertError(assume(parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse(), roleArn, "s1", null),
                400, "InvalidIdentityToken");
        assertError(assume(bob.refreshToken(), roleArn, "s1", null), 400, "InvalidIdentityToken");

        TestRealm other = realms.create();
        assertError(assume(other.passwordLogin("alice", "alice").accessToken(), roleArn, "s1", null), 400,
                "InvalidIdentityToken");

        Tokens fresh = realm.brokeredLogin("bob", "bob");
        server.clockOffset(400); // past the access token's 300 s, within the session's 30 min idle
        try {
            assertError(assume(fresh.accessToken(), roleArn, "s1", null), 400, "ExpiredTokenException");
        } finally {
            server.clockOffset(0);
        }
        // A signed-out session's tokens are refused too.
        Http.post(realm.url("/protocol/openid-connect/logout"))
                .form(Map.of("client_id", TestRealm.TEST_CLIENT, "refresh_token", fresh.refreshToken())).send().expect(204);
        assertError(assume(fresh.accessToken(), roleArn, "s1", null), 400, "InvalidIdentityToken");
    }

    @Test
    void aTokenOfTheSignedRequestGrantIsRefused() {
        realm.admin().create(realm.adminPath("/clients"), Map.of("clientId", "grant-client", "publicClient", true,
                "standardFlowEnabled", false, "attributes", Map.of("access-keys.signed-request-grant.enabled", "true")));
        Element result = result(assume(bob.accessToken(), roleArn, "s1", null), "AssumeRoleWithWebIdentity");
        String grantToken = Signers.Aws.of(text(result, "Credentials", "AccessKeyId"),
                        text(result, "Credentials", "SecretAccessKey"))
                .token(text(result, "Credentials", "SessionToken"))
                .sign("POST", realm.url("/protocol/openid-connect/token"), "application/x-www-form-urlencoded",
                        "grant_type=urn:access-keys:params:oauth:grant-type:signed-request&client_id=grant-client")
                .send().expect(200).json().get("access_token").asText();
        assertError(assume(grantToken, roleArn, "s1", null), 403, "AccessDenied");
    }

    @Test
    void rolesTheUserLacksAreRefused() {
        assertError(assume(bob.accessToken(), roleArn(realm, "other-role"), "s1", null), 403, "AccessDenied");
        assertError(assume(bob.accessToken(), roleArn(realm, "no-such-role"), "s1", null), 403, "AccessDenied");
        assertError(assume(bob.accessToken(), "arn:aws:iam::another-realm:role/" + ROLE, "s1", null), 403, "AccessDenied");
        assertError(assume(bob.accessToken(), "arn:aws:iam::" + realm.name() + ":role/", "s1", null), 403, "AccessDenied");
        assertError(assume(bob.accessToken(), "arn:aws:iam::" + realm.name() + ":user/bob", "s1", null), 400,
                "ValidationError");
    }

    @Test
    void durationsOutsideTheRealmsRangeAreRefused() {
        for (String duration : List.of("899", "86401", "3600.0", "an hour", "-1", "", "99999999999")) {
            assertError(assume(bob.accessToken(), roleArn, "s1", duration), 400, "ValidationError");
        }
        result(assume(bob.accessToken(), roleArn, "s1", "86400"), "AssumeRoleWithWebIdentity");
    }

    @Test
    void localUsersOnlyWhereTheRealmAllowsIt(TestRealms realms) {
        String alice = realm.passwordLogin("alice", "alice").accessToken();
        assertError(assume(alice, roleArn, "s1", null), 403, "AccessDenied");

        TestRealm open = realms.create();
        open.accessKeySettings(Map.of("allowTemporaryForLocalUsers", true));
        createRole(open, ROLE);
        grantRole(open, open.userId("alice"), ROLE);
        result(assume(open, open.passwordLogin("alice", "alice").accessToken(), roleArn(open, ROLE), "s1", null),
                "AssumeRoleWithWebIdentity");
    }

    @Test
    void actionsAndParametersAreChecked() {
        assertError(sts(Map.of("Action", "AssumeRole", "Version", "2011-06-15")), 400, "InvalidAction");
        assertError(sts(Map.of("Version", "2011-06-15")), 400, "InvalidAction");
        assertError(sts(Map.of("Action", "GetCallerIdentity", "Version", "2010-05-08")), 400, "InvalidAction");
        assertError(Http.get(realm.accessKeys("/sts?Action=GetCallerIdentity")).send(), 400, "InvalidAction");

        assertError(assume(null, roleArn, "s1", null), 400, "ValidationError");
        assertError(assume(bob.accessToken(), null, "s1", null), 400, "ValidationError");
        assertError(assume(bob.accessToken(), "arn:aws:iam::x:role", "s1", null), 400, "ValidationError");
        assertError(assume(bob.accessToken(), "not-an-arn-but-long-enough", "s1", null), 400, "ValidationError");
        assertError(assume(bob.accessToken(), roleArn, null, null), 400, "ValidationError");
        assertError(assume(bob.accessToken(), roleArn, "a", null), 400, "ValidationError");
        assertError(assume(bob.accessToken(), roleArn, "with space", null), 400, "ValidationError");
        assertError(assume(bob.accessToken(), roleArn, "x".repeat(65), null), 400, "ValidationError");

        Map<String, String> withPolicy = assumeForm(bob.accessToken(), roleArn, "s1", null);
        withPolicy.put("Policy", "{}");
        assertError(sts(withPolicy), 400, "ValidationError");
        String twice = Http.formEncode(assumeForm(bob.accessToken(), roleArn, "s1", null)) + "&RoleSessionName=s2";
        assertError(Http.post(realm.accessKeys("/sts")).body("application/x-www-form-urlencoded",
                twice.getBytes(StandardCharsets.UTF_8)).send(), 400, "ValidationError");
        // (A form body with a broken percent-encoding never reaches us: Keycloak's form parser answers 500 first.)
        assertError(Http.post(realm.accessKeys("/sts")).body("text/plain",
                "Action=%ZZ".getBytes(StandardCharsets.UTF_8)).send(), 400, "ValidationError");
        assertError(Http.post(realm.accessKeys("/sts")).body("a/b/c", "Action=GetCallerIdentity"
                .getBytes(StandardCharsets.UTF_8)).send(), 400, "ValidationError");
    }

    @Test
    void getCallerIdentityNeedsAValidSignature() {
        assertError(sts(Map.of("Action", "GetCallerIdentity", "Version", "2011-06-15")), 401, "MissingAuthenticationToken");
        Element result = result(assume(bob.accessToken(), roleArn, "s1", null), "AssumeRoleWithWebIdentity");
        String ak = text(result, "Credentials", "AccessKeyId");
        String body = "Action=GetCallerIdentity&Version=2011-06-15";
        assertError(Signers.Aws.of(ak, "x".repeat(40)).token(text(result, "Credentials", "SessionToken"))
                .sign("POST", realm.accessKeys("/sts"), "application/x-www-form-urlencoded", body).send(), 401,
                "SignatureDoesNotMatch");
        assertError(Signers.Aws.of(ak, text(result, "Credentials", "SecretAccessKey"))
                .sign("POST", realm.accessKeys("/sts"), "application/x-www-form-urlencoded", body).send(), 401,
                "InvalidToken");
    }

    // Stock tools

    @Test
    void theAwsCliAssumesTheRoleAndImportsTheCsvOfAPermanentKey() throws Exception {
        assertTrue(AwsCli.installed(), "Debian's awscli package is needed at " + AwsCli.BINARY);
        AwsCli cli = AwsCli.inTemporaryHome();
        String endpoint = realm.accessKeys("/sts");

        JsonNode assumed = Http.JSON.readTree(cli.run("sts", "assume-role-with-web-identity", "--endpoint-url", endpoint,
                "--region", "us-east-1", "--output", "json", "--role-arn", roleArn, "--role-session-name", "from-cli",
                "--web-identity-token", bob.accessToken()).expectSuccess().stdout());
        JsonNode credentials = assumed.get("Credentials");
        assertTrue(credentials.get("AccessKeyId").asText().startsWith("KCTK"), assumed.toString());
        assertEquals("arn:aws:sts::" + realm.name() + ":assumed-role/" + ROLE + "/from-cli",
                assumed.get("AssumedRoleUser").get("Arn").asText());

        JsonNode asRole = Http.JSON.readTree(cli.run(Map.of(
                        "AWS_ACCESS_KEY_ID", credentials.get("AccessKeyId").asText(),
                        "AWS_SECRET_ACCESS_KEY", credentials.get("SecretAccessKey").asText(),
                        "AWS_SESSION_TOKEN", credentials.get("SessionToken").asText()),
                "sts", "get-caller-identity", "--endpoint-url", endpoint, "--region", "us-east-1", "--output", "json")
                .expectSuccess().stdout());
        assertEquals("arn:aws:sts::" + realm.name() + ":assumed-role/" + ROLE + "/from-cli", asRole.get("Arn").asText());
        assertEquals(realm.name(), asRole.get("Account").asText());

        // The README's claim: `aws configure import` reads the credentials.csv of POST /me/keys as it is.
        String alice = realm.passwordLogin("alice", "alice").accessToken();
        Http.Response csv = Http.post(realm.accessKeys("/me/keys")).bearer(alice).header("Accept", "text/csv")
                .json(Map.of()).send().expect(201);
        Path file = cli.home().resolve("credentials.csv");
        Files.writeString(file, csv.body());
        cli.run("configure", "import", "--csv", "file://" + file).expectSuccess();
        JsonNode asAlice = Http.JSON.readTree(cli.run("sts", "get-caller-identity", "--endpoint-url", endpoint,
                "--region", "us-east-1", "--output", "json", "--profile", "alice").expectSuccess().stdout());
        assertEquals("arn:aws:iam::" + realm.name() + ":user/alice", asAlice.get("Arn").asText());
        assertEquals(realm.userId("alice"), asAlice.get("UserId").asText());
        assertEquals(realm.name(), asAlice.get("Account").asText());
    }

    @Test
    void theSdkCredentialChainFetchesAndRefreshesKeysThroughTheReadmesProxyRule(KeycloakServer server) throws Exception {
        assertTrue(Nginx.installed(), "Debian's nginx-light package is needed at " + Nginx.BINARY);
        // The README's rule: POST / of a dedicated host is the realm's STS endpoint.
        String rule = "    location = / {\n      proxy_pass " + realm.accessKeys("/sts") + ";\n    }";
        Path dir = Files.createTempDirectory("aws-sdk-it");
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, bob.accessToken() + "\n");
        Path credentials = Files.writeString(dir.resolve("credentials"), "");
        Map<String, String> properties = new LinkedHashMap<>();
        try (Nginx nginx = Nginx.start(rule)) {
            Path config = Files.writeString(dir.resolve("config"), "[default]\n"
                    + "region = us-east-1\n"
                    + "role_arn = " + roleArn + "\n"
                    + "web_identity_token_file = " + tokenFile + "\n"
                    + "services = keycloak\n"
                    + "\n[services keycloak]\n"
                    + "sts =\n"
                    + "  endpoint_url = " + nginx.baseUrl() + "\n");
            properties.put("aws.configFile", config.toString());
            properties.put("aws.sharedCredentialsFile", credentials.toString());
            properties.forEach(System::setProperty);

            // Keycloak's clock 3570 s behind: the 3600 s keys it issues (the SDK sends no duration) have 30 s left by
            // the SDK's clock, inside the SDK's stale window, so every resolution fetches a new key.
            server.clockOffset(-3570);
            try (DefaultCredentialsProvider provider = DefaultCredentialsProvider.builder().build()) {
                AwsSessionCredentials first = session(provider.resolveCredentials());
                assertTrue(first.expirationTime().orElseThrow().isBefore(Instant.now().plusSeconds(60)));
                AwsSessionCredentials second = session(provider.resolveCredentials());
                assertNotEquals(first.accessKeyId(), second.accessKeyId(), "a key about to expire is fetched again");
            } finally {
                server.clockOffset(0);
            }
            try (DefaultCredentialsProvider provider = DefaultCredentialsProvider.builder().build()) {
                AwsSessionCredentials current = session(provider.resolveCredentials());
                assertTrue(current.accessKeyId().startsWith("KCTK"));
                assertTrue(current.expirationTime().orElseThrow().isAfter(Instant.now().plusSeconds(3000)),
                        "the default lifetime of 3600 s");
                assertEquals(current.accessKeyId(), session(provider.resolveCredentials()).accessKeyId(),
                        "a fresh key is kept");
                JsonNode whoami = Signers.Aws.of(current.accessKeyId(), current.secretAccessKey())
                        .token(current.sessionToken()).get(realm.accessKeys("/whoami")).send().expect(200).json();
                assertEquals("bob", whoami.get("username").asText(), nginx.accessLog());
            }
            assertTrue(nginx.accessLog().contains("POST / "), nginx.accessLog());
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void issuingThroughStsWritesNothingButItsEvent(KeycloakServer server) throws Exception {
        int count = 100;
        Map<String, Long> before = TableCounts.of(server.database());
        for (int i = 0; i < count; i++) {
            result(assume(bob.accessToken(), roleArn, "s" + i, null), "AssumeRoleWithWebIdentity");
        }
        Map<String, Long> after = TableCounts.of(server.database());
        Map<String, Long> changed = new java.util.TreeMap<>();
        after.forEach((table, rows) -> {
            if (!rows.equals(before.get(table))) {
                changed.put(table.toUpperCase(java.util.Locale.ROOT), rows - before.getOrDefault(table, 0L));
            }
        });
        assertEquals(Map.of("EVENT_ENTITY", (long) count), changed, "only the issuance events were written");

        // Figures for the record, not assertions: the cost of one issuance each way, seen from the client (only the
        // status is checked, so that no XML or JSON parsing is counted), after the calls above warmed both paths up.
        for (int i = 0; i < 20; i++) {
            Http.post(realm.accessKeys("/me/temporary")).bearer(bob.accessToken()).json(Map.of()).send().expect(201);
        }
        long sts = 0;
        long temporary = 0;
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            assume(bob.accessToken(), roleArn, "timed", null).expect(200);
            sts += System.nanoTime() - start;
            start = System.nanoTime();
            Http.post(realm.accessKeys("/me/temporary")).bearer(bob.accessToken()).json(Map.of()).send().expect(201);
            temporary += System.nanoTime() - start;
        }
        System.out.printf("StsIT: %d issuances each, interleaved: AssumeRoleWithWebIdentity %.2f ms, "
                + "POST /me/temporary %.2f ms%n", count, sts / 1e6 / count, temporary / 1e6 / count);
    }

    // Helpers

    private static AwsSessionCredentials session(AwsCredentials credentials) {
        assertTrue(credentials instanceof AwsSessionCredentials, credentials.getClass().getName());
        return (AwsSessionCredentials) credentials;
    }

    private Http.Response assume(String token, String arn, String sessionName, String duration) {
        return assume(realm, token, arn, sessionName, duration);
    }

    private static Http.Response assume(TestRealm in, String token, String arn, String sessionName, String duration) {
        return Http.post(in.accessKeys("/sts")).form(assumeForm(token, arn, sessionName, duration)).send();
    }

    private static Map<String, String> assumeForm(String token, String arn, String sessionName, String duration) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", "AssumeRoleWithWebIdentity");
        form.put("Version", "2011-06-15");
        if (token != null) {
            form.put("WebIdentityToken", token);
        }
        if (arn != null) {
            form.put("RoleArn", arn);
        }
        if (sessionName != null) {
            form.put("RoleSessionName", sessionName);
        }
        if (duration != null) {
            form.put("DurationSeconds", duration);
        }
        return form;
    }

    private Http.Response sts(Map<String, String> form) {
        return Http.post(realm.accessKeys("/sts")).form(form).send();
    }

    private static String roleArn(TestRealm in, String role) {
        return "arn:aws:iam::" + in.name() + ":role/" + role;
    }

    private static void createRole(TestRealm in, String name) {
        in.admin().post(in.adminPath("/roles"), Map.of("name", name)).expect(201);
    }

    private static void grantRole(TestRealm in, String userId, String role) {
        JsonNode representation = in.admin().get(in.adminPath("/roles/" + role)).expect(200).json();
        in.admin().post(in.adminPath("/users/" + userId + "/role-mappings/realm"), List.of(representation)).expect(204);
    }
}
