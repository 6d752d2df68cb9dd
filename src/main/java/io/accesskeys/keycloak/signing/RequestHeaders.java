package io.accesskeys.keycloak.signing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * HTTP request headers as received: names case-insensitive, several values per name in the order received.
 * Immutable.
 */
public final class RequestHeaders {

    private static final RequestHeaders EMPTY = new RequestHeaders(Map.of());

    /** Keyed by lower-case name; insertion order kept for readable output. */
    private final Map<String, List<String>> byLowerName;

    private RequestHeaders(Map<String, List<String>> byLowerName) {
        this.byLowerName = byLowerName;
    }

    /** No headers. */
    public static RequestHeaders empty() {
        return EMPTY;
    }

    /** From a multi-valued map such as JAX-RS {@code HttpHeaders.getRequestHeaders()}; null values skipped. */
    public static RequestHeaders of(Map<String, ? extends List<String>> headers) {
        Builder builder = builder();
        headers.forEach((name, values) -> {
            if (name != null && values != null) {
                for (String value : values) {
                    if (value != null) {
                        builder.add(name, value);
                    }
                }
            }
        });
        return builder.build();
    }

    /** A builder that appends values in call order. */
    public static Builder builder() {
        return new Builder(new LinkedHashMap<>());
    }

    /** A builder pre-filled with these headers. */
    public Builder toBuilder() {
        LinkedHashMap<String, List<String>> copy = new LinkedHashMap<>();
        byLowerName.forEach((name, values) -> copy.put(name, new ArrayList<>(values)));
        return new Builder(copy);
    }

    /** All values of the header, in the order received; empty if absent. */
    public List<String> all(String name) {
        List<String> values = byLowerName.get(lower(name));
        return values == null ? List.of() : values;
    }

    /** {@link #all} for a name known to be lower-case (the verifier's own names): no case folding per lookup. */
    List<String> allOfLowerCase(String lowerCaseName) {
        List<String> values = byLowerName.get(lowerCaseName);
        return values == null ? List.of() : values;
    }

    /** The first value of the header, or null. */
    public String first(String name) {
        List<String> values = all(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** Whether the header is present (with any value, even empty). */
    public boolean contains(String name) {
        return byLowerName.containsKey(lower(name));
    }

    /** The lower-case names present. */
    public Set<String> names() {
        return byLowerName.keySet();
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        // Header values may hold credentials (Authorization, tokens): list names only.
        return "RequestHeaders" + byLowerName.keySet();
    }

    /** Builds {@link RequestHeaders}. */
    public static final class Builder {
        private final LinkedHashMap<String, List<String>> byLowerName;

        private Builder(LinkedHashMap<String, List<String>> byLowerName) {
            this.byLowerName = byLowerName;
        }

        /** Appends one value of a header. */
        public Builder add(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            byLowerName.computeIfAbsent(lower(name), k -> new ArrayList<>(1)).add(value);
            return this;
        }

        /** Replaces all values of a header by one value. */
        public Builder set(String name, String value) {
            remove(name);
            return add(name, value);
        }

        /** Removes a header. */
        public Builder remove(String name) {
            byLowerName.remove(lower(name));
            return this;
        }

        /** The immutable headers. */
        public RequestHeaders build() {
            LinkedHashMap<String, List<String>> copy = new LinkedHashMap<>();
            byLowerName.forEach((name, values) -> copy.put(name, List.copyOf(values)));
            return new RequestHeaders(Collections.unmodifiableMap(copy));
        }
    }
}
