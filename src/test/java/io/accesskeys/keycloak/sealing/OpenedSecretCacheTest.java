package io.accesskeys.keycloak.sealing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The cache skips the decryption only for exactly the inputs it opened before; nothing else gets past it. */
class OpenedSecretCacheTest {

    private static final String AK = "KCAKAAAAAAAAAAAAAAAA";
    private static final String AAD = "realm\nuser\n" + AK;
    private final byte[] realmKey = filled(32, 7);
    private final OpenedSecretCache cache = new OpenedSecretCache(100);

    @Test
    void opensTheSecretAndHandsOutCopies() {
        SecretCipher.Sealed sealed = seal(realmKey, "first-secret");

        char[] first = cache.openChars(AK, realmKey, AAD, sealed);
        Arrays.fill(first, 'x');

        assertArrayEquals("first-secret".toCharArray(), cache.openChars(AK, realmKey, AAD, sealed));
    }

    @Test
    void aResealedSecretIsOpenedAnew() {
        cache.openChars(AK, realmKey, AAD, seal(realmKey, "first-secret"));

        assertArrayEquals("second-secret".toCharArray(), cache.openChars(AK, realmKey, AAD, seal(realmKey, "second-secret")));
    }

    @Test
    void anotherRealmKeyOrAnotherOwnerStillFailsOnceTheSecretIsKnown() {
        SecretCipher.Sealed sealed = seal(realmKey, "first-secret");
        cache.openChars(AK, realmKey, AAD, sealed);

        assertThrows(SecretUnavailableException.class, () -> cache.openChars(AK, filled(32, 8), AAD, sealed));
        assertThrows(SecretUnavailableException.class, () -> cache.openChars(AK, realmKey, "realm\nother-user\n" + AK, sealed));
        assertArrayEquals("first-secret".toCharArray(), cache.openChars(AK, realmKey, AAD, sealed));
    }

    @Test
    void aForgottenKeyIsOpenedAgain() {
        SecretCipher.Sealed sealed = seal(realmKey, "first-secret");
        cache.openChars(AK, realmKey, AAD, sealed);

        cache.forget(AK);

        assertArrayEquals("first-secret".toCharArray(), cache.openChars(AK, realmKey, AAD, sealed));
    }

    private static SecretCipher.Sealed seal(byte[] key, String secret) {
        return SecretCipher.STORED_SECRETS.sealChars(key, "kid-1", AAD, secret.toCharArray());
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
