package io.insurebridge.inbound.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed schema and the connector kinds cannot drift apart. */
class ConnectorSchemaTest {

    @Test
    void committedSchemaIsTheOneGeneratedFromTheKinds() throws Exception {
        assertThat(Files.readString(Path.of("schemas/connector.schema.json")))
                .as("schemas/connector.schema.json is stale: regenerate it with "
                        + "`java -jar target/insurebridge-*.jar cli schema > schemas/connector.schema.json`")
                .isEqualTo(ConnectorSchema.generate());
    }

    @Test
    void everyKindHasOneDefinitionWithExactlyItsKeys() throws Exception {
        JsonNode defs = new ObjectMapper().readTree(ConnectorSchema.generate()).path("$defs");
        assertThat(defs.size()).isEqualTo(ConnectorKind.ALL.size());
        for (ConnectorKind kind : ConnectorKind.ALL.values()) {
            JsonNode def = defs.path(kind.name());
            assertThat(def.path("properties").path("kind").path("const").asText()).isEqualTo(kind.name());
            java.util.Set<String> keys = new java.util.TreeSet<>();
            def.path("properties").fieldNames().forEachRemaining(keys::add);
            assertThat(keys).isEqualTo(kind.keys());
            java.util.Set<String> required = new java.util.TreeSet<>();
            def.path("required").forEach(n -> required.add(n.asText()));
            java.util.Set<String> expected = new java.util.TreeSet<>(kind.required());
            expected.add("kind");
            assertThat(required).isEqualTo(expected);
            assertThat(def.path("additionalProperties").asBoolean(true)).isFalse();
        }
        assertThat(defs.path("hl7-mllp-inbound").path("properties").path("port").path("maximum").asInt())
                .isEqualTo(65535);
    }
}
