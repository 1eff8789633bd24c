package io.insurebridge.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The offline commands; send and replay against a running application are in ConnectorKindsTest. */
public class CliTest {

    @TempDir Path dir;

    public record Run(int exit, String out, String err) {}

    public static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new Cli());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void validateAcceptsTheShippedFiles() {
        Run run = cli("validate", "--connectors", "connectors", "--mappings", "mappings");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("demo-hospital-mllp.yaml: ok (hl7-mllp-inbound 'demo-hospital')")
                .contains("mappings: ok (checksum ");
    }

    @Test
    void validateNamesEveryBadConnectorFileAndTheMappingLine() throws Exception {
        Path connectors = Files.createDirectories(dir.resolve("connectors"));
        Files.writeString(connectors.resolve("ok.yaml"), "kind: jms-outbound\nqueue: q\n");
        Files.writeString(connectors.resolve("a.yaml"), "kind: http-outbound\nurl: https://x\ntimeout-ms: soon\n");
        Files.writeString(connectors.resolve("b.yaml"), "kind: hl7-mllp-inbound\ninstitution: H33010000001\n");
        Path mappings = Files.createDirectories(dir.resolve("mappings"));
        for (String f : new String[] {"areas.csv", "institutions.csv", "catalog.csv", "crosswalk.csv", "diagnoses.csv"}) {
            Files.copy(Path.of("mappings", f), mappings.resolve(f));
        }
        Files.writeString(mappings.resolve("areas.csv"), Files.readString(mappings.resolve("areas.csv")) + "33AB00,Bad,330000\n");
        int badLine = (int) Files.readAllLines(mappings.resolve("areas.csv")).size();

        Run run = cli("validate", "--connectors", connectors.toString(), "--mappings", mappings.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("a.yaml: key 'timeout-ms': 'soon' is not a whole number")
                .contains("b.yaml: key 'port': is required for kind hl7-mllp-inbound")
                .contains("areas.csv:" + badLine + ": ");
        assertThat(run.out()).contains("ok.yaml: ok");
    }

    @Test
    void schemaPrintsTheGeneratedSchema() {
        Run run = cli("schema");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("\"$defs\"").contains("\"hl7-file-inbound\"");
    }

    @Test
    void sendToNobodyExitsTwo() throws Exception {
        Path msg = dir.resolve("m.hl7");
        Files.writeString(msg, "MSH|^~\\&|HIS|H1|IB|N|20261130||ADT^A04|C1|P|2.5.1\r");
        Run run = cli("send", "--port", String.valueOf(io.insurebridge.support.AppTestSupport.freePort()), msg.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("cannot reach");
    }

    @Test
    void postSendsTheResourceWithItsContentTypeAndReportsTheAnswer() throws Exception {
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer fhir = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        fhir.createContext("/fhir/Bundle", exchange -> {
            seen.add(exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            byte[] answer = "{\"resourceType\":\"OperationOutcome\"}".getBytes();
            exchange.sendResponseHeaders(seen.size() == 1 ? 201 : 422, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        fhir.start();
        try {
            Path bundle = dir.resolve("bundle.json");
            Files.writeString(bundle, "{\"resourceType\":\"Bundle\"}");
            String url = "http://127.0.0.1:" + fhir.getAddress().getPort() + "/fhir/Bundle";
            Run created = cli("post", url, bundle.toString(), "--token", "abc");
            assertThat(created.exit()).isZero();
            assertThat(created.out()).contains("POST " + url + " -> HTTP 201").contains("OperationOutcome");
            assertThat(seen.get(0)).isEqualTo("application/fhir+json Bearer abc {\"resourceType\":\"Bundle\"}");
            Run refused = cli("post", url, bundle.toString(), "--user", "demo-hospital:demo-hospital-fhir");
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.out()).contains("-> HTTP 422");
            assertThat(seen.get(1)).startsWith("application/fhir+json Basic " + java.util.Base64.getEncoder()
                    .encodeToString("demo-hospital:demo-hospital-fhir".getBytes()) + " ");
        } finally {
            fhir.stop(0);
        }
    }
}
