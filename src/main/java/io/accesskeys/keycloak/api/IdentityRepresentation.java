package io.accesskeys.keycloak.api;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.accesskeys.keycloak.credential.RoleSet;
import io.accesskeys.keycloak.verification.VerifiedKey;

/** Who signed: the answer of whoami, and the body of a valid gateway verification. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record IdentityRepresentation(
        String realm,
        String userId,
        String username,
        String accessKeyId,
        String keyType,
        String expiration,
        String scheme,
        String region,
        String service,
        boolean scoped,
        RoleSet roles) {

    /** The identity of {@code key}, with the roles it acts with now. */
    public static IdentityRepresentation of(String realm, VerifiedKey key) {
        return of(realm, key, key.roles());
    }

    /** As above, with the key's roles computed already. */
    public static IdentityRepresentation of(String realm, VerifiedKey key, RoleSet roles) {
        return new IdentityRepresentation(realm, key.user().getId(), key.user().getUsername(), key.accessKeyId(),
                key.keyType().name().toLowerCase(Locale.ROOT), IsoTime.format(key.expiration()),
                key.signature().scheme().wireName(), key.signature().region(), key.signature().service(),
                key.scoped(), roles);
    }
}
