package io.accesskeys.keycloak.temporary;

import java.io.IOException;
import java.util.List;

import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

/**
 * When a user's temporary keys stop being valid. Keycloak's own not-before times count (the realm's, and the user's,
 * which the admin console's "Sign out" sets); the admin API's revoke sets one of the extension's own, in milliseconds,
 * so that revoking temporary keys does not also end the user's sessions. That mark is a credential of type
 * {@value #CREDENTIAL_TYPE} (not a user attribute, which a realm's user-profile policy may let users edit; credentials
 * are cached with the user and invalidated on every node). It fails closed: a mark that cannot be read revokes.
 */
public final class TemporaryRevocation {

    public static final String CREDENTIAL_TYPE = "access-key-revocation";
    /** Where 0.1.0 kept the mark; still honoured (fail closed) for revocations made before the upgrade. */
    static final String LEGACY_ATTRIBUTE = "access-keys.temporary-not-before";

    /** credentialData of the mark. */
    record Mark(long notBefore) {
    }

    private TemporaryRevocation() {
    }

    /** Every temporary key issued to {@code user} until now stops working. */
    public static void revoke(UserModel user) {
        String data = write(new Mark(Time.currentTimeMillis()));
        List<CredentialModel> marks = marks(user);
        if (marks.isEmpty()) {
            CredentialModel mark = new CredentialModel();
            mark.setType(CREDENTIAL_TYPE);
            mark.setCreatedDate(Time.currentTimeMillis());
            mark.setCredentialData(data);
            mark.setSecretData("{}");
            user.credentialManager().createStoredCredential(mark);
            return;
        }
        CredentialModel mark = marks.get(0);
        mark.setCredentialData(data);
        user.credentialManager().updateStoredCredential(mark);
    }

    /** Whether a key issued at {@code issuedAtMillis} was revoked since. */
    public static boolean revoked(KeycloakSession session, RealmModel realm, UserModel user, long issuedAtMillis) {
        // Keycloak's not-before is in whole seconds: a key issued in that very second counts as revoked too (a
        // sign-out must not miss the keys issued a few milliseconds before it).
        int keycloakNotBefore = Math.max(realm.getNotBefore(), session.users().getNotBeforeOfUser(realm, user));
        if (keycloakNotBefore > 0 && issuedAtMillis / 1000 <= keycloakNotBefore) {
            return true;
        }
        return issuedAtMillis < notBefore(user);
    }

    /** The extension's own not-before of the user, in milliseconds: 0 for none, the far future when unreadable. */
    static long notBefore(UserModel user) {
        long notBefore = 0;
        for (CredentialModel mark : marks(user)) {
            notBefore = Math.max(notBefore, read(mark.getCredentialData()));
        }
        String legacy = user.getFirstAttribute(LEGACY_ATTRIBUTE);
        if (legacy != null) {
            try {
                long value = Long.parseLong(legacy.strip());
                notBefore = Math.max(notBefore, value < 0 ? Long.MAX_VALUE : value);
            } catch (NumberFormatException e) {
                return Long.MAX_VALUE;
            }
        }
        return notBefore;
    }

    private static List<CredentialModel> marks(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(CREDENTIAL_TYPE).toList();
    }

    static long read(String credentialData) {
        try {
            Mark mark = credentialData == null ? null : JsonSerialization.readValue(credentialData, Mark.class);
            return mark == null || mark.notBefore() <= 0 ? Long.MAX_VALUE : mark.notBefore();
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }

    static String write(Mark mark) {
        try {
            return JsonSerialization.writeValueAsString(mark);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
