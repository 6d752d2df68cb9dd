package io.accesskeys.keycloak.rest;

import io.accesskeys.keycloak.contract.ErrorCode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.signing.RequestHeaders;
import io.accesskeys.keycloak.signing.SignedRequest;
import io.accesskeys.keycloak.api.ApiError;
import io.accesskeys.keycloak.api.HeaderText;
import io.accesskeys.keycloak.api.IdentityRepresentation;
import io.accesskeys.keycloak.api.JsonBody;
import io.accesskeys.keycloak.api.RequestContentType;
import io.accesskeys.keycloak.api.SignatureErrors;
import io.accesskeys.keycloak.api.SignedRequestTokens;
import io.accesskeys.keycloak.contract.ErrorCode;
import io.accesskeys.keycloak.verification.SignedRequestVerifier;
import io.accesskeys.keycloak.verification.VerifiedKey;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.util.JsonSerialization;

/**
 * {@code POST /realms/{realm}/access-keys/verify}: an API gateway hands over a request it received and learns whether
 * its signature is valid and whose it is. The gateway authenticates with a bearer token whose user (normally its
 * client's service account) holds the realm role {@value VerifierRole#NAME}.
 */
public class GatewayVerifyResource {

    private static final Set<String> FIELDS = Set.of("method", "uri", "headers", "bodySha256");
    private static final int MAX_HEADERS = 200;

    private final KeycloakSession session;

    GatewayVerifyResource(KeycloakSession session) {
        this.session = session;
    }

    /** The body is JSON; no entity parameter, so that a broken Content-Type gets our 400 (see {@link RequestBodies}). */
    @POST
    @Path("")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> verify() {
        RealmModel realm = session.getContext().getRealm();
        RequestContentType.requireParseable(session);
        authorizeCaller(realm);
        SignedRequest request = request(JsonBody.parse(RequestBodies.text(session), FIELDS));

        var outcome = session.getProvider(SignedRequestVerifier.class).verify(realm, request);
        Map<String, Object> answer = new LinkedHashMap<>();
        if (outcome instanceof SignedRequestVerifier.Accepted accepted) {
            VerifiedKey key = accepted.key();
            answer.put("valid", true);
            answer.putAll(JsonSerialization.mapper.convertValue(IdentityRepresentation.of(realm.getName(), key),
                    new TypeReference<Map<String, Object>>() { }));
            // What the signature covered, so that a gateway knows what it may rely on.
            answer.put("host", key.host());
            answer.put("signedHeaders", key.signedHeaders());
            answer.put("payloadSigned", key.payloadSigned());
        } else {
            answer.put("valid", false);
            answer.putAll(SignatureErrors.body(((SignedRequestVerifier.Refused) outcome).rejection()));
        }
        return answer;
    }

    /** The caller's token must carry the realm role (in the token, so that client scopes can narrow it). */
    private void authorizeCaller(RealmModel realm) {
        AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null) {
            throw ApiError.unauthorized("A bearer token of this realm is required to verify requests.");
        }
        AccessToken.Access roles = auth.token().getRealmAccess();
        if (roles == null || !roles.isUserInRole(VerifierRole.NAME) || SignedRequestTokens.issuedByGrant(auth.token())) {
            throw ApiError.accessDenied("The caller's token lacks the realm role " + VerifierRole.NAME + ".");
        }
    }

    private static SignedRequest request(JsonBody json) {
        String method = json.text("method");
        String uri = json.text("uri");
        if (method == null || method.isBlank() || uri == null || uri.isBlank()) {
            throw ApiError.invalid("Give the request's 'method' and 'uri'.");
        }
        if (!HeaderText.isValue(uri) || uri.indexOf(' ') >= 0) {
            throw ApiError.of(ErrorCode.MALFORMED_INPUT, "'uri' must not contain spaces or control characters.");
        }
        if (!method.chars().allMatch(c -> c >= 'A' && c <= 'Z') || method.length() > 16) {
            throw ApiError.invalid("'method' must be an HTTP method such as GET.");
        }
        RequestHeaders.Builder headers = RequestHeaders.builder();
        JsonNode given = json.node("headers");
        if (given != null && !given.isNull()) {
            if (!given.isObject() || given.size() > MAX_HEADERS) {
                throw ApiError.invalid("'headers' must be an object of header names to lists of values.");
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = given.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> header = fields.next();
                if (!HeaderText.isName(header.getKey())) {
                    throw ApiError.of(ErrorCode.MALFORMED_INPUT, "Header names must be HTTP tokens.");
                }
                for (String value : values(header.getValue())) {
                    if (!HeaderText.isValue(value)) {
                        throw ApiError.of(ErrorCode.MALFORMED_INPUT, "Header values must not contain control characters.");
                    }
                    headers.add(header.getKey(), value);
                }
            }
        }
        String path = uri;
        String query = null;
        // An absolute URI gives the host too, when the headers do not.
        int scheme = uri.indexOf("://");
        if (scheme > 0 && scheme < 8) {
            int pathStart = uri.indexOf('/', scheme + 3);
            String authority = pathStart < 0 ? uri.substring(scheme + 3) : uri.substring(scheme + 3, pathStart);
            path = pathStart < 0 ? "/" : uri.substring(pathStart);
            if (given == null || given.isNull() || !hasHost(given)) {
                headers.add("Host", authority);
            }
        }
        int question = path.indexOf('?');
        if (question >= 0) {
            query = path.substring(question + 1);
            path = path.substring(0, question);
        }
        SignedRequest.Builder request = SignedRequest.builder().method(method).rawPath(path).rawQuery(query).headers(headers.build());
        String bodySha256 = json.text("bodySha256");
        if (bodySha256 != null) {
            if (!bodySha256.matches("[0-9a-fA-F]{64}")) {
                throw ApiError.invalid("'bodySha256' must be 64 hexadecimal digits.");
            }
            request.bodySha256Hex(bodySha256.toLowerCase(java.util.Locale.ROOT));
        }
        return request.build();
    }

    private static boolean hasHost(JsonNode headers) {
        for (Iterator<String> names = headers.fieldNames(); names.hasNext(); ) {
            if (names.next().equalsIgnoreCase("host")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> values(JsonNode value) {
        if (value.isTextual()) {
            return List.of(value.textValue());
        }
        if (value.isArray()) {
            List<String> values = new java.util.ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    throw ApiError.invalid("Header values must be strings.");
                }
                values.add(item.textValue());
            }
            return values;
        }
        throw ApiError.invalid("Header values must be strings or lists of strings.");
    }
}
