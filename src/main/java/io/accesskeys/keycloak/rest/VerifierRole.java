package io.accesskeys.keycloak.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

/** The realm role that lets an API gateway's client call {@code /verify}. */
public final class VerifierRole {

    public static final String NAME = "access-key-verifier";

    private VerifierRole() {
    }

    /** The realm's role, created if the realm does not have it yet. */
    public static RoleModel ensure(KeycloakSession session, RealmModel realm) {
        RoleModel role = realm.getRole(NAME);
        if (role == null) {
            role = realm.addRole(NAME);
            role.setDescription("May verify signed requests for an API gateway at /realms/{realm}/access-keys/verify");
        }
        return role;
    }
}
