package io.accesskeys.keycloak.signing;

import java.util.List;

/**
 * The canonical request both schemes sign, {@code method \n path \n query \n headers-block \n signed-headers \n
 * payload-hash}, built in one buffer up to the payload hash, so that the costly body hash is added last and the
 * text becomes a String only when it is shown (a signature that does not match).
 */
final class CanonicalRequest {

    private final StringBuilder text;
    private final int payloadHashAt;

    private CanonicalRequest(StringBuilder text) {
        this.text = text;
        this.payloadHashAt = text.length();
    }

    /** Canonicalises everything but the payload; refuses malformed paths, queries and missing headers. */
    static CanonicalRequest prepare(SchemeRules rules, SignedRequest request, List<QueryParameters.Parameter> query,
                                    String excludedQueryName, List<String> signedHeaders) throws Rejection {
        StringBuilder out = new StringBuilder(512);
        out.append(request.method()).append('\n');
        out.append(rules.canonicalPath(request.rawPath())).append('\n');
        QueryParameters.appendCanonical(query, excludedQueryName, rules.canonicalQueryOrder(), out);
        out.append('\n');
        CanonicalHeaders.append(request.headers(), signedHeaders, rules.collapsesHeaderWhitespace(), out);
        out.append('\n');
        for (int i = 0; i < signedHeaders.size(); i++) {
            out.append(i == 0 ? "" : ";").append(signedHeaders.get(i));
        }
        out.append('\n');
        return new CanonicalRequest(out);
    }

    /** The SHA-256 (hex) of the canonical request with the given payload hash. */
    String sha256Hex(String payloadHash) {
        return Hashing.sha256Hex(withPayloadHash(payloadHash));
    }

    /** The full canonical request text with the given payload hash. */
    String render(String payloadHash) {
        return withPayloadHash(payloadHash).toString();
    }

    private CharSequence withPayloadHash(String payloadHash) {
        text.setLength(payloadHashAt);
        return text.append(payloadHash);
    }
}
