package io.accesskeys.keycloak.rest;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.accesskeys.keycloak.api.ApiError;
import io.accesskeys.keycloak.api.CreatedKeyResponse;
import io.accesskeys.keycloak.api.CredentialsCsv;
import io.accesskeys.keycloak.api.KeyRepresentation;
import io.accesskeys.keycloak.api.KeyRequests;
import io.accesskeys.keycloak.api.KeyViews;
import io.accesskeys.keycloak.api.TemporaryKeyResponse;
import io.accesskeys.keycloak.contract.ErrorCode;
import io.accesskeys.keycloak.credential.AccessKeyQuotaExceededException;
import io.accesskeys.keycloak.credential.AccessKeyStore;
import io.accesskeys.keycloak.credential.KeyHolderNotSupportedException;
import io.accesskeys.keycloak.credential.KeyPatch;
import io.accesskeys.keycloak.credential.KeyRoles;
import io.accesskeys.keycloak.credential.RoleSet;
import io.accesskeys.keycloak.lifecycle.InvalidRoleException;
import io.accesskeys.keycloak.lifecycle.AccessKeyCredentialProviderFactory;
import io.accesskeys.keycloak.lifecycle.KeyChanges;
import io.accesskeys.keycloak.settings.AccessKeySettings;
import io.accesskeys.keycloak.settings.RealmSettingsStore;
import io.accesskeys.keycloak.temporary.TemporaryKeys;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** {@code /realms/{realm}/access-keys/me...}: a user's own keys, with the user's bearer token. */
public class SelfServiceResource {

    private final KeycloakSession session;
    private final RealmModel realm;

    SelfServiceResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** CORS preflight for every path below {@code /me} (the root resource's catch-all does not reach here). */
    @OPTIONS
    @Path("{any:.*}")
    public Response preflight() {
        return AccessKeysRealmResource.preflightResponse();
    }

    @GET
    @Path("")
    @Produces(MediaType.APPLICATION_JSON)
    public MeRepresentation me() {
        SelfServiceCaller caller = UserTokenAuthenticator.authenticate(session);
        AccessKeySettings settings = RealmSettingsStore.read(realm);
        return new MeRepresentation(
                caller.user().getUsername(),
                caller.federated(),
                caller.identityProvider(),
                settings.permitsPermanentKeys(caller.identityProvider()),
                settings.permitsTemporaryKeys(caller.identityProvider()),
                AccessKeyCredentialProviderFactory.quota(session),
                settings.operationProtection(),
                settings.temporaryMinDurationSeconds(),
                settings.temporaryMaxDurationSeconds(),
                settings.temporaryDefaultDurationSeconds(),
                settings.maxKeyAgeDays());
    }

    /** The roles the caller holds: what a new key may be scoped to. */
    @GET
    @Path("roles")
    @Produces(MediaType.APPLICATION_JSON)
    public RoleSet roles() {
        SelfServiceCaller caller = UserTokenAuthenticator.authenticate(session);
        return KeyRoles.held(caller.user());
    }

    @GET
    @Path("keys")
    @Produces(MediaType.APPLICATION_JSON)
    public List<KeyRepresentation> list() {
        SelfServiceCaller caller = UserTokenAuthenticator.authenticate(session);
        return KeyViews.of(session, store().list(caller.user()));
    }

    @GET
    @Path("keys/{ak}")
    @Produces(MediaType.APPLICATION_JSON)
    public KeyRepresentation get(@PathParam("ak") String accessKeyId) {
        SelfServiceCaller caller = UserTokenAuthenticator.authenticate(session);
        KeyRequests.requireWellFormed(accessKeyId);
        return store().find(caller.user(), accessKeyId).map(key -> KeyViews.of(session, key))
                .orElseThrow(() -> KeyRequests.noSuchKey(accessKeyId));
    }

    @POST
    @Path("keys")
    @Produces({MediaType.APPLICATION_JSON, CredentialsCsv.MEDIA_TYPE})
    public Response create(@HeaderParam(HttpHeaders.ACCEPT) String accept) {
        SelfServiceCaller caller = UserTokenAuthenticator.authenticate(session);
        KeyRequests.Create request = KeyRequests.create(RequestBodies.text(session));
        AccessKeySettings settings = RealmSettingsStore.read(realm);
        if (!settings.permitsPermanentKeys(caller.identityProvider())) {
            throw ApiError.of(ErrorCode.LOCAL_USER_REQUIRED,
                    "Sessions that came through an identity provider get temporary access keys, not permanent ones.");
        }
        OperationProtection.require(settings, caller);

        AccessKeyStore.Created created;
        try {
            created = changes(caller).create(caller.user(), request.description(), request.roles());
        } catch (AccessKeyQuotaExceededException e) {
            throw ApiError.of(ErrorCode.QUOTA_EXCEEDED, "You already have " + e.quota()
                    + " access keys, the most allowed. Delete one to create another.");
        } catch (KeyHolderNotSupportedException e) {
            throw ApiError.invalid(e.getMessage() + ".");
        } catch (InvalidRoleException e) {
            throw ApiError.of(ErrorCode.INVALID_ROLE, "A key can be scoped only to roles you hold: " + e.getMessage() + ".");
        }
        URI location = session.getContext().getUri().getAbsolutePathBuilder().path(created.key().accessKeyId()).build();
        return CreatedKeyResponse.of(caller.user().getUsername(), created, accept, location, settings);
    }

    @PATCH
    @Path("keys/{ak}")
    @Produces(MediaType.APPLICATION_JSON)
    public KeyRepresentation update(@PathParam("ak") String accessKeyId) {
        SelfServiceCaller caller = UserTokenAuthenticator.authenticate(session);
        KeyRequests.requireWellFormed(accessKeyId);
        KeyPatch patch = KeyRequests.patch(RequestBodies.text(session));
        if (store().find(caller.user(), accessKeyId).isEmpty()) {
            throw KeyRequests.noSuchKey(accessKeyId);
        }
        if (patch.changesStatus()) {
            OperationProtection.require(RealmSettingsStore.read(realm), caller);
        }
        return changes(caller).update(caller.user(), accessKeyId, patch).map(key -> KeyViews.of(session, key))
                .orElseThrow(() -> KeyRequests.noSuchKey(accessKeyId));
    }

    @DELETE
    @Path("keys/{ak}")
    public Response delete(@PathParam("ak") String accessKeyId) {
        SelfServiceCaller caller = UserTokenAuthenticator.authenticate(session);
        KeyRequests.requireWellFormed(accessKeyId);
        if (store().find(caller.user(), accessKeyId).isEmpty()) {
            throw KeyRequests.noSuchKey(accessKeyId);
        }
        OperationProtection.require(RealmSettingsStore.read(realm), caller);
        if (!changes(caller).delete(caller.user(), accessKeyId)) {
            throw KeyRequests.noSuchKey(accessKeyId);
        }
        return Response.noContent().build();
    }

    /** A temporary key for this session: nothing is stored; the token carries what verification needs. */
    @POST
    @Path("temporary")
    @Produces({MediaType.APPLICATION_JSON, CredentialsCsv.MEDIA_TYPE})
    public Response issueTemporary(@HeaderParam(HttpHeaders.ACCEPT) String accept) {
        SelfServiceCaller caller = UserTokenAuthenticator.authenticate(session);
        AccessKeySettings settings = RealmSettingsStore.read(realm);
        int duration = TemporaryKeyRequests.duration(RequestBodies.text(session), settings);
        TemporaryKeyRequests.requireEligible(caller, settings);
        OperationProtection.require(settings, caller);
        TemporaryKeys.Issued issued = changes(caller).issueTemporary(caller.user(), caller.identityProvider(), duration);
        return TemporaryKeyResponse.of(caller.user().getUsername(), issued, accept);
    }

    private KeyChanges changes(SelfServiceCaller caller) {
        return new KeyChanges(session, realm, new UserKeyEvents(session, caller));
    }

    private AccessKeyStore store() {
        return new AccessKeyStore(session, realm);
    }
}
