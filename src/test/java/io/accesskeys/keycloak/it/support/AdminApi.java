package io.accesskeys.keycloak.it.support;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Keycloak's admin REST API as the master realm's bootstrap admin. Paths are relative to {@code /admin/realms}.
 */
public final class AdminApi {

    private final KeycloakServer server;
    private String token;
    private long tokenExpiresAt;

    AdminApi(KeycloakServer server) {
        this.server = server;
    }

    /** The admin API of a server of its own (see {@link KeycloakServer#separate}). */
    public static AdminApi of(KeycloakServer server) {
        return new AdminApi(server);
    }

    /** A fresh-enough admin access token (the master realm's tokens live only 60 s). */
    public synchronized String token() {
        if (token == null || System.currentTimeMillis() > tokenExpiresAt) {
            JsonNode response = Http.post(server.baseUrl() + "/realms/master/protocol/openid-connect/token")
                    .form(Map.of("grant_type", "password", "client_id", "admin-cli",
                            "username", KeycloakServer.ADMIN_USER, "password", KeycloakServer.ADMIN_PASSWORD))
                    .send().expect(200).json();
            token = response.get("access_token").asText();
            tokenExpiresAt = System.currentTimeMillis() + (response.get("expires_in").asLong() - 15) * 1000;
        }
        return token;
    }

    /**
     * Drops the cached token, so that the next call logs in again: after the server clock moved by days, the admin
     * session behind the token has expired on the server although the token's own lifetime has not passed here.
     */
    public synchronized void forgetToken() {
        token = null;
    }

    public String url(String path) {
        return server.baseUrl() + "/admin/realms" + path;
    }

    public Http.Response get(String path) {
        return Http.get(url(path)).bearer(token()).send();
    }

    public Http.Response post(String path, Object body) {
        return Http.post(url(path)).bearer(token()).json(body).send();
    }

    public Http.Response put(String path, Object body) {
        return Http.put(url(path)).bearer(token()).json(body).send();
    }

    public Http.Response delete(String path) {
        return Http.delete(url(path)).bearer(token()).send();
    }

    /** Creates a realm from its JSON representation (a Map, a representation object or a JSON string). */
    public void createRealm(Object realm) {
        Http.post(server.baseUrl() + "/admin/realms").bearer(token()).json(realm).send().expect(201);
    }

    public void deleteRealm(String realm) {
        Http.Response response = delete("/" + realm);
        if (response.status() != 204 && response.status() != 404) {
            throw new AssertionError("Could not delete realm " + realm + ": " + response);
        }
    }

    /** POSTs {@code body} to a collection and returns the new resource's id (from its Location header). */
    public String create(String collectionPath, Object body) {
        Http.Response response = post(collectionPath, body).expect(201);
        String location = response.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    public String userId(String realm, String username) {
        JsonNode users = get("/" + realm + "/users?exact=true&username=" + username).expect(200).json();
        if (users.isEmpty()) {
            throw new AssertionError("No user " + username + " in realm " + realm);
        }
        return users.get(0).get("id").asText();
    }

    public String clientUuid(String realm, String clientId) {
        JsonNode clients = get("/" + realm + "/clients?clientId=" + clientId).expect(200).json();
        if (clients.isEmpty()) {
            throw new AssertionError("No client " + clientId + " in realm " + realm);
        }
        return clients.get(0).get("id").asText();
    }
}
