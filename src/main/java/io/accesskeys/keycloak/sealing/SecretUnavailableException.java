package io.accesskeys.keycloak.sealing;

/**
 * A stored secret cannot be opened: its realm key was disabled or removed, or the sealed data was altered. The
 * message names the key ID at most, never the secret.
 */
public class SecretUnavailableException extends RuntimeException {

    public SecretUnavailableException(String message) {
        super(message, null, false, false);
    }
}
