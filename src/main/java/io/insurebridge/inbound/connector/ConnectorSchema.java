package io.insurebridge.inbound.connector;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The JSON Schema of connector files (schemas/connector.schema.json), generated from {@link ConnectorKind#ALL}
 * and {@link ConnectorKeys}: one definition per kind. A test compares the committed file with this output;
 * regenerate it with {@code java -jar target/insurebridge-*.jar cli schema > schemas/connector.schema.json}.
 */
public final class ConnectorSchema {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectorSchema() {}

    public static String generate() {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "https://insurebridge.io/schemas/connector.schema.json");
        root.put("title", "InsureBridge connector file (connectors/*.yaml)");
        root.put("description", "Generated from io.insurebridge.inbound.connector.ConnectorKind and ConnectorKeys; "
                + "do not edit by hand.");
        ArrayNode oneOf = root.putArray("oneOf");
        ObjectNode defs = JSON.createObjectNode();
        for (ConnectorKind kind : ConnectorKind.ALL.values()) {
            oneOf.addObject().put("$ref", "#/$defs/" + kind.name());
            defs.set(kind.name(), kind(kind));
        }
        root.set("$defs", defs);
        try {
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            return JSON.writer(printer).writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode kind(ConnectorKind kind) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "object");
        node.put("title", kind.name());
        ObjectNode props = node.putObject("properties");
        for (String key : kind.keys()) {
            ObjectNode p = key.equals("kind") ? JSON.createObjectNode().put("const", kind.name())
                    : property(ConnectorKeys.spec(key));
            props.set(key, p);
        }
        List<String> required = new ArrayList<>(List.of("kind"));
        required.addAll(new TreeSet<>(kind.required()));
        ArrayNode req = node.putArray("required");
        required.forEach(req::add);
        node.put("additionalProperties", false);
        return node;
    }

    private static ObjectNode property(ConnectorKeys.Spec spec) {
        ObjectNode p = JSON.createObjectNode();
        if (spec == null) {
            p.put("description", "kind-specific setting");
            return p;
        }
        p.put("description", spec.description());
        switch (spec.type()) {
            case STRING -> {
                p.put("type", "string");
                if (spec.pattern() != null) {
                    p.put("pattern", "^(?:" + spec.pattern() + ")$");
                }
                if (!spec.values().isEmpty()) {
                    ArrayNode e = p.putArray("enum");
                    spec.values().forEach(e::add);
                }
            }
            case INTEGER, NUMBER -> {
                p.put("type", spec.type() == ConnectorKeys.Type.INTEGER ? "integer" : "number");
                if (spec.min() != null) {
                    p.put("minimum", spec.min());
                }
                if (spec.max() != null) {
                    p.put("maximum", spec.max());
                }
            }
            case BOOLEAN -> p.put("type", "boolean");
            case STRING_MAP -> {
                p.put("type", "object");
                p.putObject("additionalProperties").putArray("type").add("string").add("number").add("boolean");
            }
            case OBJECT -> {
                p.put("type", "object");
                ObjectNode props = p.putObject("properties");
                for (Map.Entry<String, ConnectorKeys.Spec> f : spec.fields().entrySet()) {
                    props.set(f.getKey(), property(f.getValue()));
                }
                p.put("additionalProperties", false);
            }
        }
        return p;
    }
}
