package io.accesskeys.keycloak.temporary;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * When a user's temporary keys stop being valid. Keycloak's own not-before times count (the realm's, and the user's,
 * which the admin console's "Sign out" sets); the admin API's revoke sets one of the extension's own (in
 * milliseconds, in a user attribute), so that revoking temporary keys does not also end the user's sessions.
 */
public final class TemporaryRevocation {

    static final String ATTRIBUTE = "access-keys.temporary-not-before";

    private TemporaryRevocation() {
    }

    /** Every temporary key issued to {@code user} until now stops working. */
    public static void revoke(UserModel user) {
        user.setSingleAttribute(ATTRIBUTE, Long.toString(Time.currentTimeMillis()));
    }

    /** Whether a key issued at {@code issuedAtMillis} was revoked since. */
    static boolean revoked(KeycloakSession session, RealmModel realm, UserModel user, long issuedAtMillis) {
        // Keycloak's not-before is in whole seconds: a key issued in that very second counts as revoked too (a
        // sign-out must not miss the keys issued a few milliseconds before it).
        int keycloakNotBefore = Math.max(realm.getNotBefore(), session.users().getNotBeforeOfUser(realm, user));
        if (keycloakNotBefore > 0 && issuedAtMillis / 1000 <= keycloakNotBefore) {
            return true;
        }
        String own = user.getFirstAttribute(ATTRIBUTE);
        try {
            return own != null && issuedAtMillis < Long.parseLong(own);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
