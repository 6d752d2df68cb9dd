package io.accesskeys.keycloak.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.accesskeys.keycloak.credential.RoleSet;
import org.junit.jupiter.api.Test;
import org.keycloak.services.ErrorResponseException;

class KeyRequestsTest {

    @Test
    void rolesAreOptionalAndReadSorted() {
        assertNull(KeyRequests.create("{}").roles());
        assertNull(KeyRequests.create("{\"roles\":null}").roles());
        assertTrue(KeyRequests.create("{\"roles\":{}}").roles().isEmpty());
        RoleSet roles = KeyRequests.create("{\"description\":\"ci\",\"roles\":{\"realm\":[\"b\",\"a\",\"a\"],"
                + "\"clients\":{\"z\":[\"r\"],\"orders\":[\"admin\"],\"none\":[]}}}").roles();
        assertEquals(List.of("a", "b"), roles.realm());
        assertEquals(Map.of("orders", List.of("admin"), "z", List.of("r")), roles.clients());
        assertEquals(List.of("orders", "z"), List.copyOf(roles.clients().keySet()));
    }

    @Test
    void aWrongShapeIsAValidationError() {
        for (String body : List.of("{\"roles\":[]}", "{\"roles\":\"a\"}", "{\"roles\":{\"realm\":\"a\"}}",
                "{\"roles\":{\"realm\":[1]}}", "{\"roles\":{\"realm\":[\"\"]}}", "{\"roles\":{\"groups\":[]}}",
                "{\"roles\":{\"clients\":[]}}", "{\"roles\":{\"clients\":{\"c\":\"r\"}}}",
                "{\"roles\":{\"clients\":{\"\":[\"r\"]}}}", "{\"roles\":{\"realm\":[null]}}")) {
            ErrorResponseException e = assertThrows(ErrorResponseException.class, () -> KeyRequests.create(body), body);
            assertEquals(400, e.getResponse().getStatus(), body);
            assertEquals("ValidationError", ((Map<?, ?>) e.getResponse().getEntity()).get("error"), body);
        }
    }

    @Test
    void intersectingKeepsWhatBothHold() {
        RoleSet chosen = new RoleSet(List.of("a", "b"), Map.of("c", List.of("x", "y")));
        RoleSet held = new RoleSet(List.of("b", "z"), Map.of("c", List.of("y"), "d", List.of("x")));
        assertEquals(new RoleSet(List.of("b"), Map.of("c", List.of("y"))), chosen.intersect(held));
    }
}
