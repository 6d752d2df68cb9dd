package io.accesskeys.keycloak.lifecycle;

import java.util.Optional;

import io.accesskeys.keycloak.credential.AccessKey;
import io.accesskeys.keycloak.credential.AccessKeyStatus;
import io.accesskeys.keycloak.credential.AccessKeyStore;
import io.accesskeys.keycloak.credential.KeyPatch;
import io.accesskeys.keycloak.credential.KeyRoles;
import io.accesskeys.keycloak.credential.RoleSet;
import io.accesskeys.keycloak.temporary.TemporaryKeys;
import io.accesskeys.keycloak.temporary.TemporaryRevocation;
import io.accesskeys.keycloak.verification.SignedRequestVerifier;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Every change to a user's keys, whoever asks: self-service, the admin API and the credential provider. Callers check
 * who may do what; this applies the change, its after-effects and its event (through the caller's sink), once.
 * The after-effects of a deletion (last-use row, this node's caches) run in {@link KeyDeletionListener}, because the
 * stock consoles delete credentials without asking any provider.
 */
public final class KeyChanges {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final KeyEventSink events;

    public KeyChanges(KeycloakSession session, RealmModel realm, KeyEventSink events) {
        this.session = session;
        this.realm = realm;
        this.events = events;
    }

    /**
     * A new key, within the server's quota (throws {@code AccessKeyQuotaExceededException} beyond it), scoped to
     * {@code roles} (null for unscoped). Throws {@link InvalidRoleException} when a role does not exist or the user
     * does not hold it.
     */
    public AccessKeyStore.Created create(UserModel user, String description, RoleSet roles) {
        if (roles != null) {
            String problem = KeyRoles.problem(realm, user, roles);
            if (problem != null) {
                throw new InvalidRoleException(problem);
            }
        }
        AccessKeyStore.Created created = store().create(user, description, roles,
                AccessKeyCredentialProviderFactory.quota(session));
        events.created(user, created.key());
        session.getProvider(SignedRequestVerifier.class).keyCreated(realm, user, created.key().accessKeyId());
        return created;
    }

    /** Applies {@code patch}; empty when the user has no such key. */
    public Optional<AccessKey> update(UserModel user, String accessKeyId, KeyPatch patch) {
        Optional<AccessKey> updated = store().update(user, accessKeyId, patch);
        updated.ifPresent(key -> {
            if (patch.status() == AccessKeyStatus.INACTIVE) {
                session.getProvider(SignedRequestVerifier.class).forget(accessKeyId);
            }
            events.changed(user, key, patch);
        });
        return updated;
    }

    /** Deletes the key; false when the user has no such key. */
    public boolean delete(UserModel user, String accessKeyId) {
        if (!store().delete(user, accessKeyId)) {
            return false;
        }
        events.deleted(user, accessKeyId);
        return true;
    }

    /** A temporary key for a session of {@code user} (through {@code identityProvider}, or local when null). */
    public TemporaryKeys.Issued issueTemporary(UserModel user, String identityProvider, int durationSeconds) {
        return issueTemporary(user, identityProvider, durationSeconds, null);
    }

    /** As above, for a role assumed through STS ({@code assumedRole} null for none), which the key's token carries. */
    public TemporaryKeys.Issued issueTemporary(UserModel user, String identityProvider, int durationSeconds,
                                               TemporaryKeys.AssumedRole assumedRole) {
        TemporaryKeys.Issued issued = TemporaryKeys.issue(session, realm, user, identityProvider, durationSeconds,
                assumedRole);
        events.temporaryIssued(user, issued, durationSeconds, identityProvider);
        return issued;
    }

    /** Every temporary key issued to {@code user} until now stops working; later ones work. */
    public void revokeTemporary(UserModel user) {
        TemporaryRevocation.revoke(user);
        events.temporaryRevoked(user);
    }

    private AccessKeyStore store() {
        return new AccessKeyStore(session, realm);
    }
}
