package io.accesskeys.keycloak.rest;

import java.util.Locale;

import io.accesskeys.keycloak.api.HeaderText;
import io.accesskeys.keycloak.contract.ErrorCode;
import io.accesskeys.keycloak.signing.RequestHeaders;
import io.accesskeys.keycloak.signing.SignedRequest;

/**
 * A request an API gateway hands over, as {@code /verify}'s JSON gives it or as forward-auth's forwarded headers
 * give it: method, URI (origin form, or absolute, whose authority stands in for a missing Host) and headers, each
 * checked to be what could have arrived in a real request (RFC 9110 token names, no control characters). One place
 * for both endpoints, so that they canonicalise the same thing the same way; the signing core does the rest.
 */
final class HandedOverRequest {

    static final int MAX_HEADERS = 200;

    /** A part that no real request could have carried: the answer is the code's (MalformedInput or ValidationError). */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        private final ErrorCode error;

        Invalid(ErrorCode error, String message) {
            super(message, null, false, false);
            this.error = error;
        }

        ErrorCode error() {
            return error;
        }
    }

    private final String method;
    private final String uri;
    private final RequestHeaders.Builder headers = RequestHeaders.builder();
    private int count;
    private boolean hasHost;

    private HandedOverRequest(String method, String uri) {
        this.method = method;
        this.uri = uri;
    }

    /** Checks the method (upper-case letters, as HTTP methods are written) and the URI (no spaces or controls). */
    static HandedOverRequest of(String method, String uri) throws Invalid {
        if (method == null || method.isBlank() || uri == null || uri.isBlank()) {
            throw new Invalid(ErrorCode.VALIDATION_ERROR, "Give the request's method and URI.");
        }
        if (!HeaderText.isValue(uri) || uri.indexOf(' ') >= 0) {
            throw new Invalid(ErrorCode.MALFORMED_INPUT, "The URI must not contain spaces or control characters.");
        }
        if (!method.chars().allMatch(c -> c >= 'A' && c <= 'Z') || method.length() > 16) {
            throw new Invalid(ErrorCode.VALIDATION_ERROR, "The method must be an HTTP method such as GET.");
        }
        return new HandedOverRequest(method, uri);
    }

    /** Adds one header value. */
    HandedOverRequest header(String name, String value) throws Invalid {
        if (++count > MAX_HEADERS) {
            throw new Invalid(ErrorCode.VALIDATION_ERROR, "At most " + MAX_HEADERS + " header values are handed over.");
        }
        if (!HeaderText.isName(name)) {
            throw new Invalid(ErrorCode.MALFORMED_INPUT, "Header names must be HTTP tokens.");
        }
        if (!HeaderText.isValue(value)) {
            throw new Invalid(ErrorCode.MALFORMED_INPUT, "Header values must not contain control characters.");
        }
        hasHost |= name.equalsIgnoreCase("host");
        headers.add(name, value);
        return this;
    }

    /** Replaces the Host by the authority the client addressed (one authority: no list, no spaces, no path). */
    HandedOverRequest host(String authority) throws Invalid {
        if (authority == null || authority.isEmpty() || !HeaderText.isValue(authority)
                || authority.chars().anyMatch(c -> c == ' ' || c == '\t' || c == ',' || c == '/')) {
            throw new Invalid(ErrorCode.MALFORMED_INPUT, "The forwarded host must be one authority, such as api.example.com.");
        }
        headers.set("Host", authority);
        hasHost = true;
        return this;
    }

    /** The request, its body still to be given (or declared absent) on the builder. */
    SignedRequest.Builder build() {
        String path = uri;
        String query = null;
        // An absolute URI gives the host too, when the headers do not.
        int scheme = uri.indexOf("://");
        if (scheme > 0 && scheme < 8) {
            int pathStart = uri.indexOf('/', scheme + 3);
            String authority = pathStart < 0 ? uri.substring(scheme + 3) : uri.substring(scheme + 3, pathStart);
            path = pathStart < 0 ? "/" : uri.substring(pathStart);
            if (!hasHost) {
                headers.add("Host", authority);
            }
        }
        int question = path.indexOf('?');
        if (question >= 0) {
            query = path.substring(question + 1);
            path = path.substring(0, question);
        }
        return SignedRequest.builder().method(method).rawPath(path).rawQuery(query).headers(headers.build());
    }

    /** A body hash handed over as 64 hex digits. */
    static String sha256Hex(String text) throws Invalid {
        if (!text.matches("[0-9a-fA-F]{64}")) {
            throw new Invalid(ErrorCode.VALIDATION_ERROR, "The body hash must be 64 hexadecimal digits.");
        }
        return text.toLowerCase(Locale.ROOT);
    }
}
