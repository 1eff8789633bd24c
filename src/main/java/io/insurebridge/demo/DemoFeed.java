package io.insurebridge.demo;

import io.insurebridge.inbound.connector.ConnectorDefinition;
import io.insurebridge.inbound.connector.ConnectorRegistry;
import io.insurebridge.inbound.hl7.MllpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/**
 * With the demo profile: replays the sample HL7 files (samples/hl7, in name order) into the first HL7 listener
 * over a real MLLP socket, so a newcomer sees traffic flow. Control ids get a run suffix so every start is new.
 */
@Component
@ConditionalOnProperty(name = "insurebridge.demo.feed-enabled", havingValue = "true")
public class DemoFeed {

    private static final Logger log = LoggerFactory.getLogger(DemoFeed.class);

    private final ConnectorRegistry connectors;
    private final Path feedDir;

    public DemoFeed(ConnectorRegistry connectors, @Value("${insurebridge.demo.feed-dir:./samples/hl7}") Path feedDir) {
        this.connectors = connectors;
        this.feedDir = feedDir;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void replay() {
        List<ConnectorDefinition> listeners = connectors.enabled(ConnectorDefinition.HL7_MLLP_INBOUND);
        if (listeners.isEmpty() || !Files.isDirectory(feedDir)) {
            log.warn("demo feed: no HL7 listener or no folder {}", feedDir);
            return;
        }
        ConnectorDefinition target = listeners.get(0);
        String run = LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMddHHmmss"));
        Thread feed = new Thread(() -> send(target, run), "demo-feed");
        feed.setDaemon(true);
        feed.start();
    }

    private void send(ConnectorDefinition target, String run) {
        try (Stream<Path> files = Files.list(feedDir);
             MllpClient client = new MllpClient("127.0.0.1", target.port(), 30_000)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".hl7")).sorted().toList()) {
                String message = withRunSuffix(Files.readString(file, StandardCharsets.UTF_8), run);
                String ack = client.send(message, StandardCharsets.UTF_8);
                log.info("demo feed: {} -> {}", file.getFileName(), ackSummary(ack));
            }
        } catch (IOException e) {
            log.warn("demo feed stopped: {}", e.toString());
        }
    }

    /** Appends the run id to MSH-10 (and to the ZIN-10 batch that refers to it). */
    static String withRunSuffix(String message, String run) {
        return message.replaceAll("(DEMO-[A-Z0-9]+-\\d{4})", "$1-" + run);
    }

    private static String ackSummary(String ack) {
        return ack.lines().flatMap(l -> Stream.of(l.split("\r")))
                .filter(s -> s.startsWith("MSA") || s.startsWith("ERR") || s.startsWith("ZST"))
                .reduce((a, b) -> a + " / " + b).orElse(ack);
    }
}
