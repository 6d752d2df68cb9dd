package io.accesskeys.keycloak.temporary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import io.accesskeys.keycloak.sealing.SecretCipher;
import io.accesskeys.keycloak.sealing.SecretUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemporaryTokenTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String REALM_ID = "7a0d3c55-1111-4e2f-8a9b-000000000001";
    private static final String ACCESS_KEY_ID = "KCTKABCDEFGHIJKLMNOP";
    private static final String KEY_ID = "kid-1";
    private static final char[] SECRET = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789wxyz".toCharArray();

    private final byte[] realmKey = new byte[32];

    {
        for (int i = 0; i < realmKey.length; i++) {
            realmKey[i] = (byte) (i * 7 + 3);
        }
    }

    private static TemporaryToken.Claims claims(String identityProvider) {
        return new TemporaryToken.Claims(ACCESS_KEY_ID, REALM_ID, "user-42", identityProvider,
                1_700_000_000_123L, 1_700_000_900_123L, SECRET.clone());
    }

    private String issue(TemporaryToken.Claims claims) {
        SecretCipher.Sealed sealed = SecretCipher.TEMPORARY_TOKENS.seal(realmKey, KEY_ID,
                TemporaryToken.associatedData(claims.realmId(), claims.accessKeyId()), TemporaryToken.encode(claims));
        return TemporaryToken.format(sealed);
    }

    private TemporaryToken.Claims open(String realmId, String accessKeyId, String token) {
        SecretCipher.Sealed sealed = TemporaryToken.parse(token);
        byte[] payload = SecretCipher.TEMPORARY_TOKENS.open(realmKey,
                TemporaryToken.associatedData(realmId, accessKeyId), sealed);
        return TemporaryToken.decode(payload);
    }

    private static void assertClaims(TemporaryToken.Claims expected, TemporaryToken.Claims actual) {
        assertEquals(expected.accessKeyId(), actual.accessKeyId());
        assertEquals(expected.realmId(), actual.realmId());
        assertEquals(expected.userId(), actual.userId());
        assertEquals(expected.identityProvider(), actual.identityProvider());
        assertEquals(expected.issuedAt(), actual.issuedAt());
        assertEquals(expected.expiresAt(), actual.expiresAt());
        assertArrayEquals(expected.secret(), actual.secret());
    }

    private static void assertInvalid(String token) {
        assertThrows(TemporaryToken.InvalidTokenException.class, () -> TemporaryToken.parse(token));
    }

    // Round trips

    @Test
    void claimsOfABrokeredSessionRoundTrip() {
        TemporaryToken.Claims claims = claims("corp-oidc");
        String token = issue(claims);
        assertTrue(token.startsWith("KCT1."));
        assertTrue(token.matches("KCT1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]+"), token);
        assertClaims(claims, open(REALM_ID, ACCESS_KEY_ID, token));
    }

    @Test
    void aLocalSessionsAbsentIdentityProviderStaysNull() {
        TemporaryToken.Claims claims = claims(null);
        TemporaryToken.Claims opened = open(REALM_ID, ACCESS_KEY_ID, issue(claims));
        assertNull(opened.identityProvider());
        assertClaims(claims, opened);
    }

    @Test
    void nonAsciiFieldsAndExtremeTimesRoundTrip() {
        var claims = new TemporaryToken.Claims(ACCESS_KEY_ID, "réalm-ü", "用户-😀", "idp.€", Long.MIN_VALUE,
                Long.MAX_VALUE, "ünïcødé".toCharArray());
        String token = issue(claims);
        assertClaims(claims, open("réalm-ü", ACCESS_KEY_ID, token));
    }

    @Test
    void formatAndParseAreInverse() {
        byte[] nonce = new byte[SecretCipher.NONCE_BYTES];
        Arrays.fill(nonce, (byte) 0xfb);
        var sealed = new SecretCipher.Sealed("kid/ü", nonce, new byte[] {(byte) 0xff, 0x00, 0x3e, 0x3f});
        String token = TemporaryToken.format(sealed);
        // base64url without padding: 0xfb 0xff and 0x3e 0x3f would be '+' and '/' in the standard alphabet.
        assertEquals("KCT1." + B64.encodeToString("kid/ü".getBytes(StandardCharsets.UTF_8)) + ".-_v7-_v7-_v7-_v7._wA-Pw", token);
        assertFalse(token.contains("=") || token.contains("+") || token.contains("/"));
        SecretCipher.Sealed parsed = TemporaryToken.parse(token);
        assertEquals("kid/ü", parsed.keyId());
        assertArrayEquals(nonce, parsed.nonce());
        assertArrayEquals(sealed.ciphertext(), parsed.ciphertext());
    }

    @Test
    void theAssociatedDataBindsRealmAndAccessKeyId() {
        assertEquals("temporary-key\n" + REALM_ID + "\n" + ACCESS_KEY_ID,
                TemporaryToken.associatedData(REALM_ID, ACCESS_KEY_ID));
        String token = issue(claims("corp"));
        assertThrows(SecretUnavailableException.class, () -> open("another-realm", ACCESS_KEY_ID, token));
        assertThrows(SecretUnavailableException.class, () -> open(REALM_ID, "KCTKABCDEFGHIJKLMNOQ", token));
    }

    @Test
    void aTokenWithAnAlteredCiphertextDoesNotOpen() {
        String token = issue(claims("corp"));
        SecretCipher.Sealed sealed = TemporaryToken.parse(token);
        byte[] ciphertext = sealed.ciphertext().clone();
        ciphertext[ciphertext.length / 2] ^= 1;
        String altered = TemporaryToken.format(new SecretCipher.Sealed(sealed.keyId(), sealed.nonce(), ciphertext));
        assertThrows(SecretUnavailableException.class, () -> open(REALM_ID, ACCESS_KEY_ID, altered));
    }

    // Malformed tokens

    @Test
    void nullIsRefused() {
        assertInvalid(null);
    }

    @Test
    void theLengthLimitIs4096Characters() {
        String prefix = "KCT1." + B64.encodeToString("k".getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(new byte[SecretCipher.NONCE_BYTES]) + ".";
        // Base64 without padding of n bytes: lengths 4k, 4k+2 and 4k+3 are all valid, so any total length can be made.
        assertEquals(25, prefix.length(), "so that 4071 and 4072 ciphertext characters are valid base64");
        String atLimit = prefix + "A".repeat(4096 - prefix.length());
        assertEquals(4096, atLimit.length());
        assertEquals(4096 - prefix.length(), B64.encodeToString(TemporaryToken.parse(atLimit).ciphertext()).length());

        String overLimit = prefix + "A".repeat(4097 - prefix.length());
        assertEquals(4097, overLimit.length());
        assertInvalid(overLimit);
        assertInvalid(issue(claims("x".repeat(3000))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "KCT1", "KCT2.a2lk.AAAAAAAAAAAAAAAA.AAAA", "kct1.a2lk.AAAAAAAAAAAAAAAA.AAAA",
            " KCT1.a2lk.AAAAAAAAAAAAAAAA.AAAA", "KCTK.a2lk.AAAAAAAAAAAAAAAA.AAAA", "a2lk.AAAAAAAAAAAAAAAA.AAAA"})
    void aWrongPrefixIsRefused(String token) {
        assertInvalid(token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"KCT1.", "KCT1.a2lk", "KCT1.a2lk.AAAAAAAAAAAAAAAA", "KCT1.a2lk.AAAAAAAAAAAAAAAA.AAAA.AAAA",
            "KCT1.a2lk.AAAAAAAAAAAAAAAA.AAAA.", "KCT1..a2lk.AAAAAAAAAAAAAAAA.AAAA", "KCT1...."})
    void aWrongNumberOfPartsIsRefused(String token) {
        assertInvalid(token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"KCT1.a2l*.AAAAAAAAAAAAAAAA.AAAA", "KCT1.a2lk.AAAAAAAAAAAAAAA!.AAAA",
            "KCT1.a2lk.AAAAAAAAAAAAAAAA.AA AA", "KCT1.a2lk.AAAAAAAAAAAAAAAA.AAAAA",
            "KCT1.a2lk.AAAAAAAAAAAAAAAA.AA+/", "KCT1.a2lk.AAAAAAAAAAAA+/AA.AAAA", "KCT1.a2lk.AAAAAAAAAAAAAAAA.A"})
    void badBase64IsRefused(String token) {
        assertInvalid(token);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 11, 13, 16, 32})
    void aNonceOfTheWrongLengthIsRefused(int nonceBytes) {
        assertInvalid("KCT1.a2lk." + B64.encodeToString(new byte[nonceBytes]) + ".AAAA");
    }

    @Test
    void aTwelveByteNonceIsAccepted() {
        SecretCipher.Sealed sealed = TemporaryToken.parse("KCT1.a2lk." + B64.encodeToString(new byte[12]) + ".AAAA");
        assertEquals("kid", sealed.keyId());
        assertArrayEquals(new byte[12], sealed.nonce());
        assertArrayEquals(new byte[3], sealed.ciphertext());
    }

    @Test
    void anUnknownVersionByteIsRefused() {
        byte[] payload = TemporaryToken.encode(claims("corp"));
        assertEquals(1, payload[0], "format version 1");
        for (int version : new int[] {0, 3, 0x7f, 0xff}) {
            byte[] other = payload.clone();
            other[0] = (byte) version;
            assertThrows(TemporaryToken.InvalidTokenException.class, () -> TemporaryToken.decode(other));
        }
    }

    @Test
    void everyTruncationOfThePayloadIsRefused() {
        byte[] payload = TemporaryToken.encode(claims("corp"));
        for (int length = 0; length < payload.length; length++) {
            byte[] truncated = Arrays.copyOf(payload, length);
            assertThrows(TemporaryToken.InvalidTokenException.class, () -> TemporaryToken.decode(truncated),
                    "truncated to " + length + " of " + payload.length + " bytes");
        }
    }

    @Test
    void anUnreadableStringInThePayloadIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeShort(2);
            out.write(new byte[] {(byte) 0xc3, (byte) 0x28}); // not modified UTF-8
        }
        assertThrows(TemporaryToken.InvalidTokenException.class, () -> TemporaryToken.decode(bytes.toByteArray()));
    }

    @Test
    void decodeReadsThePayloadLayout() throws IOException {
        // Version 1 layout: version byte, AK, realm, user, IdP ("" for none), issuedAt, expiresAt, secret.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeUTF(ACCESS_KEY_ID);
            out.writeUTF(REALM_ID);
            out.writeUTF("user-42");
            out.writeUTF("");
            out.writeLong(5);
            out.writeLong(6);
            out.writeUTF("sk");
        }
        assertArrayEquals(bytes.toByteArray(), TemporaryToken.encode(new TemporaryToken.Claims(ACCESS_KEY_ID, REALM_ID,
                "user-42", null, 5, 6, "sk".toCharArray())));
        TemporaryToken.Claims decoded = TemporaryToken.decode(bytes.toByteArray());
        assertNull(decoded.identityProvider());
        assertEquals(5, decoded.issuedAt());
        assertEquals(6, decoded.expiresAt());
        assertArrayEquals("sk".toCharArray(), decoded.secret());
    }

    // Version 2: an assumed role (STS)

    @Test
    void claimsWithAnAssumedRoleRoundTripAsVersion2() {
        TemporaryToken.Claims claims = new TemporaryToken.Claims(ACCESS_KEY_ID, REALM_ID, "user-42", "corp",
                1_700_000_000_123L, 1_700_003_600_123L, SECRET.clone(), "s3-readers", "bob@ci.example");
        byte[] payload = TemporaryToken.encode(claims);
        assertEquals(2, payload[0], "format version 2");
        TemporaryToken.Claims opened = open(REALM_ID, ACCESS_KEY_ID, issue(claims));
        assertClaims(claims, opened);
        assertEquals("s3-readers", opened.role());
        assertEquals("bob@ci.example", opened.roleSessionName());
        assertTrue(opened.toString().contains("s3-readers"));
        assertFalse(opened.toString().contains(new String(SECRET)));
    }

    @Test
    void aKeyWithoutARoleIsStillWrittenAsVersion1AndVersion1TokensOpenWithoutARole() {
        byte[] payload = TemporaryToken.encode(claims("corp"));
        assertEquals(1, payload[0]);
        TemporaryToken.Claims opened = open(REALM_ID, ACCESS_KEY_ID, issue(claims("corp")));
        assertNull(opened.role());
        assertNull(opened.roleSessionName());
    }

    @Test
    void decodeReadsTheVersion2Layout() throws IOException {
        // Version 2 layout: version 1's fields, then role and role session name.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(2);
            out.writeUTF(ACCESS_KEY_ID);
            out.writeUTF(REALM_ID);
            out.writeUTF("user-42");
            out.writeUTF("");
            out.writeLong(5);
            out.writeLong(6);
            out.writeUTF("sk");
            out.writeUTF("admins");
            out.writeUTF("ci");
        }
        assertArrayEquals(bytes.toByteArray(), TemporaryToken.encode(new TemporaryToken.Claims(ACCESS_KEY_ID, REALM_ID,
                "user-42", null, 5, 6, "sk".toCharArray(), "admins", "ci")));
        TemporaryToken.Claims decoded = TemporaryToken.decode(bytes.toByteArray());
        assertEquals("admins", decoded.role());
        assertEquals("ci", decoded.roleSessionName());
    }

    @Test
    void version2PayloadsCutBeforeTheRoleOrWithAnEmptyRoleAreRefused() throws IOException {
        byte[] payload = TemporaryToken.encode(new TemporaryToken.Claims(ACCESS_KEY_ID, REALM_ID, "user-42", "corp",
                5, 6, "sk".toCharArray(), "admins", "ci"));
        byte[] v1 = TemporaryToken.encode(new TemporaryToken.Claims(ACCESS_KEY_ID, REALM_ID, "user-42", "corp",
                5, 6, "sk".toCharArray()));
        for (int length = 0; length < payload.length; length++) {
            byte[] truncated = Arrays.copyOf(payload, length);
            assertThrows(TemporaryToken.InvalidTokenException.class, () -> TemporaryToken.decode(truncated),
                    "truncated to " + length + " of " + payload.length + " bytes");
        }
        byte[] relabelled = v1.clone();
        relabelled[0] = 2;
        assertThrows(TemporaryToken.InvalidTokenException.class, () -> TemporaryToken.decode(relabelled));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(relabelled);
            out.writeUTF("");
            out.writeUTF("");
        }
        assertThrows(TemporaryToken.InvalidTokenException.class, () -> TemporaryToken.decode(bytes.toByteArray()));
        assertThrows(IllegalArgumentException.class, () -> new TemporaryToken.Claims(ACCESS_KEY_ID, REALM_ID, "u", null,
                5, 6, "sk".toCharArray(), "admins", null));
    }

    @Test
    void claimsToStringHoldsNoSecret() {
        TemporaryToken.Claims claims = claims("corp");
        String text = claims.toString();
        assertTrue(text.contains(ACCESS_KEY_ID), text);
        assertFalse(text.contains(new String(SECRET)), text);
        assertFalse(text.contains(new String(SECRET, 0, 8)), text);
        assertFalse(text.contains(Arrays.toString(SECRET)), text);
        assertFalse(text.contains("[C@"), "no char[] identity either: " + text);
    }
}
