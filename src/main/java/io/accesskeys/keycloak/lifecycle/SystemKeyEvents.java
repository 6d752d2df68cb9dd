package io.accesskeys.keycloak.lifecycle;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import io.accesskeys.keycloak.credential.AccessKey;
import io.accesskeys.keycloak.credential.KeyPatch;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Admin events for what the server does to keys by itself (the hygiene task): there is no admin behind them, so they
 * carry the realm but no acting user or client. Resource type, paths and details are those of the admin API's key
 * events ({@code access-keys/users/{userId}/keys/{ak}}, {@code access_key_id}, {@code user_id}, {@code operation}).
 */
final class SystemKeyEvents implements KeyEventSink {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String reason;

    /** {@code reason}: why the server changes keys (the representation's {@code reason}, e.g. {@code unused}). */
    SystemKeyEvents(KeycloakSession session, RealmModel realm, String reason) {
        this.session = session;
        this.realm = realm;
        this.reason = reason;
    }

    @Override
    public void changed(UserModel user, AccessKey key, KeyPatch patch) {
        Map<String, Object> representation = new LinkedHashMap<>();
        representation.put("accessKeyId", key.accessKeyId());
        representation.put("status", key.status().name());
        representation.put("reason", reason);
        send(OperationType.UPDATE, user, key.accessKeyId(), patch.operation(), representation);
    }

    /** The key entered its rotation window: it stops signing at {@code expiresAt}. */
    void rotationDue(UserModel user, AccessKey key, Instant expiresAt) {
        Map<String, Object> representation = new LinkedHashMap<>();
        representation.put("accessKeyId", key.accessKeyId());
        representation.put("expiresAt", expiresAt.truncatedTo(ChronoUnit.SECONDS).toString());
        representation.put("reason", "rotation-due");
        send(OperationType.ACTION, user, key.accessKeyId(), "rotation-due", representation);
    }

    private void send(OperationType operation, UserModel user, String accessKeyId, String name, Object representation) {
        new Builder(session, realm).operation(operation).resource(ResourceType.USER)
                .resourcePath("access-keys", "users", user.getId(), "keys", accessKeyId)
                .representation(representation)
                .detail("access_key_id", accessKeyId).detail("user_id", user.getId()).detail("operation", name)
                .success();
    }

    /** Keycloak's builder, started from an event with the realm and no admin (its public constructor needs one). */
    private static final class Builder extends AdminEventBuilder {

        Builder(KeycloakSession session, RealmModel realm) {
            super(realm, null, session, null, systemEvent(realm));
        }

        private static AdminEvent systemEvent(RealmModel realm) {
            AdminEvent event = new AdminEvent();
            event.setRealmId(realm.getId());
            AuthDetails auth = new AuthDetails();
            auth.setRealmId(realm.getId());
            auth.setRealmName(realm.getName());
            event.setAuthDetails(auth);
            return event;
        }
    }
}
