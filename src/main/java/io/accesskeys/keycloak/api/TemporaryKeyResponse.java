package io.accesskeys.keycloak.api;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.accesskeys.keycloak.temporary.TemporaryKeys;

/** The answer to {@code POST /me/temporary}: the key, its secret and token, as JSON or as credentials.csv. */
public final class TemporaryKeyResponse {

    private TemporaryKeyResponse() {
    }

    public static Response of(String username, TemporaryKeys.Issued issued, String accept) {
        String secret = new String(issued.secret());
        Arrays.fill(issued.secret(), '\0');
        String expiration = IsoTime.format(issued.expiration());
        if (CreatedKeyResponse.wantsCsv(accept)) {
            return CredentialsCsv.attachment(201, CredentialsCsv.temporary(username, issued.accessKeyId(), secret,
                    issued.securityToken(), expiration)).build();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accessKeyId", issued.accessKeyId());
        body.put("secretAccessKey", secret);
        body.put("securityToken", issued.securityToken());
        body.put("expiration", expiration);
        return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE).entity(body)
                .header("Cache-Control", "no-store").build();
    }
}
