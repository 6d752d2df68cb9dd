package io.accesskeys.keycloak.credential;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A set of roles as the API shows it: {@code {"realm": [role...], "clients": {clientId: [role...]}}}, lists sorted,
 * clients keyed by clientId (not the internal ID), no client with an empty list. Also what a scoped key stores.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RoleSet(List<String> realm, Map<String, List<String>> clients) {

    public static final RoleSet EMPTY = new RoleSet(List.of(), Map.of());

    public RoleSet {
        realm = sorted(realm == null ? List.of() : realm);
        TreeMap<String, List<String>> byClient = new TreeMap<>();
        if (clients != null) {
            clients.forEach((clientId, roles) -> {
                List<String> list = sorted(roles == null ? List.of() : roles);
                if (clientId != null && !list.isEmpty()) {
                    byClient.put(clientId, list);
                }
            });
        }
        clients = java.util.Collections.unmodifiableMap(byClient);
    }

    public static RoleSet ofRealm(String... roles) {
        return new RoleSet(List.of(roles), Map.of());
    }

    public boolean hasRealmRole(String role) {
        return realm.contains(role);
    }

    public boolean hasClientRole(String clientId, String role) {
        List<String> roles = clients.get(clientId);
        return roles != null && roles.contains(role);
    }

    /** The roles of this set that {@code other} holds too. */
    public RoleSet intersect(RoleSet other) {
        List<String> realmRoles = realm.stream().filter(other::hasRealmRole).toList();
        Map<String, List<String>> clientRoles = new TreeMap<>();
        clients.forEach((clientId, roles) -> clientRoles.put(clientId,
                roles.stream().filter(role -> other.hasClientRole(clientId, role)).toList()));
        return new RoleSet(realmRoles, clientRoles);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return realm.isEmpty() && clients.isEmpty();
    }

    /** Builds a set one role at a time. */
    public static final class Builder {
        private final Set<String> realm = new TreeSet<>();
        private final Map<String, Set<String>> clients = new TreeMap<>();

        public Builder realmRole(String role) {
            realm.add(role);
            return this;
        }

        public Builder clientRole(String clientId, String role) {
            clients.computeIfAbsent(clientId, id -> new TreeSet<>()).add(role);
            return this;
        }

        public RoleSet build() {
            Map<String, List<String>> lists = new TreeMap<>();
            clients.forEach((clientId, roles) -> lists.put(clientId, new ArrayList<>(roles)));
            return new RoleSet(new ArrayList<>(realm), lists);
        }
    }

    private static List<String> sorted(Collection<String> roles) {
        TreeSet<String> set = new TreeSet<>();
        for (String role : roles) {
            if (role != null) {
                set.add(role);
            }
        }
        return List.copyOf(set);
    }
}
