package io.accesskeys.keycloak.lifecycle;

/** A key was to be scoped to a role that does not exist or that its user does not hold. */
public final class InvalidRoleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidRoleException(String role) {
        super("The user does not hold " + role + " (or it does not exist)", null, false, false);
    }
}
