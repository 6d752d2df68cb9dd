package io.accesskeys.keycloak.signing;

import java.util.List;

/** The canonical headers block: one {@code name:value\n} line per signed header, in signed-header order. */
final class CanonicalHeaders {

    private CanonicalHeaders() {
    }

    /**
     * Appends the block to {@code out}.
     *
     * @param signedHeaders     lower-case names, already validated and sorted
     * @param collapseWhitespace SigV4 collapses inner runs of whitespace (also folded multi-line values) to
     *                           one space; SDK-HMAC-SHA256 only trims, as the Huawei SDKs do
     * @param asciiNames         the names are known to be ASCII (a parsed signature's)
     * @param plain              header values known to be ASCII without whitespace, found by identity (the parsed
     *                           timestamp and payload hash, when they are the header values as received), so that
     *                           they are copied without a scan; null entries for none
     */
    static void append(RequestHeaders headers, List<String> signedHeaders, boolean collapseWhitespace,
                       boolean asciiNames, String[] plain, Utf8Buffer out) throws Rejection {
        for (String name : signedHeaders) {
            List<String> values = headers.allOfLowerCase(name);
            if (values.isEmpty()) {
                throw Rejection.incomplete("Signed header '" + name + "' is not present in the request.");
            }
            CanonicalRequest.appendName(name, asciiNames, out);
            out.append(':');
            // Repeated headers are joined with ',' in the order received (SigV4 rule, HTTP list semantics).
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                String value = values.get(i);
                if (value == plain[0] || value == plain[1]) {
                    out.appendAscii(value);
                } else {
                    appendValue(value, collapseWhitespace, out);
                }
            }
            out.append('\n');
        }
    }

    private static void appendValue(String value, boolean collapse, Utf8Buffer out) {
        int start = 0;
        int end = value.length();
        while (start < end && isSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(value.charAt(end - 1))) {
            end--;
        }
        if (!collapse) {
            out.append(value, start, end);
            return;
        }
        switch (scan(value, start, end)) {
            case PLAIN_ASCII -> {
                out.appendAscii(value, start, end);
                return;
            }
            case PLAIN -> {
                out.append(value, start, end);
                return;
            }
            default -> {
                // collapsed below
            }
        }
        // Runs of non-space characters are appended whole (never a surrogate pair cut in two), one space between.
        int run = start;
        for (int i = start; i < end; i++) {
            if (isSpace(value.charAt(i))) {
                if (run < i) {
                    out.append(value, run, i).append(' ');
                }
                run = i + 1;
            }
        }
        out.append(value, run, end);
    }

    private static final int PLAIN_ASCII = 0;
    private static final int PLAIN = 1;
    private static final int COLLAPSE = 2;

    /**
     * {@link #COLLAPSE} if an inner run of whitespace is longer than one space or is not a space, else
     * {@link #PLAIN_ASCII} or {@link #PLAIN} (non-ASCII characters): one scan decides how the value is copied.
     */
    private static int scan(String value, int start, int end) {
        int result = PLAIN_ASCII;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            // Whitespace is at most ' ': one compare passes the usual character.
            if (c <= ' ') {
                if (isSpace(c) && (c != ' ' || isSpace(value.charAt(i + 1)))) {
                    return COLLAPSE;
                }
            } else if (c >= 0x80) {
                result = PLAIN;
            }
        }
        return result;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
