package io.accesskeys.keycloak.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The parameters of an STS request in AWS's query protocol: the form body ({@code application/x-www-form-urlencoded},
 * UTF-8), as the SDKs and the CLI send it. A name given twice or an undecodable field is refused, not guessed at.
 */
final class StsForm {

    /** A body that is not a readable form. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, String> values;

    private StsForm(Map<String, String> values) {
        this.values = values;
    }

    static StsForm parse(byte[] body) throws Malformed {
        Map<String, String> values = new HashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return new StsForm(values);
        }
        for (String field : text.split("&", -1)) {
            if (field.isEmpty()) {
                continue;
            }
            int equals = field.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(equals < 0 ? field : field.substring(0, equals), StandardCharsets.UTF_8);
                value = equals < 0 ? "" : URLDecoder.decode(field.substring(equals + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new Malformed("The request body is not a valid form (a broken percent-encoding).");
            }
            if (values.putIfAbsent(name, value) != null) {
                throw new Malformed("The parameter " + name + " is given more than once.");
            }
        }
        return new StsForm(values);
    }

    /** The value of {@code name}, or null when it was not sent. */
    String get(String name) {
        return values.get(name);
    }

    /** Whether any parameter's name starts with {@code prefix}. */
    boolean hasAnyStartingWith(String prefix) {
        return values.keySet().stream().anyMatch(name -> name.startsWith(prefix));
    }
}
