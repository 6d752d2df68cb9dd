package io.accesskeys.keycloak.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessKeyFormatTest {

    private static final Pattern PERMANENT_ID = Pattern.compile("KCAK[A-Z2-7]{16}");
    private static final Pattern TEMPORARY_ID = Pattern.compile("KCTK[A-Z2-7]{16}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9]{40}");
    private static final int DRAWS = 10_000;

    @Test
    void permanentIdsHaveTheirPrefixAndBase32() {
        for (int i = 0; i < DRAWS; i++) {
            String id = AccessKeyFormat.newPermanentAccessKeyId();
            assertTrue(PERMANENT_ID.matcher(id).matches(), id);
            assertEquals(AccessKeyFormat.ACCESS_KEY_ID_LENGTH, id.length());
            assertTrue(AccessKeyFormat.isAccessKeyId(id));
            assertTrue(AccessKeyFormat.isPermanent(id));
            assertFalse(AccessKeyFormat.isTemporary(id));
        }
    }

    @Test
    void temporaryIdsHaveTheirPrefixAndBase32() {
        for (int i = 0; i < DRAWS; i++) {
            String id = AccessKeyFormat.newTemporaryAccessKeyId();
            assertTrue(TEMPORARY_ID.matcher(id).matches(), id);
            assertTrue(AccessKeyFormat.isTemporary(id));
            assertFalse(AccessKeyFormat.isPermanent(id));
        }
    }

    @Test
    void secretsAre40Alphanumerics() {
        for (int i = 0; i < DRAWS; i++) {
            char[] secret = AccessKeyFormat.newSecret();
            assertEquals(AccessKeyFormat.SECRET_LENGTH, secret.length);
            assertTrue(SECRET.matcher(new String(secret)).matches(), new String(secret));
        }
    }

    @Test
    void drawsAreUnique() {
        Set<String> permanent = new HashSet<>();
        Set<String> temporary = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < DRAWS; i++) {
            permanent.add(AccessKeyFormat.newPermanentAccessKeyId());
            temporary.add(AccessKeyFormat.newTemporaryAccessKeyId());
            secrets.add(new String(AccessKeyFormat.newSecret()));
        }
        assertEquals(DRAWS, permanent.size());
        assertEquals(DRAWS, temporary.size());
        assertEquals(DRAWS, secrets.size());
    }

    @Test
    void everyCharacterOfTheAlphabetsTurnsUp() {
        // 10 000 draws of 16 (or 40) characters: a missing character would be a broken alphabet, not bad luck.
        Set<Character> idCharacters = new HashSet<>();
        Set<Character> secretCharacters = new HashSet<>();
        for (int i = 0; i < DRAWS; i++) {
            for (char c : AccessKeyFormat.newPermanentAccessKeyId().substring(4).toCharArray()) {
                idCharacters.add(c);
            }
            for (char c : AccessKeyFormat.newSecret()) {
                secretCharacters.add(c);
            }
        }
        assertEquals(32, idCharacters.size());
        assertEquals(62, secretCharacters.size());
    }

    @Test
    void secretCharactersAreRoughlyUniform() {
        // 400 000 characters over 62 values: about 6452 each, standard deviation about 80. A bias such as plain
        // "byte % 62" (values 0-7 about 25% more likely) is far outside the bounds.
        int[] counts = new int[128];
        for (int i = 0; i < DRAWS; i++) {
            for (char c : AccessKeyFormat.newSecret()) {
                counts[c]++;
            }
        }
        double expected = DRAWS * 40 / 62.0;
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray()) {
            assertTrue(Math.abs(counts[c] - expected) < expected * 0.1, c + ": " + counts[c]);
        }
    }

    // Recognising IDs

    @ParameterizedTest
    @ValueSource(strings = {"KCAKAAAAAAAAAAAAAAAA", "KCAK2222777777ZZZZZZ", "KCAKABCDEFGHIJKLMNOP"})
    void permanentIds(String id) {
        assertTrue(AccessKeyFormat.isAccessKeyId(id));
        assertTrue(AccessKeyFormat.isPermanent(id));
        assertFalse(AccessKeyFormat.isTemporary(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"KCTKAAAAAAAAAAAAAAAA", "KCTK234567ABCDEFGHIJ"})
    void temporaryIds(String id) {
        assertTrue(AccessKeyFormat.isAccessKeyId(id));
        assertTrue(AccessKeyFormat.isTemporary(id));
        assertFalse(AccessKeyFormat.isPermanent(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "KCAK", "KCTK", "KCAKAAAAAAAAAAAAAAA", "KCAKAAAAAAAAAAAAAAAAA", "KCTKAAAAAAAAAAAAAAA",
            "kcakaaaaaaaaaaaaaaaa", "KCAKaaaaaaaaaaaaaaaa", "KCAKAAAAAAAAAAAAAAA1", "KCAKAAAAAAAAAAAAAAA0",
            "KCAKAAAAAAAAAAAAAAA8", "KCAKAAAAAAAAAAAAAAA9", "KCAKAAAAAAAAAAAAAAA=", " KCAKAAAAAAAAAAAAAAA",
            "KCAKAAAAAAAAAAAAAAA ", "KCAKAAAAAAAAAAAAAAAA\n", "KCAKAAAAAAAAAAAAAAA\u00c4", "KCAK-AAAAAAAAAAAAAAA"})
    void malformedIdsAreNeitherKind(String candidate) {
        assertFalse(AccessKeyFormat.isPermanent(candidate), candidate);
        assertFalse(AccessKeyFormat.isTemporary(candidate), candidate);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AKIAIOSFODNN7EXAMPLE", "KCXKAAAAAAAAAAAAAAAA", "AAAAKCAKAAAAAAAAAAAA", "ASIAAAAAAAAAAAAAAAAA"})
    void wellFormedIdsWithAnotherPrefixAreNeitherKind(String candidate) {
        assertTrue(AccessKeyFormat.isAccessKeyId(candidate), candidate);
        assertFalse(AccessKeyFormat.isPermanent(candidate), candidate);
        assertFalse(AccessKeyFormat.isTemporary(candidate), candidate);
    }

    @Test
    void nullIsNoId() {
        assertFalse(AccessKeyFormat.isAccessKeyId(null));
        assertFalse(AccessKeyFormat.isPermanent(null));
        assertFalse(AccessKeyFormat.isTemporary(null));
    }
}
