package io.accesskeys.keycloak.api;

import java.util.List;
import java.util.Map;

import io.accesskeys.keycloak.credential.AccessKey;
import io.accesskeys.keycloak.settings.AccessKeySettings;
import io.accesskeys.keycloak.settings.RealmSettingsStore;
import io.accesskeys.keycloak.usage.LastUse;
import io.accesskeys.keycloak.verification.SignedRequestVerifier;
import org.keycloak.models.KeycloakSession;

/** Keys as the API shows them, each with its last use (one query for a whole list). */
public final class KeyViews {

    private KeyViews() {
    }

    public static List<KeyRepresentation> of(KeycloakSession session, List<AccessKey> keys) {
        Map<String, LastUse> uses = session.getProvider(SignedRequestVerifier.class)
                .lastUses(keys.stream().map(AccessKey::accessKeyId).toList());
        AccessKeySettings settings = RealmSettingsStore.read(session.getContext().getRealm());
        return keys.stream().map(key -> KeyRepresentation.of(key, lastUsed(uses.get(key.accessKeyId())), settings)).toList();
    }

    public static KeyRepresentation of(KeycloakSession session, AccessKey key) {
        return of(session, List.of(key)).get(0);
    }

    public static KeyRepresentation.LastUsedRepresentation lastUsed(LastUse use) {
        return use == null ? null : new KeyRepresentation.LastUsedRepresentation(IsoTime.format(use.at()), use.ip(),
                use.scheme(), use.region(), use.service());
    }
}
