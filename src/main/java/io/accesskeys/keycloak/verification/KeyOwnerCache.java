package io.accesskeys.keycloak.verification;

import java.util.Optional;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * AK → the realm and user that own it, bounded (one entry evicted at a time when full). AKs are unique across realms
 * and never change owner, so entries need no invalidation for correctness: a deleted key or user is caught by the
 * user and credential lookups, which go through Keycloak's cluster-invalidated user cache. Deletions still drop their
 * entry, so that the cache holds only live keys.
 */
final class KeyOwnerCache {

    private record Owner(String realmId, String userId) {
    }

    private final Cache<String, Owner> owners;

    KeyOwnerCache(long maxEntries) {
        owners = Caffeine.newBuilder().maximumSize(maxEntries).build();
    }

    /** The owner in this realm, looked up with {@code lookup} (a database read) when not known; misses are not kept. */
    Optional<String> owner(String realmId, String accessKeyId, Function<String, Optional<String>> lookup) {
        Owner owner = owners.getIfPresent(accessKeyId);
        if (owner != null) {
            return owner.realmId().equals(realmId) ? Optional.of(owner.userId()) : Optional.empty();
        }
        Optional<String> found = lookup.apply(accessKeyId);
        found.ifPresent(userId -> owners.put(accessKeyId, new Owner(realmId, userId)));
        return found;
    }

    /** Remembers an owner known otherwise (warm-up, creation). */
    void remember(String accessKeyId, String realmId, String userId) {
        owners.put(accessKeyId, new Owner(realmId, userId));
    }

    void forget(String accessKeyId) {
        owners.invalidate(accessKeyId);
    }
}
