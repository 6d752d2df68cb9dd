package io.accesskeys.keycloak.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.accesskeys.keycloak.credential.RoleSet;
import org.junit.jupiter.api.Test;

class RoleHeaderTest {

    private final RoleSet roles = new RoleSet(List.of("reader", "a,b:c%", "rôle"), Map.of("my:app", List.of("admin,x")));

    @Test
    void itemsAreCommaSeparatedAndEveryNameIsPercentEncoded() {
        assertEquals("a%2Cb%3Ac%25,reader,r%C3%B4le,my%3Aapp:admin%2Cx", RoleHeader.format(roles));
        assertEquals("", RoleHeader.format(RoleSet.EMPTY));
        assertEquals("A-z.0_9~", RoleHeader.encode("A-z.0_9~"));
    }

    @Test
    void aRequiredRoleParsesBackToTheSameRole() {
        for (String item : RoleHeader.format(roles).split(",")) {
            assertTrue(RoleHeader.parse(item).heldIn(roles), item);
        }
        assertEquals(new RoleHeader.Item("my:app", "admin,x"), RoleHeader.parse("my%3Aapp:admin%2Cx"));
        assertFalse(RoleHeader.parse("reader2").heldIn(roles));
        assertFalse(RoleHeader.parse("my%3Aapp:reader").heldIn(roles));
    }

    @Test
    void brokenItemsParseToNothing() {
        for (String broken : List.of("", "%", "%A", "%zz", "a:b:c", ":x", "x:", "a,b", "%C3", "ü")) {
            assertNull(RoleHeader.parse(broken), broken);
        }
    }
}
