package io.accesskeys.keycloak.it.support;

import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A cookie jar for one server that ignores the {@code Secure} flag. Keycloak marks its login cookies Secure on
 * http://127.0.0.1 (browsers treat loopback as a secure context), which {@link java.net.CookieManager} would then
 * never send back over plain HTTP. Cookies are kept per name and path, so realms' cookies do not collide.
 */
final class PathCookieJar extends CookieHandler {

    private final Map<String, HttpCookie> cookies = new ConcurrentHashMap<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        String header = cookies.values().stream()
                .filter(cookie -> !cookie.hasExpired() && path.startsWith(cookiePath(cookie)))
                .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
        return header.isEmpty() ? Map.of() : Map.of("Cookie", List.of(header));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
        responseHeaders.forEach((name, values) -> {
            if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
                for (String value : values) {
                    for (HttpCookie cookie : HttpCookie.parse(value)) {
                        if (cookie.getPath() == null) {
                            cookie.setPath(uri.getPath());
                        }
                        String key = cookie.getName() + ";" + cookiePath(cookie);
                        if (cookie.getMaxAge() == 0) {
                            cookies.remove(key);
                        } else {
                            cookies.put(key, cookie);
                        }
                    }
                }
            }
        });
    }

    private static String cookiePath(HttpCookie cookie) {
        return cookie.getPath() == null ? "/" : cookie.getPath();
    }
}
