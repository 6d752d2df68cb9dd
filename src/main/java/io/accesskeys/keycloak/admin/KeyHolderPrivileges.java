package io.accesskeys.keycloak.admin;

import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Creating a key for another user is acting as that user (the key, through the grant, gets their tokens), so it must
 * not give an admin more than they have: allowed when the admin may impersonate the user (Keycloak's
 * {@code impersonation} role or permission), or holds every role the user holds (effective realm and client roles,
 * composites and groups included). Admins thus keep helping ordinary users who lost their keys.
 */
final class KeyHolderPrivileges {

    private KeyHolderPrivileges() {
    }

    static boolean mayActAs(AdminPermissionEvaluator auth, UserModel user) {
        if (auth.users().canImpersonate(user, null)) {
            return true;
        }
        UserModel admin = auth.adminAuth().getUser();
        return admin != null && RoleUtils.getDeepUserRoleMappings(user).stream().allMatch(admin::hasRole);
    }
}
