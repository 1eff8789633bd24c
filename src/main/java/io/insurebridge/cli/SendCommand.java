package io.insurebridge.cli;

import io.insurebridge.inbound.connector.delivery.Hl7FileIntake;
import io.insurebridge.inbound.hl7.MllpClient;
import io.insurebridge.inbound.hl7.RawHl7;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** Sends HL7 files (one or many messages each) or every *.hl7 of a folder over MLLP and prints the ACKs. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send HL7 v2 file(s) or folder(s) over MLLP; prints each ACK; exit 1 on any AE/AR, 2 when "
                + "the listener cannot be reached.")
class SendCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE_OR_FOLDER")
    List<Path> paths;

    @Option(names = "--host", defaultValue = "localhost", description = "listener host (default ${DEFAULT-VALUE})")
    String host;

    @Option(names = {"-p", "--port"}, defaultValue = "2575", description = "listener port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--charset", defaultValue = "UTF-8", description = "charset of the files (default ${DEFAULT-VALUE})")
    String charset;

    @Option(names = "--timeout-ms", defaultValue = "30000", description = "ACK timeout (default ${DEFAULT-VALUE})")
    int timeoutMs;

    @Option(names = "--truststore", description = "PKCS12 truststore: connect with TLS")
    Path truststore;

    @Option(names = "--truststore-password", defaultValue = "", description = "truststore password")
    String truststorePassword;

    @Option(names = {"-q", "--quiet"}, description = "print one summary line per message instead of the whole ACK")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Charset cs = Charset.forName(charset);
        List<Path> files = files();
        if (files.isEmpty()) {
            err.println("no HL7 files in " + paths);
            return Cli.REFUSED;
        }
        int result = Cli.OK;
        try (MllpClient client = new MllpClient(socketFactory(), host, port, timeoutMs)) {
            for (Path file : files) {
                for (byte[] message : Hl7FileIntake.messages(Files.readAllBytes(file))) {
                    String text = new String(message, java.nio.charset.StandardCharsets.ISO_8859_1);
                    String ack = new String(client.sendBytes(message), cs);
                    RawHl7 parsed = RawHl7.of(ack);
                    String code = parsed.field("MSA", 1);
                    out.println(file.getFileName() + " " + RawHl7.of(text).controlId() + " -> " + code + " "
                            + parsed.field("MSA", 3));
                    if (!quiet) {
                        out.println(ack.replace("\r", System.lineSeparator()));
                    }
                    if (!"AA".equals(code) && !"CA".equals(code)) {
                        result = Cli.REFUSED;
                    }
                }
            }
        } catch (IOException e) {
            err.println("cannot reach " + host + ":" + port + ": " + e.getMessage());
            return Cli.UNREACHABLE;
        }
        out.flush();
        return result;
    }

    private List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> list = Files.list(p)) {
                    list.filter(f -> f.toString().endsWith(".hl7")).sorted().forEach(files::add);
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }

    private SocketFactory socketFactory() throws Exception {
        if (truststore == null) {
            return SocketFactory.getDefault();
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(truststore)) {
            trust.load(in, truststorePassword.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl.getSocketFactory();
    }
}
