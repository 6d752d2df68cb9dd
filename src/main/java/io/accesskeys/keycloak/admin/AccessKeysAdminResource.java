package io.accesskeys.keycloak.admin;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.accesskeys.keycloak.credential.AccessKey;
import io.accesskeys.keycloak.credential.AccessKeyQuotaExceededException;
import io.accesskeys.keycloak.credential.AccessKeyStatus;
import io.accesskeys.keycloak.credential.AccessKeyStore;
import io.accesskeys.keycloak.credential.KeyHolderNotSupportedException;
import io.accesskeys.keycloak.credential.KeyPatch;
import io.accesskeys.keycloak.credential.KeyRoles;
import io.accesskeys.keycloak.credential.RoleSet;
import io.accesskeys.keycloak.lifecycle.InvalidRoleException;
import io.accesskeys.keycloak.api.ApiError;
import io.accesskeys.keycloak.api.CreatedKeyResponse;
import io.accesskeys.keycloak.api.KeyRepresentation;
import io.accesskeys.keycloak.api.KeyRequests;
import io.accesskeys.keycloak.api.KeyViews;
import io.accesskeys.keycloak.contract.ErrorCode;
import io.accesskeys.keycloak.lifecycle.KeyChanges;
import io.accesskeys.keycloak.settings.AccessKeySettings;
import io.accesskeys.keycloak.settings.RealmSettingsStore;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/access-keys}: keys of any user of the realm, the inventory and the realm settings.
 * Reading needs {@code view-users} for that user, writing {@code manage-users} (fine-grained permissions apply).
 */
public class AccessKeysAdminResource {

    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminKeyEvents events;

    AccessKeysAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.events = new AdminKeyEvents(session, adminEvent);
    }

    @GET
    @Path("users/{userId}/keys")
    @Produces(MediaType.APPLICATION_JSON)
    public List<KeyRepresentation> list(@PathParam("userId") String userId) {
        UserModel user = viewableUser(userId);
        return KeyViews.of(session, store().list(user));
    }

    @POST
    @Path("users/{userId}/keys")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response create(@PathParam("userId") String userId, String body, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        UserModel user = manageableUser(userId);
        KeyRequests.Create request = KeyRequests.create(body);
        if (!KeyHolderPrivileges.mayActAs(auth, user)) {
            throw ApiError.accessDenied("A key acts as its user: you may create one for " + user.getUsername()
                    + " only if you hold every role they hold, or may impersonate them.");
        }
        AccessKeyStore.Created created;
        try {
            created = changes().create(user, request.description(), request.roles());
        } catch (AccessKeyQuotaExceededException e) {
            throw ApiError.of(ErrorCode.QUOTA_EXCEEDED, user.getUsername() + " already has " + e.quota()
                    + " access keys, the most allowed.");
        } catch (KeyHolderNotSupportedException e) {
            throw ApiError.invalid(e.getMessage() + ".");
        } catch (InvalidRoleException e) {
            throw ApiError.of(ErrorCode.INVALID_ROLE, "A key can be scoped only to roles its user holds: "
                    + e.getMessage() + ".");
        }
        URI location = session.getContext().getUri().getAbsolutePathBuilder().path(created.key().accessKeyId()).build();
        return CreatedKeyResponse.of(user.getUsername(), created, accept, location, RealmSettingsStore.read(realm));
    }

    /** The roles the user holds: what a new key of theirs may be scoped to. */
    @GET
    @Path("users/{userId}/roles")
    @Produces(MediaType.APPLICATION_JSON)
    public RoleSet roles(@PathParam("userId") String userId) {
        return KeyRoles.held(viewableUser(userId));
    }

    @GET
    @Path("users/{userId}/keys/{ak}")
    @Produces(MediaType.APPLICATION_JSON)
    public KeyRepresentation get(@PathParam("userId") String userId, @PathParam("ak") String accessKeyId) {
        UserModel user = viewableUser(userId);
        KeyRequests.requireWellFormed(accessKeyId);
        return store().find(user, accessKeyId).map(key -> KeyViews.of(session, key))
                .orElseThrow(() -> KeyRequests.noSuchKey(accessKeyId));
    }

    @PATCH
    @Path("users/{userId}/keys/{ak}")
    @Produces(MediaType.APPLICATION_JSON)
    public KeyRepresentation update(@PathParam("userId") String userId, @PathParam("ak") String accessKeyId, String body) {
        UserModel user = manageableUser(userId);
        KeyRequests.requireWellFormed(accessKeyId);
        KeyPatch patch = KeyRequests.patch(body);
        AccessKey updated = changes().update(user, accessKeyId, patch).orElseThrow(() -> KeyRequests.noSuchKey(accessKeyId));
        return KeyViews.of(session, updated);
    }

    @DELETE
    @Path("users/{userId}/keys/{ak}")
    public Response delete(@PathParam("userId") String userId, @PathParam("ak") String accessKeyId) {
        UserModel user = manageableUser(userId);
        KeyRequests.requireWellFormed(accessKeyId);
        if (!changes().delete(user, accessKeyId)) {
            throw KeyRequests.noSuchKey(accessKeyId);
        }
        return Response.noContent().build();
    }

    /** Every temporary key issued to the user until now stops working; later ones work. */
    @POST
    @Path("users/{userId}/temporary/revoke")
    public Response revokeTemporary(@PathParam("userId") String userId) {
        UserModel user = manageableUser(userId);
        changes().revokeTemporary(user);
        return Response.noContent().build();
    }

    /** The realm-wide inventory, filtered and paged; rows of users this admin may not view are left out. */
    @GET
    @Path("keys")
    @Produces(MediaType.APPLICATION_JSON)
    public List<KeyRepresentation> inventory(@QueryParam("search") String search, @QueryParam("status") String status,
                                             @QueryParam("unusedDays") String unusedDays,
                                             @QueryParam("minAgeDays") String minAgeDays,
                                             @QueryParam("rotationDue") String rotationDue,
                                             @QueryParam("first") String first, @QueryParam("max") String max) {
        if (!auth.users().canQuery()) {
            throw forbidden();
        }
        AccessKeySettings settings = RealmSettingsStore.read(realm);
        AccessKeyInventory.Filter filter = new AccessKeyInventory.Filter(
                search == null || search.isBlank() ? null : search,
                parseStatus(status),
                unusedSince(unusedDays),
                createdBefore(minAgeDays, rotationDue, settings),
                number("first", first, 0, 0, Integer.MAX_VALUE),
                number("max", max, DEFAULT_PAGE, 1, MAX_PAGE));
        if (filter.createdBefore() != null && filter.createdBefore().equals(Instant.MIN)) {
            return List.of(); // rotationDue=true in a realm without a maximum key age: no key is ever due
        }
        boolean viewAll = auth.users().canView();
        return new AccessKeyInventory(session, realm).list(filter).stream()
                .filter(entry -> viewAll || canView(entry.key().userId()))
                .map(entry -> KeyRepresentation.of(entry.key(), KeyViews.lastUsed(entry.lastUse()), settings)
                        .withOwner(entry.key().userId(), entry.username()))
                .toList();
    }

    /** Who owns this AK? */
    @GET
    @Path("keys/{ak}")
    @Produces(MediaType.APPLICATION_JSON)
    public KeyRepresentation owner(@PathParam("ak") String accessKeyId) {
        if (!auth.users().canQuery()) {
            throw forbidden();
        }
        KeyRequests.requireWellFormed(accessKeyId);
        AccessKeyStore store = store();
        UserModel user = store.ownerId(accessKeyId).map(id -> session.users().getUserById(realm, id)).orElse(null);
        if (user == null || !auth.users().canView(user)) {
            throw KeyRequests.noSuchKey(accessKeyId);
        }
        return store.find(user, accessKeyId)
                .map(key -> KeyViews.of(session, key).withOwner(user.getId(), user.getUsername()))
                .orElseThrow(() -> KeyRequests.noSuchKey(accessKeyId));
    }

    @GET
    @Path("settings")
    @Produces(MediaType.APPLICATION_JSON)
    public AccessKeySettings settings() {
        if (!auth.realm().canViewRealm() && !auth.users().canView()) {
            throw forbidden();
        }
        return RealmSettingsStore.read(realm);
    }

    /** Replaces the settings; fields left out keep their current value. */
    @PUT
    @Path("settings")
    @Produces(MediaType.APPLICATION_JSON)
    public AccessKeySettings updateSettings(String body) {
        if (!auth.realm().canManageRealm()) {
            throw forbidden();
        }
        AccessKeySettings updated = SettingsRequest.apply(RealmSettingsStore.read(realm), body, session);
        RealmSettingsStore.write(realm, updated);
        events.settingsChanged(updated);
        return updated;
    }

    private UserModel viewableUser(String userId) {
        UserModel user = user(userId);
        if (!auth.users().canView(user)) {
            throw forbidden();
        }
        return user;
    }

    private UserModel manageableUser(String userId) {
        UserModel user = user(userId);
        if (!auth.users().canManage(user)) {
            throw forbidden();
        }
        return user;
    }

    /** As Keycloak's own user resource: an unknown ID is 404 only for admins who may query users at all. */
    private UserModel user(String userId) {
        UserModel user = userId == null || userId.length() > 255 ? null : session.users().getUserById(realm, userId);
        if (user == null) {
            if (!auth.users().canQuery()) {
                throw forbidden();
            }
            throw ApiError.of(ErrorCode.NO_SUCH_USER, "No such user in realm " + realm.getName() + ".");
        }
        return user;
    }

    private boolean canView(String userId) {
        UserModel user = session.users().getUserById(realm, userId);
        return user != null && auth.users().canView(user);
    }

    private KeyChanges changes() {
        return new KeyChanges(session, realm, events);
    }

    private AccessKeyStore store() {
        return new AccessKeyStore(session, realm);
    }

    private static RuntimeException forbidden() {
        return ApiError.accessDenied("You lack the admin permission this needs.");
    }

    private static AccessKeyStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return AccessKeyStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("status must be ACTIVE or INACTIVE.");
        }
    }

    private static Instant unusedSince(String unusedDays) {
        if (unusedDays == null || unusedDays.isBlank()) {
            return null;
        }
        int days = number("unusedDays", unusedDays, 0, 0, 36_500);
        return Instant.ofEpochMilli(Time.currentTimeMillis()).minus(Duration.ofDays(days));
    }

    /**
     * The latest creation time the age filters let through ({@code minAgeDays}: created at least N days ago;
     * {@code rotationDue=true}: created so long ago that the key is due for rotation); the stricter of the two;
     * {@link Instant#MIN} when nothing can match; null for no age filter.
     */
    private static Instant createdBefore(String minAgeDays, String rotationDue, AccessKeySettings settings) {
        Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
        Instant limit = null;
        if (minAgeDays != null && !minAgeDays.isBlank()) {
            limit = now.minus(Duration.ofDays(number("minAgeDays", minAgeDays, 0, 0, 36_500)));
        }
        if (rotationDue != null && !rotationDue.isBlank()) {
            String flag = rotationDue.trim().toLowerCase(Locale.ROOT);
            if (!flag.equals("true") && !flag.equals("false")) {
                throw ApiError.invalid("rotationDue must be true or false.");
            }
            if (flag.equals("true")) {
                if (settings.maxKeyAgeDays() == null) {
                    return Instant.MIN;
                }
                Instant due = now.minus(Duration.ofDays(settings.maxKeyAgeDays())).plus(AccessKeySettings.ROTATION_WINDOW);
                limit = limit == null || due.isBefore(limit) ? due : limit;
            }
        }
        return limit;
    }

    private static int number(String name, String value, int fallback, int min, int maxValue) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= maxValue) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiError.invalid(name + " must be a whole number from " + min + " to " + maxValue + ".");
    }
}
