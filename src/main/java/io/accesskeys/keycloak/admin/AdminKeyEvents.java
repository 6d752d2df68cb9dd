package io.accesskeys.keycloak.admin;

import io.accesskeys.keycloak.credential.AccessKey;
import io.accesskeys.keycloak.credential.KeyPatch;
import io.accesskeys.keycloak.api.KeyRepresentation;
import io.accesskeys.keycloak.lifecycle.KeyEventSink;
import io.accesskeys.keycloak.settings.AccessKeySettings;
import io.accesskeys.keycloak.settings.RealmSettingsStore;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Admin events for admin changes: resource path, AK and operation; representations never hold a secret. Keys are
 * user credentials, so their events are of resource type USER, like the stock credential events; settings are REALM.
 * (Keycloak's admin-events query only accepts its own resource types, so a custom type could not be filtered on.)
 */
final class AdminKeyEvents implements KeyEventSink {

    private final KeycloakSession session;
    private final AdminEventBuilder adminEvent;

    AdminKeyEvents(KeycloakSession session, AdminEventBuilder adminEvent) {
        this.session = session;
        this.adminEvent = adminEvent;
    }

    @Override
    public void created(UserModel user, AccessKey key) {
        // The path of the new key, not of the collection it was posted to.
        send(OperationType.CREATE, user, key.accessKeyId(), "create", KeyRepresentation.of(key, null, RealmSettingsStore.read(session.getContext().getRealm())), true);
    }

    @Override
    public void changed(UserModel user, AccessKey key, KeyPatch patch) {
        send(OperationType.UPDATE, user, key.accessKeyId(), patch.operation(), KeyRepresentation.of(key, null, RealmSettingsStore.read(session.getContext().getRealm())), false);
    }

    @Override
    public void deleted(UserModel user, String accessKeyId) {
        send(OperationType.DELETE, user, accessKeyId, "delete", null, false);
    }

    @Override
    public void temporaryRevoked(UserModel user) {
        adminEvent.operation(OperationType.ACTION).resource(ResourceType.USER)
                .resourcePath(session.getContext().getUri())
                .detail("user_id", user.getId()).detail("operation", "revoke-temporary")
                .success();
    }

    void settingsChanged(AccessKeySettings settings) {
        adminEvent.operation(OperationType.UPDATE).resource(ResourceType.REALM)
                .resourcePath(session.getContext().getUri())
                .representation(settings)
                .success();
    }

    private void send(OperationType operation, UserModel user, String accessKeyId, String name, Object representation,
                      boolean appendId) {
        AdminEventBuilder event = adminEvent.operation(operation).resource(ResourceType.USER);
        if (appendId) {
            event.resourcePath(session.getContext().getUri(), accessKeyId);
        } else {
            event.resourcePath(session.getContext().getUri());
        }
        event.detail("access_key_id", accessKeyId).detail("user_id", user.getId()).detail("operation", name);
        if (representation != null) {
            event.representation(representation);
        }
        event.success();
    }
}
