package io.accesskeys.keycloak.rest;

import io.accesskeys.keycloak.credential.AccessKeyCredentialProvider;
import io.accesskeys.keycloak.credential.KeyPatch;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** User events for self-service changes: the AK and what happened, never a secret. */
final class KeyEvents {

    static final String ACCESS_KEY_ID = "access_key_id";
    static final String OPERATION = "operation";
    static final String TEMPORARY_TYPE = "access-key-temporary";

    private KeyEvents() {
    }

    static void created(KeycloakSession session, SelfServiceCaller caller, String accessKeyId) {
        event(session, caller, EventType.UPDATE_CREDENTIAL, accessKeyId, "create");
    }

    static void changed(KeycloakSession session, SelfServiceCaller caller, String accessKeyId, KeyPatch patch) {
        event(session, caller, EventType.UPDATE_CREDENTIAL, accessKeyId, patch.operation());
    }

    static void deleted(KeycloakSession session, SelfServiceCaller caller, String accessKeyId) {
        event(session, caller, EventType.REMOVE_CREDENTIAL, accessKeyId, "delete");
    }

    /** A temporary key was issued: its AK, lifetime and identity provider (never its secret or token). */
    static void temporaryIssued(KeycloakSession session, SelfServiceCaller caller, String accessKeyId, int durationSeconds) {
        EventBuilder event = builder(session, caller, EventType.UPDATE_CREDENTIAL)
                .detail(Details.CREDENTIAL_TYPE, TEMPORARY_TYPE)
                .detail(ACCESS_KEY_ID, accessKeyId)
                .detail(OPERATION, "issue-temporary")
                .detail("duration_seconds", Integer.toString(durationSeconds));
        if (caller.identityProvider() != null) {
            event.detail(Details.IDENTITY_PROVIDER, caller.identityProvider());
        }
        event.success();
    }

    static EventBuilder builder(KeycloakSession session, SelfServiceCaller caller, EventType type) {
        RealmModel realm = session.getContext().getRealm();
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(type).user(caller.user());
        if (caller.session() != null) {
            event.session(caller.session());
        }
        ClientModel client = realm.getClientByClientId(caller.token().getIssuedFor());
        if (client != null) {
            event.client(client);
        }
        return event;
    }

    private static void event(KeycloakSession session, SelfServiceCaller caller, EventType type, String accessKeyId,
                              String operation) {
        builder(session, caller, type)
                .detail(Details.CREDENTIAL_TYPE, AccessKeyCredentialProvider.TYPE)
                .detail(Details.CREDENTIAL_ID, accessKeyId)
                .detail(ACCESS_KEY_ID, accessKeyId)
                .detail(OPERATION, operation)
                .success();
    }
}
