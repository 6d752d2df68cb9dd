package io.accesskeys.keycloak.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.accesskeys.keycloak.credential.AccessKey;
import io.accesskeys.keycloak.credential.AccessKeyStatus;
import io.accesskeys.keycloak.credential.AccessKeyStore;
import io.accesskeys.keycloak.credential.KeyPatch;
import io.accesskeys.keycloak.settings.AccessKeySettings;
import io.accesskeys.keycloak.settings.RealmSettingsStore;
import io.accesskeys.keycloak.usage.LastUse;
import io.accesskeys.keycloak.verification.SignedRequestVerifier;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

/**
 * Key hygiene, run by Keycloak's cluster-aware task runner (once per interval on one node of the cluster), for every
 * realm that turned a setting on: disables keys unused for {@code retireUnusedKeysAfterDays} (never used: counted
 * from creation), and sends one event per key when it enters the rotation window of {@code maxKeyAgeDays}. Each key is
 * re-read under a row lock before it is changed, so a run that follows another (on this node or another) changes and
 * reports nothing twice. Each realm runs in a transaction of its own: one realm's failure leaves the others done.
 */
final class KeyHygieneTask implements ScheduledTask {

    static final String NAME = "access-keys-hygiene";
    private static final Logger LOG = Logger.getLogger(KeyHygieneTask.class);

    @Override
    public void run(KeycloakSession session) {
        List<String> realmIds = session.realms().getRealmsStream()
                .filter(realm -> {
                    AccessKeySettings settings = RealmSettingsStore.read(realm);
                    return settings.retireUnusedKeysAfterDays() != null || settings.maxKeyAgeDays() != null;
                })
                .map(RealmModel::getId).toList();
        for (String realmId : realmIds) {
            try {
                KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), inner -> runFor(inner, realmId));
            } catch (RuntimeException e) {
                LOG.warnf(e, "Access key hygiene failed for realm %s; it runs again at the next interval", realmId);
            }
        }
    }

    @Override
    public String getTaskName() {
        return NAME;
    }

    private static void runFor(KeycloakSession session, String realmId) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null) {
            return;
        }
        session.getContext().setRealm(realm);
        AccessKeySettings settings = RealmSettingsStore.read(realm);
        Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
        if (settings.retireUnusedKeysAfterDays() != null) {
            retire(session, realm, now.minus(Duration.ofDays(settings.retireUnusedKeysAfterDays())));
        }
        if (settings.maxKeyAgeDays() != null) {
            notifyRotation(session, realm, settings, now);
        }
    }

    private static void retire(KeycloakSession session, RealmModel realm, Instant idleSince) {
        AccessKeyStore store = new AccessKeyStore(session, realm);
        KeyChanges changes = new KeyChanges(session, realm, new SystemKeyEvents(session, realm, "unused"));
        KeyPatch disable = new KeyPatch(AccessKeyStatus.INACTIVE, false, null);
        for (AccessKeyStore.KeyRow row : store.activeKeysIdleSince(idleSince)) {
            AccessKey locked = store.lockedData(row.accessKeyId()).orElse(null);
            if (locked == null || !locked.active() || usedSince(session, row.accessKeyId(), idleSince)) {
                continue; // retired by a run before this one, or used meanwhile
            }
            UserModel user = session.users().getUserById(realm, row.userId());
            if (user != null) {
                changes.update(user, row.accessKeyId(), disable);
                LOG.infof("Disabled access key %s of realm %s: unused since %s", row.accessKeyId(), realm.getName(), idleSince);
            }
        }
    }

    private static void notifyRotation(KeycloakSession session, RealmModel realm, AccessKeySettings settings, Instant now) {
        AccessKeyStore store = new AccessKeyStore(session, realm);
        SystemKeyEvents events = new SystemKeyEvents(session, realm, "rotation-due");
        // Created this long ago, a key is due: its maximum age less the rotation window.
        Instant dueIfCreatedBefore = now.minus(Duration.ofDays(settings.maxKeyAgeDays())).plus(AccessKeySettings.ROTATION_WINDOW);
        for (AccessKeyStore.KeyRow row : store.activeKeysToNotify(dueIfCreatedBefore)) {
            AccessKey locked = store.lockedData(row.accessKeyId()).orElse(null);
            if (locked == null || locked.rotationNotified() || !settings.rotationDue(locked.createdAt(), now)) {
                continue;
            }
            UserModel user = session.users().getUserById(realm, row.userId());
            if (user != null && store.markRotationNotified(user, row.accessKeyId())) {
                events.rotationDue(user, locked, settings.keyExpiresAt(locked.createdAt()));
            }
        }
    }

    private static boolean usedSince(KeycloakSession session, String accessKeyId, Instant since) {
        LastUse use = session.getProvider(SignedRequestVerifier.class).lastUses(List.of(accessKeyId))
                .get(accessKeyId);
        return use != null && !use.at().isBefore(since);
    }
}
