package io.accesskeys.keycloak.signing;

import java.util.ArrayDeque;
import java.util.Deque;

/** The canonical URI path of each scheme, from the raw (percent-encoded, as sent) path. */
final class CanonicalPath {

    static final int MAX_RAW_LENGTH = 8192;

    private CanonicalPath() {
    }

    /**
     * SigV4, non-S3: remove '.' and '..' segments and empty segments (duplicate slashes), then percent-encode
     * the result as a literal string. Because the raw path is already encoded once, this is AWS's
     * "encode each segment twice" ({@code %20} on the wire becomes {@code %2520}).
     */
    static String aws4(String rawPath) throws Rejection {
        checkLength(rawPath);
        if (rawPath.isEmpty()) {
            return "/";
        }
        // A normal, plain path is well-formed too: the usual one is scanned once.
        if (isNormalAndPlain(rawPath)) {
            return rawPath;
        }
        checkWellFormed(rawPath);
        String[] segments = rawPath.split("/", -1);
        Deque<String> kept = new ArrayDeque<>(segments.length);
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                kept.pollLast();
            } else {
                kept.addLast(segment);
            }
        }
        String last = segments[segments.length - 1];
        // RFC 3986 remove_dot_segments: a path ending in '/', '.' or '..' names a directory.
        boolean trailingSlash = last.isEmpty() || last.equals(".") || last.equals("..");
        StringBuilder normalised = new StringBuilder(rawPath.length());
        for (String segment : kept) {
            normalised.append('/').append(segment);
        }
        if (kept.isEmpty() || trailingSlash) {
            normalised.append('/');
        }
        StringBuilder out = new StringBuilder(normalised.length() + 16);
        PercentEncoding.encodeLiteral(normalised.toString(), true, out);
        return out.toString();
    }

    /**
     * SigV4 for S3: the path as it is, neither normalised ('.', '..' and empty segments stay) nor encoded twice; each
     * segment decoded and encoded once by AWS's rule, so that a character sent unencoded or encoded differently
     * ({@code !} or {@code %21}) canonicalises the same, as S3 does. An empty path is {@code /}.
     */
    static String s3(String rawPath) throws Rejection {
        checkLength(rawPath);
        if (rawPath.isEmpty()) {
            return "/";
        }
        // A canonical path is well-formed too.
        if (PercentEncoding.isCanonical(rawPath, 0, rawPath.length(), true)) {
            return rawPath;
        }
        checkWellFormed(rawPath);
        String[] segments = rawPath.split("/", -1);
        StringBuilder out = new StringBuilder(rawPath.length() + 8);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(PercentEncoding.reencode(segments[i]));
        }
        return out.toString();
    }

    /**
     * SDK-HMAC-SHA256: each segment decoded and encoded again (single encoding of the decoded path, as the
     * Huawei SDKs sign it), no dot-segment removal, and always a trailing '/'.
     */
    static String sdk(String rawPath) throws Rejection {
        checkLength(rawPath);
        // A canonical path is well-formed too.
        if (PercentEncoding.isCanonical(rawPath, 0, rawPath.length(), true)) {
            return rawPath.endsWith("/") ? rawPath : rawPath + '/';
        }
        checkWellFormed(rawPath);
        String[] segments = rawPath.split("/", -1);
        StringBuilder out = new StringBuilder(rawPath.length() + 8);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(PercentEncoding.reencode(segments[i]));
        }
        if (out.length() == 0 || out.charAt(out.length() - 1) != '/') {
            out.append('/');
        }
        return out.toString();
    }

    /**
     * Whether {@link #aws4} would give the path back as it is: it starts with '/', no segment but the last is empty,
     * none is '.' or '..', and every other character is unreserved (nothing to encode).
     */
    private static boolean isNormalAndPlain(String path) {
        if (path.charAt(0) != '/') {
            return false;
        }
        int segmentStart = 1;
        for (int i = 1; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                int length = i - segmentStart;
                if (length == 0 && i < path.length()
                        || length == 1 && path.charAt(segmentStart) == '.'
                        || length == 2 && path.startsWith("..", segmentStart)) {
                    return false;
                }
                segmentStart = i + 1;
            } else if (!PercentEncoding.isUnreserved(path.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static void checkLength(String rawPath) throws Rejection {
        if (rawPath.length() > MAX_RAW_LENGTH) {
            throw Rejection.incomplete("The request path is too long.");
        }
    }

    private static void checkWellFormed(String rawPath) throws Rejection {
        PercentEncoding.checkWellFormed(rawPath, "path");
    }
}
