package io.accesskeys.keycloak.lifecycle;

import io.accesskeys.keycloak.credential.AccessKeyStore;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The credential type {@code access-key}. It makes permanent keys visible (AK and status, never the secret) in the
 * admin console's Credentials tab. It deliberately does not implement {@code CredentialInputValidator}: an access key
 * never logs anyone in through a login form. Keys are not removable through Keycloak's account API (its type says
 * so): users delete them at {@code /me/keys}, admins on the Access keys page or the Credentials tab.
 */
public class AccessKeyCredentialProvider implements CredentialProvider<CredentialModel> {

    private final KeycloakSession session;

    AccessKeyCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return AccessKeyStore.TYPE;
    }

    /**
     * Keycloak calls this only to restore a key that exists already in sealed form: a realm import ({@code kc.sh
     * import}, a realm file at start) or a user representation with its credentials. New keys are created through
     * {@link KeyChanges}, never here.
     */
    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, CredentialModel credential) {
        try {
            return new AccessKeyStore(session, realm).restore(user, credential);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedOperationException(e.getMessage());
        }
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return new KeyChanges(session, realm, KeyEventSink.NONE).delete(user, credentialId);
    }

    @Override
    public CredentialModel getCredentialFromModel(CredentialModel model) {
        return model;
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext context) {
        return CredentialTypeMetadata.builder()
                .type(AccessKeyStore.TYPE)
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("access-key-display-name")
                .helpText("access-key-help-text")
                .iconCssClass("kcAuthenticatorDefaultClass")
                .removeable(false)
                .build(session);
    }
}
