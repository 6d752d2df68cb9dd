package io.accesskeys.keycloak.temporary;

import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The credential type of {@link TemporaryRevocation}'s mark, so that realm exports and imports carry it and the admin
 * console can show it. It signs nobody in and cannot be removed through the account API.
 */
public class RevocationCredentialProvider implements CredentialProvider<CredentialModel> {

    private final KeycloakSession session;

    RevocationCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return TemporaryRevocation.CREDENTIAL_TYPE;
    }

    /** Called by realm imports: the mark is kept as exported (an unreadable one revokes, as always). */
    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, CredentialModel credential) {
        credential.setType(TemporaryRevocation.CREDENTIAL_TYPE);
        return user.credentialManager().createStoredCredential(credential);
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
                .type(TemporaryRevocation.CREDENTIAL_TYPE)
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("access-key-revocation-display-name")
                .helpText("access-key-revocation-help-text")
                .iconCssClass("kcAuthenticatorDefaultClass")
                .removeable(false)
                .build(session);
    }
}
