package io.insurebridge.settlement;

import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids the node hands out: division + yyyyMMddHHmmss + serial. The serial starts at a random point so two node
 * JVMs are very unlikely to collide; the database's unique keys are the guarantee.
 */
@Component
public class NodeIds {
    static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final long TEN_DIGITS = 10_000_000_000L;

    private final AtomicLong serial = new AtomicLong(new SecureRandom().nextLong(TEN_DIGITS));
    private final NodeProperties properties;

    public NodeIds(NodeProperties properties) {
        this.properties = properties;
    }

    /** inf_refmsgid: node division (6) + yyyyMMddHHmmss (14) + serial (10) = 30. */
    public String refMsgId(OffsetDateTime at) {
        return properties.admdvs() + stamp(at) + String.format("%010d", next());
    }

    /** mdtrt_id: care division + time + serial, 30 chars. */
    public String mdtrtId(String careAdmdvs, OffsetDateTime at) {
        return careAdmdvs + stamp(at) + String.format("%010d", next());
    }

    /** setl_id: "S" + node division + time + serial, 31 chars. */
    public String setlId(OffsetDateTime at) {
        return "S" + properties.admdvs() + stamp(at) + String.format("%010d", next());
    }

    private String stamp(OffsetDateTime at) {
        return SECONDS.format(at.atZoneSameInstant(properties.zone()));
    }

    private long next() {
        return Math.floorMod(serial.incrementAndGet(), TEN_DIGITS);
    }
}
