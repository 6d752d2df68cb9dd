package io.accesskeys.keycloak.sealing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretCipherTest {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String text) {
        return HEX.parseHex(text);
    }

    private static byte[] range(int fromInclusive, int toExclusive) {
        byte[] bytes = new byte[toExclusive - fromInclusive];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (fromInclusive + i);
        }
        return bytes;
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /**
     * HKDF-SHA256 written from RFC 5869 §2.2-2.3 for these tests alone, with an explicit salt: it is checked against
     * all three SHA-256 test vectors of RFC 5869 Appendix A, then used as the reference for lengths and inputs the
     * RFC does not cover.
     */
    static byte[] referenceHkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws GeneralSecurityException {
        Mac hmac = Mac.getInstance("HmacSHA256");
        // §2.2: "if not provided, [salt] is set to a string of HashLen zeros".
        hmac.init(new SecretKeySpec(salt.length == 0 ? new byte[32] : salt, "HmacSHA256"));
        byte[] prk = hmac.doFinal(ikm);
        hmac.init(new SecretKeySpec(prk, "HmacSHA256"));
        byte[] okm = new byte[length];
        byte[] t = new byte[0];
        int n = 0;
        for (int i = 1; n < length; i++) {
            byte[] input = new byte[t.length + info.length + 1];
            System.arraycopy(t, 0, input, 0, t.length);
            System.arraycopy(info, 0, input, t.length, info.length);
            input[input.length - 1] = (byte) i;
            t = hmac.doFinal(input);
            int copy = Math.min(t.length, length - n);
            System.arraycopy(t, 0, okm, n, copy);
            n += copy;
        }
        return okm;
    }

    @Nested
    class Hkdf {

        @Test
        void rfc5869TestCase3NoSaltNoInfo() throws Exception {
            // RFC 5869 A.3: zero-length salt and info, so its OKM is exactly what our all-zero-salt HKDF must give.
            byte[] ikm = filled(22, 0x0b);
            byte[] okm = SecretCipher.hkdfSha256(ikm, new byte[0], 42);
            assertEquals("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
                    + "9d201395faa4b61a96c8", HEX.formatHex(okm));
        }

        @Test
        void referenceImplementationReproducesAllRfc5869Sha256Vectors() throws Exception {
            // A.1
            assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
                    HEX.formatHex(referenceHkdf(range(0x00, 0x0d), filled(22, 0x0b), range(0xf0, 0xfa), 42)));
            // A.2
            assertEquals("b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                            + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                            + "cc30c58179ec3e87c14c01d5c1f3434f1d87",
                    HEX.formatHex(referenceHkdf(range(0x60, 0xb0), range(0x00, 0x50), range(0xb0, 0x100), 82)));
            // A.3
            assertEquals("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
                    HEX.formatHex(referenceHkdf(new byte[0], filled(22, 0x0b), new byte[0], 42)));
        }

        @Test
        void anAllZeroSaltIsTheSameAsNoSalt() throws Exception {
            // Our HKDF cannot take the salts of A.1 and A.2; what it can claim is RFC 5869 §2.2's absent salt.
            byte[] ikm = filled(22, 0x0b);
            assertArrayEquals(referenceHkdf(new byte[32], ikm, new byte[0], 42),
                    SecretCipher.hkdfSha256(ikm, new byte[0], 42));
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 16, 31, 32, 33, 42, 64, 65, 82, 100, 255, 1024})
        void matchesTheReferenceForOneAndManyBlocks(int length) throws Exception {
            // The inputs of A.1 and A.2 with no salt: multi-block output with a non-empty info.
            assertArrayEquals(referenceHkdf(new byte[0], filled(22, 0x0b), range(0xf0, 0xfa), length),
                    SecretCipher.hkdfSha256(filled(22, 0x0b), range(0xf0, 0xfa), length));
            assertArrayEquals(referenceHkdf(new byte[0], range(0x00, 0x50), range(0xb0, 0x100), length),
                    SecretCipher.hkdfSha256(range(0x00, 0x50), range(0xb0, 0x100), length));
        }

        @Test
        void shorterOutputIsAPrefixOfLongerOutput() throws Exception {
            byte[] longer = SecretCipher.hkdfSha256(range(0, 32), "purpose".getBytes(StandardCharsets.US_ASCII), 96);
            byte[] shorter = SecretCipher.hkdfSha256(range(0, 32), "purpose".getBytes(StandardCharsets.US_ASCII), 40);
            assertArrayEquals(Arrays.copyOf(longer, 40), shorter);
        }

        @Test
        void infoSeparatesKeys() throws Exception {
            byte[] key = range(0, 32);
            assertFalse(Arrays.equals(SecretCipher.hkdfSha256(key, "a".getBytes(StandardCharsets.US_ASCII), 32),
                    SecretCipher.hkdfSha256(key, "b".getBytes(StandardCharsets.US_ASCII), 32)));
        }
    }

    @Nested
    class Sealing {

        private final byte[] realmKey = range(0x20, 0x40);
        private final String keyId = "0d5c3a8e-6f1b-4b8a-9f3e-2a1c7d9e4b10";
        private final String associatedData = "realm-1\nuser-1\nKCAKABCDEFGHIJKLMNOP";
        private final byte[] plaintext = "s3cr3t-Value-0123456789abcdefghijklmnop".getBytes(StandardCharsets.UTF_8);

        private SecretCipher.Sealed seal() {
            return SecretCipher.STORED_SECRETS.seal(realmKey, keyId, associatedData, plaintext);
        }

        private void assertDoesNotOpen(SecretCipher cipher, byte[] key, String data, SecretCipher.Sealed sealed) {
            SecretUnavailableException e = assertThrows(SecretUnavailableException.class,
                    () -> cipher.open(key, data, sealed));
            assertFalse(e.getMessage().contains(new String(plaintext, StandardCharsets.UTF_8)));
        }

        @Test
        void roundTrip() {
            SecretCipher.Sealed sealed = seal();
            assertEquals(keyId, sealed.keyId());
            assertEquals(SecretCipher.NONCE_BYTES, sealed.nonce().length);
            assertEquals(plaintext.length + 16, sealed.ciphertext().length, "ciphertext plus a 128-bit tag");
            assertArrayEquals(plaintext, SecretCipher.STORED_SECRETS.open(realmKey, associatedData, sealed));
        }

        @Test
        void emptyPlaintextRoundTrips() {
            SecretCipher.Sealed sealed = SecretCipher.TEMPORARY_TOKENS.seal(realmKey, keyId, associatedData, new byte[0]);
            assertArrayEquals(new byte[0], SecretCipher.TEMPORARY_TOKENS.open(realmKey, associatedData, sealed));
        }

        @Test
        void theCiphertextDoesNotShowThePlaintext() {
            SecretCipher.Sealed sealed = seal();
            assertFalse(Arrays.equals(plaintext, Arrays.copyOf(sealed.ciphertext(), plaintext.length)));
            String asText = new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1);
            assertFalse(asText.contains("s3cr3t"));
        }

        @Test
        void everySealHasAFreshNonce() {
            SecretCipher.Sealed first = seal();
            SecretCipher.Sealed second = seal();
            assertFalse(Arrays.equals(first.nonce(), second.nonce()));
            assertFalse(Arrays.equals(first.ciphertext(), second.ciphertext()));
        }

        /** Pins the format of what is stored: AES-256-GCM, key HKDF(realm key, purpose), AAD "keyId\nassociatedData". */
        @Test
        void opensWhatAnIndependentAesGcmSealed() throws Exception {
            byte[] nonce = range(0x70, 0x70 + SecretCipher.NONCE_BYTES);
            byte[] key = referenceHkdf(new byte[0], realmKey,
                    "keycloak-access-keys/secret/v1".getBytes(StandardCharsets.US_ASCII), 32);
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            aes.updateAAD((keyId + "\n" + associatedData).getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = aes.doFinal(plaintext);

            SecretCipher.Sealed sealed = new SecretCipher.Sealed(keyId, nonce, ciphertext);
            assertArrayEquals(plaintext, SecretCipher.STORED_SECRETS.open(realmKey, associatedData, sealed));
            assertDoesNotOpen(SecretCipher.TEMPORARY_TOKENS, realmKey, associatedData, sealed);
        }

        @Test
        void anotherRealmIdUserIdOrAccessKeyIdInTheAssociatedDataDoesNotOpen() {
            SecretCipher.Sealed sealed = seal();
            assertDoesNotOpen(SecretCipher.STORED_SECRETS, realmKey, "realm-2\nuser-1\nKCAKABCDEFGHIJKLMNOP", sealed);
            assertDoesNotOpen(SecretCipher.STORED_SECRETS, realmKey, "realm-1\nuser-2\nKCAKABCDEFGHIJKLMNOP", sealed);
            assertDoesNotOpen(SecretCipher.STORED_SECRETS, realmKey, "realm-1\nuser-1\nKCAKABCDEFGHIJKLMNOQ", sealed);
            assertDoesNotOpen(SecretCipher.STORED_SECRETS, realmKey, "", sealed);
            assertDoesNotOpen(SecretCipher.STORED_SECRETS, realmKey, associatedData + " ", sealed);
        }

        @Test
        void anotherKeyIdDoesNotOpen() {
            SecretCipher.Sealed sealed = seal();
            var relabelled = new SecretCipher.Sealed("0d5c3a8e-6f1b-4b8a-9f3e-2a1c7d9e4b11", sealed.nonce(),
                    sealed.ciphertext());
            assertDoesNotOpen(SecretCipher.STORED_SECRETS, realmKey, associatedData, relabelled);
        }

        @Test
        void anAlteredNonceDoesNotOpen() {
            SecretCipher.Sealed sealed = seal();
            for (int i = 0; i < SecretCipher.NONCE_BYTES; i++) {
                byte[] nonce = sealed.nonce().clone();
                nonce[i] ^= 0x01;
                assertDoesNotOpen(SecretCipher.STORED_SECRETS, realmKey, associatedData,
                        new SecretCipher.Sealed(keyId, nonce, sealed.ciphertext()));
            }
        }

        @Test
        void aNonceOfAnotherLengthDoesNotOpen() {
            SecretCipher.Sealed sealed = seal();
            assertDoesNotOpen(SecretCipher.STORED_SECRETS, realmKey, associatedData,
                    new SecretCipher.Sealed(keyId, new byte[0], sealed.ciphertext()));
            assertDoesNotOpen(SecretCipher.STORED_SECRETS, realmKey, associatedData,
                    new SecretCipher.Sealed(keyId, Arrays.copyOf(sealed.nonce(), 16), sealed.ciphertext()));
        }

        @Test
        void anyAlteredCiphertextOrTagByteDoesNotOpen() {
            SecretCipher.Sealed sealed = seal();
            // Every byte: the first plaintext.length bytes are the ciphertext, the last 16 the tag.
            for (int i = 0; i < sealed.ciphertext().length; i++) {
                byte[] altered = sealed.ciphertext().clone();
                altered[i] ^= (byte) 0x80;
                assertDoesNotOpen(SecretCipher.STORED_SECRETS, realmKey, associatedData,
                        new SecretCipher.Sealed(keyId, sealed.nonce(), altered));
            }
        }

        @Test
        void aTruncatedOrMissingTagDoesNotOpen() {
            SecretCipher.Sealed sealed = seal();
            byte[] ciphertext = sealed.ciphertext();
            assertDoesNotOpen(SecretCipher.STORED_SECRETS, realmKey, associatedData,
                    new SecretCipher.Sealed(keyId, sealed.nonce(), Arrays.copyOf(ciphertext, ciphertext.length - 1)));
            assertDoesNotOpen(SecretCipher.STORED_SECRETS, realmKey, associatedData,
                    new SecretCipher.Sealed(keyId, sealed.nonce(), Arrays.copyOf(ciphertext, plaintext.length)));
            byte[] longer = Arrays.copyOf(ciphertext, ciphertext.length + 1);
            assertDoesNotOpen(SecretCipher.STORED_SECRETS, realmKey, associatedData,
                    new SecretCipher.Sealed(keyId, sealed.nonce(), longer));
        }

        /*
         * A ciphertext shorter than the 16-byte tag would make the JDK's AES-GCM throw a ProviderException; a security
         * token "KCT1.<kid>.<nonce>." with an empty last part reaches it (the kid is readable in any issued token).
         */
        @ParameterizedTest
        @ValueSource(ints = {0, 1, 15})
        void aCiphertextShorterThanTheTagDoesNotOpen(int length) {
            SecretCipher.Sealed sealed = seal();
            assertDoesNotOpen(SecretCipher.STORED_SECRETS, realmKey, associatedData,
                    new SecretCipher.Sealed(keyId, sealed.nonce(), Arrays.copyOf(sealed.ciphertext(), length)));
        }

        @Test
        void aCiphertextOfExactlyTheTagLengthDoesNotOpen() {
            SecretCipher.Sealed sealed = seal();
            assertDoesNotOpen(SecretCipher.STORED_SECRETS, realmKey, associatedData,
                    new SecretCipher.Sealed(keyId, sealed.nonce(), Arrays.copyOf(sealed.ciphertext(), 16)));
        }

        @Test
        void anotherRealmKeyDoesNotOpen() {
            SecretCipher.Sealed sealed = seal();
            byte[] otherKey = realmKey.clone();
            otherKey[31] ^= 0x01;
            assertDoesNotOpen(SecretCipher.STORED_SECRETS, otherKey, associatedData, sealed);
            assertDoesNotOpen(SecretCipher.STORED_SECRETS, new byte[32], associatedData, sealed);
            assertDoesNotOpen(SecretCipher.STORED_SECRETS, Arrays.copyOf(realmKey, 16), associatedData, sealed);
        }

        @Test
        void theOtherPurposeDoesNotOpen() {
            SecretCipher.Sealed stored = SecretCipher.STORED_SECRETS.seal(realmKey, keyId, associatedData, plaintext);
            assertDoesNotOpen(SecretCipher.TEMPORARY_TOKENS, realmKey, associatedData, stored);

            SecretCipher.Sealed token = SecretCipher.TEMPORARY_TOKENS.seal(realmKey, keyId, associatedData, plaintext);
            assertDoesNotOpen(SecretCipher.STORED_SECRETS, realmKey, associatedData, token);
            assertArrayEquals(plaintext, SecretCipher.TEMPORARY_TOKENS.open(realmKey, associatedData, token));
        }

        @Test
        void charsRoundTripIncludingNonAscii() {
            char[] secret = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789äé€😀".toCharArray();
            SecretCipher.Sealed sealed = SecretCipher.STORED_SECRETS.sealChars(realmKey, keyId, associatedData, secret);
            assertArrayEquals(secret, SecretCipher.STORED_SECRETS.openChars(realmKey, associatedData, sealed));
            // sealChars seals the UTF-8 bytes, so open() sees them too.
            assertArrayEquals(new String(secret).getBytes(StandardCharsets.UTF_8),
                    SecretCipher.STORED_SECRETS.open(realmKey, associatedData, sealed));
            assertTrue(Arrays.equals("AbCdEfGhIjKlMnOpQrStUvWxYz0123456789äé€😀".toCharArray(), secret),
                    "the caller's array is left as it was");
        }

        @Test
        void openCharsRefusesTamperingToo() {
            SecretCipher.Sealed sealed = SecretCipher.STORED_SECRETS.sealChars(realmKey, keyId, associatedData,
                    "secret".toCharArray());
            assertThrows(SecretUnavailableException.class,
                    () -> SecretCipher.STORED_SECRETS.openChars(realmKey, "realm-2\nuser-1\nKCAK", sealed));
        }

        @Test
        void toStringNamesTheKeyIdButNoSecretMaterial() {
            SecretCipher.Sealed sealed = seal();
            String text = sealed.toString();
            assertEquals("Sealed[keyId=" + keyId + "]", text);
            assertFalse(text.contains(HEX.formatHex(sealed.nonce())));
            assertFalse(text.contains(HEX.formatHex(sealed.ciphertext())));
            assertFalse(text.contains(java.util.Base64.getEncoder().encodeToString(sealed.ciphertext())));
            assertFalse(text.contains(Arrays.toString(sealed.ciphertext())));
            assertNotEquals(-1, text.indexOf(keyId));
        }
    }
}
