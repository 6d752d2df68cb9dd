package io.accesskeys.keycloak.credential;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleContainerModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;

/**
 * The roles a user holds and those a key may act with. Everything is read through Keycloak's cached user and realm
 * (role mappings, groups, composites), so that computing a key's roles on every request costs no database read, and
 * a role taken from the user leaves every key at once, on every node (the user cache is invalidated cluster-wide).
 */
public final class KeyRoles {

    private KeyRoles() {
    }

    /** The user's effective roles: direct, through groups and through composites; client roles by clientId. */
    public static RoleSet held(UserModel user) {
        RoleSet.Builder roles = new RoleSet.Builder();
        for (RoleModel role : RoleUtils.getDeepUserRoleMappings(user)) {
            RoleContainerModel container = role.getContainer();
            if (container instanceof ClientModel client) {
                roles.clientRole(client.getClientId(), role.getName());
            } else if (container instanceof RealmModel) {
                roles.realmRole(role.getName());
            }
        }
        return roles.build();
    }

    /** What a key acts with: the chosen roles the user still holds, or all the user's roles for an unscoped key. */
    public static RoleSet effective(UserModel user, RoleSet scope) {
        RoleSet held = held(user);
        return scope == null ? held : scope.intersect(held);
    }

    /**
     * The first role of {@code requested} that does not exist in the realm or that the user does not hold; null
     * when every role is fine.
     */
    public static String problem(RealmModel realm, UserModel user, RoleSet requested) {
        RoleSet held = held(user);
        for (String role : requested.realm()) {
            if (realm.getRole(role) == null || !held.hasRealmRole(role)) {
                return "realm role '" + shown(role) + "'";
            }
        }
        for (var entry : requested.clients().entrySet()) {
            ClientModel client = realm.getClientByClientId(entry.getKey());
            for (String role : entry.getValue()) {
                if (client == null || client.getRole(role) == null || !held.hasClientRole(entry.getKey(), role)) {
                    return "role '" + shown(role) + "' of client '" + shown(entry.getKey()) + "'";
                }
            }
        }
        return null;
    }

    private static String shown(String text) {
        String printable = text.chars().allMatch(c -> c >= 32 && c != 127) ? text : "(unprintable)";
        return printable.length() > 64 ? printable.substring(0, 64) + "…" : printable;
    }
}
