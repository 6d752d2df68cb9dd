package io.accesskeys.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Logs a user in through Keycloak's login pages with a plain HTTP client, the way a browser would: authorization code
 * flow with PKCE, following redirects, filling the login form, and (with an identity-provider hint) the upstream
 * realm's login form, so that the session comes back brokered. Each login has its own cookie jar.
 */
public final class OidcLogin {

    private static final int MAX_STEPS = 25;

    private final KeycloakServer server;
    private final String realm;
    private String clientId = TestRealm.TEST_CLIENT;
    private String redirectUri;
    private String identityProviderHint;
    private final Map<String, String> extraParameters = new LinkedHashMap<>();
    private boolean onlyLoginForms;
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new PathCookieJar())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    OidcLogin(KeycloakServer server, String realm) {
        this.server = server;
        this.realm = realm;
        this.redirectUri = server.baseUrl() + "/callback";
    }

    /** A login at {@code realm} of {@code server}, through {@link TestRealm#TEST_CLIENT} unless told otherwise. */
    public static OidcLogin to(KeycloakServer server, String realm) {
        return new OidcLogin(server, realm);
    }

    /** Use another client, e.g. {@code account-console} with redirect {@code /realms/R/account/}. */
    public OidcLogin client(String clientId, String redirectUri) {
        this.clientId = clientId;
        this.redirectUri = redirectUri;
        return this;
    }

    /** Go straight to this identity provider ({@code kc_idp_hint}). */
    public OidcLogin via(String identityProviderAlias) {
        this.identityProviderHint = identityProviderAlias;
        return this;
    }

    /** Adds an authorization request parameter, e.g. {@code max_age} or {@code prompt}. */
    public OidcLogin parameter(String name, String value) {
        extraParameters.put(name, value);
        return this;
    }

    /** Fail on any page other than a login form (e.g. a review-profile page after a broker login). */
    public OidcLogin onlyLoginForms() {
        this.onlyLoginForms = true;
        return this;
    }

    /** Logs in as {@code username} and exchanges the code for tokens. */
    public Tokens login(String username, String password) {
        String verifier = randomUrlSafe(48);
        String state = randomUrlSafe(16);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri);
        query.put("response_type", "code");
        query.put("scope", "openid");
        query.put("state", state);
        query.put("code_challenge", s256(verifier));
        query.put("code_challenge_method", "S256");
        if (identityProviderHint != null) {
            query.put("kc_idp_hint", identityProviderHint);
        }
        query.putAll(extraParameters);

        String code = followToCode(realmUrl("/protocol/openid-connect/auth?" + Http.formEncode(query)), username, password);
        Http.Response response = Http.post(realmUrl("/protocol/openid-connect/token"))
                .form(Map.of("grant_type", "authorization_code", "client_id", clientId, "code", code,
                        "redirect_uri", redirectUri, "code_verifier", verifier))
                .send().expect(200);
        return Tokens.from(response.json());
    }

    private String followToCode(String url, String username, String password) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).GET());
        for (int step = 0; step < MAX_STEPS; step++) {
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                String location = response.uri().resolve(response.headers().firstValue("Location").orElseThrow()).toString();
                if (location.startsWith(redirectUri)) {
                    return codeFrom(location);
                }
                response = send(HttpRequest.newBuilder(URI.create(location)).GET());
            } else if (status == 200) {
                response = submitForm(response, username, password);
            } else {
                throw new AssertionError("Login stopped at HTTP " + status + " " + response.uri() + ":\n" + pageText(response));
            }
        }
        throw new AssertionError("Login did not finish within " + MAX_STEPS + " steps");
    }

    /** Fills the login form with the credentials, or submits any other form (e.g. review profile) as it stands. */
    private HttpResponse<String> submitForm(HttpResponse<String> page, String username, String password) {
        Document document = Jsoup.parse(page.body(), page.uri().toString());
        Element form = document.selectFirst("form#kc-form-login");
        if (form == null && onlyLoginForms) {
            throw new AssertionError("Expected only login forms, but got " + page.uri() + ":\n" + document.text());
        }
        if (form == null) {
            form = document.selectFirst("form[method=post]");
        }
        if (form == null) {
            throw new AssertionError("No form on " + page.uri() + ":\n" + document.text());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            String type = input.attr("type");
            if (("checkbox".equals(type) || "radio".equals(type)) && !input.hasAttr("checked")) {
                continue;
            }
            fields.put(input.attr("name"), input.val());
        }
        if (form.selectFirst("input[name=password]") != null) {
            fields.put("username", username);
            fields.put("password", password);
        }
        String action = form.absUrl("action");
        return send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Http.formEncode(fields))));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String realmUrl(String path) {
        return server.baseUrl() + "/realms/" + realm + path;
    }

    private static String codeFrom(String location) {
        String query = URI.create(location).getRawQuery();
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        if (!parameters.containsKey("code")) {
            throw new AssertionError("Redirected without a code: " + location);
        }
        return parameters.get("code");
    }

    private static String pageText(HttpResponse<String> response) {
        String body = response.body();
        return body.contains("<html") ? Jsoup.parse(body).text() : body;
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
