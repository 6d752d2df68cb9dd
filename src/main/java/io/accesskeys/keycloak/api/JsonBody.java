package io.accesskeys.keycloak.api;

import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.accesskeys.keycloak.contract.ErrorCode;

/**
 * Strict reading of request bodies: a JSON object with known fields of the right types, or a 400 that says what is
 * wrong ({@code MalformedInput} when it is not JSON at all, {@code ValidationError} otherwise).
 */
public final class JsonBody {

    private static final int MAX_BYTES = 64 * 1024;
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final ObjectNode object;

    private JsonBody(ObjectNode object) {
        this.object = object;
    }

    /** Parses {@code raw}; an absent or blank body counts as {@code {}}. */
    public static JsonBody parse(String raw, Set<String> allowedFields) {
        if (raw == null || raw.isBlank()) {
            return new JsonBody(JsonNodeFactory.instance.objectNode());
        }
        if (raw.length() > MAX_BYTES || utf8Length(raw) > MAX_BYTES) {
            throw ApiError.invalid("The request body is larger than " + MAX_BYTES + " bytes.");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(raw);
        } catch (IOException e) {
            throw ApiError.of(ErrorCode.MALFORMED_INPUT, "The request body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw ApiError.of(ErrorCode.MALFORMED_INPUT, "The request body must be a JSON object.");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowedFields.contains(name)) {
                throw ApiError.invalid("Unknown field '" + abbreviate(name) + "'; allowed: " + String.join(", ", allowedFields) + ".");
            }
        }
        return new JsonBody((ObjectNode) node);
    }

    public boolean has(String field) {
        return object.has(field);
    }

    /** The field's text; null when it is absent or JSON null; 400 when it is not a string. */
    public String text(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiError.invalid("Field '" + field + "' must be a string.");
        }
        return value.textValue();
    }

    /** The field's integer; null when absent or JSON null; 400 when it is not a whole number in int range. */
    public Integer integer(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ApiError.invalid("Field '" + field + "' must be a whole number.");
        }
        return value.intValue();
    }

    /** The field's boolean; null when absent or JSON null; 400 when it is not true or false. */
    public Boolean bool(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw ApiError.invalid("Field '" + field + "' must be true or false.");
        }
        return value.booleanValue();
    }

    /** The field as a JSON node (null when absent), for lists. */
    public JsonNode node(String field) {
        return object.get(field);
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isHighSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
