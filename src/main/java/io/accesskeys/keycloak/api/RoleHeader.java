package io.accesskeys.keycloak.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.accesskeys.keycloak.credential.RoleSet;

/**
 * Roles in a header (forward-auth's {@code X-Access-Key-Roles} and {@code X-Access-Key-Required-Role}): comma-separated
 * items, a realm role as its name, a client role as {@code clientId:role}, each name percent-encoded as RFC 3986
 * (everything but {@code A-Za-z0-9-._~}), so that {@code ,}, {@code :} and {@code %} in names never collide.
 */
public final class RoleHeader {

    private RoleHeader() {
    }

    /** One role named in a header: {@code clientId} null for a realm role. */
    public record Item(String clientId, String role) {

        public boolean heldIn(RoleSet roles) {
            return clientId == null ? roles.hasRealmRole(role) : roles.hasClientRole(clientId, role);
        }
    }

    /** The set as a header value: realm roles first, then client roles by clientId, each sorted. */
    public static String format(RoleSet roles) {
        List<String> items = new ArrayList<>();
        roles.realm().forEach(role -> items.add(encode(role)));
        roles.clients().forEach((clientId, names) -> names.forEach(role -> items.add(encode(clientId) + ":" + encode(role))));
        return String.join(",", items);
    }

    /** One item ({@code name} or {@code clientId:name}); null when it is empty or not validly encoded. */
    public static Item parse(String item) {
        if (item == null) {
            return null;
        }
        String text = item.strip();
        int colon = text.indexOf(':');
        if (colon < 0) {
            String role = decode(text);
            return role == null || role.isEmpty() ? null : new Item(null, role);
        }
        String clientId = decode(text.substring(0, colon));
        String role = decode(text.substring(colon + 1));
        return clientId == null || role == null || clientId.isEmpty() || role.isEmpty() ? null : new Item(clientId, role);
    }

    static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** The decoded name; null for a broken escape, a raw {@code ,} or {@code :}, or bytes that are not UTF-8. */
    static String decode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    return null;
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c == ',' || c == ':' || c > 127 || c < 32) {
                return null;
            } else {
                bytes.write(c);
            }
        }
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }
}
