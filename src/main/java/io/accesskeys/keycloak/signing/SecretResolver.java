package io.accesskeys.keycloak.signing;

/**
 * Looks up the secret of an access key; implemented by the Keycloak layer. Called only for requests that
 * passed the cheap checks (format, date window), at most once per verification. Checks of the key's
 * status, its user and any security token belong here, answered through {@link KeyResolution#refused}.
 */
@FunctionalInterface
public interface SecretResolver {

    /**
     * @param accessKeyId the AK from the signature (already checked against {@code [A-Za-z0-9]{1,128}})
     * @param context     everything the signature claims (scheme, scope, time, security token)
     * @return the key's secret with an optional attachment, or a refusal with a contract code
     */
    KeyResolution resolve(String accessKeyId, SignatureContext context);
}
