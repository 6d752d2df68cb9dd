package io.accesskeys.keycloak.signing;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * An HTTP request as received, for signature verification (or signing): method, raw path and raw query
 * exactly as sent on the wire (still percent-encoded), headers, and the SHA-256 of the body. Immutable.
 */
public final class SignedRequest {

    private static final byte[] EMPTY_BODY_SHA256 = Hashing.sha256(new byte[0]);

    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final RequestHeaders headers;
    private final Supplier<byte[]> bodySha256;
    private final boolean bodyAvailable;

    private SignedRequest(Builder b) {
        this.method = Objects.requireNonNull(b.method, "method");
        this.rawPath = b.rawPath == null ? "" : b.rawPath;
        this.rawQuery = b.rawQuery;
        this.headers = b.headers == null ? RequestHeaders.empty() : b.headers.build();
        this.bodySha256 = b.bodySha256 == null ? () -> EMPTY_BODY_SHA256.clone() : b.bodySha256;
        this.bodyAvailable = b.bodyAvailable;
    }

    /** A new builder; without a body hash the body counts as empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this request. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.method = method;
        b.rawPath = rawPath;
        b.rawQuery = rawQuery;
        b.headers = headers.toBuilder();
        b.bodySha256 = bodySha256;
        b.bodyAvailable = bodyAvailable;
        return b;
    }

    /** The HTTP method, e.g. {@code GET}. */
    public String method() {
        return method;
    }

    /** The path as sent, percent-encoded, without the query; may be empty. */
    public String rawPath() {
        return rawPath;
    }

    /** The query as sent (after {@code ?}, percent-encoded), or null when the URI has none. */
    public String rawQuery() {
        return rawQuery;
    }

    /** The request headers. */
    public RequestHeaders headers() {
        return headers;
    }

    /** The body's SHA-256 (32 bytes), computed on demand by the supplier given to the builder. */
    public byte[] bodySha256() {
        byte[] hash = bodySha256.get();
        if (hash == null || hash.length != 32) {
            throw new IllegalStateException("body SHA-256 supplier must return 32 bytes");
        }
        return hash;
    }

    /**
     * False when the body is not at hand ({@link Builder#withoutBody()}): a signed content-hash header then stands
     * for it unchecked, and without one the body's hash is taken as the empty body's, unchecked too.
     */
    public boolean bodyAvailable() {
        return bodyAvailable;
    }

    @Override
    public String toString() {
        return "SignedRequest[" + method + " " + rawPath + (rawQuery == null ? "" : "?...") + ", " + headers + "]";
    }

    /** Builds a {@link SignedRequest}. */
    public static final class Builder {
        private String method;
        private String rawPath;
        private String rawQuery;
        private RequestHeaders.Builder headers;
        private Supplier<byte[]> bodySha256;
        private boolean bodyAvailable = true;

        private Builder() {
        }

        /** The HTTP method as received. */
        public Builder method(String method) {
            this.method = method;
            return this;
        }

        /** The raw (percent-encoded) path, e.g. from {@code UriInfo.getRequestUri().getRawPath()}. */
        public Builder rawPath(String rawPath) {
            this.rawPath = rawPath;
            return this;
        }

        /** The raw query, e.g. from {@code UriInfo.getRequestUri().getRawQuery()}; null for none. */
        public Builder rawQuery(String rawQuery) {
            this.rawQuery = rawQuery;
            return this;
        }

        /** Replaces all headers. */
        public Builder headers(RequestHeaders headers) {
            this.headers = headers.toBuilder();
            return this;
        }

        /** Appends one header value. */
        public Builder header(String name, String value) {
            if (headers == null) {
                headers = RequestHeaders.builder();
            }
            headers.add(name, value);
            return this;
        }

        /** Replaces a header by one value. */
        public Builder setHeader(String name, String value) {
            if (headers == null) {
                headers = RequestHeaders.builder();
            }
            headers.set(name, value);
            return this;
        }

        /** Removes a header. */
        public Builder removeHeader(String name) {
            if (headers != null) {
                headers.remove(name);
            }
            return this;
        }

        /** The body itself; its hash is computed only if the verifier needs it. */
        public Builder body(byte[] body) {
            byte[] copy = body.clone();
            // A GET's empty body has a known hash: nothing to compute on every verification.
            this.bodySha256 = copy.length == 0 ? () -> EMPTY_BODY_SHA256.clone() : () -> Hashing.sha256(copy);
            this.bodyAvailable = true;
            return this;
        }

        /**
         * The body is not at hand (an API gateway's forward-auth call carries the headers only): what the signature
         * says of the body is reported ({@link Verdict.Verified#bodyChecked()} false), never checked.
         */
        public Builder withoutBody() {
            this.bodySha256 = null;
            this.bodyAvailable = false;
            return this;
        }

        /** The body's SHA-256 as 32 bytes. */
        public Builder bodySha256(byte[] sha256) {
            if (sha256.length != 32) {
                throw new IllegalArgumentException("SHA-256 must be 32 bytes");
            }
            byte[] copy = sha256.clone();
            this.bodySha256 = copy::clone;
            this.bodyAvailable = true;
            return this;
        }

        /** The body's SHA-256 as 64 hex digits. */
        public Builder bodySha256Hex(String sha256Hex) {
            byte[] bytes = Hex.decode(sha256Hex);
            if (bytes == null || bytes.length != 32) {
                throw new IllegalArgumentException("SHA-256 must be 64 hex digits");
            }
            return bodySha256(bytes);
        }

        /** A supplier of the body's SHA-256 (32 bytes), called at most once per verification. */
        public Builder bodySha256(Supplier<byte[]> sha256) {
            this.bodySha256 = Objects.requireNonNull(sha256, "sha256");
            this.bodyAvailable = true;
            return this;
        }

        /** The request. */
        public SignedRequest build() {
            return new SignedRequest(this);
        }
    }
}
