package io.insurebridge.fanout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.insurebridge.settlement.NodeJson;

/** Reading an event body a subscriber received. */
final class Events {
    private Events() {}

    static JsonNode read(String json) {
        try {
            return NodeJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
