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
