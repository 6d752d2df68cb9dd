package io.accesskeys.keycloak.signing;

import java.util.Objects;
import java.util.function.Function;

import io.accesskeys.keycloak.contract.ErrorCode;

/**
 * A {@link SecretResolver}'s answer: the secret to verify with and the key it belongs to, or a refusal. A key whose
 * state forbids signing (disabled, expired) is still {@link Found}: its state is reported only once the signature
 * verified, so that a refusal says nothing about a key to someone who does not hold its secret.
 *
 * @param <K> what the resolver knows about the key
 */
public sealed interface KeyResolution<K> permits KeyResolution.Found, KeyResolution.Refused {

    /** The key exists; {@code key} is handed back in the verdict. */
    static <K> KeyResolution<K> found(AccessSecret secret, K key) {
        return new Found<>(secret, key);
    }

    /** No secret to verify with, for the given contract reason; the description must not contain secrets. */
    static <K> KeyResolution<K> refused(ErrorCode error, String description) {
        return new Refused<>(error, description);
    }

    /** No such access key (InvalidAccessKeyId). */
    static <K> KeyResolution<K> unknownKey() {
        return refused(ErrorCode.INVALID_ACCESS_KEY_ID, "The access key ID you provided does not exist in our records.");
    }

    /** The same resolution with the key mapped. */
    <L> KeyResolution<L> map(Function<? super K, ? extends L> mapper);

    /** The secret to verify with, and the resolver's key. */
    record Found<K>(AccessSecret secret, K key) implements KeyResolution<K> {
        public Found {
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(key, "key");
        }

        @Override
        public <L> KeyResolution<L> map(Function<? super K, ? extends L> mapper) {
            return new Found<>(secret, mapper.apply(key));
        }

        @Override
        public String toString() {
            return "Found[secret=redacted]";
        }
    }

    /** A refusal with a contract code. */
    record Refused<K>(ErrorCode error, String description) implements KeyResolution<K> {
        public Refused {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(description, "description");
        }

        @Override
        public <L> KeyResolution<L> map(Function<? super K, ? extends L> mapper) {
            return new Refused<>(error, description);
        }
    }
}
