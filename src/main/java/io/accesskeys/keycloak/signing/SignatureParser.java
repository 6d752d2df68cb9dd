package io.accesskeys.keycloak.signing;

import io.accesskeys.keycloak.contract.ErrorCode;

import java.util.List;

/** Finds which scheme and form a request is signed with and parses it; no lookups, no crypto. */
final class SignatureParser {

    private static final int MAX_METHOD_LENGTH = 32;
    private static final List<SchemeRules> SCHEMES = List.of(Aws4Rules.INSTANCE, SdkHmacRules.INSTANCE);

    private SignatureParser() {
    }

    static ParsedSignature parse(SignedRequest request) throws Rejection {
        SchemeRules rules = null;
        String authorization = null;
        List<String> authorizations = request.headers().allOfLowerCase("authorization");
        for (String value : authorizations) {
            String text = value.strip();
            SchemeRules found = schemeOf(text);
            if (found != null) {
                if (authorizations.size() > 1) {
                    throw Rejection.incomplete("The Authorization header must not be repeated.");
                }
                if (text.length() > SignatureFields.MAX_AUTHORIZATION_LENGTH) {
                    throw Rejection.incomplete("The Authorization header is too long.");
                }
                rules = found;
                authorization = text;
            }
        }
        try {
            return parse(request, rules, authorization);
        } catch (Rejection rejection) {
            // Refused as not printable ASCII before anything else, as if checked first. A header that parses is
            // printable: its parts check every character (see SignatureFields#components), so only a refusal
            // needs this scan.
            if (authorization != null && !SignatureFields.isPrintableAscii(authorization)) {
                throw Rejection.incomplete("The Authorization header must be printable ASCII.");
            }
            throw rejection;
        }
    }

    /** {@link #parse(SignedRequest)} once the Authorization header of a known scheme, if any, is found. */
    private static ParsedSignature parse(SignedRequest request, SchemeRules rules, String authorization)
            throws Rejection {
        String query = request.rawQuery();
        // A query without the markers' common prefix names none: one search instead of a scan of every name.
        boolean presigned = query != null && query.contains(Aws4Rules.PRESIGN_MARKER_PREFIX)
                && QueryParameters.namesAny(query, Aws4Rules.PRESIGN_MARKERS);
        if (rules == null && !presigned) {
            throw new Rejection(ErrorCode.MISSING_AUTHENTICATION_TOKEN,
                    "Request is missing an Authorization header of a supported scheme or presigned-URL parameters.");
        }
        if (rules != null && presigned) {
            throw Rejection.incomplete("Only one authentication mechanism is allowed: Authorization header "
                    + "or presigned-URL parameters.");
        }
        checkMethod(request.method());
        if (rules == null) {
            return Aws4Rules.INSTANCE.parsePresigned(request, QueryParameters.parse(request.rawQuery()));
        }
        // Both Aws4Rules (S3 or not) sort the query alike, so the scheme's first rules decide its order.
        CanonicalQuery canonicalQuery = QueryParameters.canonicalQueryOf(request.rawQuery(),
                rules.canonicalQueryOrder());
        // The text is stripped: nothing after the scheme name means no parameters.
        int parametersAt = rules.scheme().wireName().length();
        if (authorization.length() == parametersAt) {
            throw Rejection.incomplete("The Authorization header has no parameters.");
        }
        return rules.parseAuthorization(authorization, parametersAt, request, canonicalQuery);
    }

    /** The scheme named by the header's first word, or null for an unknown (or absent) scheme. */
    private static SchemeRules schemeOf(String authorization) {
        for (SchemeRules rules : SCHEMES) {
            String name = rules.scheme().wireName();
            if (authorization.startsWith(name)
                    && (authorization.length() == name.length() || authorization.charAt(name.length()) == ' ')) {
                return rules;
            }
        }
        return null;
    }

    private static void checkMethod(String method) throws Rejection {
        if (method.isEmpty() || method.length() > MAX_METHOD_LENGTH) {
            throw Rejection.incomplete("The HTTP method is malformed.");
        }
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                throw Rejection.incomplete("The HTTP method is malformed.");
            }
        }
    }
}
