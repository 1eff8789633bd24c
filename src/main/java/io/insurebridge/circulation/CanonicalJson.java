package io.insurebridge.circulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.platform.PlatformJson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes a signature covers: the JSON with object keys sorted at every level, no whitespace, UTF-8. Signer and
 * verifier re-create them from the parsed tree, so key order or spacing on the wire does not matter, any changed
 * value does.
 */
public final class CanonicalJson {

    private CanonicalJson() {}

    public static byte[] bytes(JsonNode node) {
        return PlatformJson.write(sorted(node)).getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = PlatformJson.object();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            names.forEach(n -> out.set(n, sorted(node.get(n))));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = PlatformJson.array();
            node.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return node;
    }
}
