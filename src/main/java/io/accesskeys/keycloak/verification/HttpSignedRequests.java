package io.accesskeys.keycloak.verification;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;

import io.accesskeys.keycloak.signing.RequestHeaders;
import io.accesskeys.keycloak.signing.SignedRequest;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;

/**
 * Builds the request to verify from what Keycloak received: method, the raw path and query as sent, the headers
 * and the body. The {@code host} is the authority of the request as Keycloak resolved it: the Host header, or
 * HTTP/2's {@code :authority} (which has no Host header), or, behind a proxy that Keycloak trusts with
 * {@code --proxy-headers}, the host the client addressed. Keycloak parses {@code application/x-www-form-urlencoded} bodies before any resource sees them, so
 * for those the body is rebuilt from the parsed form in the encodings clients use (see {@link FormBodies}).
 */
public final class HttpSignedRequests {

    private HttpSignedRequests() {
    }

    /** The current request with {@code body} (null for none); form bodies yield several renderings. */
    public static List<Supplier<SignedRequest>> current(KeycloakSession session, byte[] body) {
        HttpRequest request = session.getContext().getHttpRequest();
        URI uri = request.getUri().getRequestUri();
        SignedRequest.Builder base = SignedRequest.builder()
                .method(request.getHttpMethod())
                .rawPath(uri.getRawPath())
                .rawQuery(uri.getRawQuery())
                .headers(RequestHeaders.of(request.getHttpHeaders().getRequestHeaders()).toBuilder()
                        .set("Host", uri.getRawAuthority()).build());
        MediaType type = request.getHttpHeaders().getMediaType();
        boolean form = type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
        if (!form || (body != null && body.length > 0)) {
            SignedRequest signed = base.body(body == null ? new byte[0] : body).build();
            return List.of(() -> signed);
        }
        MultivaluedMap<String, String> parameters = request.getDecodedFormParameters();
        SignedRequest template = base.build();
        List<Supplier<SignedRequest>> renderings = new ArrayList<>();
        for (String rendered : FormBodies.renderings(parameters)) {
            byte[] bytes = rendered.getBytes(StandardCharsets.UTF_8);
            renderings.add(() -> template.toBuilder().body(bytes).build());
        }
        return renderings;
    }

    /** Renderings of a parsed form body: each a plausible exact body a client sent. */
    static final class FormBodies {

        private FormBodies() {
        }

        static Set<String> renderings(Map<String, List<String>> parameters) {
            Set<String> bodies = new LinkedHashSet<>();
            for (FormEncoding encoding : FormEncoding.values()) {
                StringBuilder body = new StringBuilder();
                parameters.forEach((name, values) -> {
                    for (String value : values) {
                        if (!body.isEmpty()) {
                            body.append('&');
                        }
                        body.append(encoding.encode(name)).append('=').append(encoding.encode(value));
                    }
                });
                bodies.add(body.toString());
            }
            return bodies;
        }
    }
}
