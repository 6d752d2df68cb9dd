package io.accesskeys.keycloak.verification;

import java.nio.charset.StandardCharsets;

/**
 * The ways clients encode form fields: HTML forms and most libraries (space as {@code +}), RFC 3986 percent-encoding
 * (space as {@code %20}, as curl's --data-urlencode and JavaScript do), and as typed (curl -d: only what would break
 * the form is encoded).
 */
enum FormEncoding {

    /** application/x-www-form-urlencoded as java.net.URLEncoder, Python's urlencode and Go's url.Values write it. */
    HTML_FORM {
        @Override
        boolean keeps(int b) {
            return unreserved(b) && b != '~' || b == '*';
        }

        @Override
        String space() {
            return "+";
        }
    },
    /** RFC 3986: only unreserved characters stay. */
    RFC_3986 {
        @Override
        boolean keeps(int b) {
            return unreserved(b);
        }
    },
    /** As typed: printable ASCII stays unless it is a form delimiter. */
    AS_TYPED {
        @Override
        boolean keeps(int b) {
            return b > 0x20 && b < 0x7f && b != '&' && b != '=' && b != '%' && b != '+' && b != '#';
        }
    };

    abstract boolean keeps(int b);

    String space() {
        return "%20";
    }

    String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (byte raw : text.getBytes(StandardCharsets.UTF_8)) {
            int b = raw & 0xff;
            if (b == ' ') {
                out.append(space());
            } else if (keeps(b)) {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 15, 16)));
            }
        }
        return out.toString();
    }

    static boolean unreserved(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == '-' || b == '.' || b == '_' || b == '~';
    }
}
