package io.accesskeys.keycloak.verification;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/**
 * How full the heap is with long-lived data: the old generation's use (where caches end up) against the heap's
 * maximum, or, on a collector without one, the whole heap's use. Keeps the start warm-up from filling the heap: a
 * node started with a user cache or {@code warm-up-keys} larger than its heap holds would otherwise end in an
 * OutOfMemoryError, which Keycloak's launcher answers by exiting, at every start.
 */
final class HeapHeadroom {

    /** Beyond this share the warm-up stops: the rest is for requests and the collector. */
    static final double MAX_WARM_SHARE = 0.7;

    private final MemoryPoolMXBean oldGeneration = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .filter(pool -> {
                String name = pool.getName().toLowerCase(Locale.ROOT);
                return name.contains("old") || name.contains("tenured");
            })
            .findFirst().orElse(null);

    /** The share of the maximum heap in use by long-lived data, 0 to 1. */
    double usedShare() {
        Runtime runtime = Runtime.getRuntime();
        long used = oldGeneration != null ? oldGeneration.getUsage().getUsed()
                : runtime.totalMemory() - runtime.freeMemory();
        return (double) used / runtime.maxMemory();
    }

    boolean roomToWarm() {
        return usedShare() < MAX_WARM_SHARE;
    }
}
