package io.accesskeys.keycloak.verification;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The extension's SPI {@value #NAME}: server options {@code --spi-access-keys-verification--default--...}. */
public class SignedRequestVerifierSpi implements Spi {

    public static final String NAME = "access-keys-verification";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return SignedRequestVerifier.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return SignedRequestVerifierFactory.class;
    }
}
