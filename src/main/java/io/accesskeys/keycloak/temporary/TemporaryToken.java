package io.accesskeys.keycloak.temporary;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.accesskeys.keycloak.sealing.SecretCipher;

/**
 * The security token of a temporary key: everything verification needs, sealed with AES-GCM under a key derived from
 * the realm's AES key, so that the server stores nothing per temporary key. Its text form is
 * {@code KCT1.<key id>.<nonce>.<ciphertext>} (base64url); the AK and realm are bound in as associated data, so a
 * token presented with another AK, or in another realm, does not open.
 */
public final class TemporaryToken {

    static final String PREFIX = "KCT1.";
    /** Payload version 1: a key from {@code /me/temporary}. Still written for those, so old servers read them. */
    private static final byte FORMAT_VERSION = 1;
    /** Payload version 2: version 1's fields, then the assumed role and the role session name of an STS key. */
    private static final byte FORMAT_VERSION_ROLE = 2;
    private static final int MAX_LENGTH = 4096;

    private TemporaryToken() {
    }

    /**
     * What a token carries.
     *
     * @param identityProvider the alias of the identity provider of the issuing session; null for a local session
     * @param issuedAt         milliseconds since the epoch
     * @param expiresAt        milliseconds since the epoch
     * @param role             the realm role assumed through STS ({@code AssumeRoleWithWebIdentity}); null otherwise
     * @param roleSessionName  the STS role session name; null exactly when {@code role} is null
     */
    public record Claims(String accessKeyId, String realmId, String userId, String identityProvider, long issuedAt,
                         long expiresAt, char[] secret, String role, String roleSessionName) {

        /** The claims of a key without an assumed role. */
        public Claims(String accessKeyId, String realmId, String userId, String identityProvider, long issuedAt,
                      long expiresAt, char[] secret) {
            this(accessKeyId, realmId, userId, identityProvider, issuedAt, expiresAt, secret, null, null);
        }

        public Claims {
            if ((role == null) != (roleSessionName == null) || (role != null && (role.isEmpty() || roleSessionName.isEmpty()))) {
                throw new IllegalArgumentException("A role and its session name come together, neither empty");
            }
        }

        @Override
        public String toString() {
            return "Claims[" + accessKeyId + ", user " + userId + (role == null ? "" : ", role " + role)
                    + ", expires " + expiresAt + "]";
        }
    }

    /** The token's sealed payload cannot be read: not a token, altered, or for another key or realm. */
    public static final class InvalidTokenException extends RuntimeException {
        InvalidTokenException(String message) {
            super(message, null, false, false);
        }
    }

    static String associatedData(String realmId, String accessKeyId) {
        return "temporary-key\n" + realmId + "\n" + accessKeyId;
    }

    static byte[] encode(Claims claims) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(claims.role() == null ? FORMAT_VERSION : FORMAT_VERSION_ROLE);
            out.writeUTF(claims.accessKeyId());
            out.writeUTF(claims.realmId());
            out.writeUTF(claims.userId());
            out.writeUTF(claims.identityProvider() == null ? "" : claims.identityProvider());
            out.writeLong(claims.issuedAt());
            out.writeLong(claims.expiresAt());
            out.writeUTF(new String(claims.secret()));
            if (claims.role() != null) {
                out.writeUTF(claims.role());
                out.writeUTF(claims.roleSessionName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Claims decode(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            byte version = in.readByte();
            if (version != FORMAT_VERSION && version != FORMAT_VERSION_ROLE) {
                throw new InvalidTokenException("Unknown token version");
            }
            String accessKeyId = in.readUTF();
            String realmId = in.readUTF();
            String userId = in.readUTF();
            String identityProvider = in.readUTF();
            long issuedAt = in.readLong();
            long expiresAt = in.readLong();
            char[] secret = in.readUTF().toCharArray();
            String role = null;
            String roleSessionName = null;
            if (version == FORMAT_VERSION_ROLE) {
                role = in.readUTF();
                roleSessionName = in.readUTF();
            }
            return new Claims(accessKeyId, realmId, userId, identityProvider.isEmpty() ? null : identityProvider,
                    issuedAt, expiresAt, secret, role, roleSessionName);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("Unreadable token");
        } catch (IOException e) {
            throw new InvalidTokenException("Unreadable token");
        }
    }

    static String format(SecretCipher.Sealed sealed) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return PREFIX + base64.encodeToString(sealed.keyId().getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(sealed.nonce()) + "." + base64.encodeToString(sealed.ciphertext());
    }

    static SecretCipher.Sealed parse(String token) {
        if (token == null || token.length() > MAX_LENGTH || !token.startsWith(PREFIX)) {
            throw new InvalidTokenException("Not a security token of this server");
        }
        String[] parts = token.substring(PREFIX.length()).split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidTokenException("Malformed security token");
        }
        try {
            Base64.Decoder base64 = Base64.getUrlDecoder();
            byte[] nonce = base64.decode(parts[1]);
            if (nonce.length != SecretCipher.NONCE_BYTES) {
                throw new InvalidTokenException("Malformed security token");
            }
            return new SecretCipher.Sealed(new String(base64.decode(parts[0]), StandardCharsets.UTF_8), nonce,
                    base64.decode(parts[2]));
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("Malformed security token");
        }
    }
}
