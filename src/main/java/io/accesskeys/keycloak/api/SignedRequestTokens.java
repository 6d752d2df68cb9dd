package io.accesskeys.keycloak.api;

import org.keycloak.representations.AccessToken;

/**
 * How tokens from the signed-request grant are told apart: they carry the AK that signed in the claim
 * {@value #CLAIM}. Anything that changes keys or the account refuses them.
 */
public final class SignedRequestTokens {

    public static final String CLAIM = "access_key_id";

    private SignedRequestTokens() {
    }

    public static boolean issuedByGrant(AccessToken token) {
        return token.getOtherClaims().containsKey(CLAIM);
    }
}
