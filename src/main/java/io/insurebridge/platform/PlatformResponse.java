package io.insurebridge.platform;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The national platform's response envelope: infcode 0 success / -1 failure, err_msg for the cashier,
 * warn_msg for a warning that still succeeded.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlatformResponse(int infcode, String inf_refmsgid, String refmsg_time, String respond_time,
                               String err_msg, String warn_msg, String cainfo, String signtype, ObjectNode output) {
    public static final int SUCCESS = 0;
    public static final int FAILURE = -1;

    public boolean success() { return infcode == SUCCESS; }
}
