package io.accesskeys.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small fluent HTTP client for tests: {@code Http.get(url).bearer(token).send()}. */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final String method;
    private final String url;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

    private Http(String method, String url) {
        this.method = method;
        this.url = url;
    }

    public static Http get(String url) {
        return new Http("GET", url);
    }

    public static Http post(String url) {
        return new Http("POST", url);
    }

    public static Http put(String url) {
        return new Http("PUT", url);
    }

    public static Http patch(String url) {
        return new Http("PATCH", url);
    }

    public static Http delete(String url) {
        return new Http("DELETE", url);
    }

    public static Http method(String method, String url) {
        return new Http(method, url);
    }

    public Http bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    public Http header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Sends {@code value} as JSON: a String is sent as it is, anything else is serialised. */
    public Http json(Object value) {
        String text;
        try {
            text = value instanceof String s ? s : JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        headers.putIfAbsent("Content-Type", "application/json");
        body = HttpRequest.BodyPublishers.ofString(text);
        return this;
    }

    public Http form(Map<String, String> fields) {
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        body = HttpRequest.BodyPublishers.ofString(formEncode(fields));
        return this;
    }

    public Http body(String contentType, byte[] bytes) {
        headers.put("Content-Type", contentType);
        body = HttpRequest.BodyPublishers.ofByteArray(bytes);
        return this;
    }

    public Response send() {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body);
        headers.forEach(builder::header);
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String formEncode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A received response; header names are matched case-insensitively. */
    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("Not JSON (status " + status + "): " + body, e);
            }
        }

        /** Fails with the body in the message unless the status is {@code expected}. */
        public Response expect(int expected) {
            if (status != expected) {
                throw new AssertionError("Expected HTTP " + expected + " but got " + status + ": " + body);
            }
            return this;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
