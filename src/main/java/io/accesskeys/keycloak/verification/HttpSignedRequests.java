package io.accesskeys.keycloak.verification;

import java.net.URI;

import io.accesskeys.keycloak.contract.ErrorCode;
import io.accesskeys.keycloak.signing.RequestHeaders;
import io.accesskeys.keycloak.signing.SignedRequest;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.urls.UrlType;

/**
 * Builds the request to verify from what Keycloak received: method, the raw path and query as sent, the headers and
 * the exact body bytes ({@link RawRequestBody}). The {@code host} is the authority the client addressed, as Keycloak
 * resolved it (the Host header, HTTP/2's {@code :authority}, or a trusted {@code X-Forwarded-Host}), but only when it
 * is one of this Keycloak's own (its frontend or backend URL); otherwise the frontend's authority is used, so that
 * a request signed for another host does not verify where a hostname is configured.
 */
public final class HttpSignedRequests {

    private HttpSignedRequests() {
    }

    /** A request that cannot even be read (body too large). */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;
        private final ErrorCode error;

        Unreadable(ErrorCode error, String message) {
            super(message, null, false, false);
            this.error = error;
        }

        public ErrorCode error() {
            return error;
        }
    }

    /** The current request, body included. */
    public static SignedRequest current(KeycloakSession session) throws Unreadable {
        HttpRequest request = session.getContext().getHttpRequest();
        URI uri;
        String host;
        try {
            uri = request.getUri().getRequestUri();
            host = ownAuthority(session, uri.getRawAuthority());
        } catch (RuntimeException e) {
            // A forwarded host or port that makes no URI (a space, a control character): nothing was addressed.
            throw new Unreadable(ErrorCode.MALFORMED_INPUT, "The request's host cannot be read.");
        }
        byte[] body;
        try {
            body = RawRequestBody.read();
        } catch (RawRequestBody.TooLarge e) {
            throw new Unreadable(ErrorCode.MALFORMED_INPUT, e.getMessage() + ".");
        }
        return SignedRequest.builder()
                .method(request.getHttpMethod())
                .rawPath(uri.getRawPath())
                .rawQuery(uri.getRawQuery())
                .headers(RequestHeaders.of(request.getHttpHeaders().getRequestHeaders()).toBuilder()
                        .set("Host", host).build())
                .body(body)
                .build();
    }

    private static String ownAuthority(KeycloakSession session, String requested) {
        String frontend = session.getContext().getUri(UrlType.FRONTEND).getBaseUri().getRawAuthority();
        if (requested == null) {
            return frontend;
        }
        if (requested.equalsIgnoreCase(frontend)) {
            return requested;
        }
        String backend = session.getContext().getUri(UrlType.BACKEND).getBaseUri().getRawAuthority();
        return requested.equalsIgnoreCase(backend) ? requested : frontend;
    }
}
