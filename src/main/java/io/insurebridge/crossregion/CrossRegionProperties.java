package io.insurebridge.crossregion;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings of cross-region settlement (prefix insurebridge.crossregion). Peers themselves are connector files of
 * kind peer-node.
 *
 * @param inboundQueue        queue of this node's broker where peers put requests and answers
 * @param queuePrefix         prefix of the local durable queue per peer: crossregion.&lt;admdvs&gt;
 * @param answerWait          how long a request waits for the peer's answer before its caller is told "pending"
 *                            (keep it longer than insurebridge.platform.timeout so the gateway times out first)
 * @param concurrentConsumers consumers of the inbound queue
 */
@ConfigurationProperties(prefix = "insurebridge.crossregion")
public record CrossRegionProperties(String inboundQueue, String queuePrefix, Duration answerWait,
                                    Integer concurrentConsumers) {
    public CrossRegionProperties {
        inboundQueue = inboundQueue == null || inboundQueue.isBlank() ? "crossregion.inbound" : inboundQueue;
        queuePrefix = queuePrefix == null || queuePrefix.isBlank() ? "crossregion." : queuePrefix;
        answerWait = answerWait == null ? Duration.ofSeconds(15) : answerWait;
        concurrentConsumers = concurrentConsumers == null ? 4 : concurrentConsumers;
    }

    public String queueTo(String admdvs) {
        return queuePrefix + admdvs;
    }
}
