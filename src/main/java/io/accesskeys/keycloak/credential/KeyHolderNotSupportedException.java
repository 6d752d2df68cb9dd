package io.accesskeys.keycloak.credential;

/** This user cannot hold access keys: a service account, or a user whose storage keeps no Keycloak credentials. */
public class KeyHolderNotSupportedException extends RuntimeException {

    public KeyHolderNotSupportedException(String message) {
        super(message, null, false, false);
    }
}
