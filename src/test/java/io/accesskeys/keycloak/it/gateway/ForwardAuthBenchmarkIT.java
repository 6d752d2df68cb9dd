package io.accesskeys.keycloak.it.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.it.support.AccessKeysClient;
import io.accesskeys.keycloak.it.support.SharedKeycloakTest;
import io.accesskeys.keycloak.it.support.Signers;
import io.accesskeys.keycloak.it.support.TestRealm;
import io.accesskeys.keycloak.it.support.TestRealms;
import org.junit.jupiter.api.Test;

/**
 * Not a timed test: a measurement that prints, run only with {@code -Dforward-auth.benchmark=true} (through the
 * shared lock like every integration test). {@code wrk} on loopback, a few seconds each: the same nginx serving the
 * upstream without auth and with forward-auth (one signed request, replayed within its 15 minutes), and Keycloak's
 * forward-auth alone. Asserts only that each run got 200s.
 */
@SharedKeycloakTest
class ForwardAuthBenchmarkIT {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern LATENCY = Pattern.compile("Latency\\s+([0-9.]+\\S+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    @Test
    void measure(TestRealms realms) throws Exception {
        assumeTrue(Boolean.getBoolean("forward-auth.benchmark"), "run with -Dforward-auth.benchmark=true");
        String seconds = System.getProperty("forward-auth.benchmark.seconds", "8");
        String connections = System.getProperty("forward-auth.benchmark.connections", "16");
        TestRealm realm = realms.create();
        JsonNode key = AccessKeysClient.as(realm, "alice", "alice").createKey();
        String client = realm.admin().create(realm.adminPath("/clients"), Map.of("clientId", "bench-gateway",
                "publicClient", false, "secret", "bench-secret", "serviceAccountsEnabled", true, "standardFlowEnabled", false));
        String role = realm.admin().get(realm.adminPath("/roles/access-key-verifier")).expect(200).body();
        String serviceUser = realm.admin().get(realm.adminPath("/clients/" + client + "/service-account-user")).json().get("id").asText();
        realm.admin().post(realm.adminPath("/users/" + serviceUser + "/role-mappings/realm"), "[" + role + "]").expect(204);
        String credential = ForwardAuthGatewaysIT.basic("bench-gateway", "bench-secret");

        try (Upstream upstream = new Upstream()) {
            int plainPort = Gateway.freePort();
            String plain = "  server { listen 127.0.0.1:" + plainPort + "; location / { proxy_pass http://" + upstream.address()
                    + "; proxy_http_version 1.1; proxy_set_header Connection \"\"; } }";
            String keycloak = realm.server().baseUrl().substring("http://".length());
            try (Gateway nginx = Gateway.start(Gateway.Kind.NGINX, keycloak, realm.name(), credential, upstream.address(), plain)) {
                String path = "/api/orders?id=7";
                Signers.Signed signed = Signers.Aws.of(key.get("accessKeyId").asText(), key.get("secretAccessKey").asText())
                        .get(nginx.url(path));
                assertEquals(200, signed.send().status(), nginx.log());
                List<String> signature = new ArrayList<>();
                signed.headers().forEach((name, value) -> signature.add(name + ": " + value));

                Run without = wrk("http://127.0.0.1:" + plainPort + path, List.of(), seconds, connections);
                Run with = wrk(nginx.url(path), signature, seconds, connections);
                List<String> direct = new ArrayList<>(signature);
                direct.addAll(List.of("X-Forwarded-Method: GET", "X-Forwarded-Uri: " + path,
                        "X-Forwarded-Host: 127.0.0.1:" + nginx.port(), "X-Gateway-Authorization: Basic " + credential));
                Run alone = wrk(realm.accessKeys("/forward-auth"), direct, seconds, connections);

                System.out.printf("%n== forward-auth benchmark (wrk -t2 -c%s -d%ss, loopback, %d CPUs) ==%n", connections,
                        seconds, Runtime.getRuntime().availableProcessors());
                System.out.printf("nginx -> upstream, no auth:        %9.0f req/s, mean latency %s%n", without.rate, without.latency);
                System.out.printf("nginx + forward-auth -> upstream:  %9.0f req/s, mean latency %s%n", with.rate, with.latency);
                System.out.printf("Keycloak forward-auth alone:       %9.0f req/s, mean latency %s%n", alone.rate, alone.latency);
                System.out.printf("ratio with/without auth: %.2f; Keycloak per verification: %.3f ms of wall time at "
                        + "saturation (1/throughput), %.3f ms CPU-equivalent on %d CPUs%n", with.rate / without.rate,
                        1000 / alone.rate, 1000 * Runtime.getRuntime().availableProcessors() / alone.rate,
                        Runtime.getRuntime().availableProcessors());
                assertEquals(0, without.failures + with.failures + alone.failures, "every request answered 200");
            }
        }
    }

    private record Run(double rate, String latency, long failures) {
    }

    private static Run wrk(String url, List<String> headers, String seconds, String connections) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s"));
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        command.add(url);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, wrk.waitFor(), output);
        System.out.println(output);
        Matcher rate = RATE.matcher(output);
        Matcher latency = LATENCY.matcher(output);
        Matcher failures = NON_2XX.matcher(output);
        if (!rate.find() || !latency.find()) {
            throw new IllegalStateException("wrk said: " + output);
        }
        return new Run(Double.parseDouble(rate.group(1)), latency.group(1), failures.find() ? Long.parseLong(failures.group(1)) : 0);
    }
}
