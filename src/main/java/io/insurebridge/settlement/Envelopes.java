package io.insurebridge.settlement;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.platform.PlatformResponse;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** Builds the response envelope: inf_refmsgid, refmsg_time (received) and respond_time (answered). */
@Component
public class Envelopes {
    static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");
    static final int ERR_MSG_MAX = 200;

    private final NodeIds ids;
    private final NodeProperties properties;
    private final Clock clock;

    public Envelopes(NodeIds ids, NodeProperties properties) {
        this.ids = ids;
        this.properties = properties;
        this.clock = Clock.system(properties.zone());
    }

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    public PlatformResponse success(OffsetDateTime received, ObjectNode output, String warning) {
        OffsetDateTime now = now();
        return new PlatformResponse(PlatformResponse.SUCCESS, ids.refMsgId(now), time(received), time(now), null,
                warning, null, null, output == null ? NodeJson.object() : output);
    }

    public PlatformResponse failure(OffsetDateTime received, String errMsg) {
        OffsetDateTime now = now();
        String message = errMsg.length() > ERR_MSG_MAX ? errMsg.substring(0, ERR_MSG_MAX - 3) + "..." : errMsg;
        return new PlatformResponse(PlatformResponse.FAILURE, ids.refMsgId(now), time(received), time(now), message,
                null, null, null, NodeJson.object());
    }

    private String time(OffsetDateTime at) {
        return MILLIS.format(at.atZoneSameInstant(properties.zone()));
    }
}
