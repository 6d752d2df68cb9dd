package io.accesskeys.keycloak.verification;

import io.accesskeys.keycloak.signing.SignedRequest;
import io.accesskeys.keycloak.signing.Verdict;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * Verifies signed requests against a realm's keys, for whoami, the gateway endpoints and the grant alike; a request
 * that verifies is recorded as its key's last use. {@code session.getProvider(SignedRequestVerifier.class)}.
 */
public interface SignedRequestVerifier extends Provider {

    /** The outcome: a verified key, or a refusal with its contract code. */
    sealed interface Outcome permits Accepted, Refused {
    }

    record Accepted(VerifiedKey key) implements Outcome {
    }

    record Refused(Verdict.Rejected<?> rejection) implements Outcome {
    }

    Outcome verify(RealmModel realm, SignedRequest request);

    /** Forgets what this node cached about a key that was disabled or deleted. */
    void forget(String accessKeyId);

    @Override
    default void close() {
    }
}
