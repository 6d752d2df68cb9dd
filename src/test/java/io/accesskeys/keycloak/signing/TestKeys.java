package io.accesskeys.keycloak.signing;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Resolvers for tests: a fixed key table, counting its calls. */
final class TestKeys implements SecretResolver {

    private final Map<String, String> secrets;
    private final AtomicInteger calls = new AtomicInteger();

    TestKeys(Map<String, String> secrets) {
        this.secrets = secrets;
    }

    static TestKeys of(String accessKeyId, String secret) {
        return new TestKeys(Map.of(accessKeyId, secret));
    }

    @Override
    public KeyResolution resolve(String accessKeyId, SignatureContext context) {
        calls.incrementAndGet();
        String secret = secrets.get(accessKeyId);
        return secret == null ? KeyResolution.unknownKey() : KeyResolution.found(AccessSecret.of(secret), accessKeyId);
    }

    int calls() {
        return calls.get();
    }
}
