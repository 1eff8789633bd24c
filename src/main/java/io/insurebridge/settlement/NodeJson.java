package io.insurebridge.settlement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.platform.PlatformRequest;
import io.insurebridge.platform.PlatformResponse;

/**
 * The node's JSON: amounts stay BigDecimal both ways (a stored answer re-read and re-sent is byte-identical,
 * 241.00 never becomes 241.0).
 */
public final class NodeJson {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private NodeJson() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static PlatformRequest request(String json) throws JsonProcessingException {
        return MAPPER.readValue(json, PlatformRequest.class);
    }

    public static PlatformResponse response(String json) {
        try {
            return MAPPER.readValue(json, PlatformResponse.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored response is not an envelope", e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
