package io.insurebridge.inbound.connector.delivery;

import io.insurebridge.inbound.connector.ConnectorDefinition;
import io.insurebridge.inbound.connector.ConnectorRegistry;
import io.insurebridge.inbound.hl7.AckCode;
import io.insurebridge.inbound.hl7.Hl7Intake;
import io.insurebridge.inbound.hl7.IntakeResult;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One HIS batch export file of an hl7-file-inbound connector: every message in it (one or many, with or without
 * FHS/BHS batch envelopes) goes through the same intake as an MLLP message. The ACKs are written beside the file
 * in done/ (all AA) or error/ (any AE/AR), where the route then moves the file.
 */
@Component("hl7FileIntake")
public class Hl7FileIntake implements Processor {

    /** done or error: the folder the template's move option uses */
    public static final String OUTCOME = "insurebridgeFileOutcome";

    private final Hl7Intake intake;
    private final ConnectorRegistry registry;

    public Hl7FileIntake(Hl7Intake intake, ConnectorRegistry registry) {
        this.intake = intake;
        this.registry = registry;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ConnectorDefinition c = registry.get(exchange.getProperty(DeliveryProperties.CONNECTOR, String.class));
        byte[] bytes = exchange.getIn().getBody(byte[].class);
        boolean allAccepted = true;
        ByteArrayOutputStream acks = new ByteArrayOutputStream();
        for (byte[] message : messages(bytes == null ? new byte[0] : bytes)) {
            IntakeResult result = intake.receive(c, message);
            allAccepted &= result.code() == AckCode.AA;
            acks.write(result.ack().replace("\r", "\r\n").getBytes(result.charset()));
        }
        String outcome = allAccepted ? "done" : "error";
        Path folder = Path.of(exchange.getIn().getHeader(Exchange.FILE_PARENT, String.class)).resolve(outcome);
        Files.createDirectories(folder);
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Files.write(folder.resolve(name + ".ack"), acks.toByteArray());
        exchange.setProperty(OUTCOME, outcome);
    }

    /**
     * Splits at every MSH segment; batch envelope segments (FHS, BHS, BTS, FTS) are dropped. Bytes are read as
     * ISO-8859-1 only to find the boundaries, so each message keeps its exact bytes for the intake's decoding.
     */
    public static List<byte[]> messages(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        List<byte[]> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\r\n|\r|\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.matches("^(FHS|BHS|BTS|FTS)\\|.*")) {
                continue;
            }
            if (trimmed.startsWith("MSH") && current.length() > 0) {
                result.add(current.toString().getBytes(StandardCharsets.ISO_8859_1));
                current.setLength(0);
            }
            current.append(line).append('\r');
        }
        if (current.length() > 0) {
            result.add(current.toString().getBytes(StandardCharsets.ISO_8859_1));
        }
        if (result.isEmpty()) {
            result.add(bytes);   // nothing recognisable: the intake answers AR
        }
        return result;
    }
}
