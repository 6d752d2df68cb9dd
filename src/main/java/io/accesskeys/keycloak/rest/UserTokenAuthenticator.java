package io.accesskeys.keycloak.rest;

import jakarta.ws.rs.ForbiddenException;

import io.accesskeys.keycloak.api.ApiError;
import io.accesskeys.keycloak.api.RequestContentType;
import io.accesskeys.keycloak.api.SignedRequestTokens;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProvider;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProviderFactory;
import org.keycloak.protocol.oidc.TokenIntrospectionProvider;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.cors.Cors;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * Authenticates self-service requests the way Keycloak's account REST API does: a bearer token of this realm's user
 * that carries the {@code account} client's {@code manage-account} role.
 */
final class UserTokenAuthenticator {

    static final String[] SELF_SERVICE_METHODS = {"GET", "POST", "PATCH", "DELETE"};
    private static final String MANAGE_ACCOUNT = "manage-account";

    private UserTokenAuthenticator() {
    }

    static SelfServiceCaller authenticate(KeycloakSession session) {
        RequestContentType.requireParseable(session);
        AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null) {
            throw ApiError.unauthorized("A valid bearer token of this realm is required.");
        }
        AccessToken token = auth.token();
        if (SignedRequestTokens.issuedByGrant(token)) {
            // A key never mints another key, and a temporary key never becomes a permanent one.
            throw ApiError.accessDenied("Tokens from the signed-request grant cannot manage access keys.");
        }
        RealmModel realm = session.getContext().getRealm();
        ClientModel account = realm.getClientByClientId(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID);
        if (account != null && token.getResourceAccess(account.getClientId()) == null) {
            // Lightweight access tokens carry no roles: expand them as the account API does.
            var introspection = (AccessTokenIntrospectionProvider) session.getProvider(TokenIntrospectionProvider.class,
                    AccessTokenIntrospectionProviderFactory.ACCESS_TOKEN_TYPE);
            token = introspection.transformAccessToken(token, auth.session());
        }

        // From here on the caller is known: let the account console's origin read every answer, errors included.
        try {
            Cors.builder().checkAllowedOrigins(token).allowedMethods(SELF_SERVICE_METHODS)
                    .exposedHeaders("WWW-Authenticate", "Content-Disposition").auth().add();
        } catch (ForbiddenException e) {
            throw ApiError.accessDenied("This origin is not among the client's web origins.");
        }

        if (auth.user().getServiceAccountClientLink() != null) {
            throw ApiError.accessDenied("Service accounts have no self-service access keys.");
        }
        AccessToken.Access access = account == null ? null : token.getResourceAccess(account.getClientId());
        if (access == null || !access.isUserInRole(MANAGE_ACCOUNT)) {
            throw ApiError.accessDenied("The token lacks the account client's manage-account role.");
        }
        String identityProvider = auth.session() == null ? null
                : auth.session().getNote(SelfServiceCaller.IDENTITY_PROVIDER_NOTE);
        return new SelfServiceCaller(auth.user(), auth.session(), token, identityProvider);
    }
}
