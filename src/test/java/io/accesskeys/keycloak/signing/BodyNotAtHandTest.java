package io.accesskeys.keycloak.signing;

import static io.accesskeys.keycloak.signing.Fixtures.NOW;
import static io.accesskeys.keycloak.signing.Fixtures.REGION;
import static io.accesskeys.keycloak.signing.Fixtures.SERVICE;
import static io.accesskeys.keycloak.signing.Fixtures.SIGNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesskeys.keycloak.contract.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * A request whose body is not at hand (forward-auth: the gateway sends the headers only). What the signature says of
 * the body is reported, never taken as checked: a signed content hash stands for the body; without one the body
 * counts as empty, and a body that was there makes the signature fail rather than pass unchecked.
 */
class BodyNotAtHandTest {

    private static Verdict<?> verify(SignedRequest request) {
        return Fixtures.verifierAt(NOW).verify(request, Fixtures.keys());
    }

    private static SignedRequest withHash(String hash) {
        return SIGNER.signAws4(Fixtures.unsigned().toBuilder().header("X-Amz-Content-Sha256", hash).build(),
                NOW, REGION, SERVICE).request();
    }

    @Test
    void aSignedContentHashStandsForTheBodyButIsNotChecked() {
        String hash = Hashing.sha256Hex(new String(Fixtures.BODY, java.nio.charset.StandardCharsets.UTF_8));
        SignedRequest signed = withHash(hash);

        var withBody = assertInstanceOf(Verdict.Verified.class, verify(signed));
        assertTrue(withBody.payloadSigned());
        assertTrue(withBody.bodyChecked());

        var headersOnly = assertInstanceOf(Verdict.Verified.class, verify(signed.toBuilder().withoutBody().build()));
        assertTrue(headersOnly.payloadSigned());
        assertFalse(headersOnly.bodyChecked(), "never pretend a body was verified");
        assertEquals(hash, headersOnly.payloadHash());
    }

    @Test
    void aWrongBodyStillFailsWhenTheBodyIsAtHand() {
        SignedRequest signed = withHash(Hashing.sha256Hex("something else"));
        var rejected = assertInstanceOf(Verdict.Rejected.class, verify(signed));
        assertEquals(ErrorCode.SIGNATURE_DOES_NOT_MATCH, rejected.error());
        assertInstanceOf(Verdict.Verified.class, verify(signed.toBuilder().withoutBody().build()),
                "the hash is what the signature binds; the body was not seen to contradict it");
    }

    @Test
    void unsignedPayloadIsNeverChecked() {
        var verdict = assertInstanceOf(Verdict.Verified.class,
                verify(withHash("UNSIGNED-PAYLOAD").toBuilder().withoutBody().build()));
        assertFalse(verdict.payloadSigned());
        assertFalse(verdict.bodyChecked());
    }

    @Test
    void withoutAContentHashTheAbsentBodyCountsAsEmpty() {
        SignedRequest emptyBody = SIGNER.signAws4(Fixtures.unsigned().toBuilder().body(new byte[0]).build(),
                NOW, REGION, SERVICE).request();
        var verdict = assertInstanceOf(Verdict.Verified.class, verify(emptyBody.toBuilder().withoutBody().build()));
        assertTrue(verdict.payloadSigned());
        assertFalse(verdict.bodyChecked(), "a body the gateway did not send may still have come");

        // A body was signed, but is not here: the empty body's hash does not match, so it is refused.
        var refused = assertInstanceOf(Verdict.Rejected.class, verify(Fixtures.aws4().toBuilder().withoutBody().build()));
        assertEquals(ErrorCode.SIGNATURE_DOES_NOT_MATCH, refused.error());
    }
}
