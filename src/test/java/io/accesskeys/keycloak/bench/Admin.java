package io.accesskeys.keycloak.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Keycloak's admin REST API as the bootstrap admin, and plain form posts. */
final class Admin {

    static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private volatile String token;
    private volatile long tokenExpiresAt;

    Admin(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    synchronized String token() throws IOException, InterruptedException {
        if (token == null || System.currentTimeMillis() > tokenExpiresAt) {
            JsonNode answer = form(baseUrl + "/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                    "client_id", "admin-cli", "username", Server.ADMIN, "password", Server.ADMIN_PASSWORD), null);
            token = answer.get("access_token").asText();
            tokenExpiresAt = System.currentTimeMillis() + (answer.get("expires_in").asLong() - 20) * 1000;
        }
        return token;
    }

    /** The master realm's admin tokens live 60 s: long enough a lifetime for a setup of many minutes. */
    void lengthenAdminTokens() throws IOException, InterruptedException {
        send("PUT", "/admin/realms/master", Map.of("accessTokenLifespan", 7200), 204);
        token = null;
    }

    String send(String method, String path, Object body, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
        return check(method, path, response, expected);
    }

    CompletableFuture<String> sendAsync(String method, String path, Object body, int expected) {
        try {
            return http.sendAsync(request(method, path, body), HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> check(method, path, response, expected));
        } catch (IOException | InterruptedException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Creates at {@code path} and returns the new resource's ID (the last segment of Location). */
    String create(String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("POST", path, body), HttpResponse.BodyHandlers.ofString());
        check("POST", path, response, 201);
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    JsonNode json(String path) throws IOException, InterruptedException {
        return JSON.readTree(send("GET", path, null, 200));
    }

    JsonNode form(String url, Map<String, String> fields, String basic) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(fields)));
        if (basic != null) {
            request.header("Authorization", "Basic " + basic);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(check("POST", url, response, 200));
    }

    static String formBody(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private HttpRequest request(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token());
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        return request.build();
    }

    private static String check(String method, String path, HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
        return response.body();
    }
}
