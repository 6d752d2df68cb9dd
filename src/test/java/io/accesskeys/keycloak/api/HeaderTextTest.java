package io.accesskeys.keycloak.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderTextTest {

    // Names: RFC 9110 §5.6.2 token = 1*tchar

    @ParameterizedTest
    @ValueSource(strings = {"Host", "x-amz-date", "X-Sdk-Date", "Content-Type", "a", "0", "!#$%&'*+-.^_`|~",
            "AZaz09", "x_custom.header~1"})
    void tokensAreNames(String name) {
        assertTrue(HeaderText.isName(name), name);
    }

    @Test
    void everyTcharIsAllowedAndEveryOtherAsciiCharacterIsNot() {
        String tchars = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        for (char c = 0; c < 128; c++) {
            assertTrue(HeaderText.isName("x" + c + "y") == (tchars.indexOf(c) >= 0), "character " + (int) c);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Host ", " Host", "Ho st", "Host:", "X-Header\r\nInjected", "Host\n", "Host\r",
            "Host\0", "Host\t", "Host\u007f", "(comment)", "a,b", "a;b", "a/b", "a=b", "a\"b", "a@b", "a?b", "a[b]",
            "a{b}", "a\\b", "\u00e9t\u00e9", "x\u00a0y", "x\u0130", "\u212a"})
    void nonTokensAreNotNames(String name) {
        assertFalse(HeaderText.isName(name), name);
    }

    @Test
    void nullIsNotAName() {
        assertFalse(HeaderText.isName(null));
    }

    @Test
    void namesMayBeUpTo256Characters() {
        assertTrue(HeaderText.isName("x".repeat(256)));
        assertFalse(HeaderText.isName("x".repeat(257)));
        assertFalse(HeaderText.isName("x".repeat(10_000)));
    }

    // Values: no control characters but horizontal tab

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "text/plain; charset=utf-8", "a\tb", "\t", "  leading and trailing  ",
            "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date",
            "\"quoted\"", "~!@#$%^&*()_+{}|:<>?`-=[]\\;',./", "caf\u00e9", "\u00ff", "\u20ac"})
    void visibleTextSpacesAndTabsAreValues(String value) {
        assertTrue(HeaderText.isValue(value), value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "a\r\nX-Injected: 1", "\r", "\n", "a\0b", "\0", "a\u007fb", "\u007f",
            "a\u0001", "\u001f", "a\u000bb", "a\u000cb", "\u001b[31m"})
    void controlCharactersAreNotValues(String value) {
        assertFalse(HeaderText.isValue(value), value);
    }

    @Test
    void everyC0ControlButTabIsRefused() {
        for (char c = 0; c < 0x20; c++) {
            assertTrue(HeaderText.isValue("v" + c + "v") == (c == '\t'), "character " + (int) c);
        }
        assertFalse(HeaderText.isValue("v\u007fv"));
        assertTrue(HeaderText.isValue("v\u0020v"));
        assertTrue(HeaderText.isValue("v\u007ev"));
    }

    @Test
    void nullIsNotAValue() {
        assertFalse(HeaderText.isValue(null));
    }

    @Test
    void longValuesAreNotLimitedHere() {
        assertTrue(HeaderText.isValue("v".repeat(100_000)));
    }
}
