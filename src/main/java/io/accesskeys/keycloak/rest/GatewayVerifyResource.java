package io.accesskeys.keycloak.rest;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.accesskeys.keycloak.signing.SignedRequest;
import io.accesskeys.keycloak.api.ApiError;
import io.accesskeys.keycloak.api.IdentityRepresentation;
import io.accesskeys.keycloak.api.JsonBody;
import io.accesskeys.keycloak.api.RequestContentType;
import io.accesskeys.keycloak.api.SignatureErrors;
import io.accesskeys.keycloak.verification.SignedRequestVerifier;
import io.accesskeys.keycloak.verification.VerifiedKey;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;

/**
 * {@code POST /realms/{realm}/access-keys/verify}: an API gateway hands over a request it received and learns whether
 * its signature is valid and whose it is. The gateway authenticates with a bearer token whose user (normally its
 * client's service account) holds the realm role {@value VerifierRole#NAME} ({@link GatewayCaller}). What it hands
 * over is read by {@link HandedOverRequest}, as forward-auth's forwarded headers are.
 */
public class GatewayVerifyResource {

    private static final Set<String> FIELDS = Set.of("method", "uri", "headers", "bodySha256");

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
        GatewayCaller.authorizeBearer(session, realm, session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.AUTHORIZATION));
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

    private static SignedRequest request(JsonBody json) {
        try {
            HandedOverRequest handed = HandedOverRequest.of(json.text("method"), json.text("uri"));
            JsonNode given = json.node("headers");
            if (given != null && !given.isNull()) {
                if (!given.isObject() || given.size() > HandedOverRequest.MAX_HEADERS) {
                    throw ApiError.invalid("'headers' must be an object of header names to lists of values.");
                }
                for (Iterator<Map.Entry<String, JsonNode>> fields = given.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> header = fields.next();
                    for (String value : values(header.getValue())) {
                        handed.header(header.getKey(), value);
                    }
                }
            }
            SignedRequest.Builder request = handed.build();
            String bodySha256 = json.text("bodySha256");
            if (bodySha256 != null) {
                request.bodySha256Hex(HandedOverRequest.sha256Hex(bodySha256));
            }
            return request.build();
        } catch (HandedOverRequest.Invalid e) {
            throw ApiError.of(e.error(), e.getMessage());
        }
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
