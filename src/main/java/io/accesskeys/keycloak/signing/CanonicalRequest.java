package io.accesskeys.keycloak.signing;

import java.util.List;

/**
 * The canonical request both schemes sign, {@code method \n path \n query \n headers-block \n signed-headers \n
 * payload-hash}, built as UTF-8 bytes in one buffer up to the payload hash, so that the costly body hash is added
 * last, the bytes are hashed as they are, and the text becomes a String only when it is shown (a signature that
 * does not match).
 */
final class CanonicalRequest {

    private final Utf8Buffer text;
    private final int payloadHashAt;

    private CanonicalRequest(Utf8Buffer text) {
        this.text = text;
        this.payloadHashAt = text.length();
    }

    /**
     * Canonicalises everything but the payload; refuses malformed paths and missing headers.
     *
     * @param canonicalQuery the canonical query string (see {@link QueryParameters#canonicalQuery})
     */
    static CanonicalRequest prepare(SchemeRules rules, SignedRequest request, String canonicalQuery,
                                    List<String> signedHeaders) throws Rejection {
        return prepare(rules, request, CanonicalQuery.of(canonicalQuery), signedHeaders, false, NONE_PLAIN,
                new Utf8Buffer(512));
    }

    /**
     * {@link #prepare(SchemeRules, SignedRequest, String, List)} for a parsed signature, into {@code out} (empty),
     * which it keeps. The signature's header names are checked lower-case tokens, ASCII: copied in bulk; so are the
     * timestamp and declared payload hash when they are the header values themselves (nothing was stripped): they
     * are checked ASCII without whitespace.
     */
    static CanonicalRequest prepare(SchemeRules rules, SignedRequest request, ParsedSignature parsed, Utf8Buffer out)
            throws Rejection {
        String[] plain = {parsed.timestamp(), parsed.declaredPayloadHash()};
        return prepare(rules, request, parsed.canonicalQuery(), parsed.signedHeaders(), true, plain, out);
    }

    private static final String[] NONE_PLAIN = new String[2];

    private static CanonicalRequest prepare(SchemeRules rules, SignedRequest request, CanonicalQuery canonicalQuery,
                                            List<String> signedHeaders, boolean asciiNames, String[] plain,
                                            Utf8Buffer out) throws Rejection {
        out.append(request.method()).append('\n');
        out.appendAscii(rules.canonicalPath(request.rawPath())).append('\n');
        canonicalQuery.appendTo(out);
        out.append('\n');
        CanonicalHeaders.append(request.headers(), signedHeaders, rules.collapsesHeaderWhitespace(), asciiNames, plain,
                out);
        out.append('\n');
        for (int i = 0; i < signedHeaders.size(); i++) {
            if (i > 0) {
                out.append(';');
            }
            appendName(signedHeaders.get(i), asciiNames, out);
        }
        out.append('\n');
        return new CanonicalRequest(out);
    }

    /** Appends a header name: in bulk if known to be ASCII, else as UTF-8 (a signer's caller may name anything). */
    static void appendName(String name, boolean ascii, Utf8Buffer out) {
        if (ascii) {
            out.appendAscii(name);
        } else {
            out.append(name);
        }
    }

    /** Appends the SHA-256 (hex) of the canonical request with the given payload hash to {@code out}. */
    void appendSha256Hex(String payloadHash, Utf8Buffer out) {
        Hashing.appendSha256Hex(withPayloadHash(payloadHash), out);
    }

    /** The SHA-256 (hex) of the canonical request with the given payload hash. */
    String sha256Hex(String payloadHash) {
        Utf8Buffer hex = new Utf8Buffer(64);
        appendSha256Hex(payloadHash, hex);
        return hex.toString();
    }

    /** The full canonical request text with the given payload hash. */
    String render(String payloadHash) {
        return withPayloadHash(payloadHash).toString();
    }

    private Utf8Buffer withPayloadHash(String payloadHash) {
        text.setLength(payloadHashAt);
        // 64 hex digits or UNSIGNED-PAYLOAD: ASCII (checked where it is declared, made here otherwise).
        return text.appendAscii(payloadHash);
    }
}
