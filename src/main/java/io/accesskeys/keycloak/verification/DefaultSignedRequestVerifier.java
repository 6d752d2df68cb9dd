package io.accesskeys.keycloak.verification;

import java.util.Collection;
import java.util.Map;

import io.accesskeys.keycloak.credential.AccessKeyFormat;
import io.accesskeys.keycloak.signing.KeyResolution;
import io.accesskeys.keycloak.signing.SignatureContext;
import io.accesskeys.keycloak.signing.SignedRequest;
import io.accesskeys.keycloak.signing.Verdict;
import io.accesskeys.keycloak.usage.KeyUse;
import io.accesskeys.keycloak.usage.LastUse;
import io.accesskeys.keycloak.usage.UsageStore;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Verifies with the node's shared state ({@link DefaultSignedRequestVerifierFactory}) for one Keycloak session. */
final class DefaultSignedRequestVerifier implements SignedRequestVerifier {

    private final KeycloakSession session;
    private final DefaultSignedRequestVerifierFactory factory;

    DefaultSignedRequestVerifier(KeycloakSession session, DefaultSignedRequestVerifierFactory factory) {
        this.session = session;
        this.factory = factory;
    }

    @Override
    public Outcome verify(RealmModel realm, SignedRequest request) {
        Verdict<ResolvedKey> verdict = factory.verifier().verify(request, (accessKeyId, context) -> resolve(realm, context));
        if (verdict instanceof Verdict.Rejected<ResolvedKey> rejected) {
            return new Refused(rejected);
        }
        var verified = (Verdict.Verified<ResolvedKey>) verdict;
        ResolvedKey key = verified.key();
        if (key.refusal() != null) {
            return new Refused(Verdict.Rejected.of(key.refusal().error(), key.refusal().description()));
        }
        VerifiedKey verifiedKey = new VerifiedKey(key, verified.context(), request.headers().first("host"),
                verified.signedHeaders(), verified.payloadHash(), verified.bodyChecked());
        if (key.type() == ResolvedKey.KeyType.PERMANENT) {
            factory.usage().record(use(realm, verifiedKey));
        }
        return new Accepted(verifiedKey);
    }

    @Override
    public Map<String, LastUse> lastUses(Collection<String> accessKeyIds) {
        return new UsageStore(session).lastUses(accessKeyIds, factory.usage()::pending);
    }

    @Override
    public LastUse unwrittenUse(String accessKeyId) {
        return factory.usage().pending(accessKeyId);
    }

    @Override
    public void keyCreated(RealmModel realm, UserModel user, String accessKeyId) {
        factory.warmer().warmAfterCommit(session, new KeyCacheWarmer.KeyToWarm(realm.getId(), user.getId(), accessKeyId));
    }

    @Override
    public void forget(String accessKeyId) {
        factory.forget(accessKeyId);
    }

    private KeyResolution<ResolvedKey> resolve(RealmModel realm, SignatureContext context) {
        if (AccessKeyFormat.isPermanent(context.accessKeyId())) {
            return factory.permanentKeys().resolve(session, realm, context);
        }
        if (AccessKeyFormat.isTemporary(context.accessKeyId())) {
            return TemporaryKeyResolver.resolve(session, realm, context);
        }
        return KeyResolution.unknownKey();
    }

    private KeyUse use(RealmModel realm, VerifiedKey key) {
        SignatureContext signature = key.signature();
        return new KeyUse(key.accessKeyId(), realm.getId(), key.user().getId(),
                session.getContext().getConnection().getRemoteAddr(), signature.scheme().wireName(),
                signature.region(), signature.service());
    }
}
