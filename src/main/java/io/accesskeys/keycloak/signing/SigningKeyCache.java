package io.accesskeys.keycloak.signing;

import java.security.MessageDigest;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounded cache of derived SigV4 signing keys, keyed by (AK, date, region, service). Share one per application. It
 * never authorises on its own: the resolver is asked on every request, and an entry is used only while the
 * resolver's secret is still the one it was derived from (compared in constant time). Reads take no lock; when full,
 * an insert evicts one arbitrary entry (deriving a key again costs four HMACs). {@link #invalidate(String)} drops a
 * key's entries when it is disabled or deleted.
 */
public final class SigningKeyCache {

    /** The default bound on entries. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    /**
     * The scope an entry is for. The AK is a new string on every request, so its own hash code would be computed
     * each time one character at a step; this hash is the same kind of polynomial, four characters a step. Date,
     * region and service are mostly the same String objects request after request (see {@link RecentlyChecked}), whose
     * hash codes are cached.
     */
    private static final class Key {
        final String accessKeyId;
        final String date;
        final String region;
        final String service;
        private final int hash;

        Key(String accessKeyId, String date, String region, String service) {
            this.accessKeyId = accessKeyId;
            this.date = date;
            this.region = region;
            this.service = service;
            this.hash = ((hash(0, accessKeyId) * 31 + date.hashCode()) * 31 + region.hashCode()) * 31
                    + service.hashCode();
        }

        /** Continues the polynomial hash {@code h} over {@code text}, then its length (parts do not run together). */
        private static int hash(int h, String text) {
            int n = text.length();
            int i = 0;
            for (; i + 3 < n; i += 4) {
                h = 923_521 * h + 29_791 * text.charAt(i) + 961 * text.charAt(i + 1) + 31 * text.charAt(i + 2)
                        + text.charAt(i + 3);
            }
            for (; i < n; i++) {
                h = 31 * h + text.charAt(i);
            }
            return 31 * h + n;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && hash == k.hash && accessKeyId.equals(k.accessKeyId)
                    && date.equals(k.date) && region.equals(k.region) && service.equals(k.service);
        }
    }

    /**
     * Derived key plus the secret it came from (a copy: comparing it is cheaper than hashing the secret on every
     * request, and the process holds opened secrets anyway); no toString on purpose.
     */
    private static final class Entry {
        final byte[] secret;
        final byte[] signingKey;

        Entry(byte[] secret, byte[] signingKey) {
            this.secret = secret;
            this.signingKey = signingKey;
        }
    }

    private final int maxEntries;
    private final ConcurrentHashMap<Key, Entry> entries;
    private final AtomicLong derivations = new AtomicLong();

    /** A cache of at most {@link #DEFAULT_MAX_ENTRIES} entries. */
    public SigningKeyCache() {
        this(DEFAULT_MAX_ENTRIES);
    }

    /** A cache of at most {@code maxEntries} entries. */
    public SigningKeyCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
        this.entries = new ConcurrentHashMap<>(Math.min(maxEntries, 1024));
    }

    /** The signing key for this scope, derived from {@code secret} unless a matching entry exists. */
    byte[] signingKey(String accessKeyId, AccessSecret secret, String date, String region, String service) {
        Key key = new Key(accessKeyId, date, region, service);
        Entry entry = entries.get(key);
        if (entry != null && MessageDigest.isEqual(entry.secret, secret.bytes())) {
            return entry.signingKey;
        }
        byte[] derived = Aws4Rules.deriveSigningKey(secret, date, region, service);
        derivations.incrementAndGet();
        entries.put(key, new Entry(secret.bytes().clone(), derived));
        if (entries.size() > maxEntries) {
            evictOneBesides(key);
        }
        return derived;
    }

    private void evictOneBesides(Key kept) {
        Iterator<Key> keys = entries.keySet().iterator();
        while (keys.hasNext() && entries.size() > maxEntries) {
            if (!keys.next().equals(kept)) {
                keys.remove();
            }
        }
    }

    /** Drops every entry of this access key (call when the key is disabled or deleted). */
    public void invalidate(String accessKeyId) {
        entries.keySet().removeIf(k -> k.accessKeyId.equals(accessKeyId));
    }

    /** Drops every entry. */
    public void clear() {
        entries.clear();
    }

    /** The number of entries held. */
    public int size() {
        return entries.size();
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
