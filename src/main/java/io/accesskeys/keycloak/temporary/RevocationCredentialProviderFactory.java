package io.accesskeys.keycloak.temporary;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Registers the credential type {@value TemporaryRevocation#CREDENTIAL_TYPE}. */
public class RevocationCredentialProviderFactory implements CredentialProviderFactory<RevocationCredentialProvider> {

    @Override
    public RevocationCredentialProvider create(KeycloakSession session) {
        return new RevocationCredentialProvider(session);
    }

    @Override
    public String getId() {
        return TemporaryRevocation.CREDENTIAL_TYPE;
    }
}
