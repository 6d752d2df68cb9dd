package io.accesskeys.keycloak.rest;

import io.accesskeys.keycloak.credential.AccessKey;
import io.accesskeys.keycloak.credential.AccessKeyStore;
import io.accesskeys.keycloak.credential.KeyPatch;
import io.accesskeys.keycloak.lifecycle.KeyEventSink;
import io.accesskeys.keycloak.temporary.TemporaryKeys;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** User events for self-service changes: the AK and what happened, never a secret. */
final class UserKeyEvents implements KeyEventSink {

    static final String ACCESS_KEY_ID = "access_key_id";
    static final String OPERATION = "operation";
    static final String TEMPORARY_TYPE = "access-key-temporary";

    private final KeycloakSession session;
    private final SelfServiceCaller caller;

    UserKeyEvents(KeycloakSession session, SelfServiceCaller caller) {
        this.session = session;
        this.caller = caller;
    }

    @Override
    public void created(UserModel user, AccessKey key) {
        keyEvent(EventType.UPDATE_CREDENTIAL, key.accessKeyId(), "create");
    }

    @Override
    public void changed(UserModel user, AccessKey key, KeyPatch patch) {
        keyEvent(EventType.UPDATE_CREDENTIAL, key.accessKeyId(), patch.operation());
    }

    @Override
    public void deleted(UserModel user, String accessKeyId) {
        keyEvent(EventType.REMOVE_CREDENTIAL, accessKeyId, "delete");
    }

    /** A temporary key was issued: its AK, lifetime and identity provider (never its secret or token). */
    @Override
    public void temporaryIssued(UserModel user, TemporaryKeys.Issued issued, int durationSeconds, String identityProvider) {
        EventBuilder event = builder(EventType.UPDATE_CREDENTIAL)
                .detail(Details.CREDENTIAL_TYPE, TEMPORARY_TYPE)
                .detail(ACCESS_KEY_ID, issued.accessKeyId())
                .detail(OPERATION, "issue-temporary")
                .detail("duration_seconds", Integer.toString(durationSeconds));
        if (identityProvider != null) {
            event.detail(Details.IDENTITY_PROVIDER, identityProvider);
        }
        event.success();
    }

    private EventBuilder builder(EventType type) {
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

    private void keyEvent(EventType type, String accessKeyId, String operation) {
        builder(type)
                .detail(Details.CREDENTIAL_TYPE, AccessKeyStore.TYPE)
                .detail(Details.CREDENTIAL_ID, accessKeyId)
                .detail(ACCESS_KEY_ID, accessKeyId)
                .detail(OPERATION, operation)
                .success();
    }
}
