package io.accesskeys.keycloak.it.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one Keycloak for the whole test run (all integration test classes share it) and stops it when the run ends.
 * Test classes use it through {@link SharedKeycloakTest}; methods and constructors may ask for a
 * {@link KeycloakServer}, an {@link AdminApi} or a {@link TestRealms} parameter.
 */
public final class KeycloakExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KeycloakServer.class || type == AdminApi.class || type == TestRealms.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        Shared shared = shared(context);
        if (type == KeycloakServer.class) {
            return shared.server;
        }
        if (type == AdminApi.class) {
            return shared.admin;
        }
        return shared.realms;
    }

    static KeycloakServer server(ExtensionContext context) {
        return shared(context).server;
    }

    private static Shared shared(ExtensionContext context) {
        // The root store lives as long as the test run and closes its values at the end: one server per run.
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Shared.class, key -> new Shared(), Shared.class);
    }

    private static final class Shared implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final KeycloakServer server;
        final AdminApi admin;
        final TestRealms realms;

        Shared() {
            server = KeycloakServer.startFromSystemProperties();
            admin = new AdminApi(server);
            realms = new TestRealms(server, admin);
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
