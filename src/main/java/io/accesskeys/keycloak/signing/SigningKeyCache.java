package io.accesskeys.keycloak.signing;

import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounded LRU cache of derived SigV4 signing keys, keyed by (AK, date, region, service). Share one per
 * application. It never authorises on its own: the resolver is asked on every request, and an entry is used
 * only while the resolver's secret still matches the one it was derived from (checked by a SHA-256
 * fingerprint). {@link #invalidate(String)} drops a key's entries when it is disabled or deleted.
 */
public final class SigningKeyCache {

    /** The default bound on entries. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    private record Key(String accessKeyId, String date, String region, String service) {
    }

    /** Derived key plus a fingerprint of the secret it came from; no toString on purpose. */
    private static final class Entry {
        final byte[] secretFingerprint;
        final byte[] signingKey;

        Entry(byte[] secretFingerprint, byte[] signingKey) {
            this.secretFingerprint = secretFingerprint;
            this.signingKey = signingKey;
        }
    }

    private final Map<Key, Entry> entries;
    private final AtomicLong derivations = new AtomicLong();

    /** A cache of at most {@link #DEFAULT_MAX_ENTRIES} entries. */
    public SigningKeyCache() {
        this(DEFAULT_MAX_ENTRIES);
    }

    /** A cache of at most {@code maxEntries} entries (least recently used evicted first). */
    public SigningKeyCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.entries = new LinkedHashMap<>(Math.min(maxEntries, 1024), 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The signing key for this scope, derived from {@code secret} unless a matching entry exists. */
    byte[] signingKey(String accessKeyId, AccessSecret secret, String date, String region, String service) {
        Key key = new Key(accessKeyId, date, region, service);
        byte[] fingerprint = Hashing.sha256(secret.bytes());
        Entry entry;
        synchronized (entries) {
            entry = entries.get(key);
        }
        if (entry != null && MessageDigest.isEqual(entry.secretFingerprint, fingerprint)) {
            return entry.signingKey;
        }
        byte[] derived = Aws4Rules.deriveSigningKey(secret, date, region, service);
        derivations.incrementAndGet();
        synchronized (entries) {
            entries.put(key, new Entry(fingerprint, derived));
        }
        return derived;
    }

    /** Drops every entry of this access key (call when the key is disabled or deleted). */
    public void invalidate(String accessKeyId) {
        synchronized (entries) {
            entries.keySet().removeIf(k -> k.accessKeyId().equals(accessKeyId));
        }
    }

    /** Drops every entry. */
    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    /** The number of entries held. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** How many signing keys were derived (cache misses) since creation; for tests and metrics. */
    public long derivations() {
        return derivations.get();
    }

    @Override
    public String toString() {
        return "SigningKeyCache[size=" + size() + "]";
    }
}
