package io.accesskeys.keycloak.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StoredKeyDataTest {

    @Test
    void aScopedKeysDataReadsBackAsItWasWritten() {
        RoleSet roles = new RoleSet(List.of("writer", "reader"), Map.of("orders", List.of("admin"), "empty", List.of()));
        String json = StoredKeyData.write(new StoredKeyData.Public("KCAKAAAAAAAAAAAAAAAA", AccessKeyStatus.ACTIVE, "d", roles, null));

        AccessKey key = AccessKeyStore.toKey("u", "KCAKAAAAAAAAAAAAAAAA", 1L, json);

        assertEquals(AccessKeyStatus.ACTIVE, key.status(), json);
        assertEquals(List.of("reader", "writer"), key.roles().realm());
        assertEquals(Map.of("orders", List.of("admin")), key.roles().clients());
        assertFalse(key.rotationNotified());
        assertTrue(json.contains(AccessKeyStore.statusFragment(AccessKeyStatus.ACTIVE)), json);
    }

    @Test
    void dataWrittenBeforeScopesReadsAsAnUnscopedKey() {
        AccessKey key = AccessKeyStore.toKey("u", "KCAKAAAAAAAAAAAAAAAA", 1L,
                "{\"accessKeyId\":\"KCAKAAAAAAAAAAAAAAAA\",\"status\":\"ACTIVE\",\"description\":null}");
        assertEquals(AccessKeyStatus.ACTIVE, key.status());
        assertNull(key.roles());
    }

    @Test
    void theRotationMarkIsKept() {
        String json = StoredKeyData.write(new StoredKeyData.Public("KCAKAAAAAAAAAAAAAAAA", AccessKeyStatus.ACTIVE, null,
                RoleSet.EMPTY, null).withRotationNotified());
        AccessKey key = AccessKeyStore.toKey("u", "KCAKAAAAAAAAAAAAAAAA", 1L, json);
        assertTrue(key.rotationNotified());
        assertTrue(key.roles().isEmpty());
        assertEquals(AccessKeyStatus.ACTIVE, key.status());
    }
}
