package io.accesskeys.keycloak.lifecycle;

import io.accesskeys.keycloak.credential.AccessKey;
import io.accesskeys.keycloak.credential.KeyPatch;
import io.accesskeys.keycloak.temporary.TemporaryKeys;
import org.keycloak.models.UserModel;

/**
 * Where {@link KeyChanges} reports what it changed: user events for self-service, admin events for the admin API.
 * Details name the AK, never a secret or token.
 */
public interface KeyEventSink {

    /** For changes Keycloak reports itself (a deletion through the stock consoles). */
    KeyEventSink NONE = new KeyEventSink() {
    };

    default void created(UserModel user, AccessKey key) {
    }

    default void changed(UserModel user, AccessKey key, KeyPatch patch) {
    }

    default void deleted(UserModel user, String accessKeyId) {
    }

    default void temporaryIssued(UserModel user, TemporaryKeys.Issued issued, int durationSeconds, String identityProvider) {
    }

    default void temporaryRevoked(UserModel user) {
    }
}
