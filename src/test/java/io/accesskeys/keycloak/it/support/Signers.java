package io.accesskeys.keycloak.it.support;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.huaweicloud.sdk.core.auth.AKSKSigner;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpMethod;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Requests signed by independent clients: the AWS SDK for Java v2 signer and the Huawei Cloud Java SDK signer. The
 * result is a URL plus headers to send with {@link Http}; restricted headers (Host, Content-Length) are left to the
 * HTTP client, which sends the same values.
 */
public final class Signers {

    public static final String REGION = "us-east-1";
    public static final String SERVICE = "access-keys";

    /** A secret of the same length that differs from {@code secret} in its first character, whatever that is. */
    public static String wrongSecret(String secret) {
        char first = secret.charAt(0) == 'x' ? 'y' : 'x';
        return first + secret.substring(1);
    }

    private Signers() {
    }

    /** A signed request, ready to send. */
    public record Signed(String method, String url, Map<String, String> headers, String body) {

        public Http.Response send() {
            Http http = Http.method(method, url);
            headers.forEach(http::header);
            if (body != null) {
                http.body(headers.getOrDefault("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
            }
            return http.send();
        }

        public Signed withHeader(String name, String value) {
            Map<String, String> changed = new LinkedHashMap<>(headers);
            changed.put(name, value);
            return new Signed(method, url, changed, body);
        }

        public Signed withBody(String changedBody) {
            return new Signed(method, url, headers, changedBody);
        }
    }

    /** Options for the AWS signer. */
    public record Aws(String accessKeyId, String secret, String sessionToken, Instant time, Duration presignFor,
                      boolean unsignedPayload) {

        public static Aws of(String accessKeyId, String secret) {
            return new Aws(accessKeyId, secret, null, null, null, false);
        }

        public Aws at(Instant signingTime) {
            return new Aws(accessKeyId, secret, sessionToken, signingTime, presignFor, unsignedPayload);
        }

        public Aws presigned(Duration validity) {
            return new Aws(accessKeyId, secret, sessionToken, time, validity, unsignedPayload);
        }

        public Aws token(String token) {
            return new Aws(accessKeyId, secret, token, time, presignFor, unsignedPayload);
        }

        /** The SDK's payload signing off: over https it then signs {@code x-amz-content-sha256: UNSIGNED-PAYLOAD}. */
        public Aws withoutPayloadSigning() {
            return new Aws(accessKeyId, secret, sessionToken, time, presignFor, true);
        }

        public Signed sign(String method, String url, String contentType, String body) {
            SdkHttpRequest.Builder request = SdkHttpRequest.builder().uri(URI.create(url)).method(SdkHttpMethod.fromValue(method));
            if (contentType != null) {
                request.putHeader("Content-Type", contentType);
            }
            AwsCredentialsIdentity identity = sessionToken == null ? AwsCredentialsIdentity.create(accessKeyId, secret)
                    : AwsSessionCredentialsIdentity.create(accessKeyId, secret, sessionToken);
            var signed = AwsV4HttpSigner.create().sign(r -> {
                r.identity(identity).request(request.build())
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, REGION);
                if (body != null) {
                    r.payload(ContentStreamProvider.fromUtf8String(body));
                }
                if (time != null) {
                    r.putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(time, ZoneOffset.UTC));
                }
                if (unsignedPayload) {
                    r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false);
                }
                if (presignFor != null) {
                    r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                            .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, presignFor);
                }
            });
            return new Signed(method, signed.request().getUri().toString(), sendable(signed.request().headers()), body);
        }

        public Signed get(String url) {
            return sign("GET", url, null, null);
        }
    }

    /** Signs with the Huawei Cloud SDK's {@code SDK-HMAC-SHA256} signer (a JSON body, if any). */
    public static Signed huawei(String accessKeyId, String secret, String securityToken, String method, String url, String body) {
        return huawei(accessKeyId, secret, securityToken, method, url, "application/json", body);
    }

    /** Signs with the Huawei Cloud SDK's {@code SDK-HMAC-SHA256} signer, a body of the given content type. */
    public static Signed huawei(String accessKeyId, String secret, String securityToken, String method, String url,
                                String contentType, String body) {
        URI uri = URI.create(url);
        var request = com.huaweicloud.sdk.core.http.HttpRequest.newBuilder()
                .withEndpoint(uri.getScheme() + "://" + uri.getRawAuthority())
                .withPath(uri.getRawPath())
                .withMethod(HttpMethod.valueOf(method));
        // The SDK signs query parameters given one by one (a query inside the path would go unsigned); it keeps
        // each name's values in the order given and sends them grouped by name, as the URL here must list them.
        for (Map.Entry<String, List<String>> parameter : queryParameters(uri.getRawQuery()).entrySet()) {
            request.addQueryParam(parameter.getKey(), parameter.getValue());
        }
        if (body != null) {
            request.withContentType(contentType).withBodyAsString(body);
        }
        BasicCredentials credentials = new BasicCredentials().withAk(accessKeyId).withSk(secret);
        Map<String, String> headers = new LinkedHashMap<>();
        if (securityToken != null) {
            request.addHeader("X-Security-Token", securityToken);
            headers.put("X-Security-Token", securityToken);
        }
        if (body != null) {
            headers.put("Content-Type", contentType);
        }
        headers.putAll(sendable(AKSKSigner.getInstance().sign(request.build(), credentials)));
        return new Signed(method, url, headers, body);
    }

    private static Map<String, List<String>> queryParameters(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String piece : rawQuery.split("&")) {
            int eq = piece.indexOf('=');
            String name = java.net.URLDecoder.decode(eq < 0 ? piece : piece.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(piece.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static Map<String, String> sendable(Map<String, ?> headers) {
        Map<String, String> sendable = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                sendable.put(name, value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                        : String.valueOf(value));
            }
        });
        return sendable;
    }
}
