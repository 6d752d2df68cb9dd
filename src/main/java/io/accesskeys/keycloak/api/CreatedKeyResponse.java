package io.accesskeys.keycloak.api;

import java.net.URI;
import java.util.Arrays;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.accesskeys.keycloak.credential.AccessKeyStore;
import io.accesskeys.keycloak.settings.AccessKeySettings;

/** The answer to a create: the key with its secret, as JSON or, when the client asks for text/csv, as the CSV file. */
public final class CreatedKeyResponse {

    private CreatedKeyResponse() {
    }

    public static Response of(String username, AccessKeyStore.Created created, String accept, URI location,
                              AccessKeySettings settings) {
        String secret = new String(created.secret());
        Arrays.fill(created.secret(), '\0');
        String accessKeyId = created.key().accessKeyId();
        Response.ResponseBuilder response = wantsCsv(accept)
                ? CredentialsCsv.attachment(201, CredentialsCsv.permanent(username, accessKeyId, secret))
                : Response.status(201).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(KeyRepresentation.of(created.key(), null, settings).withSecret(secret))
                        .header("Cache-Control", "no-store");
        return response.location(location).build();
    }

    /** CSV only when the client names text/csv; JSON is the default for everything else. */
    static boolean wantsCsv(String accept) {
        return accept != null && Arrays.stream(accept.split(","))
                .map(part -> part.split(";")[0].trim())
                .anyMatch(CredentialsCsv.MEDIA_TYPE::equalsIgnoreCase);
    }
}
