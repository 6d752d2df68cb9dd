package io.accesskeys.keycloak.signing;

import java.util.Arrays;
import java.util.List;

/** Parsing and validation of the fields both schemes share; each failure is an IncompleteSignature. */
final class SignatureFields {

    static final int MAX_AUTHORIZATION_LENGTH = 8 * 1024;
    static final int MAX_SIGNED_HEADERS = 64;
    static final int MAX_ACCESS_KEY_ID_LENGTH = 128;
    static final int MAX_SECURITY_TOKEN_LENGTH = 8 * 1024;
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final List<String> TOKEN_HEADERS = List.of("x-amz-security-token", "x-security-token");
    /**
     * Header names signed on nearly every request: a signed name found here is this constant rather than a new
     * substring, so that the header lookups that follow reuse its cached hash code.
     */
    private static final String[] COMMON_HEADERS = {"host", "date", "x-amz-date", "x-sdk-date", "content-type",
            "content-md5", "content-length", "x-amz-content-sha256", "x-sdk-content-sha256", "x-amz-security-token",
            "x-security-token", "x-amz-target", "x-project-id"};
    /** {@link #COMMON_HEADERS} by length: a name is compared with the few of its own length only. */
    private static final String[][] COMMON_BY_LENGTH = byLength(COMMON_HEADERS);
    /** Signed-header lists that passed their check, as the immutable lists they gave. */
    private static final RecentlyChecked<List<String>> SIGNED_HEADER_LISTS = new RecentlyChecked<>(16);
    /** Declared payload hashes (hex) that passed their check, decoded; never modified. */
    private static final RecentlyChecked<byte[]> RECENT_PAYLOAD_HASHES = new RecentlyChecked<>(16);

    /** Character classes by ASCII code: one load per character in the checks below. */
    private static final byte ALNUM = 1;
    private static final byte SCOPE = 2;
    private static final byte LOWER_TOKEN = 4;
    private static final byte[] CLASSES = new byte[128];

    static {
        for (char c = '0'; c <= 'z'; c++) {
            boolean digit = c <= '9';
            boolean upper = c >= 'A' && c <= 'Z';
            boolean lower = c >= 'a';
            if (digit || upper || lower && c <= 'z') {
                CLASSES[c] |= ALNUM | SCOPE;
            }
            if (digit || lower && c <= 'z') {
                CLASSES[c] |= LOWER_TOKEN;
            }
        }
        for (char c : ".-_".toCharArray()) {
            CLASSES[c] |= SCOPE;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            CLASSES[c] |= LOWER_TOKEN;
        }
    }

    private SignatureFields() {
    }

    private static String[][] byLength(String[] names) {
        int longest = 0;
        for (String name : names) {
            longest = Math.max(longest, name.length());
        }
        String[][] byLength = new String[longest + 1][];
        for (int length = 0; length <= longest; length++) {
            final int wanted = length;
            byLength[length] = Arrays.stream(names).filter(n -> n.length() == wanted).toArray(String[]::new);
        }
        return byLength;
    }

    private static boolean is(char c, byte characterClass) {
        return c < 128 && (CLASSES[c] & characterClass) != 0;
    }

    /**
     * Splits {@code Name=value, Name=value} (from index {@code from}, after the scheme name) into the values of
     * {@code names}, in that order, given as bounds: value {@code i} is {@code text[b[2i], b[2i+1])}; refuses unknown,
     * repeated, empty or missing components. Works on indexes: nothing is copied. Only spaces are trimmed around a
     * component: any other whitespace is not printable ASCII, so that a header whose components and values all
     * parse is printable ASCII throughout (values are checked character by character by their own parsers).
     */
    static int[] components(String text, int from, List<String> names) throws Rejection {
        int[] bounds = new int[2 * names.size()];
        Arrays.fill(bounds, -1);
        int start = from;
        while (start <= text.length()) {
            int end = text.indexOf(',', start);
            if (end < 0) {
                end = text.length();
            }
            int partStart = start;
            int partEnd = end;
            while (partStart < partEnd && text.charAt(partStart) == ' ') {
                partStart++;
            }
            while (partEnd > partStart && text.charAt(partEnd - 1) == ' ') {
                partEnd--;
            }
            int eq = text.indexOf('=', partStart);
            if (eq < 0 || eq >= partEnd || eq == partStart || eq == partEnd - 1) {
                throw Rejection.incomplete("Authorization header components must have the form Name=value.");
            }
            int index = indexOfName(names, text, partStart, eq);
            if (index < 0) {
                throw Rejection.incomplete("Unknown Authorization header component.");
            }
            if (bounds[2 * index] >= 0) {
                throw Rejection.incomplete("Authorization header component '" + names.get(index) + "' is repeated.");
            }
            bounds[2 * index] = eq + 1;
            bounds[2 * index + 1] = partEnd;
            start = end + 1;
        }
        for (int i = 0; i < names.size(); i++) {
            if (bounds[2 * i] < 0) {
                throw Rejection.incomplete("Authorization header requires a '" + names.get(i) + "' component.");
            }
        }
        return bounds;
    }

    private static int indexOfName(List<String> names, String text, int from, int to) {
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.length() == to - from && text.startsWith(name, from)) {
                return i;
            }
        }
        return -1;
    }

    /** The AK: letters and digits only, 1 to 128 of them. */
    static String accessKeyId(String text) throws Rejection {
        if (text.isEmpty() || text.length() > MAX_ACCESS_KEY_ID_LENGTH) {
            throw Rejection.incomplete("The access key ID is malformed.");
        }
        for (int i = 0; i < text.length(); i++) {
            if (!is(text.charAt(i), ALNUM)) {
                throw Rejection.incomplete("The access key ID is malformed.");
            }
        }
        return text;
    }

    /** Signed header names: lower-case HTTP tokens, ';'-separated, strictly ascending, at most 64. */
    static List<String> signedHeaders(String text) throws Rejection {
        return signedHeaders(text, 0, text.length());
    }

    /** {@link #signedHeaders(String)} of {@code text[from, to)}. */
    static List<String> signedHeaders(String text, int from, int to) throws Rejection {
        // Clients of one SDK sign the same few lists: a list checked before is not parsed again.
        List<String> recent = SIGNED_HEADER_LISTS.recent(text, from, to);
        if (recent != null) {
            return recent;
        }
        List<String> names = parseSignedHeaders(text, from, to);
        SIGNED_HEADER_LISTS.keep(text.substring(from, to), names);
        return names;
    }

    private static List<String> parseSignedHeaders(String text, int from, int to) throws Rejection {
        String[] names = new String[8];
        int size = 0;
        int start = from;
        while (start <= to) {
            int end = text.indexOf(';', start);
            if (end < 0 || end > to) {
                end = to;
            }
            if (size == MAX_SIGNED_HEADERS) {
                throw Rejection.incomplete("Too many signed headers.");
            }
            if (!isLowerToken(text, start, end)) {
                throw Rejection.incomplete("Signed header names must be lower-case header names separated by ';'.");
            }
            if (size > 0 && compare(names[size - 1], text, start, end) >= 0) {
                throw Rejection.incomplete("Signed headers must be sorted and unique.");
            }
            if (size == names.length) {
                names = Arrays.copyOf(names, 2 * size);
            }
            names[size++] = headerName(text, start, end);
            start = end + 1;
        }
        return List.of(size == names.length ? names : Arrays.copyOf(names, size));
    }

    private static String headerName(String text, int from, int to) {
        int length = to - from;
        if (length < COMMON_BY_LENGTH.length) {
            for (String common : COMMON_BY_LENGTH[length]) {
                if (text.startsWith(common, from)) {
                    return common;
                }
            }
        }
        return text.substring(from, to);
    }

    /** {@code name.compareTo(text.substring(from, to))} without the substring. */
    private static int compare(String name, String text, int from, int to) {
        int length = Math.min(name.length(), to - from);
        for (int i = 0; i < length; i++) {
            int c = name.charAt(i) - text.charAt(from + i);
            if (c != 0) {
                return c;
            }
        }
        return name.length() - (to - from);
    }

    /** The signature: exactly 64 lower-case hex digits. */
    static byte[] signature(String text) throws Rejection {
        return signature(text, 0, text.length());
    }

    /** {@link #signature(String)} of {@code text[from, to)}. */
    static byte[] signature(String text, int from, int to) throws Rejection {
        byte[] signature = to - from == 64 ? Hex.decodeLower(text, from, to) : null;
        if (signature == null) {
            throw Rejection.incomplete("The signature must be 64 lower-case hexadecimal digits.");
        }
        return signature;
    }

    /** The single value of a header ({@code name} in lower case), null if absent; several values are refused. */
    static String singleHeader(RequestHeaders headers, String name) throws Rejection {
        List<String> values = headers.allOfLowerCase(name);
        if (values.size() > 1) {
            throw Rejection.incomplete("Header '" + name + "' must not be repeated.");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    /** The security token from X-Amz-Security-Token or X-Security-Token (they must agree), or null. */
    static String securityToken(RequestHeaders headers, String fromQuery) throws Rejection {
        String token = fromQuery;
        for (String name : TOKEN_HEADERS) {
            String value = singleHeader(headers, name);
            if (value != null) {
                value = value.strip();
                if (token != null && !token.equals(value)) {
                    throw Rejection.incomplete("Conflicting security tokens in the request.");
                }
                token = value;
            }
        }
        if (token != null && (token.isEmpty() || token.length() > MAX_SECURITY_TOKEN_LENGTH)) {
            throw Rejection.incomplete("The security token is empty or too long.");
        }
        return token;
    }

    /**
     * The payload hash a signed content-hash header declares ({@code UNSIGNED-PAYLOAD} or a hex SHA-256),
     * or null when the header is not signed: then the body's own hash is signed.
     */
    static String declaredPayloadHash(RequestHeaders headers, String headerName, List<String> signedHeaders)
            throws Rejection {
        DeclaredPayload declared = declaredPayload(headers, headerName, signedHeaders);
        return declared == null ? null : declared.hash();
    }

    /**
     * A signed content-hash header's value, and for a hex SHA-256 its 32 bytes (null for {@code UNSIGNED-PAYLOAD}):
     * decoded as it is checked, so that comparing it with the body's hash is a compare of bytes. The bytes may be
     * shared with other requests that declared the same hash: read them only.
     */
    record DeclaredPayload(String hash, byte[] sha256) {
    }

    /** {@link #declaredPayloadHash} with the hash's bytes; null when the header is not signed. */
    static DeclaredPayload declaredPayload(RequestHeaders headers, String headerName, List<String> signedHeaders)
            throws Rejection {
        if (!signedHeaders.contains(headerName)) {
            return null;
        }
        String value = singleHeader(headers, headerName);
        if (value == null) {
            throw Rejection.incomplete("Signed header '" + headerName + "' is not present in the request.");
        }
        value = value.strip();
        if (value.equals(UNSIGNED_PAYLOAD)) {
            return new DeclaredPayload(value, null);
        }
        // The empty body's hash (every GET that signs it) and other repeated ones are decoded once.
        byte[] sha256 = RECENT_PAYLOAD_HASHES.recent(value, 0, value.length());
        if (sha256 == null && value.length() == 64) {
            sha256 = Hex.decode(value);
            if (sha256 != null) {
                RECENT_PAYLOAD_HASHES.keep(value, sha256);
            }
        }
        if (sha256 != null) {
            return new DeclaredPayload(value, sha256);
        }
        if (value.startsWith("STREAMING-")) {
            // aws-chunked bodies (S3 uploads) sign every chunk; the chunks are not verified here, with or without the body.
            throw Rejection.incomplete("Streamed chunk signatures (" + value + ") are not supported: sign the "
                    + "payload's SHA-256 or UNSIGNED-PAYLOAD (for the AWS SDKs, turn chunked encoding off).");
        }
        throw Rejection.incomplete("Header '" + headerName + "' must be a hex SHA-256 or UNSIGNED-PAYLOAD.");
    }

    /** Whether every character is printable ASCII (space to '~'). */
    static boolean isPrintableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            // One unsigned compare: below 0x20 wraps around to a large char.
            if ((char) (text.charAt(i) - 0x20) > 0x7E - 0x20) {
                return false;
            }
        }
        return true;
    }

    /** A credential-scope part (region, service): 1 to 64 of {@code A-Z a-z 0-9 . _ -}. */
    static String scopePart(String text, String what) throws Rejection {
        if (text.isEmpty() || text.length() > 64) {
            throw Rejection.incomplete("The credential scope " + what + " is malformed.");
        }
        for (int i = 0; i < text.length(); i++) {
            if (!is(text.charAt(i), SCOPE)) {
                throw Rejection.incomplete("The credential scope " + what + " is malformed.");
            }
        }
        return text;
    }

    private static boolean isLowerToken(String text, int from, int to) {
        if (to == from || to - from > 128) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!is(text.charAt(i), LOWER_TOKEN)) {
                return false;
            }
        }
        return true;
    }
}
