package io.accesskeys.keycloak.api;

/**
 * What may stand in an HTTP header that a gateway hands over (RFC 9110 §5): a name is a token, a value has no control
 * characters but horizontal tab. Anything else could never have arrived in a real request, and CR/LF in particular
 * would let a forged value split lines in what is canonicalised or passed upstream.
 */
public final class HeaderText {

    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private HeaderText() {
    }

    public static boolean isName(String name) {
        if (name == null || name.isEmpty() || name.length() > 256) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && TOKEN_SYMBOLS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    public static boolean isValue(String value) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
