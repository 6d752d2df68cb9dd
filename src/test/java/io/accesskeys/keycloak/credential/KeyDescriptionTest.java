package io.accesskeys.keycloak.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyDescriptionTest {

    private static final String TOO_LONG = "description must be at most 255 characters";
    private static final String CONTROL = "description must not contain control characters";

    // normalize

    @Test
    void normalizeTrimsAndTurnsBlankIntoNull() {
        assertNull(KeyDescription.normalize(null));
        assertNull(KeyDescription.normalize(""));
        assertNull(KeyDescription.normalize("   "));
        assertNull(KeyDescription.normalize(" \t\n "));
        assertNull(KeyDescription.normalize("\u2003\u3000"), "Unicode white space is stripped too");
        assertEquals("CI server", KeyDescription.normalize("  CI server \t"));
        assertEquals("a  b", KeyDescription.normalize("a  b"), "inner spaces are kept");
        assertEquals("déploiement 😀", KeyDescription.normalize("\u2003déploiement 😀\u2003"));
        assertEquals("x", KeyDescription.normalize("x"));
    }

    // problem: length

    @Test
    void nullHasNoProblem() {
        assertNull(KeyDescription.problem(null));
    }

    @Test
    void upTo255CharactersAreFine() {
        assertNull(KeyDescription.problem(""));
        assertNull(KeyDescription.problem("a"));
        assertNull(KeyDescription.problem("a".repeat(255)));
        assertEquals(TOO_LONG, KeyDescription.problem("a".repeat(256)));
        assertEquals(TOO_LONG, KeyDescription.problem("a".repeat(10_000)));
    }

    @Test
    void theLengthIsCountedInCodePointsNotUtf16Units() {
        String emoji = "😀"; // one code point, two chars
        assertEquals(2, emoji.length());
        assertNull(KeyDescription.problem(emoji.repeat(255)), "510 chars but 255 code points");
        assertEquals(TOO_LONG, KeyDescription.problem(emoji.repeat(256)));
        assertNull(KeyDescription.problem("é".repeat(255)), "255 code points of two UTF-8 bytes each");
        assertNull(KeyDescription.problem("a".repeat(254) + emoji));
        assertEquals(TOO_LONG, KeyDescription.problem("a".repeat(255) + emoji));
    }

    // problem: control characters

    @ParameterizedTest
    @ValueSource(strings = {"line\nbreak", "carriage\rreturn", "tab\there", "nul\0", "\u0001", "\u001b[31mred",
            "del\u007f", "c1\u0085next line", "c1\u009f", "trailing newline\n"})
    void controlCharactersAreAProblem(String description) {
        assertEquals(CONTROL, KeyDescription.problem(description));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Build server", "déploiement", "構築サーバー", "with \"quotes\", commas; and = signs",
            "emoji 😀", "\u00a0no-break space", "~!@#$%^&*()_+"})
    void printableTextHasNoProblem(String description) {
        assertNull(KeyDescription.problem(description));
    }

    @Test
    void lengthIsReportedBeforeControlCharacters() {
        assertEquals(TOO_LONG, KeyDescription.problem("\n".repeat(256)));
        assertNotNull(KeyDescription.problem("a".repeat(255) + "\n"));
    }
}
