package io.accesskeys.keycloak.grant;

import java.util.Set;

import jakarta.ws.rs.core.Response;

import io.accesskeys.keycloak.api.SignedRequestTokens;
import io.accesskeys.keycloak.credential.RoleSet;
import io.accesskeys.keycloak.signing.SignedRequest;
import io.accesskeys.keycloak.verification.HttpSignedRequests;
import io.accesskeys.keycloak.verification.ResolvedKey;
import io.accesskeys.keycloak.verification.SignedRequestVerifier;
import io.accesskeys.keycloak.verification.VerifiedKey;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.Constants;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.grants.OAuth2GrantTypeBase;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.CorsErrorResponseException;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.services.managers.UserSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;

/**
 * Exchanges a signed token request for an ordinary access token of the key's user. The token request itself is
 * signed with the access key (SigV4 or SDK-HMAC-SHA256), over the exact form bytes the client sent. Only clients with
 * the attribute {@value #CLIENT_ATTRIBUTE}={@code true} accept it. The token is for calling APIs, not for managing
 * the account: it carries the AK in {@value SignedRequestTokens#CLAIM} (self-service refuses it), no roles of the
 * {@code account} client (Keycloak's account API refuses it), no refresh token, and it never outlives a temporary key.
 */
public class SignedRequestGrantType extends OAuth2GrantTypeBase {

    public static final String GRANT_TYPE = "urn:access-keys:params:oauth:grant-type:signed-request";
    public static final String CLIENT_ATTRIBUTE = "access-keys.signed-request-grant.enabled";
    public static final String SESSION_NOTE_ACCESS_KEY_ID = "access_key_id";
    /** Keycloak's user session note with the broker alias (set at identity-provider login). */
    private static final String IDENTITY_PROVIDER_NOTE = "identity_provider";
    private static final String AUTH_METHOD = "access-key";

    @Override
    public Response process(Context context) {
        setContext(context);
        event.detail(Details.GRANT_TYPE, GRANT_TYPE);
        if (!Boolean.parseBoolean(client.getAttribute(CLIENT_ATTRIBUTE))) {
            event.detail(Details.REASON, "client did not enable the signed-request grant");
            event.error(Errors.NOT_ALLOWED);
            throw error(OAuthErrorException.UNAUTHORIZED_CLIENT,
                    "Client " + client.getClientId() + " does not accept the signed-request grant");
        }

        SignedRequest request;
        try {
            request = HttpSignedRequests.current(session);
        } catch (HttpSignedRequests.Unreadable e) {
            event.error(Errors.INVALID_REQUEST);
            throw error(OAuthErrorException.INVALID_REQUEST, e.getMessage());
        }
        var outcome = session.getProvider(SignedRequestVerifier.class).verify(realm, request);
        if (outcome instanceof SignedRequestVerifier.Refused refused) {
            event.detail(Details.REASON, refused.rejection().code());
            event.error(Errors.INVALID_USER_CREDENTIALS);
            throw error(OAuthErrorException.INVALID_GRANT,
                    refused.rejection().code() + ": " + refused.rejection().description());
        }
        VerifiedKey key = ((SignedRequestVerifier.Accepted) outcome).key();
        // The signature must bind the whole token request: else its parameters (client, scope) could be swapped, or
        // a presigned URL replayed with any body for days.
        if (key.presigned() || !key.payloadSigned()) {
            event.detail(Details.REASON, "payload not signed");
            event.error(Errors.INVALID_REQUEST);
            throw error(OAuthErrorException.INVALID_REQUEST, "The signed-request grant needs an Authorization header "
                    + "signature over the request body (no presigned URL, no UNSIGNED-PAYLOAD).");
        }
        UserModel user = key.user();
        event.user(user).detail(Details.USERNAME, user.getUsername()).detail(SESSION_NOTE_ACCESS_KEY_ID, key.accessKeyId());
        requireUsable(user);

        String scope = getRequestedScopes();
        RootAuthenticationSessionModel root = new AuthenticationSessionManager(session).createAuthenticationSession(realm, false);
        AuthenticationSessionModel authSession = root.createAuthenticationSession(client);
        authSession.setAuthenticatedUser(user);
        authSession.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        authSession.setClientNote(OIDCLoginProtocol.ISSUER, Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()));
        authSession.setClientNote(OIDCLoginProtocol.SCOPE_PARAM, scope);

        // No refresh token, so nothing to keep: the session lives only for this request.
        UserSessionModel userSession = new UserSessionManager(session).createUserSession(root.getId(), realm, user,
                user.getUsername(), clientConnection.getRemoteHost(), AUTH_METHOD, false, null, null,
                UserSessionModel.SessionPersistenceState.TRANSIENT);
        userSession.setNote(SESSION_NOTE_ACCESS_KEY_ID, key.accessKeyId());
        if (key.key().identityProvider() != null) {
            // A temporary key came through an identity provider: its tokens are of a brokered session, never local.
            userSession.setNote(IDENTITY_PROVIDER_NOTE, key.key().identityProvider());
        }
        event.session(userSession);

        AuthenticationManager.setClientScopesInSession(session, authSession);
        // The session is new and transient, so it has no client session yet; attaching would first look one up, and
        // with Keycloak's persistent sessions that lookup reads the database. Creating it here saves that read.
        session.sessions().createClientSession(realm, client, userSession);
        ClientSessionContext clientSessionCtx = TokenManager.attachAuthenticationSession(session, userSession, authSession);
        updateUserSessionFromClientAuth(userSession);
        TokenManager.AccessTokenResponseBuilder response = createTokenResponseBuilder(user, userSession,
                clientSessionCtx, scope, null);
        restrict(response.getAccessToken(), key);
        return createTokenResponse(response, clientSessionCtx, false);
    }

    /** The account's state refuses the grant as it refuses a password login. */
    private void requireUsable(UserModel user) {
        if (!user.isEnabled()) {
            event.error(Errors.USER_DISABLED);
            throw error(OAuthErrorException.INVALID_GRANT, "Account disabled");
        }
        if (realm.isBruteForceProtected()
                && session.getProvider(BruteForceProtector.class).isTemporarilyDisabled(session, realm, user)) {
            event.error(Errors.USER_TEMPORARILY_DISABLED);
            throw error(OAuthErrorException.INVALID_GRANT, "Account temporarily disabled");
        }
        if (user.getRequiredActionsStream().findAny().isPresent()) {
            event.error(Errors.RESOLVE_REQUIRED_ACTIONS);
            throw error(OAuthErrorException.INVALID_GRANT, "Account is not fully set up");
        }
    }

    private static void restrict(AccessToken token, VerifiedKey key) {
        token.getOtherClaims().put(SignedRequestTokens.CLAIM, key.accessKeyId());
        // An empty entry rather than none: Keycloak's account API re-reads the roles of a token that has no entry
        // for its client at all (as for lightweight tokens), and would find manage-account again.
        token.setResourceAccess(new java.util.HashMap<>(token.getResourceAccess() == null ? java.util.Map.of()
                : token.getResourceAccess()));
        token.getResourceAccess().put(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID, new AccessToken.Access());
        if (key.scoped()) {
            limitRoles(token, key.roles());
        }
        if (key.keyType() == ResolvedKey.KeyType.TEMPORARY && key.expiration() != null) {
            long keyExpires = key.expiration().getEpochSecond();
            if (token.getExp() == null || token.getExp() > keyExpires) {
                token.exp(keyExpires);
            }
        }
    }

    /** A scoped key's token carries only the roles the key acts with (of those the client's scope let through). */
    private static void limitRoles(AccessToken token, RoleSet roles) {
        if (token.getRealmAccess() != null && token.getRealmAccess().getRoles() != null) {
            AccessToken.Access realmAccess = new AccessToken.Access();
            token.getRealmAccess().getRoles().stream().filter(roles::hasRealmRole).forEach(realmAccess::addRole);
            token.setRealmAccess(realmAccess);
        }
        java.util.Map<String, AccessToken.Access> limited = new java.util.HashMap<>();
        token.getResourceAccess().forEach((clientId, access) -> {
            AccessToken.Access kept = new AccessToken.Access();
            if (access.getRoles() != null) {
                access.getRoles().stream().filter(role -> roles.hasClientRole(clientId, role)).forEach(kept::addRole);
            }
            if (kept.getRoles() != null && !kept.getRoles().isEmpty()) {
                limited.put(clientId, kept);
            }
        });
        // Kept empty on purpose (see restrict): the account client's entry stays, without roles.
        limited.put(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID, new AccessToken.Access());
        token.setResourceAccess(limited);
    }

    private CorsErrorResponseException error(String code, String description) {
        return new CorsErrorResponseException(cors, code, description, Response.Status.BAD_REQUEST);
    }

    @Override
    protected boolean useRefreshToken() {
        return false;
    }

    @Override
    public EventType getEventType() {
        return EventType.LOGIN;
    }

    @Override
    public Set<String> getTokenParameterNames() {
        return Set.of();
    }
}
