package io.insurebridge.support;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gives every test application its own data folder and an HL7 listener on a free port, so test contexts never
 * share a journal, a database or a socket.
 */
public final class AppTestSupport {

    private AppTestSupport() {}

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Registers data-dir, a connectors folder with one demo-hospital listener on mllpPort and the demo hospital's
     * FHIR client (TestAuth.FHIR_CLIENT), a private copy of the
     * demo mappings (tests may edit it) and a random HTTP port. Returns the base folder.
     */
    public static Path register(DynamicPropertyRegistry registry, String name, int mllpPort) {
        try {
            Path base = Files.createTempDirectory("insurebridge-" + name + "-");
            Path mappings = Files.createDirectories(base.resolve("mappings"));
            try (var files = Files.list(Path.of("mappings"))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, mappings.resolve(f.getFileName()));
                }
            }
            registry.add("insurebridge.mappings-dir", mappings::toString);
            Path connectors = Files.createDirectories(base.resolve("connectors"));
            Files.writeString(connectors.resolve("demo-hospital-mllp.yaml"), """
                    kind: hl7-mllp-inbound
                    name: demo-hospital
                    institution: H33010000001
                    host: 127.0.0.1
                    port: %d
                    charset: UTF-8
                    """.formatted(mllpPort));
            TestAuth.writeFhirClient(connectors);
            registry.add("insurebridge.data-dir", () -> base.resolve("data").toString());
            registry.add("insurebridge.connectors-dir", connectors::toString);
            registry.add("server.port", () -> "0");
            return base;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String resource(String path) {
        try (var in = AppTestSupport.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one segment field of an ACK, e.g. field(ack, "MSA", 1). */
    public static String field(String hl7, String segment, int n) {
        for (String line : hl7.split("[\r\n]+")) {
            if (line.startsWith(segment + "|")) {
                String[] f = line.split("\\|", -1);
                int index = segment.equals("MSH") ? n - 1 : n;
                return index < f.length ? f[index] : "";
            }
        }
        return null;
    }

    public static java.util.List<String> segments(String hl7, String segment) {
        return java.util.Arrays.stream(hl7.split("[\r\n]+")).filter(l -> l.startsWith(segment + "|")).toList();
    }
}
