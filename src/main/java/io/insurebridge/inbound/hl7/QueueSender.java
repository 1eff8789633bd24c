package io.insurebridge.inbound.hl7;

import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Puts an accepted message on its durable queue, fire-and-forget (InOnly: traps.md warns a JMS to() inside an
 * MLLP route would otherwise wait for a reply). The broker's duplicate detection id is the store row id, so a
 * re-send of the same row is dropped by the broker, never a different message.
 */
@Component
public class QueueSender {

    public static final String HEADER_MESSAGE_ID = "InsureBridgeMessageId";
    public static final String HEADER_CONNECTOR = "InsureBridgeConnector";
    public static final String HEADER_MESSAGE_TYPE = "InsureBridgeMessageType";

    private final ProducerTemplate producer;

    public QueueSender(ProducerTemplate producer) {
        this.producer = producer;
    }

    public void send(String queue, long messageId, String connector, String messageType, String raw, int attempt) {
        producer.sendBodyAndHeaders("jms:queue:" + queue, ExchangePattern.InOnly, raw, Map.of(
                HEADER_MESSAGE_ID, messageId,
                HEADER_CONNECTOR, connector,
                HEADER_MESSAGE_TYPE, messageType,
                "_AMQ_DUPL_ID", "msg-" + messageId + "-" + attempt));
    }
}
