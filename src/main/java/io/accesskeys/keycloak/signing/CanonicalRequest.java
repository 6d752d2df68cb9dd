package io.accesskeys.keycloak.signing;

import java.util.List;

/**
 * The canonical request both schemes sign, kept in parts so that the costly body hash is added last:
 * {@code method \n path \n query \n headers-block \n signed-headers \n payload-hash}.
 */
record CanonicalRequest(String method, String path, String query, String headers, String signedHeaders) {

    /** Canonicalises everything but the payload; refuses malformed paths, queries and missing headers. */
    static CanonicalRequest prepare(SchemeRules rules, SignedRequest request, List<QueryParameters.Parameter> query,
                                    String excludedQueryName, List<String> signedHeaders) throws Rejection {
        return new CanonicalRequest(
                request.method(),
                rules.canonicalPath(request.rawPath()),
                QueryParameters.canonical(query, excludedQueryName, rules.canonicalQueryOrder()),
                CanonicalHeaders.build(request.headers(), signedHeaders, rules.collapsesHeaderWhitespace()),
                String.join(";", signedHeaders));
    }

    /** The full canonical request text with the given payload hash. */
    String render(String payloadHash) {
        return new StringBuilder(method.length() + path.length() + query.length() + headers.length()
                + signedHeaders.length() + 72)
                .append(method).append('\n')
                .append(path).append('\n')
                .append(query).append('\n')
                .append(headers).append('\n')
                .append(signedHeaders).append('\n')
                .append(payloadHash)
                .toString();
    }
}
