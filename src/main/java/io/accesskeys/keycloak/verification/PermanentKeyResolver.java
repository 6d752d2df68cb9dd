package io.accesskeys.keycloak.verification;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.accesskeys.keycloak.credential.AccessKey;
import io.accesskeys.keycloak.credential.AccessKeyStore;
import io.accesskeys.keycloak.credential.SecretUnavailableException;
import io.accesskeys.keycloak.signing.AccessSecret;
import io.accesskeys.keycloak.signing.KeyResolution;
import io.accesskeys.keycloak.signing.SignatureContext;
import io.accesskeys.keycloak.signing.SignatureError;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Finds the secret of a permanent key: AK → owner (a primary-key lookup) → the user's credential (through Keycloak's
 * user cache, which every node invalidates on a credential write) → the sealed secret. Only an ACTIVE key of an
 * enabled user of this realm may sign.
 */
final class PermanentKeyResolver {

    private static final Logger LOG = Logger.getLogger(PermanentKeyResolver.class);
    private static final int MAX_OWNERS = 100_000;
    /**
     * Realm ID + AK → owner's user ID. An AK never changes owner, so this needs no invalidation: a deleted key or
     * user is caught by the user and credential lookups, which go through Keycloak's cluster-invalidated cache.
     */
    private static final Map<String, String> OWNERS = new ConcurrentHashMap<>();

    private PermanentKeyResolver() {
    }

    record Resolved(UserModel user, AccessKey key) {
    }

    private static String owner(AccessKeyStore store, RealmModel realm, String accessKeyId) {
        String cacheKey = realm.getId() + "/" + accessKeyId;
        String owner = OWNERS.get(cacheKey);
        if (owner == null) {
            owner = store.ownerId(accessKeyId).orElse(null);
            if (owner != null) {
                if (OWNERS.size() >= MAX_OWNERS) {
                    OWNERS.clear();
                }
                OWNERS.put(cacheKey, owner);
            }
        }
        return owner;
    }

    static KeyResolution resolve(KeycloakSession session, RealmModel realm, SignatureContext context) {
        String accessKeyId = context.accessKeyId();
        AccessKeyStore store = new AccessKeyStore(session, realm);
        String ownerId = owner(store, realm, accessKeyId);
        UserModel user = ownerId == null ? null : session.users().getUserById(realm, ownerId);
        AccessKey key = user == null ? null : store.find(user, accessKeyId).orElse(null);
        if (key == null) {
            return KeyResolution.unknownKey();
        }
        if (!key.active()) {
            return KeyResolution.inactiveKey();
        }
        if (!user.isEnabled()) {
            return KeyResolution.refused(SignatureError.ACCESS_DENIED, "The key's user is disabled.");
        }
        try {
            return KeyResolution.found(AccessSecret.of(store.secret(user, accessKeyId)), new Resolved(user, key));
        } catch (SecretUnavailableException e) {
            // The realm key that sealed it was disabled or removed: the key cannot sign until that key is back.
            LOG.warnf("Access key %s of realm %s cannot be used: %s", accessKeyId, realm.getName(), e.getMessage());
            return KeyResolution.refused(SignatureError.ACCESS_DENIED, "The key's secret is not available.");
        }
    }
}
