package io.accesskeys.keycloak.verification;

import java.util.List;
import java.util.function.Supplier;

import io.accesskeys.keycloak.credential.AccessKeyFormat;
import io.accesskeys.keycloak.signing.KeyResolution;
import io.accesskeys.keycloak.signing.RequestVerifier;
import io.accesskeys.keycloak.signing.SignatureContext;
import io.accesskeys.keycloak.signing.SignatureError;
import io.accesskeys.keycloak.signing.SignedRequest;
import io.accesskeys.keycloak.signing.SigningKeyCache;
import io.accesskeys.keycloak.signing.Verdict;
import io.accesskeys.keycloak.temporary.TemporaryKeyResolver;
import io.accesskeys.keycloak.usage.UsageRecorder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Verifies a signed request against this realm's keys and, when it verifies, records the use. One verifier and one
 * signing-key cache serve the whole server; the cache never authorises by itself (the key is resolved on every
 * request, and a cached signing key is used only with the very secret it was derived from).
 */
public final class SignedRequestVerifier {

    private static final RequestVerifier VERIFIER = new RequestVerifier(KeycloakClock.INSTANCE, new SigningKeyCache());

    private SignedRequestVerifier() {
    }

    /** The outcome: a verified key, or a refusal with its contract code. */
    public sealed interface Outcome permits Accepted, Refused {
    }

    public record Accepted(VerifiedKey key) implements Outcome {
    }

    public record Refused(Verdict.Rejected rejection) implements Outcome {
    }

    /** Verifies {@code request}; a successful verification is recorded as the key's last use. */
    public static Outcome verify(KeycloakSession session, RealmModel realm, SignedRequest request) {
        return verifyAny(session, realm, List.of(() -> request));
    }

    /**
     * Verifies the first of several renderings of one request that matches (a form body whose exact bytes are no
     * longer known, e.g.); the refusal of the first rendering is reported when none matches.
     */
    public static Outcome verifyAny(KeycloakSession session, RealmModel realm, List<Supplier<SignedRequest>> renderings) {
        Verdict.Rejected first = null;
        for (Supplier<SignedRequest> rendering : renderings) {
            Verdict verdict = VERIFIER.verify(rendering.get(), (accessKeyId, context) -> resolve(session, realm, context));
            if (verdict instanceof Verdict.Verified verified) {
                VerifiedKey key = toKey(verified);
                if (key.keyType() == VerifiedKey.KeyType.PERMANENT) {
                    UsageRecorder.record(session, realm, key);
                }
                return new Accepted(key);
            }
            Verdict.Rejected rejected = (Verdict.Rejected) verdict;
            if (first == null) {
                first = rejected;
            }
            if (rejected.error() != SignatureError.SIGNATURE_DOES_NOT_MATCH) {
                break;
            }
        }
        return new Refused(first);
    }

    /** Drops cached signing keys of a key that was disabled or deleted (on this node; others never trust them alone). */
    public static void forget(String accessKeyId) {
        VERIFIER.cache().invalidate(accessKeyId);
    }

    private static KeyResolution resolve(KeycloakSession session, RealmModel realm, SignatureContext context) {
        if (AccessKeyFormat.isPermanent(context.accessKeyId())) {
            return PermanentKeyResolver.resolve(session, realm, context);
        }
        if (AccessKeyFormat.isTemporary(context.accessKeyId())) {
            return TemporaryKeyResolver.resolve(session, realm, context);
        }
        return KeyResolution.unknownKey();
    }

    private static VerifiedKey toKey(Verdict.Verified verified) {
        if (verified.attachment() instanceof TemporaryKeyResolver.Resolved temporary) {
            return new VerifiedKey(temporary.user(), verified.context().accessKeyId(), VerifiedKey.KeyType.TEMPORARY,
                    temporary.expiration(), verified.context());
        }
        var resolved = (PermanentKeyResolver.Resolved) verified.attachment();
        return new VerifiedKey(resolved.user(), resolved.key().accessKeyId(), VerifiedKey.KeyType.PERMANENT, null,
                verified.context());
    }
}
