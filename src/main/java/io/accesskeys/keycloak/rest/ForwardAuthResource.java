package io.accesskeys.keycloak.rest;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.accesskeys.keycloak.api.ApiError;
import io.accesskeys.keycloak.api.IdentityRepresentation;
import io.accesskeys.keycloak.api.RequestContentType;
import io.accesskeys.keycloak.api.RoleHeader;
import io.accesskeys.keycloak.api.SignatureErrors;
import io.accesskeys.keycloak.contract.ErrorCode;
import io.accesskeys.keycloak.credential.RoleSet;
import io.accesskeys.keycloak.signing.SignedRequest;
import io.accesskeys.keycloak.signing.Verdict;
import io.accesskeys.keycloak.verification.RawRequestBody;
import io.accesskeys.keycloak.verification.SignedRequestVerifier;
import io.accesskeys.keycloak.verification.VerifiedKey;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Any method on {@code /realms/{realm}/access-keys/forward-auth}: an API gateway (nginx {@code auth_request}, Caddy
 * {@code forward_auth}, Traefik {@code forwardAuth}, Envoy {@code ext_authz}) asks about the request it received, as
 * it is. The original method and URI come in {@code X-Forwarded-Method}/{@code X-Original-Method} (else this call's
 * own method) and {@code X-Forwarded-Uri}/{@code X-Original-URI}; the host in {@code X-Forwarded-Host} (else
 * {@code Host}); the signature in the forwarded {@code Authorization}. The gateway itself authenticates in
 * {@code X-Gateway-Authorization} ({@link GatewayCaller}), which is never part of what is verified. The body is the
 * one this call carries, when the gateway sends it; otherwise it is not at hand and the answer says so.
 * <ul>
 * <li>200 with the identity headers for the upstream ({@code X-Access-Key-*}) and the identity as JSON;</li>
 * <li>401 with {@code X-Access-Key-Error: CODE} and the contract's JSON error for any refused request (every gateway
 * denies on 401; nginx turns other statuses into 500s);</li>
 * <li>403 for a gateway that is not allowed; 400 for a gateway that forwards no URI (a configuration error);</li>
 * <li>403 with {@code X-Access-Key-Error: AccessDenied} when the gateway requires a role
 * ({@value #REQUIRED_ROLE_HEADER}, {@link RoleHeader} syntax) that the verified key does not act with.</li>
 * </ul>
 */
public class ForwardAuthResource {

    public static final String GATEWAY_AUTHORIZATION = "X-Gateway-Authorization";
    public static final String ERROR_HEADER = "X-Access-Key-Error";
    static final List<String> METHOD_HEADERS = List.of("X-Forwarded-Method", "X-Original-Method");
    static final List<String> URI_HEADERS = List.of("X-Forwarded-Uri", "X-Original-URI");
    static final String HOST_HEADER = "X-Forwarded-Host";
    public static final String REQUIRED_ROLE_HEADER = "X-Access-Key-Required-Role";

    private final KeycloakSession session;

    ForwardAuthResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Path("")
    public Response get() {
        return check();
    }

    @HEAD
    @Path("")
    public Response head() {
        return check();
    }

    @POST
    @Path("")
    public Response post() {
        return check();
    }

    @PUT
    @Path("")
    public Response put() {
        return check();
    }

    @PATCH
    @Path("")
    public Response patch() {
        return check();
    }

    @DELETE
    @Path("")
    public Response delete() {
        return check();
    }

    @OPTIONS
    @Path("")
    public Response options() {
        return check();
    }

    private Response check() {
        RealmModel realm = session.getContext().getRealm();
        HttpRequest http = session.getContext().getHttpRequest();
        MultivaluedMap<String, String> received = http.getHttpHeaders().getRequestHeaders();
        // The client's Content-Type travels here as it was sent; one that does not parse is the client's error.
        boolean contentTypeParses = RequestContentType.isParseable(session);
        if (!contentTypeParses) {
            RequestContentType.skipSecurityHeaders(session);
        }
        GatewayCaller.authorizeGateway(session, realm, http.getHttpHeaders().getHeaderString(GATEWAY_AUTHORIZATION));
        if (!contentTypeParses) {
            return refused(ErrorCode.MALFORMED_INPUT, "The Content-Type header cannot be parsed.");
        }
        String uri = first(received, URI_HEADERS);
        if (uri == null) {
            throw ApiError.of(ErrorCode.MALFORMED_INPUT, "The gateway must forward the request's URI in "
                    + String.join(" or ", URI_HEADERS) + ".");
        }
        SignedRequest request;
        try {
            request = forwarded(http.getHttpMethod(), uri, received);
        } catch (HandedOverRequest.Invalid e) {
            return refused(e.error(), e.getMessage());
        } catch (RawRequestBody.TooLarge e) {
            return refused(ErrorCode.MALFORMED_INPUT, e.getMessage() + ".");
        }
        var outcome = session.getProvider(SignedRequestVerifier.class).verify(realm, request);
        if (outcome instanceof SignedRequestVerifier.Accepted accepted) {
            VerifiedKey key = accepted.key();
            RoleSet roles = key.roles();
            List<String> required = values(received, REQUIRED_ROLE_HEADER);
            if (!required.isEmpty()) {
                RoleHeader.Item item = required.size() == 1 ? RoleHeader.parse(required.get(0)) : null;
                if (item == null || !item.heldIn(roles)) {
                    return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE)
                            .header(ERROR_HEADER, ErrorCode.ACCESS_DENIED.code())
                            .header("Cache-Control", "no-store")
                            .header("X-Content-Type-Options", "nosniff")
                            .entity(SignatureErrors.body(Verdict.Rejected.of(ErrorCode.ACCESS_DENIED,
                                    "The access key does not act with the role this API requires.")))
                            .build();
                }
            }
            return allowed(realm, key, roles);
        }
        return refused(((SignedRequestVerifier.Refused) outcome).rejection());
    }

    /** The original request: every forwarded header but the gateway's own credential, the original host. */
    private static SignedRequest forwarded(String ownMethod, String uri, MultivaluedMap<String, String> received)
            throws HandedOverRequest.Invalid, RawRequestBody.TooLarge {
        String method = first(received, METHOD_HEADERS);
        HandedOverRequest handed = HandedOverRequest.of(method == null ? ownMethod : method, uri);
        for (Map.Entry<String, List<String>> header : received.entrySet()) {
            if (header.getKey().equalsIgnoreCase(GATEWAY_AUTHORIZATION)) {
                continue;
            }
            for (String value : header.getValue()) {
                handed.header(header.getKey(), value);
            }
        }
        List<String> forwardedHost = values(received, HOST_HEADER);
        if (forwardedHost.size() > 1) {
            throw new HandedOverRequest.Invalid(ErrorCode.MALFORMED_INPUT, "X-Forwarded-Host must be given once.");
        }
        if (forwardedHost.size() == 1) {
            handed.host(forwardedHost.get(0).strip());
        }
        SignedRequest.Builder request = handed.build();
        byte[] body = RawRequestBody.read();
        // A gateway that forwards the body (Envoy with_request_body, Traefik forwardBody) lets it be checked.
        return (body.length > 0 ? request.body(body) : request.withoutBody()).build();
    }

    private static Response allowed(RealmModel realm, VerifiedKey key, RoleSet roles) {
        IdentityRepresentation identity = IdentityRepresentation.of(realm.getName(), key, roles);
        Response.ResponseBuilder answer = Response.ok(identity, MediaType.APPLICATION_JSON_TYPE)
                .header("X-Access-Key-Id", identity.accessKeyId())
                .header("X-Access-Key-User", identity.username())
                .header("X-Access-Key-User-Id", identity.userId())
                .header("X-Access-Key-Type", identity.keyType())
                .header("X-Access-Key-Realm", identity.realm())
                .header("X-Access-Key-Roles", RoleHeader.format(roles))
                .header("X-Access-Key-Scoped", Boolean.toString(identity.scoped()))
                // "signed" only when the body that came is the one signed; never for a body not seen.
                .header("X-Access-Key-Payload", key.payloadVerified() ? "signed" : "unsigned")
                // The signature binds the body to this hash; the gateway did not send the body, so no one compared
                // it. Always present (empty when there is none): Caddy 2.6 copies a missing header as its placeholder.
                .header("X-Access-Key-Payload-Sha256", key.payloadSigned() && !key.bodyChecked() ? key.payloadHash() : "")
                .header("Cache-Control", "no-store");
        return answer.build();
    }

    private static Response refused(Verdict.Rejected<?> rejection) {
        return Response.status(Response.Status.UNAUTHORIZED).type(MediaType.APPLICATION_JSON_TYPE)
                .header(ERROR_HEADER, rejection.code())
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .entity(SignatureErrors.body(rejection)).build();
    }

    private static Response refused(ErrorCode error, String description) {
        return refused(Verdict.Rejected.of(error, description));
    }

    private static String first(MultivaluedMap<String, String> headers, List<String> names) {
        for (String name : names) {
            List<String> values = values(headers, name);
            if (!values.isEmpty()) {
                return values.get(0);
            }
        }
        return null;
    }

    private static List<String> values(MultivaluedMap<String, String> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return List.of();
    }
}
