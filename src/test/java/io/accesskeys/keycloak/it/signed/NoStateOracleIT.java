package io.accesskeys.keycloak.it.signed;

import static io.accesskeys.keycloak.it.support.ContractErrors.assertCode;

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

/**
 * AKs sit in URLs and logs: whoever does not hold a key's secret learns nothing about its state. A wrong signature is
 * SignatureDoesNotMatch whether the key is active, disabled, or its user disabled; the state is told only to a
 * request whose signature verified.
 */
@SharedKeycloakTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoStateOracleIT {

    private TestRealm realm;

    @BeforeAll
    void setUp(TestRealms realms) {
        realm = realms.create();
    }

    @Test
    void aDisabledKeyLooksLikeAnyOtherToAWrongSignature() {
        AccessKeysClient alice = AccessKeysClient.as(realm, "alice", "alice");
        JsonNode key = alice.createKey();
        String ak = key.get("accessKeyId").asText();
        String sk = key.get("secretAccessKey").asText();
        String wrong = Signers.wrongSecret(sk);
        String whoami = realm.accessKeys("/whoami");

        assertCode(Signers.Aws.of(ak, wrong).get(whoami).send(), 401, "SignatureDoesNotMatch");
        alice.patch(ak, Map.of("status", "INACTIVE")).expect(200);

        assertCode(Signers.Aws.of(ak, wrong).get(whoami).send(), 401, "SignatureDoesNotMatch");
        assertCode(Signers.huawei(ak, wrong, null, "GET", whoami, null).send(), 401, "SignatureDoesNotMatch");
        assertCode(Signers.Aws.of(ak, sk).get(whoami).send(), 401, "AccessKeyInactive");
    }

    @Test
    void aDisabledUserLooksLikeAnyOtherToAWrongSignature() {
        String userId = realm.createUser("erin", "erin");
        JsonNode key = realm.admin().post(realm.adminPath("/access-keys/users/" + userId + "/keys"), Map.of()).expect(201).json();
        String ak = key.get("accessKeyId").asText();
        String sk = key.get("secretAccessKey").asText();
        String whoami = realm.accessKeys("/whoami");
        realm.updateUser(userId, "enabled", false);

        assertCode(Signers.Aws.of(ak, Signers.wrongSecret(sk)).get(whoami).send(), 401, "SignatureDoesNotMatch");
        assertCode(Signers.Aws.of(ak, sk).get(whoami).send(), 403, "AccessDenied");
    }

    @Test
    void anExpiredOrRevokedTemporaryKeyLooksLikeAnyOtherToAWrongSignature(TestRealms realms) {
        TestRealm brokered = realms.createWithBroker();
        String bob = brokered.brokeredLogin("bob", "bob").accessToken();
        JsonNode temporary = Http.post(brokered.accessKeys("/me/temporary")).bearer(bob).json(Map.of()).send().expect(201).json();
        String ak = temporary.get("accessKeyId").asText();
        String sk = temporary.get("secretAccessKey").asText();
        String token = temporary.get("securityToken").asText();
        String whoami = brokered.accessKeys("/whoami");
        brokered.admin().post(brokered.adminPath("/access-keys/users/" + brokered.userId("bob") + "/temporary/revoke"), Map.of())
                .expect(204);

        assertCode(Signers.Aws.of(ak, Signers.wrongSecret(sk)).token(token).get(whoami).send(), 401, "SignatureDoesNotMatch");
        assertCode(Signers.Aws.of(ak, sk).token(token).get(whoami).send(), 401, "InvalidToken");
    }
}
