package io.accesskeys.keycloak.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.services.ErrorResponseException;

/**
 * The responses are built with JAX-RS's {@code Response}; at test time the RuntimeDelegate comes from
 * resteasy-reactive-common (a provided dependency, so on the test classpath), as in the server.
 */
class JsonBodyTest {

    private static final Set<String> FIELDS = Set.of("description", "status", "count", "enabled", "list");

    private static void assertError(int status, String code, Executable parse) {
        ErrorResponseException e = assertThrows(ErrorResponseException.class, parse);
        assertEquals(status, e.getResponse().getStatus());
        Map<?, ?> entity = assertInstanceOf(Map.class, e.getResponse().getEntity());
        assertEquals(code, entity.get("error"));
        assertInstanceOf(String.class, entity.get("error_description"));
        assertEquals("application/json", e.getResponse().getMediaType().toString());
    }

    private static void assertMalformed(String raw) {
        assertError(400, "MalformedInput", () -> JsonBody.parse(raw, FIELDS));
    }

    private static void assertValidationError(Executable executable) {
        assertError(400, "ValidationError", executable);
    }

    private static String descriptionOf(ErrorResponseException e) {
        return (String) ((Map<?, ?>) e.getResponse().getEntity()).get("error_description");
    }

    // What counts as an object at all

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\n\t \r\n"})
    void anAbsentOrBlankBodyIsAnEmptyObject(String raw) {
        JsonBody body = JsonBody.parse(raw, FIELDS);
        assertFalse(body.has("description"));
        assertNull(body.text("description"));
        assertNull(body.integer("count"));
        assertNull(body.bool("enabled"));
        assertNull(body.node("list"));
    }

    @Test
    void anEmptyObjectIsAccepted() {
        assertFalse(JsonBody.parse("{}", FIELDS).has("status"));
        assertFalse(JsonBody.parse("{}", Set.of()).has("status"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{", "{\"description\":}", "{description: 1}", "{'description': 'x'}",
            "{\"description\":\"x\",}", "\"unterminated", "{\"count\": 01}", "{\"count\": NaN}", "}"})
    void textThatIsNotJsonIsMalformedInput(String raw) {
        assertMalformed(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"description\":\"x\"}]", "1", "-3.5", "\"text\"", "true", "null"})
    void jsonThatIsNotAnObjectIsMalformedInput(String raw) {
        assertMalformed(raw);
    }

    @Test
    void anUnknownFieldIsAValidationErrorThatNamesIt() {
        ErrorResponseException e = assertThrows(ErrorResponseException.class,
                () -> JsonBody.parse("{\"description\":\"x\",\"owner\":\"admin\"}", FIELDS));
        assertEquals(400, e.getResponse().getStatus());
        assertEquals("ValidationError", ((Map<?, ?>) e.getResponse().getEntity()).get("error"));
        assertTrue(descriptionOf(e).contains("'owner'"), descriptionOf(e));
    }

    @Test
    void anyFieldIsUnknownWhenNoneIsAllowed() {
        assertValidationError(() -> JsonBody.parse("{\"description\":\"x\"}", Set.of()));
    }

    @Test
    void fieldNamesAreCaseSensitive() {
        assertValidationError(() -> JsonBody.parse("{\"Description\":\"x\"}", FIELDS));
    }

    @Test
    void aLongUnknownFieldNameIsAbbreviatedInTheDescription() {
        String name = "x".repeat(1000);
        ErrorResponseException e = assertThrows(ErrorResponseException.class,
                () -> JsonBody.parse("{\"" + name + "\":1}", FIELDS));
        assertFalse(descriptionOf(e).contains(name), "the whole name is not echoed");
        assertTrue(descriptionOf(e).contains("x".repeat(40) + "…"), descriptionOf(e));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"description\":\"a\",\"description\":\"b\"}",
            "{\"description\":\"a\",\"description\":\"a\"}", "{\"count\":1,\"status\":\"x\",\"count\":2}",
            "{\"list\":{\"a\":1,\"a\":2}}"})
    void duplicateKeysAreRefused(String raw) {
        ErrorResponseException e = assertThrows(ErrorResponseException.class, () -> JsonBody.parse(raw, FIELDS));
        assertEquals(400, e.getResponse().getStatus());
    }

    @Test
    void aBodyOver64KibIsRefusedAndOneAtTheLimitIsRead() {
        String opening = "{\"description\":\"";
        String closing = "\"}";
        String atLimit = opening + "a".repeat(64 * 1024 - opening.length() - closing.length()) + closing;
        assertEquals(65_536, atLimit.length());
        assertEquals(64 * 1024 - opening.length() - closing.length(),
                JsonBody.parse(atLimit, FIELDS).text("description").length());

        String overLimit = opening + "a".repeat(64 * 1024 - opening.length() - closing.length() + 1) + closing;
        assertValidationError(() -> JsonBody.parse(overLimit, FIELDS));
        // The limit is checked before parsing: an oversized body is refused even when it is not JSON at all.
        assertValidationError(() -> JsonBody.parse("x".repeat(64 * 1024 + 1), FIELDS));
    }

    /* Jackson's readTree stops after the first value unless FAIL_ON_TRAILING_TOKENS is enabled. */
    @ParameterizedTest
    @ValueSource(strings = {"{} {}", "{}]", "{\"description\":\"x\"} garbage", "{}\u0000"})
    void contentAfterTheObjectIsMalformedInput(String raw) {
        assertMalformed(raw);
    }

    /* 30 000 euro signs are 30 000 UTF-16 units but 90 000 UTF-8 bytes, over a limit in bytes. */
    @Test
    void theLimitIsInBytes() {
        String body = "{\"description\":\"" + "\u20ac".repeat(30_000) + "\"}";
        assertValidationError(() -> JsonBody.parse(body, FIELDS));
    }

    // Typed reads

    @Test
    void goodValuesAreRead() {
        JsonBody body = JsonBody.parse("{\"description\":\"build server ü\",\"status\":\"Active\",\"count\":-7,"
                + "\"enabled\":false,\"list\":[\"a\",\"b\"]}", FIELDS);
        assertEquals("build server ü", body.text("description"));
        assertEquals("Active", body.text("status"));
        assertEquals(-7, body.integer("count"));
        assertEquals(Boolean.FALSE, body.bool("enabled"));
        JsonNode list = body.node("list");
        assertTrue(list.isArray());
        assertEquals(2, list.size());
        assertTrue(body.has("list"));
    }

    @Test
    void integerLimitsAreInIntRange() {
        assertEquals(Integer.MAX_VALUE, JsonBody.parse("{\"count\":2147483647}", FIELDS).integer("count"));
        assertEquals(Integer.MIN_VALUE, JsonBody.parse("{\"count\":-2147483648}", FIELDS).integer("count"));
        assertEquals(0, JsonBody.parse("{\"count\":0}", FIELDS).integer("count"));
        assertValidationError(() -> JsonBody.parse("{\"count\":2147483648}", FIELDS).integer("count"));
        assertValidationError(() -> JsonBody.parse("{\"count\":-2147483649}", FIELDS).integer("count"));
        assertValidationError(() -> JsonBody.parse("{\"count\":99999999999999999999999}", FIELDS).integer("count"));
    }

    @Test
    void explicitNullReadsAsAbsentButIsPresent() {
        JsonBody body = JsonBody.parse("{\"description\":null,\"count\":null,\"enabled\":null}", FIELDS);
        assertTrue(body.has("description"));
        assertNull(body.text("description"));
        assertNull(body.integer("count"));
        assertNull(body.bool("enabled"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.5", "true", "[]", "[\"x\"]", "{}", "{\"a\":\"b\"}"})
    void textOfAnotherTypeIsAValidationError(String value) {
        JsonBody body = JsonBody.parse("{\"description\":" + value + "}", FIELDS);
        assertValidationError(() -> body.text("description"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\"", "1.5", "1.0", "1e3", "true", "[]", "[1]", "{}"})
    void integerOfAnotherTypeIsAValidationError(String value) {
        JsonBody body = JsonBody.parse("{\"count\":" + value + "}", FIELDS);
        assertValidationError(() -> body.integer("count"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"true\"", "\"false\"", "0", "1", "[]", "{}", "[true]"})
    void boolOfAnotherTypeIsAValidationError(String value) {
        JsonBody body = JsonBody.parse("{\"enabled\":" + value + "}", FIELDS);
        assertValidationError(() -> body.bool("enabled"));
    }

    @Test
    void theValidationErrorNamesTheField() {
        JsonBody body = JsonBody.parse("{\"count\":\"3\"}", FIELDS);
        ErrorResponseException e = assertThrows(ErrorResponseException.class, () -> body.integer("count"));
        assertTrue(descriptionOf(e).contains("'count'"), descriptionOf(e));
    }

    @Test
    void readingAnAllowedButAbsentFieldIsNull() {
        JsonBody body = JsonBody.parse("{\"status\":\"Inactive\"}", FIELDS);
        assertNull(body.text("description"));
        assertNull(body.integer("count"));
        assertNull(body.bool("enabled"));
        assertEquals(Boolean.TRUE, JsonBody.parse("{\"enabled\":true}", FIELDS).bool("enabled"));
    }
}
