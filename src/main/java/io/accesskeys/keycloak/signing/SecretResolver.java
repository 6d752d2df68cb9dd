package io.accesskeys.keycloak.signing;

/**
 * Looks up the secret of an access key; implemented by the Keycloak layer. Called only for requests that
 * passed the cheap checks (format, date window), at most once per verification. It refuses only what it cannot
 * verify at all (unknown key, unreadable token); a key's state is the caller's to check after the verdict.
 *
 * @param <K> what the resolver knows about the key, handed back in {@link Verdict.Verified}
 */
@FunctionalInterface
public interface SecretResolver<K> {

    /**
     * @param accessKeyId the AK from the signature (already checked against {@code [A-Za-z0-9]{1,128}})
     * @param context     everything the signature claims (scheme, scope, time, security token)
     * @return the key's secret with the key, or a refusal with a contract code
     */
    KeyResolution<K> resolve(String accessKeyId, SignatureContext context);
}
