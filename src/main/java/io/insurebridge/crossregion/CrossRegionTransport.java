package io.insurebridge.crossregion;

import io.insurebridge.settlement.NodeProperties;
import jakarta.jms.TextMessage;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts a cross-region message on the local durable queue crossregion.&lt;peer&gt;; the peer-node connector's route
 * forwards it to the peer broker's inbound queue (store-and-forward: while the peer is unreachable the message
 * waits here, persistent). Repeated sends of one message are dropped by the broker's duplicate detection.
 */
@Component
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "insurebridge.roles.node", havingValue = "true",
        matchIfMissing = true)
public class CrossRegionTransport {
    /** ENVELOPE: a national envelope the peer's node answers (1101); SETTLE: an off-site visit to settle;
     *  RECONCILE: daily totals to compare; ANSWER: the answer to any of them. */
    public static final String TYPE = "xr_type";
    public static final String ID = "xr_id";
    public static final String FROM = "xr_from";
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    public static final String ENVELOPE = "ENVELOPE";
    public static final String SETTLE = "SETTLE";
    public static final String RECONCILE = "RECONCILE";
    /** 2208 / 2601 of an off-site settlement: the insured place's node reverses it and restores its person */
    public static final String REVERSE = "REVERSE";
    public static final String ANSWER = "ANSWER";

    private final JmsTemplate jms;
    private final CrossRegionProperties properties;
    private final NodeProperties node;

    public CrossRegionTransport(JmsTemplate jms, CrossRegionProperties properties, NodeProperties node) {
        this.jms = jms;
        this.properties = properties;
        this.node = node;
    }

    public void send(String peerAdmdvs, String type, String id, String body) {
        jms.send(properties.queueTo(peerAdmdvs), session -> {
            TextMessage m = session.createTextMessage(body);
            m.setStringProperty(TYPE, type);
            m.setStringProperty(ID, id);
            m.setStringProperty(FROM, node.admdvs());
            m.setStringProperty(DUPLICATE_ID, "xr-" + node.admdvs() + "-" + type + "-" + id);
            return m;
        });
    }
}
