package io.accesskeys.keycloak.grant;

import java.util.Set;

import jakarta.ws.rs.core.Response;

import io.accesskeys.keycloak.verification.HttpSignedRequests;
import io.accesskeys.keycloak.verification.SignedRequestVerifier;
import io.accesskeys.keycloak.verification.VerifiedKey;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.grants.OAuth2GrantTypeBase;
import org.keycloak.services.CorsErrorResponseException;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.managers.UserSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;

/**
 * Exchanges a signed token request for an ordinary access token of the key's user. The token request itself is
 * signed with the access key (SigV4 or SDK-HMAC-SHA256). Only clients with the attribute
 * {@value #CLIENT_ATTRIBUTE}={@code true} accept it, and the answer has no refresh token: a key holder signs again.
 */
public class SignedRequestGrantType extends OAuth2GrantTypeBase {

    public static final String GRANT_TYPE = "urn:access-keys:params:oauth:grant-type:signed-request";
    public static final String CLIENT_ATTRIBUTE = "access-keys.signed-request-grant.enabled";
    public static final String SESSION_NOTE_ACCESS_KEY_ID = "access_key_id";
    private static final String AUTH_METHOD = "access-key";

    @Override
    public Response process(Context context) {
        setContext(context);
        event.detail(Details.GRANT_TYPE, GRANT_TYPE);
        if (!Boolean.parseBoolean(client.getAttribute(CLIENT_ATTRIBUTE))) {
            event.detail(Details.REASON, "client did not enable the signed-request grant");
            event.error(Errors.NOT_ALLOWED);
            throw new CorsErrorResponseException(cors, OAuthErrorException.UNAUTHORIZED_CLIENT,
                    "Client " + client.getClientId() + " does not accept the signed-request grant", Response.Status.BAD_REQUEST);
        }

        var outcome = SignedRequestVerifier.verifyAny(session, realm, HttpSignedRequests.current(session, null));
        if (outcome instanceof SignedRequestVerifier.Refused refused) {
            event.detail(Details.REASON, refused.rejection().code());
            event.error(Errors.INVALID_USER_CREDENTIALS);
            throw new CorsErrorResponseException(cors, OAuthErrorException.INVALID_GRANT,
                    refused.rejection().code() + ": " + refused.rejection().description(), Response.Status.BAD_REQUEST);
        }
        VerifiedKey key = ((SignedRequestVerifier.Accepted) outcome).key();
        UserModel user = key.user();
        event.user(user).detail(Details.USERNAME, user.getUsername()).detail(SESSION_NOTE_ACCESS_KEY_ID, key.accessKeyId());

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
        event.session(userSession);

        AuthenticationManager.setClientScopesInSession(session, authSession);
        ClientSessionContext clientSessionCtx = TokenManager.attachAuthenticationSession(session, userSession, authSession);
        updateUserSessionFromClientAuth(userSession);
        return createTokenResponse(user, userSession, clientSessionCtx, scope, false, null);
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
