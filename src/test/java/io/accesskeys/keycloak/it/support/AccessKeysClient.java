package io.accesskeys.keycloak.it.support;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** The extension's self-service API as one user (with one bearer token) sees it. */
public final class AccessKeysClient {

    private final TestRealm realm;
    private final String token;

    public AccessKeysClient(TestRealm realm, String token) {
        this.realm = realm;
        this.token = token;
    }

    public static AccessKeysClient as(TestRealm realm, String username, String password) {
        return new AccessKeysClient(realm, realm.passwordLogin(username, password).accessToken());
    }

    public String token() {
        return token;
    }

    public Http.Response list() {
        return Http.get(realm.accessKeys("/me/keys")).bearer(token).send();
    }

    public Http.Response create(String description) {
        return Http.post(realm.accessKeys("/me/keys")).bearer(token)
                .json(description == null ? Map.of() : Map.of("description", description)).send();
    }

    /** Creates a key and returns the 201 body (with the secret). */
    public JsonNode createKey() {
        return create(null).expect(201).json();
    }

    public Http.Response patch(String accessKeyId, Object body) {
        return Http.patch(realm.accessKeys("/me/keys/" + accessKeyId)).bearer(token).json(body).send();
    }

    public Http.Response delete(String accessKeyId) {
        return Http.delete(realm.accessKeys("/me/keys/" + accessKeyId)).bearer(token).send();
    }
}
