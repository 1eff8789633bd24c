package io.insurebridge.platform.gateway;

import java.time.OffsetDateTime;
import java.util.Optional;

import io.insurebridge.platform.PlatformJson;
import io.insurebridge.platform.PlatformRequest;
import io.insurebridge.platform.PlatformResponse;

/** One row of platform_calls: a transaction sent and what came back. */
public record PlatformCall(String msgid, String infno, String institutionCode, String visitNo, String mdtrtId,
                           String psnNo, String insuplcAdmdvs, String requestJson, String responseJson,
                           CallStatus status, Integer infcode, String errMsg, String reversedBy,
                           OffsetDateTime sentAt, OffsetDateTime answeredAt) {

    public PlatformRequest request() { return PlatformJson.read(requestJson, PlatformRequest.class); }

    /** The stored answer, so a repeated question gets the same answer without asking the platform again. */
    public Optional<PlatformResponse> response() {
        return responseJson == null ? Optional.empty()
                : Optional.of(PlatformJson.read(responseJson, PlatformResponse.class));
    }
}
