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
    void everyNewKindLoadsWithItsDefaults() throws Exception {
        write("batch.yaml", "kind: hl7-file-inbound\ninstitution: H33010000001\ndirectory: /data/his\n");
        write("pharmacy.yaml", "kind: hl7-mllp-outbound\npharmacy: P33010000001\nhost: pharm.local\nport: 2600\n"
                + "max-retries: 3\nbackoff-multiplier: 1.5\n");
        write("agency.yaml", "kind: http-outbound\nurl: https://agency.example/records\nheaders:\n  X-Key: k\n");
        write("stats.yaml", "kind: jms-outbound\nqueue: statistics.records\n");
        write("export.yaml", "kind: file-outbound\ndirectory: /data/out\n");
        write("fhir.yaml", "kind: fhir-inbound\ninstitution: H33010000001\nauth:\n  username: his\n"
                + "  password: '{noop}s3cret'\n");
        write("peer.yaml", "kind: peer-node\nadmdvs: '330200'\nbroker: tcp://node-330200.example:61616\n");
        List<ConnectorDefinition> all = new ConnectorLoader().load(dir);
        assertThat(all).extracting(ConnectorDefinition::kind).containsExactly("http-outbound", "hl7-file-inbound",
                "file-outbound", "fhir-inbound", "peer-node", "hl7-mllp-outbound", "jms-outbound");
        ConnectorDefinition pharmacy = all.stream().filter(c -> c.name().equals("pharmacy")).findFirst().orElseThrow();
        assertThat(pharmacy.number("max-retries", 5)).isEqualTo(3);
        assertThat(pharmacy.decimal("backoff-multiplier", 2)).isEqualTo(1.5);
        assertThat(pharmacy.setting("pharmacy", null)).isEqualTo("P33010000001");
        assertThat(all.stream().filter(c -> c.name().equals("agency")).findFirst().orElseThrow().map("headers"))
                .containsEntry("X-Key", "k");
    }

    @Test
    void kindSpecificValuesAreCheckedWithFileKeyAndWhy() throws Exception {
        write("a.yaml", "kind: hl7-mllp-outbound\nhost: h\nport: 2600\npharmacy: X1\n");
        assertThatThrownBy(() -> new ConnectorLoader().load(dir))
                .hasMessage("a.yaml: key 'pharmacy': 'X1' does not match P[0-9]{11}");
        write("a.yaml", "kind: hl7-mllp-outbound\nhost: h\nport: 2600\nmax-retries: -1\n");
        assertThatThrownBy(() -> new ConnectorLoader().load(dir))
                .hasMessage("a.yaml: key 'max-retries': must be a number from 0 to 1000");
        write("a.yaml", "kind: fhir-inbound\ninstitution: H33010000001\nauth:\n  username: his\n");
        assertThatThrownBy(() -> new ConnectorLoader().load(dir))
                .hasMessage("a.yaml: key 'auth.password': HTTP Basic needs both username and password");
        write("a.yaml", "kind: fhir-inbound\ninstitution: H33010000001\nauth:\n  username: his\n  password: s3cret\n");
        assertThatThrownBy(() -> new ConnectorLoader().load(dir)).as("a clear password is refused, and not repeated")
                .hasMessage("a.yaml: key 'auth.password': the value does not match \\{[A-Za-z0-9_-]+\\}.+");
        write("a.yaml", "kind: fhir-inbound\ninstitution: H33010000001\nauth: {}\n");
        assertThatThrownBy(() -> new ConnectorLoader().load(dir))
                .hasMessage("a.yaml: key 'auth': give username and password, or certificate-subject, or both");
        write("a.yaml", "kind: fhir-inbound\ninstitution: H33010000001\nauth:\n  username: his\n  pin: 1\n");
        assertThatThrownBy(() -> new ConnectorLoader().load(dir)).hasMessageStartingWith("a.yaml: key 'auth.pin': unknown key");
        write("a.yaml", "kind: peer-node\nadmdvs: '3302'\nbroker: tcp://x:61616\n");
        assertThatThrownBy(() -> new ConnectorLoader().load(dir))
                .hasMessage("a.yaml: key 'admdvs': '3302' does not match [0-9]{6}");
        write("a.yaml", "kind: jms-outbound\n");
        assertThatThrownBy(() -> new ConnectorLoader().load(dir)).hasMessage("a.yaml: key 'queue': is required for kind jms-outbound");
    }

    @Test
    void twoFhirClientsWithOneLoginAreRefused() throws Exception {
        write("a.yaml", "kind: fhir-inbound\ninstitution: H33010000001\nauth:\n  username: his\n"
                + "  password: '{noop}a'\n");
        write("b.yaml", "kind: fhir-inbound\ninstitution: H33010000002\nauth:\n  certificate-subject: 'CN=x,O=y'\n");
        write("c.yaml", "kind: fhir-inbound\ninstitution: H33010000002\nauth:\n  username: his\n"
                + "  password: '{noop}b'\n");
        write("d.yaml", "kind: fhir-inbound\ninstitution: H33010000003\nauth:\n  certificate-subject: 'cn=x, o=y'\n");
        ConnectorLoader.Scan scan = new ConnectorLoader().scan(dir);
        assertThat(scan.connectors()).extracting(ConnectorDefinition::name).containsExactly("a", "b");
        assertThat(scan.errors().keySet()).containsExactly("c.yaml", "d.yaml");
        assertThat(scan.errors().get("d.yaml")).hasMessage("d.yaml: key 'auth': username or certificate-subject is "
                + "used by another FHIR client");
    }

    @Test
    void scanKeepsGoodFilesAndNamesEveryBadOne() throws Exception {
        write("good.yaml", "kind: jms-outbound\nqueue: q1\n");
        write("bad1.yaml", "kind: jms-outbound\nqueue: q1\nconcurrency: 0\n");
        write("bad2.yaml", "kind: jms-outbound\nqueue: [a, b]\n");
        ConnectorLoader.Scan scan = new ConnectorLoader().scan(dir);
        assertThat(scan.connectors()).extracting(ConnectorDefinition::name).containsExactly("good");
        assertThat(scan.errors().values()).extracting(Throwable::getMessage).containsExactly(
                "bad1.yaml: key 'concurrency': must be a number from 1 to 64",
                "bad2.yaml: key 'queue': must be a single value, not a list or map");
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
                .hasMessageContaining("east-2.yaml").hasMessageContaining("pharmacy");
        write("east-2.yaml", """
                kind: pharmacy-jms
                pharmacy: P33010000002
                """);
        assertThatThrownBy(() -> new ConnectorLoader().load(dir)).hasMessageContaining("queue")
                .hasMessageContaining("required");
    }
}
