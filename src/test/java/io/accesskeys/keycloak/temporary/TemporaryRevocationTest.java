package io.accesskeys.keycloak.temporary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The revocation mark fails closed: whatever cannot be read as a positive time revokes every temporary key. */
class TemporaryRevocationTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "garbage", "{", "{\"notBefore\":", "null", "[]", "[1700000000000]", "42", "{}",
            "{\"notBefore\":null}", "{\"notBefore\":true}", "{\"notBefore\":\"soon\"}", "{\"notBefore\":{}}",
            "{\"notBefore\":0}", "{\"notBefore\":-1}", "{\"notBefore\":-1700000000000}",
            "{\"notBefore\":" + Long.MIN_VALUE + "}", "{\"notBefore\":99999999999999999999}"})
    void anUnreadableZeroOrNegativeMarkRevokesEverything(String credentialData) {
        assertEquals(Long.MAX_VALUE, TemporaryRevocation.read(credentialData));
    }

    @Test
    void aValidMarkIsItsValue() {
        assertEquals(1_700_000_000_123L, TemporaryRevocation.read("{\"notBefore\":1700000000123}"));
        assertEquals(1L, TemporaryRevocation.read("{\"notBefore\":1}"));
        assertEquals(Long.MAX_VALUE - 1, TemporaryRevocation.read("{\"notBefore\":" + (Long.MAX_VALUE - 1) + "}"));
        assertEquals(1_700_000_000_123L, TemporaryRevocation.read(" {\n  \"notBefore\" : 1700000000123\n} "));
    }

    @Test
    void writeProducesTheDocumentedJson() {
        assertEquals("{\"notBefore\":1700000000123}",
                TemporaryRevocation.write(new TemporaryRevocation.Mark(1_700_000_000_123L)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 999L, 1_700_000_000_123L, Long.MAX_VALUE - 1})
    void writeThenReadRoundTrips(long notBefore) {
        assertEquals(notBefore, TemporaryRevocation.read(TemporaryRevocation.write(new TemporaryRevocation.Mark(notBefore))));
    }

    @Test
    void aWrittenZeroReadsBackAsRevokeEverything() {
        assertEquals(Long.MAX_VALUE, TemporaryRevocation.read(TemporaryRevocation.write(new TemporaryRevocation.Mark(0))));
    }
}
