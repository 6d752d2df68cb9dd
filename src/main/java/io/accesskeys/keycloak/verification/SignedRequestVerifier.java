package io.accesskeys.keycloak.verification;

import java.util.Collection;
import java.util.Map;

import io.accesskeys.keycloak.signing.SignedRequest;
import io.accesskeys.keycloak.signing.Verdict;
import io.accesskeys.keycloak.usage.LastUse;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
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

    /** The last uses of these keys: stored, or verified on this node and not written yet; never-used keys absent. */
    Map<String, LastUse> lastUses(Collection<String> accessKeyIds);

    /** This node's use of a key verified but not written yet (written within a second or so), or null. */
    LastUse unwrittenUse(String accessKeyId);

    /** Loads a new key into this node's caches once the transaction creating it committed (in the background). */
    void keyCreated(RealmModel realm, UserModel user, String accessKeyId);

    /** Forgets what this node cached about a key that was disabled or deleted. */
    void forget(String accessKeyId);

    @Override
    default void close() {
    }
}
