package io.accesskeys.keycloak.verification;

import java.time.Instant;
import java.util.Arrays;

import io.accesskeys.keycloak.contract.ErrorCode;
import io.accesskeys.keycloak.credential.AccessKey;
import io.accesskeys.keycloak.credential.AccessKeyStore;
import io.accesskeys.keycloak.sealing.OpenedSecretCache;
import io.accesskeys.keycloak.sealing.SecretUnavailableException;
import io.accesskeys.keycloak.settings.AccessKeySettings;
import io.accesskeys.keycloak.settings.RealmSettingsStore;
import io.accesskeys.keycloak.signing.AccessSecret;
import io.accesskeys.keycloak.signing.KeyResolution;
import io.accesskeys.keycloak.signing.SignatureContext;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Finds the secret of a permanent key: AK → owner (a primary-key lookup, then cached) → the user's credential (through
 * Keycloak's user cache, which every node invalidates on a credential write) → the sealed secret. The key may sign
 * only while it is ACTIVE and its user enabled; that is reported once the signature verified.
 */
final class PermanentKeyResolver {

    private static final Logger LOG = Logger.getLogger(PermanentKeyResolver.class);

    private final KeyOwnerCache owners;
    private final OpenedSecretCache opened;

    PermanentKeyResolver(KeyOwnerCache owners, OpenedSecretCache opened) {
        this.owners = owners;
        this.opened = opened;
    }

    KeyResolution<ResolvedKey> resolve(KeycloakSession session, RealmModel realm, SignatureContext context) {
        return resolve(session, realm, context.accessKeyId(), true);
    }

    /**
     * What a request with this key would read, read now by the {@link KeyCacheWarmer} so that the request finds it
     * cached; quiet, because a key that cannot sign is reported when it is used.
     */
    KeyResolution<ResolvedKey> warm(KeycloakSession session, RealmModel realm, String accessKeyId) {
        return resolve(session, realm, accessKeyId, false);
    }

    private KeyResolution<ResolvedKey> resolve(KeycloakSession session, RealmModel realm, String accessKeyId,
                                               boolean reportUnavailable) {
        AccessKeyStore store = new AccessKeyStore(session, realm);
        UserModel user = owners.owner(realm.getId(), accessKeyId, store::ownerId)
                .map(id -> session.users().getUserById(realm, id)).orElse(null);
        AccessKey key = user == null ? null : store.find(user, accessKeyId).orElse(null);
        if (key == null) {
            return KeyResolution.unknownKey();
        }
        char[] secret;
        try {
            secret = store.secret(user, accessKeyId, opened);
        } catch (SecretUnavailableException e) {
            // The realm key that sealed it was disabled or removed, or the stored data is unreadable: the key cannot
            // sign until that is mended. The answer says no more than a wrong signature would.
            if (reportUnavailable) {
                LOG.warnf("Access key %s of realm %s cannot be used: %s", accessKeyId, realm.getName(), e.getMessage());
            }
            return KeyResolution.refused(ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                    "The request signature we calculated does not match the signature you provided.");
        }
        ResolvedKey resolved = new ResolvedKey(user, accessKeyId, ResolvedKey.KeyType.PERMANENT, null, null, null, null,
                key.roles());
        AccessKeySettings settings = RealmSettingsStore.read(realm);
        if (!key.active()) {
            resolved = resolved.refusedFor(ErrorCode.ACCESS_KEY_INACTIVE, "The access key ID you provided is inactive.");
        } else if (settings.keyExpired(key.createdAt(), Instant.ofEpochMilli(Time.currentTimeMillis()))) {
            resolved = resolved.refusedFor(ErrorCode.ACCESS_KEY_EXPIRED, "The access key is older than this realm's "
                    + "maximum key age of " + settings.maxKeyAgeDays() + " days; create a new one.");
        } else if (!user.isEnabled()) {
            resolved = resolved.refusedFor(ErrorCode.ACCESS_DENIED, "The key's user is disabled.");
        }
        AccessSecret accessSecret = AccessSecret.of(secret);
        Arrays.fill(secret, '\0');
        return KeyResolution.found(accessSecret, resolved);
    }
}
