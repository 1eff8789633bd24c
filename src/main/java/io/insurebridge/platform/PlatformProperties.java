package io.insurebridge.platform;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Gateway-side settings for talking to the national platform (or a settlement node that speaks its interface).
 *
 * @param transport     jms (request-reply on the eligibility / settlement queues) or http (POST to {@code url})
 * @param timeout       how long a transaction may take before the HIS is told "pending"
 * @param connectTimeout HTTP connect timeout (http transport only)
 * @param url           the platform's (or node's) callService endpoint
 * @param replyQueue    this instance's own reply queue; must differ per gateway instance. Empty = a random name
 *                      per start, which is safe but leaves no stable queue to inspect
 * @param recerSysCode  envelope recer_sys_code (YBXT ordinary, LXXT retired cadres, GSX work injury)
 * @param infver        envelope infver
 * @param zone          the platform's clock zone: inf_time and the msgid timestamp are local time there
 * @param signNos       sign_no per institution code, from a 9001 sign-in done outside this product (may be empty)
 * @param psnSetlway    2206/2207 psn_setlway: 01 settle per item, 02 per fixed quota
 */
@ConfigurationProperties(prefix = "insurebridge.platform")
public record PlatformProperties(Transport transport, Duration timeout, Duration connectTimeout, String url,
                                 String replyQueue, String recerSysCode, String infver, ZoneId zone,
                                 Map<String, String> signNos, String psnSetlway) {

    public enum Transport { JMS, HTTP }

    public PlatformProperties {
        transport = transport == null ? Transport.JMS : transport;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(3) : connectTimeout;
        url = blank(url) ? "http://localhost:8080/fsi/api/callService" : url;
        recerSysCode = blank(recerSysCode) ? "YBXT" : recerSysCode;
        infver = blank(infver) ? "V1.0" : infver;
        zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
        signNos = signNos == null ? Map.of() : Map.copyOf(signNos);
        psnSetlway = blank(psnSetlway) ? "01" : psnSetlway;
    }

    /** All defaults: what tests and a plain start use. */
    public static PlatformProperties defaults() {
        return new PlatformProperties(null, null, null, null, null, null, null, null, null, null);
    }

    public PlatformProperties withTimeout(Duration newTimeout) {
        return new PlatformProperties(transport, newTimeout, connectTimeout, url, replyQueue, recerSysCode, infver,
                zone, signNos, psnSetlway);
    }

    public PlatformProperties withReplyQueue(String newReplyQueue) {
        return new PlatformProperties(transport, timeout, connectTimeout, url, newReplyQueue, recerSysCode, infver,
                zone, signNos, psnSetlway);
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }
}
