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

    /**
     * Keycloak calls this only to restore a key that exists already in sealed form: a realm import ({@code kc.sh
     * import}, a realm file at start) or a user representation with its credentials. New keys are created by
     * {@link AccessKeyStore} (quota, sealing), never here: a credential is accepted only as an exported key is,
     * with its AK as ID and a sealed secret (which still opens only for the realm ID, user ID and AK it was sealed
     * for, so the secret of another realm or user cannot be grafted on).
     */
    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, CredentialModel credential) {
        String accessKeyId = credential.getId();
        if (!AccessKeyFormat.isPermanent(accessKeyId) || credential.getCredentialData() == null
                || credential.getSecretData() == null) {
            throw new UnsupportedOperationException(
                    "Access keys are created through the access-keys API; only exported keys (AK as ID, sealed secret) can be imported");
        }
        StoredKeyData.Public data = StoredKeyData.read(credential.getCredentialData(), StoredKeyData.Public.class);
        StoredKeyData.Secret secret = StoredKeyData.read(credential.getSecretData(), StoredKeyData.Secret.class);
        if (!accessKeyId.equals(data.accessKeyId()) || data.status() == null || secret.v() != 1 || secret.kid() == null
                || secret.nonce() == null || secret.ciphertext() == null) {
            throw new UnsupportedOperationException("Not an exported access key: " + accessKeyId);
        }
        credential.setType(TYPE);
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
                .type(TYPE)
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("access-key-display-name")
                .helpText("access-key-help-text")
                .iconCssClass("kcAuthenticatorDefaultClass")
                .removeable(true)
                .build(session);
    }
}
