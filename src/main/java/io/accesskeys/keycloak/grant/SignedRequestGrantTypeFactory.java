package io.accesskeys.keycloak.grant;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.grants.OAuth2GrantType;
import org.keycloak.protocol.oidc.grants.OAuth2GrantTypeFactory;

/** Registers the grant type {@value SignedRequestGrantType#GRANT_TYPE} at the realms' token endpoints. */
public class SignedRequestGrantTypeFactory implements OAuth2GrantTypeFactory {

    @Override
    public String getId() {
        return SignedRequestGrantType.GRANT_TYPE;
    }

    /** Two letters that none of Keycloak's own grants use (they appear in encoded token IDs). */
    @Override
    public String getShortcut() {
        return "sr";
    }

    @Override
    public OAuth2GrantType create(KeycloakSession session) {
        return new SignedRequestGrantType();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
