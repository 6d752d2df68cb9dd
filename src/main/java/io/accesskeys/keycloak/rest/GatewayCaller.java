package io.accesskeys.keycloak.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import io.accesskeys.keycloak.api.ApiError;
import io.accesskeys.keycloak.api.SignedRequestTokens;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;

/**
 * The API gateway calling {@code /verify} or forward-auth: a client whose service account holds the realm role
 * {@value VerifierRole#NAME}. A bearer token must carry the role (so that client scopes can narrow it); client
 * credentials ({@code Basic}, forward-auth only) are checked against the realm's cached client and its cached service
 * account, the secret compared in constant time: no token endpoint round trip and no database read once cached, as
 * forward-auth runs on every request through the gateway. Every refusal is 403 AccessDenied for forward-auth (the
 * gateway is not allowed) and, as before, 401/403 for {@code /verify}.
 */
final class GatewayCaller {

    /** The client authenticator whose secret a {@code Basic} credential is compared with. */
    static final String CLIENT_SECRET_AUTHENTICATOR = "client-secret";
    private static final byte[] NO_SECRET = new byte[32];

    private GatewayCaller() {
    }

    /**
     * {@code /verify}: the bearer token in Authorization; 401 without a valid one, 403 without the role. Checked like
     * forward-auth's bearer token, locally: Keycloak's bearer authenticator also looks the token's session up, which
     * for a service account's token is one database read per call (no session is cached for it).
     */
    static void authorizeBearer(KeycloakSession session, RealmModel realm, String authorization) {
        String value = authorization == null ? "" : authorization.strip();
        int space = value.indexOf(' ');
        AccessToken token = space > 0 && value.substring(0, space).equalsIgnoreCase("Bearer")
                ? validToken(session, realm, value.substring(space + 1).strip()) : null;
        if (token == null) {
            throw ApiError.unauthorized("A bearer token of this realm is required to verify requests.");
        }
        if (!holdsVerifierRole(session, realm, token)) {
            throw ApiError.accessDenied("The caller's token lacks the realm role " + VerifierRole.NAME + ".");
        }
    }

    /** Forward-auth: {@code X-Gateway-Authorization: Basic base64(clientId:secret)} or {@code Bearer token}; 403 else. */
    static void authorizeGateway(KeycloakSession session, RealmModel realm, String credential) {
        if (credential == null || credential.isBlank()) {
            throw denied();
        }
        int space = credential.indexOf(' ');
        String scheme = space < 0 ? credential : credential.substring(0, space);
        String value = space < 0 ? "" : credential.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("Bearer") && !value.isEmpty()) {
            if (!bearerAllowed(session, realm, value)) {
                throw denied();
            }
            return;
        }
        if (!scheme.equalsIgnoreCase("Basic") || !clientSecretMatches(session, realm, value)) {
            throw denied();
        }
    }

    private static boolean bearerAllowed(KeycloakSession session, RealmModel realm, String value) {
        AccessToken token = validToken(session, realm, value);
        return token != null && holdsVerifierRole(session, realm, token);
    }

    /**
     * A token of this realm: signed with its keys, active, of type Bearer, issued after every not-before that revokes
     * it (realm, client, user), by an enabled client, for an enabled user. Not Keycloak's bearer authenticator: it
     * compares the token's issuer with the URL Keycloak derives from this request (a gateway's call carries the API's
     * X-Forwarded-Host, which Keycloak may trust as its own host), and it reads the token's session from the database
     * when the session is not cached, which is the case for every service account's token.
     */
    private static AccessToken validToken(KeycloakSession session, RealmModel realm, String value) {
        if (value.isEmpty()) {
            return null;
        }
        AccessToken token;
        try {
            token = session.tokens().decode(value, AccessToken.class);
        } catch (RuntimeException e) {
            return null;
        }
        if (token == null || !token.isActive() || !"Bearer".equalsIgnoreCase(token.getType())
                || token.getIssuer() == null || !token.getIssuer().endsWith("/realms/" + realm.getName())
                || token.getSubject() == null || token.getIat() == null || token.getIat() < realm.getNotBefore()) {
            return null;
        }
        ClientModel client = token.getIssuedFor() == null ? null : realm.getClientByClientId(token.getIssuedFor());
        if (client == null || !client.isEnabled() || token.getIat() < client.getNotBefore()) {
            return null;
        }
        UserModel user = session.users().getUserById(realm, token.getSubject());
        if (user == null || !user.isEnabled() || token.getIat() < session.users().getNotBeforeOfUser(realm, user)) {
            return null;
        }
        return token;
    }

    /** The role in the token (so that client scopes can narrow it) and still held by its user; never a grant token. */
    private static boolean holdsVerifierRole(KeycloakSession session, RealmModel realm, AccessToken token) {
        AccessToken.Access roles = token.getRealmAccess();
        if (roles == null || !roles.isUserInRole(VerifierRole.NAME) || SignedRequestTokens.issuedByGrant(token)) {
            return false;
        }
        RoleModel role = realm.getRole(VerifierRole.NAME);
        UserModel user = session.users().getUserById(realm, token.getSubject());
        return role != null && user != null && user.hasRole(role);
    }

    private static boolean clientSecretMatches(KeycloakSession session, RealmModel realm, String basic) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(basic), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        ClientModel client = realm.getClientByClientId(decoded.substring(0, colon));
        boolean usable = client != null && client.isEnabled() && !client.isPublicClient() && !client.isBearerOnly()
                && client.isServiceAccountsEnabled()
                && CLIENT_SECRET_AUTHENTICATOR.equals(client.getClientAuthenticatorType())
                && client.getSecret() != null && !client.getSecret().isEmpty();
        // Compared whether or not the client exists, so that the time taken says nothing about client IDs.
        byte[] expected = usable ? client.getSecret().getBytes(StandardCharsets.UTF_8) : NO_SECRET;
        boolean secretMatches = MessageDigest.isEqual(expected, decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        if (!usable || !secretMatches) {
            return false;
        }
        UserModel serviceAccount = session.users().getServiceAccount(client);
        RoleModel role = realm.getRole(VerifierRole.NAME);
        return serviceAccount != null && serviceAccount.isEnabled() && role != null && serviceAccount.hasRole(role);
    }

    private static org.keycloak.services.ErrorResponseException denied() {
        return ApiError.accessDenied("The gateway must authenticate in X-Gateway-Authorization as a client whose "
                + "service account holds the realm role " + VerifierRole.NAME + ".");
    }
}
