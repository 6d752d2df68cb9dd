package io.accesskeys.keycloak.credential;

import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The credential type {@code access-key}. It makes permanent keys visible (AK and status, never the secret) in the
 * admin console's Credentials tab. It deliberately does not implement {@code CredentialInputValidator}: an access
 * key never logs anyone in through a login form.
 */
public class AccessKeyCredentialProvider implements CredentialProvider<CredentialModel> {

    public static final String TYPE = "access-key";

    private final KeycloakSession session;

    AccessKeyCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, CredentialModel credential) {
        // Keys are created by AccessKeyStore (quota, sealing); nothing else may create one through the provider.
        throw new UnsupportedOperationException("Access keys are created through the access-keys API");
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public CredentialModel getCredentialFromModel(CredentialModel model) {
        return model;
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext context) {
        return CredentialTypeMetadata.builder()
                .type(TYPE)
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("access-key-display-name")
                .helpText("access-key-help-text")
                .iconCssClass("kcAuthenticatorDefaultClass")
                .removeable(true)
                .build(session);
    }
}
