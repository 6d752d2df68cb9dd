package io.accesskeys.keycloak.verification;

import org.keycloak.provider.ProviderFactory;

/** Factories of {@link SignedRequestVerifier}: they hold the server-wide verification state. */
public interface SignedRequestVerifierFactory extends ProviderFactory<SignedRequestVerifier> {
}
