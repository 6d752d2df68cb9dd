package io.accesskeys.keycloak.it.support;

import java.util.List;
import java.util.Map;

/** A realm made for a test class, with helpers for its users and their tokens. */
public final class TestRealm {

    /** A public client with direct access grants and the standard flow, redirecting to {@code /callback}. */
    public static final String TEST_CLIENT = "test-client";

    private final String name;
    private final KeycloakServer server;
    private final AdminApi admin;

    TestRealm(String name, KeycloakServer server, AdminApi admin) {
        this.name = name;
        this.server = server;
        this.admin = admin;
    }

    public String name() {
        return name;
    }

    public KeycloakServer server() {
        return server;
    }

    public AdminApi admin() {
        return admin;
    }

    /** {@code /realms/{name}} + path on the server under test. */
    public String url(String path) {
        return server.baseUrl() + "/realms/" + name + path;
    }

    /** The extension's realm resource: {@code /realms/{name}/access-keys} + path. */
    public String accessKeys(String path) {
        return url("/access-keys" + path);
    }

    /** {@code /admin/realms/{name}} + path, relative as {@link AdminApi} takes it. */
    public String adminPath(String path) {
        return "/" + name + path;
    }

    /** Creates an enabled user with a verified email and a full profile (so no login page asks for more). */
    public String createUser(String username, String password) {
        return admin.create(adminPath("/users"), Map.of(
                "username", username,
                "enabled", true,
                "email", username + "@example.test",
                "emailVerified", true,
                "firstName", username,
                "lastName", "Tester",
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))));
    }

    /** A user holding these client roles of {@code realm-management} (e.g. view-users, manage-users). */
    public String createAdmin(String username, String password, String... realmManagementRoles) {
        String id = createUser(username, password);
        String client = admin.clientUuid(name, "realm-management");
        List<Object> roles = new java.util.ArrayList<>();
        for (String role : realmManagementRoles) {
            roles.add(admin.get(adminPath("/clients/" + client + "/roles/" + role)).expect(200).json());
        }
        admin.post(adminPath("/users/" + id + "/role-mappings/clients/" + client), roles).expect(204);
        return id;
    }

    /** Changes one field of a user, sending the whole representation back as the admin console does. */
    public void updateUser(String userId, String field, Object value) {
        Map<String, Object> user = Http.JSON.convertValue(admin.get(adminPath("/users/" + userId)).expect(200).json(),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        user.put(field, value);
        admin.put(adminPath("/users/" + userId), user).expect(204);
    }

    /** Merges {@code fields} into the realm representation (PUT /admin/realms/{name}). */
    public void update(Map<String, Object> fields) {
        admin.put(adminPath(""), fields).expect(204);
    }

    /** Turns on user and admin events (with representations) so that tests can read them. */
    public void enableEvents() {
        update(Map.of("eventsEnabled", true, "adminEventsEnabled", true, "adminEventsDetailsEnabled", true));
    }

    /** Sets the extension's realm settings through its admin API; fields left out keep their value. */
    public void accessKeySettings(Map<String, Object> settings) {
        admin.put(adminPath("/access-keys/settings"), settings).expect(200);
    }

    public String userId(String username) {
        return admin.userId(name, username);
    }

    /** Resource Owner Password grant: a session without {@code AUTH_TIME} from a login form. */
    public Tokens passwordLogin(String username, String password) {
        return Tokens.from(Http.post(url("/protocol/openid-connect/token"))
                .form(Map.of("grant_type", "password", "client_id", TEST_CLIENT, "scope", "openid",
                        "username", username, "password", password))
                .send().expect(200).json());
    }

    /** A login through the realm's login form (authorization code + PKCE). */
    public OidcLogin browserLogin() {
        return new OidcLogin(server, name);
    }

    /** A login that goes through realm {@code corp}, so that the session here is brokered. */
    public Tokens brokeredLogin(String username, String password) {
        return new OidcLogin(server, name).via(TestRealms.CORP).login(username, password);
    }
}
