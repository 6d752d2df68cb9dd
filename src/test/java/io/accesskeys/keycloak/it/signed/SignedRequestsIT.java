package io.accesskeys.keycloak.it.signed;

import static io.accesskeys.keycloak.it.support.ContractErrors.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.AccessKeysClient;
import io.accesskeys.keycloak.it.support.Http;
import io.accesskeys.keycloak.it.support.SharedKeycloakTest;
import io.accesskeys.keycloak.it.support.Signers;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** whoami with requests signed by the AWS SDK, the Huawei SDK and curl; every contract error code. */
@SharedKeycloakTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignedRequestsIT {

    private TestRealm realm;
    private String ak;
    private String sk;
    private String whoami;

    @BeforeAll
    void createKey(TestRealms realms) {
        realm = realms.create();
        JsonNode key = AccessKeysClient.as(realm, "alice", "alice").createKey();
        ak = key.get("accessKeyId").asText();
        sk = key.get("secretAccessKey").asText();
        whoami = realm.accessKeys("/whoami");
    }

    @Test
    void awsSdkHeaderSignatureIdentifiesTheUser() {
        JsonNode identity = Signers.Aws.of(ak, sk).get(whoami).send().expect(200).json();

        assertEquals(realm.name(), identity.get("realm").asText());
        assertEquals(realm.userId("alice"), identity.get("userId").asText());
        assertEquals("alice", identity.get("username").asText());
        assertEquals(ak, identity.get("accessKeyId").asText());
        assertEquals("permanent", identity.get("keyType").asText());
        assertTrue(identity.get("expiration").isNull());
        assertEquals("AWS4-HMAC-SHA256", identity.get("scheme").asText());
        assertEquals(Signers.REGION, identity.get("region").asText());
        assertEquals(Signers.SERVICE, identity.get("service").asText());
    }

    @Test
    void awsSdkSignedPostWithABody() {
        Signers.Signed signed = Signers.Aws.of(ak, sk).sign("POST", whoami, "application/json", "{\"hello\":\"world\"}");

        assertEquals("alice", signed.send().expect(200).json().get("username").asText());
        assertCode(signed.withBody("{\"hello\":\"mallory\"}").send(), 401, "SignatureDoesNotMatch");
    }

    @Test
    void awsSdkSignedFormPost() {
        Signers.Signed signed = Signers.Aws.of(ak, sk).sign("POST", whoami, "application/x-www-form-urlencoded",
                "action=who&scope=openid+profile&urn=urn%3Aa%3Ab");

        assertEquals("alice", signed.send().expect(200).json().get("username").asText());
        assertCode(signed.withBody("action=who&scope=openid+email&urn=urn%3Aa%3Ab").send(), 401, "SignatureDoesNotMatch");
    }

    @Test
    void awsSdkPresignedUrl() {
        Signers.Signed presigned = Signers.Aws.of(ak, sk).presigned(Duration.ofMinutes(5)).get(whoami);

        assertTrue(presigned.url().contains("X-Amz-Signature="));
        assertFalse(presigned.headers().containsKey("Authorization"));
        JsonNode identity = presigned.send().expect(200).json();
        assertEquals("alice", identity.get("username").asText());
        assertEquals("AWS4-HMAC-SHA256", identity.get("scheme").asText());
    }

    @Test
    void expiredPresignedUrlIsDenied() {
        Signers.Signed expired = Signers.Aws.of(ak, sk).at(Instant.now().minus(Duration.ofMinutes(10)))
                .presigned(Duration.ofMinutes(1)).get(whoami);

        assertCode(expired.send(), 403, "AccessDenied");
    }

    @Test
    void huaweiSdkSignature() {
        JsonNode identity = Signers.huawei(ak, sk, null, "GET", whoami, null).send().expect(200).json();

        assertEquals("alice", identity.get("username").asText());
        assertEquals("SDK-HMAC-SHA256", identity.get("scheme").asText());
        assertTrue(identity.get("region").isNull());
        JsonNode posted = Signers.huawei(ak, sk, null, "POST", whoami, "{\"a\":1}").send().expect(200).json();
        assertEquals(ak, posted.get("accessKeyId").asText());
    }

    /** The Huawei SDK sorts names but keeps each name's values in the order given. */
    @Test
    void huaweiSdkRepeatedQueryValuesKeepTheirOrder() {
        for (String query : List.of("?tag=b&tag=a", "?tag=a&tag=b", "?b=2&b=1&a=1&label=x%20y&label=caf%C3%A9")) {
            JsonNode identity = Signers.huawei(ak, sk, null, "GET", whoami + query, null).send().expect(200).json();
            assertEquals("alice", identity.get("username").asText(), query);
        }
        Signers.Signed signed = Signers.huawei(ak, sk, null, "GET", whoami + "?tag=b&tag=a", null);
        assertCode(new Signers.Signed("GET", whoami + "?tag=a&tag=b", signed.headers(), null).send(), 401,
                "SignatureDoesNotMatch");
    }

    @Test
    void curlAwsSigV4() throws IOException, InterruptedException {
        Process curl = new ProcessBuilder("curl", "-s", "--aws-sigv4", "aws:amz:" + Signers.REGION + ":" + Signers.SERVICE,
                "--user", ak + ":" + sk, whoami).redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, curl.waitFor());

        JsonNode identity = Http.JSON.readTree(output);
        assertEquals("alice", identity.get("username").asText(), output);
        assertEquals("AWS4-HMAC-SHA256", identity.get("scheme").asText());
    }

    @Test
    void behindAProxyTheSignatureCoversTheHostTheClientAddressed() {
        // The client signs for the public address; the proxy forwards to Keycloak with X-Forwarded-Host/-Proto.
        String path = whoami.substring(realm.server().baseUrl().length());
        Signers.Signed signed = Signers.Aws.of(ak, sk).get("https://api.example.com" + path);
        Http http = Http.get(whoami).header("X-Forwarded-Host", "api.example.com").header("X-Forwarded-Proto", "https");
        signed.headers().forEach(http::header);

        assertEquals("alice", http.send().expect(200).json().get("username").asText());
        Http withoutForwardedHost = Http.get(whoami);
        signed.headers().forEach(withoutForwardedHost::header);
        assertCode(withoutForwardedHost.send(), 401, "SignatureDoesNotMatch");
    }

    @Test
    void everyContractErrorCode(TestRealms realms) {
        Signers.Signed good = Signers.Aws.of(ak, sk).get(whoami);
        String authorization = good.headers().get("Authorization");
        String tampered = authorization.substring(0, authorization.length() - 1)
                + (authorization.endsWith("0") ? "1" : "0");

        JsonNode mismatch = assertCode(good.withHeader("Authorization", tampered).send(), 401, "SignatureDoesNotMatch");
        assertTrue(mismatch.get("canonicalRequest").asText().startsWith("GET\n/realms/"));
        assertTrue(mismatch.get("stringToSign").asText().startsWith("AWS4-HMAC-SHA256\n"));
        assertFalse(mismatch.toString().contains(sk));

        assertCode(Signers.Aws.of("KCAKAAAAAAAAAAAAAAAA", sk).get(whoami).send(), 401, "InvalidAccessKeyId");
        assertCode(Http.get(whoami).send(), 401, "MissingAuthenticationToken");
        assertCode(Http.get(whoami).header("Authorization", "AWS4-HMAC-SHA256 garbage").send(), 400, "IncompleteSignature");
        assertCode(good.withHeader("X-Amz-Date", "").send(), 400, "IncompleteSignature");
        assertCode(Signers.Aws.of(ak, sk).at(Instant.now().minus(Duration.ofMinutes(16))).get(whoami).send(), 401, "RequestTimeTooSkewed");
        assertCode(Signers.Aws.of(ak, sk).at(Instant.now().plus(Duration.ofMinutes(16))).get(whoami).send(), 401, "RequestTimeTooSkewed");

        // a key of another realm is unknown here
        TestRealm other = realms.create();
        JsonNode foreign = AccessKeysClient.as(other, "alice", "alice").createKey();
        assertCode(Signers.Aws.of(foreign.get("accessKeyId").asText(), foreign.get("secretAccessKey").asText()).get(whoami).send(),
                401, "InvalidAccessKeyId");
        assertEquals(200, Signers.Aws.of(foreign.get("accessKeyId").asText(), foreign.get("secretAccessKey").asText())
                .get(other.accessKeys("/whoami")).send().status());
    }

    @Test
    void inactiveKeysAndDisabledUsersAreRefused() {
        String userId = realm.createUser("henry", "henry");
        AccessKeysClient henry = AccessKeysClient.as(realm, "henry", "henry");
        JsonNode key = henry.createKey();
        Signers.Aws signer = Signers.Aws.of(key.get("accessKeyId").asText(), key.get("secretAccessKey").asText());
        assertEquals(200, signer.get(whoami).send().status());

        henry.patch(key.get("accessKeyId").asText(), Map.of("status", "INACTIVE")).expect(200);
        assertCode(signer.get(whoami).send(), 401, "AccessKeyInactive");
        henry.patch(key.get("accessKeyId").asText(), Map.of("status", "ACTIVE")).expect(200);
        assertEquals(200, signer.get(whoami).send().status());

        realm.admin().put(realm.adminPath("/users/" + userId), Map.of("enabled", false)).expect(204);
        assertCode(signer.get(whoami).send(), 403, "AccessDenied");
        realm.admin().put(realm.adminPath("/users/" + userId), Map.of("enabled", true)).expect(204);
        assertEquals(200, signer.get(whoami).send().status());

        realm.admin().delete(realm.adminPath("/users/" + userId + "/credentials/" + key.get("accessKeyId").asText())).expect(204);
        assertCode(signer.get(whoami).send(), 401, "InvalidAccessKeyId");
    }

    @Test
    void lastUseIsWrittenOncePerWindow() throws InterruptedException {
        realm.createUser("ivy", "ivy");
        AccessKeysClient ivy = AccessKeysClient.as(realm, "ivy", "ivy");
        String ivyAk = ivy.createKey().get("accessKeyId").asText();
        String ivySk = null;
        JsonNode created = ivy.list().json().get(0);
        assertTrue(created.get("lastUsed").isNull());
        // the secret is only in the create answer: make a second key and use that one
        ivy.delete(ivyAk).expect(204);
        JsonNode key = ivy.createKey();
        ivyAk = key.get("accessKeyId").asText();
        ivySk = key.get("secretAccessKey").asText();

        Signers.Aws signer = Signers.Aws.of(ivyAk, ivySk);
        signer.get(whoami).send().expect(200);
        JsonNode first = ivy.list().json().get(0).get("lastUsed");
        assertFalse(first.isNull());
        assertEquals("AWS4-HMAC-SHA256", first.get("scheme").asText());
        assertEquals(Signers.REGION, first.get("region").asText());
        assertEquals(Signers.SERVICE, first.get("service").asText());
        assertEquals("127.0.0.1", first.get("ip").asText());
        Instant at = Instant.parse(first.get("at").asText());
        assertTrue(Duration.between(at, Instant.now()).abs().getSeconds() < 60);

        Thread.sleep(1_100);
        for (int i = 0; i < 49; i++) {
            signer.get(whoami).send().expect(200);
        }
        Signers.huawei(ivyAk, ivySk, null, "GET", whoami, null).send().expect(200);
        JsonNode after = ivy.list().json().get(0).get("lastUsed");
        assertEquals(first, after, "50 more verifications within the window wrote nothing");

        JsonNode inventory = realm.admin().get(realm.adminPath("/access-keys/keys?search=" + ivyAk)).expect(200).json();
        assertEquals(first, inventory.get(0).get("lastUsed"));
        assertEquals(0, realm.admin().get(realm.adminPath("/access-keys/keys?search=" + ivyAk + "&unusedDays=1")).json().size());
    }

    @Test
    void realmKeyRotationKeepsOldKeysWorking() {
        realm.createUser("rotor", "rotor");
        AccessKeysClient rotor = AccessKeysClient.as(realm, "rotor", "rotor");
        JsonNode before = rotor.createKey();
        Signers.Aws old = Signers.Aws.of(before.get("accessKeyId").asText(), before.get("secretAccessKey").asText());
        assertEquals(200, old.get(whoami).send().status());

        String realmId = realm.admin().get(realm.adminPath("")).json().get("id").asText();
        JsonNode aesComponents = realm.admin().get(realm.adminPath("/components?type=org.keycloak.keys.KeyProvider&name=aes-generated")).json();
        String oldAes = aesComponents.get(0).get("id").asText();
        realm.admin().create(realm.adminPath("/components"), Map.of("name", "aes-rotated", "providerId", "aes-generated",
                "providerType", "org.keycloak.keys.KeyProvider", "parentId", realmId,
                "config", Map.of("priority", List.of("500"), "active", List.of("true"), "enabled", List.of("true"))));
        setActive(oldAes, false);

        assertEquals(200, old.get(whoami).send().status(), "a passive key still opens old secrets");
        JsonNode after = rotor.createKey();
        Signers.Aws fresh = Signers.Aws.of(after.get("accessKeyId").asText(), after.get("secretAccessKey").asText());
        assertEquals(200, fresh.get(whoami).send().status());

        // With the old AES key disabled, only the key sealed after the rotation still works: it used the new key.
        JsonNode component = realm.admin().get(realm.adminPath("/components/" + oldAes)).json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) component.get("config")).putArray("enabled").add("false");
        realm.admin().put(realm.adminPath("/components/" + oldAes), component).expect(204);
        // (without its secret the signature cannot be checked, so the answer says no more than a wrong signature)
        assertCode(old.get(whoami).send(), 401, "SignatureDoesNotMatch");
        assertEquals(200, fresh.get(whoami).send().status());
        ((com.fasterxml.jackson.databind.node.ObjectNode) component.get("config")).putArray("enabled").add("true");
        realm.admin().put(realm.adminPath("/components/" + oldAes), component).expect(204);
        assertEquals(200, old.get(whoami).send().status());
    }

    private void setActive(String componentId, boolean active) {
        JsonNode component = realm.admin().get(realm.adminPath("/components/" + componentId)).json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) component.get("config")).putArray("active").add(String.valueOf(active));
        realm.admin().put(realm.adminPath("/components/" + componentId), component).expect(204);
    }

}
