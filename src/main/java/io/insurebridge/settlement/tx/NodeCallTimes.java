package io.insurebridge.settlement.tx;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Platform time text (yyyy-MM-dd HH:mm:ss) of a stored instant, in the node's zone. */
final class NodeCallTimes {
    private static final DateTimeFormatter PLATFORM_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private NodeCallTimes() {}

    static String format(OffsetDateTime at, ZoneId zone) {
        return at == null ? "" : PLATFORM_TIME.format(at.atZoneSameInstant(zone));
    }
}
