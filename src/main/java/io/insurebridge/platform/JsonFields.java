package io.insurebridge.platform;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Lenient readers for platform answers: provinces send numbers as numbers or as strings, and leave fields out or
 * null; all of those read the same here.
 */
public final class JsonFields {
    private JsonFields() {}

    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        String text = value.isValueNode() ? value.asText() : value.toString();
        return text.isEmpty() ? null : text;
    }

    public static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : new BigDecimal(text);
    }

    public static BigDecimal decimalOrZero(JsonNode node, String field) {
        BigDecimal value = decimal(node, field);
        return value == null ? BigDecimal.ZERO : value;
    }
}
