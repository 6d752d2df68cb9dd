package io.accesskeys.keycloak.credential;

/** The user already holds as many permanent keys as the server allows. */
public class AccessKeyQuotaExceededException extends RuntimeException {

    private final int quota;

    public AccessKeyQuotaExceededException(int quota) {
        super("A user may hold at most " + quota + " access keys", null, false, false);
        this.quota = quota;
    }

    public int quota() {
        return quota;
    }
}
