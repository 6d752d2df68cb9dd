package io.accesskeys.keycloak.signing;

import java.util.List;
import java.util.Objects;

import io.accesskeys.keycloak.contract.ErrorCode;

/**
 * The outcome of verifying one request: {@link Verified} or {@link Rejected}; never an exception.
 *
 * @param <K> what the {@link SecretResolver} knows about the key that signed
 */
public sealed interface Verdict<K> permits Verdict.Verified, Verdict.Rejected {

    /** True for {@link Verified}. */
    boolean valid();

    /**
     * The signature is good.
     *
     * @param context       who signed and how
     * @param key           the resolver's key
     * @param signedHeaders the lower-case names of the headers the signature covers
     * @param payloadHash   the payload hash in the canonical request: 64 hex digits, or {@code UNSIGNED-PAYLOAD}
     * @param bodyChecked   whether that hash was compared with the body (its bytes or the hash handed over); false
     *                      for {@code UNSIGNED-PAYLOAD} and for a request built {@link SignedRequest.Builder#withoutBody()}
     */
    record Verified<K>(SignatureContext context, K key, List<String> signedHeaders, String payloadHash,
                       boolean bodyChecked) implements Verdict<K> {
        public Verified {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(payloadHash, "payloadHash");
            signedHeaders = List.copyOf(signedHeaders);
        }

        /** Whether the signature covers a hash of the body (false for {@code UNSIGNED-PAYLOAD}). */
        public boolean payloadSigned() {
            return !payloadHash.equals(SignatureFields.UNSIGNED_PAYLOAD);
        }

        @Override
        public boolean valid() {
            return true;
        }

        @Override
        public String toString() {
            return "Verified[" + context + "]";
        }
    }

    /**
     * The request is refused. {@code canonicalRequest} and {@code stringToSign} are the server's, set only for
     * {@link ErrorCode#SIGNATURE_DOES_NOT_MATCH} (they contain no secret), otherwise null.
     */
    record Rejected<K>(ErrorCode error, String description, String canonicalRequest, String stringToSign)
            implements Verdict<K> {
        public Rejected {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(description, "description");
        }

        /** A refusal without the server's canonical texts. */
        public static <K> Rejected<K> of(ErrorCode error, String description) {
            return new Rejected<>(error, description, null, null);
        }

        @Override
        public boolean valid() {
            return false;
        }

        /** The HTTP status of the contract code. */
        public int httpStatus() {
            return error.httpStatus();
        }

        /** The wire error code. */
        public String code() {
            return error.code();
        }

        /** The same refusal for a verdict of another key type. */
        public <L> Rejected<L> retype() {
            return new Rejected<>(error, description, canonicalRequest, stringToSign);
        }
    }
}
