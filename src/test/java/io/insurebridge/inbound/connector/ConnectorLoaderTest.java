package io.insurebridge.inbound.connector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectorLoaderTest {

    @TempDir Path dir;

    private void write(String name, String yaml) throws Exception {
        Files.writeString(dir.resolve(name), yaml);
    }

    @Test
    void shippedDemoConnectorLoads() {
        List<ConnectorDefinition> all = new ConnectorLoader().load(Path.of("connectors")).stream()
                .filter(c -> c.kind().equals(ConnectorDefinition.HL7_MLLP_INBOUND)).toList();
        assertThat(all).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("demo-hospital");
            assertThat(c.institution()).isEqualTo("H33010000001");
            assertThat(c.port()).isEqualTo(2575);
            assertThat(c.charset()).isEqualTo(StandardCharsets.UTF_8);
            assertThat(c.tls().enabled()).isFalse();
        });
    }

    @Test
    void nameDefaultsToTheFileNameAndConventionsAreKept() throws Exception {
        write("city-hospital.yaml", """
                kind: hl7-mllp-inbound
                institution: H33010000002
                port: 2576
                charset: GB18030
                conventions:
                  visitNumber: PV1-50
                """);
        ConnectorDefinition c = new ConnectorLoader().load(dir).get(0);
        assertThat(c.name()).isEqualTo("city-hospital");
        assertThat(c.charset().name()).isEqualTo("GB18030");
        assertThat(c.conventions()).containsEntry("visitNumber", "PV1-50");
    }

    @Test
    void badPortNamesFileAndKey() throws Exception {
        write("bad.yaml", "kind: hl7-mllp-inbound\ninstitution: H33010000001\nport: 99999\n");
        assertThatThrownBy(() -> new ConnectorLoader().load(dir))
                .hasMessage("bad.yaml: key 'port': must be a number from 1 to 65535");
    }

    @Test
    void unknownKeyInstitutionKindAndCharsetAreNamed() throws Exception {
        write("a.yaml", "kind: hl7-mllp-inbound\ninstitution: H33010000001\nport: 2600\nprot: 1\n");
        assertThatThrownBy(() -> new ConnectorLoader().load(dir)).hasMessageStartingWith("a.yaml: key 'prot': unknown key");
        Files.delete(dir.resolve("a.yaml"));

        write("b.yaml", "kind: hl7-mllp-inbound\ninstitution: X123\nport: 2600\n");
        assertThatThrownBy(() -> new ConnectorLoader().load(dir)).hasMessageContaining("b.yaml: key 'institution'");
        Files.delete(dir.resolve("b.yaml"));

        write("c.yaml", "kind: carrier-pigeon\ninstitution: H33010000001\nport: 2600\n");
        assertThatThrownBy(() -> new ConnectorLoader().load(dir)).hasMessageContaining("c.yaml: key 'kind'");
        Files.delete(dir.resolve("c.yaml"));

        write("d.yaml", "kind: hl7-mllp-inbound\ninstitution: H33010000001\nport: 2600\ncharset: KLINGON-1\n");
        assertThatThrownBy(() -> new ConnectorLoader().load(dir)).hasMessageContaining("d.yaml: key 'charset'");
        Files.delete(dir.resolve("d.yaml"));

        write("e.yaml", "kind: hl7-mllp-inbound\ninstitution: H33010000001\nport: 2600\ntls:\n  enabled: true\n");
        assertThatThrownBy(() -> new ConnectorLoader().load(dir)).hasMessage("e.yaml: key 'tls.keystore': is required when tls.enabled is true");
    }

    @Test
    void twoConnectorsOnOnePortAreRefused() throws Exception {
        write("a.yaml", "kind: hl7-mllp-inbound\ninstitution: H33010000001\nport: 2600\n");
        write("b.yaml", "kind: hl7-mllp-inbound\ninstitution: H33010000002\nport: 2600\n");
        assertThatThrownBy(() -> new ConnectorLoader().load(dir)).hasMessage("b.yaml: key 'port': 2600 is used by another connector");
    }

    @Test
    void pharmacyConnectorKindsNeedAPharmacyCodeOfTheRightFormat() throws Exception {
        write("east-1.yaml", """
                kind: pharmacy-http
                pharmacy: P33010000001
                url: http://pharmacy.example/api/rx
                """);
        ConnectorDefinition ok = new ConnectorLoader().load(dir).get(0);
        assertThat(ok.kind()).isEqualTo("pharmacy-http");
        assertThat(ok.setting("url", null)).isEqualTo("http://pharmacy.example/api/rx");

        write("east-2.yaml", """
                kind: pharmacy-file
                pharmacy: H33010000001
                directory: /tmp/rx
                """);
        assertThatThrownBy(() -> new ConnectorLoader().load(dir))
                .hasMessageContaining("east-2.yaml").hasMessageContaining("pharmacy")
                .hasMessageContaining("not a pharmacy code");
        write("east-2.yaml", """
                kind: pharmacy-jms
                pharmacy: P33010000002
                """);
        assertThatThrownBy(() -> new ConnectorLoader().load(dir)).hasMessageContaining("queue")
                .hasMessageContaining("required");
    }
}
